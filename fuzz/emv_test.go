package fuzz

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
	"github.com/sigurn/crc16"
)

var sigurnTable = crc16.MakeTable(crc16.CRC16_CCITT_FALSE)

// FuzzParse: no input panics; emv's checksum is sigurn/crc16's; whatever
// parses strictly re-encodes to itself, through String and through the
// Builder, carries the CRC ExpectedCRC gives it, and is Printable and ASCII
// exactly when its bytes are; every value that parses as a template has
// offsets inside the payload, and IsTLV agrees with Template.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := emv.Checksum([]byte(s)), crc16.Checksum([]byte(s), sigurnTable); got != want {
			t.Fatalf("Checksum = %04X, sigurn's = %04X", got, want)
		}
		_ = emv.ExpectedCRC(s) // any input: no panic
		lenient, lerr := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(s)
		p, err := emv.Parse(s)
		// A parse that skips the checksum reads what a full parse reads,
		// and refuses the same input unless only the checksum's value is
		// at fault. The sum in two pieces is the sum in one.
		skipped, serr := emv.Parser{SkipCRC: true}.Parse(s)
		crcValue := errors.Is(err, emv.ErrCRCMismatch) || errors.Is(err, emv.ErrCRCSyntax) || errors.Is(err, emv.ErrCRCCase)
		switch {
		case serr == nil && err != nil && !crcValue:
			t.Fatalf("SkipCRC parsed what Parse refused for another reason: %v", err)
		case serr != nil && fmt.Sprint(serr) != fmt.Sprint(err):
			t.Fatalf("SkipCRC: %v; Parse: %v", serr, err)
		case serr == nil && !slices.Equal(skipped.Fields(), p.Fields()):
			t.Fatalf("SkipCRC read %v, Parse %v", skipped.Fields(), p.Fields())
		}
		if serr == nil {
			body := s[:len(s)-len(skipped.CRC())]
			var d emv.Digest
			whole := d.UpdateString(body).Sum16()
			split := d.UpdateString(body[:len(body)/2]).UpdateString(body[len(body)/2:]).Sum16()
			if split != whole {
				t.Fatalf("Digest in two pieces %04X, in one %04X", split, whole)
			}
			if (err == nil) != (fmt.Sprintf("%04X", whole) == skipped.CRC()) {
				t.Fatalf("sum %04X against 63 %q, yet Parse says %v", whole, skipped.CRC(), err)
			}
		}
		if err != nil {
			var e *emv.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *emv.Error", err)
			}
			if e.Offset < 0 || e.Offset > utf8.RuneCountInString(s) {
				t.Fatalf("offset %d outside the input", e.Offset)
			}
			if lerr == nil && !errors.Is(err, emv.ErrCRCCase) && !errors.Is(err, emv.ErrTooLong) {
				t.Fatalf("lenient parsed what strict refused for another reason: %v", err)
			}
			return
		}
		if lerr != nil {
			t.Fatalf("strict parsed, lenient refused: %v", lerr)
		}
		if p.String() != s || lenient.String() != s {
			t.Fatal("String() differs from the input")
		}
		// The checksum a parsed payload carries is the one ExpectedCRC
		// gives it, with its 63 and without.
		if want := s[len(s)-4:]; emv.ExpectedCRC(s) != want || emv.ExpectedCRC(s[:len(s)-8]) != want {
			t.Fatalf("ExpectedCRC = %s, without 63 %s; the payload carries %s", emv.ExpectedCRC(s), emv.ExpectedCRC(s[:len(s)-8]), want)
		}
		printable, ascii := true, true
		for i := 0; i < len(s); i++ {
			printable = printable && s[i] >= 0x20 && s[i] <= 0x7E
			ascii = ascii && s[i] < 0x80
		}
		if p.Printable() != printable || lenient.Printable() != printable || p.ASCII() != ascii {
			t.Fatalf("Printable() = %v, lenient %v, ASCII() %v; the characters say %v, %v", p.Printable(), lenient.Printable(), p.ASCII(), printable, ascii)
		}
		var b emv.Builder
		fs := p.Fields()
		for _, fd := range fs[:len(fs)-1] {
			b.Add(fd.Tag, fd.Value)
		}
		again, err := b.Payload()
		if err != nil || again != s {
			t.Fatalf("rebuild = %q, %v", again, err)
		}
		n := utf8.RuneCountInString(s)
		for _, fd := range fs {
			subs, err := fd.Template()
			// IsTLV is the parse's walk written again without keeping
			// anything: it must agree.
			if emv.IsTLV(fd.Value) != (err == nil) {
				t.Fatalf("IsTLV(%q) = %v, Template error %v", fd.Value, emv.IsTLV(fd.Value), err)
			}
			if err != nil {
				continue
			}
			for _, sub := range subs {
				if sub.Offset <= fd.Offset || sub.Offset >= n {
					t.Fatalf("sub-object %s offset %d outside its template", sub.Path(), sub.Offset)
				}
				_, _ = sub.Template()
			}
		}
	})
}

// FuzzBuildParse: objects made from arbitrary bytes either are refused by
// the builder with an *emv.Error, or build into a payload that parses back to
// the same objects.
func FuzzBuildParse(f *testing.F) {
	f.Add([]byte{0, 1, 59, 5, 'H', 'e', 'l', 'l', 'o'}, "01")
	f.Add([]byte{62, 3, 'a', 'b', 'c', 99, 1, 'x'}, "北京")
	f.Add([]byte{}, "")
	f.Fuzz(func(t *testing.T, spec []byte, extra string) {
		type obj struct {
			tag   emv.Tag
			value string
		}
		var objs []obj
		for len(spec) >= 2 {
			tag, n := emv.Tag(spec[0]), int(spec[1])
			spec = spec[2:]
			n = min(n, len(spec))
			objs = append(objs, obj{tag, string(spec[:n])})
			spec = spec[n:]
		}
		if extra != "" {
			objs = append(objs, obj{64, extra})
		}
		var b emv.Builder
		for _, o := range objs {
			b.Add(o.tag, o.value)
		}
		s, err := b.Payload()
		if err != nil {
			var e *emv.Error
			if !errors.As(err, &e) {
				t.Fatalf("builder error %T is not *emv.Error", err)
			}
			return
		}
		p, err := emv.Parse(s)
		if err != nil {
			t.Fatalf("built %q does not parse: %v", s, err)
		}
		fs := p.Fields()
		if len(fs) != len(objs)+1 {
			t.Fatalf("%d objects back, %d built", len(fs)-1, len(objs))
		}
		for i, o := range objs {
			if fs[i].Tag != o.tag || fs[i].Value != o.value {
				t.Fatalf("object %d: got %s=%q, built %s=%q", i, fs[i].Tag, fs[i].Value, o.tag, o.value)
			}
		}
	})
}
