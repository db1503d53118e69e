package qris

import (
	"errors"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// Documented paths of broken inputs: templates whose content is not TLV,
// a wrong checksum on a non-ASCII input, an input that does not parse.

// breakS1 returns S1 with old replaced by new and the checksum made right.
func breakS1(t *testing.T, old, new string) string {
	t.Helper()
	s1 := modelVectors(t)["S1"]
	content := s1[:len(s1)-8]
	if !strings.Contains(content, old) {
		t.Fatalf("%q not in S1", old)
	}
	return withCRC(strings.Replace(content, old, new, 1))
}

// TestToDynamicBrokenTemplate: a template of 26..51, 64 or 80..99 whose
// content is not TLV makes the input ErrNotQRIS, tagged with the template
// and wrapping the emv error that says why; ToStatic says the same.
func TestToDynamicBrokenTemplate(t *testing.T) {
	tests := []struct {
		tag, old, new string
	}{
		{"26", "26630017", "2663X017"},
		{"51", "51440014", "5144X014"},
		{"64", "62070703A01", "62070703A016406ABCDEF"},
		{"80", "62070703A01", "62070703A018006ABCDEF"},
		{"99", "62070703A01", "62070703A01990500021"},
	}
	for _, tt := range tests {
		in := breakS1(t, tt.old, tt.new)
		for name, convert := range map[string]func(string) (string, error){
			"ToDynamic": func(s string) (string, error) { return ToDynamic(s, DynamicOptions{Amount: "1"}) },
			"ToStatic":  ToStatic,
		} {
			got, err := convert(in)
			var e *Error
			var ee *emv.Error
			if !errors.Is(err, ErrNotQRIS) || !errors.As(err, &e) || e.Tag != tt.tag || !errors.As(err, &ee) || got != "" {
				t.Errorf("%s, broken %s: got %q, %v; want ErrNotQRIS on %s wrapping an *emv.Error", name, tt.tag, got, err, tt.tag)
			}
		}
	}
}

// TestDecodeBroken51: Decode reports a 51 that is not TLV wrapping
// emv.ErrNotTLV, decodes the rest, and encodes the input back as it was.
func TestDecodeBroken51(t *testing.T) {
	in := breakS1(t, "51440014", "5144X014")
	p, err := Decode(in)
	var ee *emv.Error
	if p == nil || !errors.Is(err, emv.ErrNotTLV) || !errors.As(err, &ee) || ee.Tag != "51" {
		t.Fatalf("got %v, %v; want a Payment and ErrNotTLV on 51", p, err)
	}
	if !p.National.IsZero() || p.MerchantName != "TOKO CONTOH" || len(p.MerchantAccounts) != 1 {
		t.Errorf("national %+v, name %q, %d accounts: want 51 left out, the rest decoded", p.National, p.MerchantName, len(p.MerchantAccounts))
	}
	if out, err := p.Encode(); err != nil || out != in {
		t.Errorf("Encode = %q, %v; want the input back", out, err)
	}
}

// TestConversionWrongCRCNonASCII: a wrong checksum on a non-ASCII input
// is ErrNotQRIS wrapping emv.ErrCRCMismatch, on each conversion.
func TestConversionWrongCRCNonASCII(t *testing.T) {
	in := breakS1(t, "5911TOKO CONTOH", "5911TOKO CONTÖH")
	crc := in[len(in)-4:]
	bad := in[:len(in)-4] + "0000"
	if crc == "0000" {
		bad = in[:len(in)-4] + "FFFF"
	}
	// The name breaks R27, so the checklist is off for the right input;
	// the wrong checksum is the conversion's own error, checklist or not.
	if _, err := ToDynamic(in, DynamicOptions{Amount: "1", NoCheck: true}); err != nil {
		t.Fatalf("the right input is refused: %v", err)
	}
	for name, convert := range map[string]func(string) (string, error){
		"ToDynamic": func(s string) (string, error) { return ToDynamic(s, DynamicOptions{Amount: "1"}) },
		"ToStatic":  ToStatic,
	} {
		got, err := convert(bad)
		if !errors.Is(err, ErrNotQRIS) || !errors.Is(err, emv.ErrCRCMismatch) || got != "" {
			t.Errorf("%s: got %q, %v; want ErrNotQRIS wrapping ErrCRCMismatch", name, got, err)
		}
	}
}

// TestToStaticUnparsable: an input that does not parse is ErrNotQRIS
// wrapping the emv error.
func TestToStaticUnparsable(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	tests := []struct {
		name, in string
		emvErr   error
	}{
		{"empty", "", emv.ErrEmpty},
		{"truncated", s1[:len(s1)-10], emv.ErrOverrun},
		{"tag not digits", "XX" + s1[2:], emv.ErrTagSyntax},
		{"not UTF-8", s1[:30] + "\xff" + s1[31:], emv.ErrUTF8},
	}
	for _, tt := range tests {
		got, err := ToStatic(tt.in)
		var ee *emv.Error
		if !errors.Is(err, ErrNotQRIS) || !errors.Is(err, tt.emvErr) || !errors.As(err, &ee) || got != "" {
			t.Errorf("%s: got %q, %v; want ErrNotQRIS wrapping %v", tt.name, got, err, tt.emvErr)
		}
	}
}
