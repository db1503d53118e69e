package fuzz

import (
	"testing"

	"github.com/qriskit/qriskit/qris"
)

// FuzzConversionPaths: the conversions through emv.Builder write what the
// three engines they replace wrote, results and error texts alike, for any
// input and options.
func FuzzConversionPaths(f *testing.F) {
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
		got, err := qris.ToDynamic(s, o)
		want, werr := qris.ToDynamicOld(s, o)
		if got != want || errText(err) != errText(werr) {
			t.Fatalf("ToDynamic(%q, %+v):\n new %q, %v\n old %q, %v", s, o, got, err, want, werr)
		}
		got, err = qris.ToStatic(s)
		want, werr = qris.ToStaticOld(s)
		if got != want || errText(err) != errText(werr) {
			t.Fatalf("ToStatic(%q):\n new %q, %v\n old %q, %v", s, got, err, want, werr)
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
