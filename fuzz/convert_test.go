package fuzz

import (
	"strings"
	"testing"

	"github.com/qriskit/qriskit/qris"
)

// FuzzConversionModel: a conversion that succeeds writes what editing the
// decoded Payment writes: for a static input, ToDynamic is Decode, then
// 01 = "12", the amount, tip and references set, then Encode; for any
// input, ToStatic is Decode, then 01 = "11", 54..57, 62.01 and 62.05
// cleared, then Encode. (Until the conversions had one write path, this
// target held the new path to the three engines it replaced, results and
// error texts alike.)
func FuzzConversionModel(f *testing.F) {
	for i, s := range seeds(f) {
		tip := dynTips[i%len(dynTips)]
		f.Add(s, dynAmounts[i%len(dynAmounts)], dynRefs[i%len(dynRefs)], dynRefs[(i+1)%len(dynRefs)], dynRefs[(i+2)%len(dynRefs)],
			uint8(tip.Kind), string(tip.Value))
	}
	f.Fuzz(func(t *testing.T, s, amount, bill, ref, terminal string, tipKind uint8, tipValue string) {
		o := qris.DynamicOptions{
			Amount: amount, Tip: qris.Tip{Kind: qris.TipKind(tipKind), Value: qris.Amount(tipValue)},
			BillNumber: bill, ReferenceLabel: ref, TerminalLabel: terminal,
		}
		if got, err := qris.ToDynamic(s, o); err == nil {
			p, derr := qris.DecodeLenient(s)
			if derr != nil {
				t.Fatalf("ToDynamic took %q, which DecodeLenient refuses: %v", s, derr)
			}
			if !p.IsDynamic() {
				q, _ := qris.DecodeLenient(got)
				p.Initiation = qris.Dynamic
				p.Amount = q.Amount // canonical: ParseAmount's form is FuzzDynamic's
				if o.Tip.Kind != qris.TipNone {
					p.TipIndicator, p.ConvenienceFeeFixed, p.ConvenienceFeePercentage = q.TipIndicator, "", ""
					switch o.Tip.Kind {
					case qris.TipFixed:
						p.ConvenienceFeeFixed = q.ConvenienceFeeFixed
					case qris.TipPercentage:
						p.ConvenienceFeePercentage = o.Tip.Value
					}
				}
				ad := &p.AdditionalData
				for _, r := range []struct {
					v string
					f *string
				}{{bill, &ad.BillNumber}, {ref, &ad.ReferenceLabel}, {terminal, &ad.TerminalLabel}} {
					if r.v != "" {
						*r.f = r.v
					}
				}
				if want, err := p.Encode(); err != nil || !sameUpToCRCCase(want, got) {
					t.Fatalf("ToDynamic(%q, %+v) = %q; the edited Payment encodes to %q, %v", s, o, got, want, err)
				}
			}
		}
		if got, err := qris.ToStatic(s); err == nil {
			p, derr := qris.DecodeLenient(s)
			if derr != nil {
				t.Fatalf("ToStatic took %q, which DecodeLenient refuses: %v", s, derr)
			}
			p.Initiation, p.Amount, p.TipIndicator, p.ConvenienceFeeFixed, p.ConvenienceFeePercentage = qris.Static, "", "", "", ""
			p.AdditionalData.BillNumber, p.AdditionalData.ReferenceLabel = "", ""
			if want, err := p.Encode(); err != nil || !sameUpToCRCCase(want, got) {
				t.Fatalf("ToStatic(%q) = %q; the edited Payment encodes to %q, %v", s, got, want, err)
			}
		}
	})
}

// sameUpToCRCCase reports whether a and b differ at most in the case of the
// checksum: an unchanged Payment encodes to its input, whose checksum may
// be lowercase, while a conversion writes an uppercase one.
func sameUpToCRCCase(a, b string) bool {
	if len(a) != len(b) || len(a) < 4 {
		return a == b
	}
	n := len(a) - 4
	return a[:n] == b[:n] && strings.EqualFold(a[n:], b[n:])
}
