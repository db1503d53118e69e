package qris

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/qriskit/qriskit/emv"
)

// layoutPayloads is every test payload plus those at the edges of the
// layouts a Payment keeps: more root objects than it records in place,
// multi-byte characters, and clean payloads whose templates break rules,
// so that the validator's probe fails and it reports from a real parse.
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
// exactly what validating its input does, in every mode, whether the
// decoded templates are reused or parsed again.
func TestPaymentValidateMatchesValidate(t *testing.T) {
	n := 0
	for _, s := range layoutPayloads(t) {
		for _, decode := range []func(string) (*Payment, error){Decode, DecodeLenient} {
			p, _ := decode(s)
			if p == nil {
				continue
			}
			n++
			for _, o := range valModes {
				if got, want := p.Validate(o), Validate(s, o); !slices.Equal(got, want) {
					t.Errorf("%+v %.50s...:\nPayment.Validate %v\nValidate         %v", o, s, got, want)
				}
			}
		}
	}
	if n < 200 {
		t.Fatalf("only %d payments decoded", n)
	}
}

// TestRootLayout: the root objects a Payment rebuilds from its layout are
// those the parser reads, offsets and paths included.
func TestRootLayout(t *testing.T) {
	beyond := 0
	for _, s := range layoutPayloads(t) {
		p, _ := DecodeLenient(s)
		if p == nil {
			continue
		}
		want, _ := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(s)
		if !p.lay.fits() {
			beyond++
		}
		for _, got := range []emv.Fields{p.root(nil), p.TLV().Fields()} {
			if !equalFields(got, want.Fields()) {
				t.Errorf("%.50s...: rebuilt %v\nparsed %v", s, got, want.Fields())
			}
		}
	}
	if beyond == 0 {
		t.Error("no payload had more root objects than the layout holds")
	}
}

// TestSubLayout: the template objects the validator rebuilds are those the
// parser reads (paths aside: they carry no parents), and only ASCII
// payloads are recorded.
func TestSubLayout(t *testing.T) {
	rebuilt := 0
	for _, s := range layoutPayloads(t) {
		p, _ := DecodeLenient(s)
		if p == nil {
			continue
		}
		var buf [maxSubObjects]emv.Field
		for k, f := range p.root(nil) {
			subs, ok := p.lay.rebuild(buf[:0], &f, k)
			if !ok {
				continue
			}
			rebuilt++
			if !p.lay.ascii {
				t.Errorf("%.50s...: a non-ASCII payload's template %s was recorded", s, f.Tag)
			}
			want, err := f.Template()
			if err != nil || len(subs) != len(want) {
				t.Fatalf("%.50s... %s: rebuilt %v, parsed %v (%v)", s, f.Tag, subs, want, err)
			}
			for i := range want {
				if subs[i].Value != want[i].Value || subs[i].Offset != want[i].Offset || subs[i].Tag != want[i].Tag {
					t.Errorf("%.50s... %s: object %d rebuilt %+v, parsed %+v", s, f.Tag, i, subs[i], want[i])
				}
			}
		}
	}
	if rebuilt < 200 {
		t.Errorf("only %d templates rebuilt", rebuilt)
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

// TestDecodeValidateAllocs: a Payment that does not outlive its caller
// lives on the stack, so decoding and validating the gateway example costs
// only its two lists (26..50 and the 62.99 kept in AdditionalData.Other).
func TestDecodeValidateAllocs(t *testing.T) {
	gateway := modelGateway(t)
	if n := testing.AllocsPerRun(100, func() {
		p, err := Decode(gateway)
		if err != nil || p.Validate(Options{}) != nil {
			t.Fatal(err)
		}
	}); n > 2 {
		t.Errorf("Decode and Validate allocate %v times, want at most 2", n)
	}
}

// TestPaymentSize: a Payment that outlives its caller is one allocation of
// the 768-byte size class (760 bytes and the allocator's 8-byte header).
func TestPaymentSize(t *testing.T) {
	if n := unsafe.Sizeof(Payment{}); n > 760 {
		t.Errorf("a Payment is %d bytes: over 760, it costs the 896-byte size class", n)
	}
}
