package qris

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// layoutPayloads is every test payload plus those at the edges of what a
// Payment reads: more root objects than fit on the stack, multi-byte
// characters, and clean payloads whose templates break rules.
func layoutPayloads(t *testing.T) []string {
	t.Helper()
	out := valAllPayloads(t)
	s1 := modelVectors(t)["S1"]
	content := s1[:len(s1)-8]
	var many strings.Builder
	many.WriteString(content)
	for tag := 65; tag <= 99; tag++ {
		many.WriteString(emv.Tag(tag).String() + "01A")
	}
	gateway := modelGateway(t)
	gwContent := gateway[:len(gateway)-8]
	out = append(out,
		withCRC(many.String()),
		withCRC(content+"6418"+"0002id"+"0108Kopi Éé"),
		withCRC(content+"6406"+"0002ÉÉ"),
		withCRC(strings.Replace(gwContent, "0303UME51", "0303UMX51", 1)),
		withCRC(strings.Replace(gwContent, "ID.CO.QRIS.WWW", "ID.CO.QRIS.WWX", 1)),
		withCRC(strings.Replace(gwContent, "0709154039343", "07091540|9343", 1)),
		withCRC(strings.Replace(gwContent, "99190002000109", "99190002000209", 1)),
		withCRC(strings.Replace(gwContent, "26640017ID.CO.DANAMON.WWW01", "26640017ID..O.DANAMON.WWW01", 1)),
	)
	return out
}

// TestPaymentValidateMatchesValidate: validating a decoded Payment reports
// exactly what validating its input does, in every mode, when the decode
// read every root object (a wrong checksum and a template that is not TLV
// included), and what validating p.String() does otherwise.
func TestPaymentValidateMatchesValidate(t *testing.T) {
	n := 0
	for _, s := range layoutPayloads(t) {
		for _, decode := range []func(string) (*Payment, error){Decode, DecodeLenient} {
			p, _ := decode(s)
			if p == nil {
				continue
			}
			// A decode that stopped at a structural fault holds the
			// objects before it, and validates as what they encode to.
			in := s
			if p.String() != s {
				in = p.String()
			} else {
				n++
			}
			for _, o := range valModes {
				if got, want := p.Validate(o), Validate(in, o); !slices.Equal(got, want) {
					t.Errorf("%+v %.50s...:\nPayment.Validate %v\nValidate         %v", o, s, got, want)
				}
			}
		}
	}
	if n < 200 {
		t.Fatalf("only %d payments decoded", n)
	}
}

// TestPaymentRoot: the root objects Encode and TLV read from a decoded
// Payment are those the parser reads, offsets and paths included, however
// many there are.
func TestPaymentRoot(t *testing.T) {
	beyond := 0
	for _, s := range layoutPayloads(t) {
		p, _ := DecodeLenient(s)
		if p == nil {
			continue
		}
		want, _ := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(s)
		if len(want.Fields()) > rootInline {
			beyond++
		}
		for _, got := range []emv.Fields{p.root(nil), p.TLV().Fields()} {
			if !equalFields(got, want.Fields()) {
				t.Errorf("%.50s...: rebuilt %v\nparsed %v", s, got, want.Fields())
			}
		}
	}
	if beyond == 0 {
		t.Error("no payload had more root objects than fit on the stack")
	}
}

// TestPaymentValidateAfterEdits: Payment.Validate judges what the Payment
// now holds, not the input it was decoded from: an amount with a comma and
// a foreign country are reported as Validate reports them in p.String().
func TestPaymentValidateAfterEdits(t *testing.T) {
	for _, s := range modelStatics(t) {
		p, err := Decode(s)
		if err != nil {
			t.Fatal(err)
		}
		if ps := p.Validate(Options{}); len(ps) != 0 {
			t.Fatalf("%q: a clean static reports %v", s, ps)
		}
		p.Amount, p.CountryCode = "12,50", "SG"
		for _, o := range valModes {
			got, want := p.Validate(o), Validate(p.String(), o)
			if !slices.Equal(got, want) {
				t.Errorf("%+v %.50s...:\nPayment.Validate %v\nValidate         %v", o, s, got, want)
			}
			if o.Profile == ProfileQRIS && len(got) < 2 {
				t.Errorf("%+v: the edits report %v, want a problem for each", o, got)
			}
		}
	}
}

func equalFields(a, b emv.Fields) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Value != b[i].Value || a[i].Offset != b[i].Offset || a[i].Tag != b[i].Tag || a[i].Path() != b[i].Path() {
			return false
		}
	}
	return true
}

func TestIsReverseDomain(t *testing.T) {
	for s, want := range map[string]bool{
		"ID.CO.QRIS.WWW": true, "COM.GO-JEK.WWW": true, "a.b": true, "ID.co.9": true,
		"": false, "ID": false, "ID.": false, ".ID": false, "ID..CO": false, "ID.C_O": false,
		"ID.CO.QRIS.WWW ": false, "ID.CÖ": false, "..": false, "a.b|c": false, "A.B.": false,
	} {
		if got := isReverseDomain(s); got != want {
			t.Errorf("isReverseDomain(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPaymentValidateUnencodable: a Payment Encode refuses has one problem,
// Encode's reason under the rule the payload would break, never "the
// payload is empty".
func TestPaymentValidateUnencodable(t *testing.T) {
	for _, c := range []struct {
		name     string
		edit     func(*Payment)
		rule     string
		tag      string
		contains string
	}{
		{"value over 99", func(p *Payment) { p.MerchantName = strings.Repeat("A", 120) }, "R02", "59", "120 characters"},
		{"not UTF-8", func(p *Payment) { p.MerchantCity = "Jakarta\xff" }, "R01", "60", "UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode(modelGateway(t))
			if err != nil {
				t.Fatal(err)
			}
			c.edit(p)
			_, encErr := p.Encode()
			if encErr == nil {
				t.Fatal("Encode accepted the edit")
			}
			got := p.Validate(Options{})
			if len(got) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(got), got)
			}
			pr := got[0]
			if pr.Rule != c.rule || pr.Tag != c.tag || pr.Severity != SeverityError || !strings.Contains(pr.Message, c.contains) {
				t.Errorf("got %v, want rule %s tag %s with %q", pr, c.rule, c.tag, c.contains)
			}
			if strings.Contains(pr.Message, "empty") || strings.Contains(pr.Message, "offset") {
				t.Errorf("message %q speaks of an empty payload or an offset", pr.Message)
			}
		})
	}
}

// TestEncodeErrorNamesTagOnce: Encode's error about a value names the tag
// once and no offset in a payload that was never written.
func TestEncodeErrorNamesTagOnce(t *testing.T) {
	p, err := Decode(modelGateway(t))
	if err != nil {
		t.Fatal(err)
	}
	p.MerchantName = strings.Repeat("A", 120)
	_, err = p.Encode()
	if err == nil {
		t.Fatal("Encode accepted a 120-character name")
	}
	msg := err.Error()
	if strings.Count(msg, "59") != 1 || strings.Contains(msg, "offset") {
		t.Errorf("Encode error %q: want tag 59 named once and no offset", msg)
	}
	if !errors.Is(err, ErrTooLong) || !errors.Is(err, emv.ErrValueTooLong) {
		t.Errorf("Encode error %q does not match ErrTooLong and emv.ErrValueTooLong", msg)
	}
}
