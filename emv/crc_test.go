package emv

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/sigurn/crc16"
)

// TestUpdateIsSigurns holds emv's sliced loop to sigurn/crc16's byte loop:
// from any register, over bytes of any length (the 16-byte steps and the
// tail both), at any alignment.
func TestUpdateIsSigurns(t *testing.T) {
	table := crc16.MakeTable(crc16.CRC16_CCITT_FALSE)
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 2000
	props := gopter.NewProperties(params)
	props.Property("update(r, b) == crc16.Update(r, b)", prop.ForAll(
		func(r uint16, b []byte, from, n int) bool {
			b = b[from : from+n] // any alignment of the words, any length
			return update(r, b) == crc16.Update(r, b, table)
		},
		gen.UInt16(), gen.SliceOfN(616, gen.UInt8()), gen.IntRange(0, 15), gen.IntRange(0, 600),
	))
	props.Property("classify's class is every byte's", prop.ForAll(
		func(b []byte, odd byte, at int) bool {
			if at < len(b) {
				b[at] = odd // sometimes one byte of any value, anywhere
			}
			var want uint8
			for _, c := range b {
				want |= charClass(c)
			}
			return classify(b) == want
		},
		gen.SliceOf(gen.UInt8Range(0x20, 0x7E)), gen.UInt8(), gen.IntRange(0, 100),
	))
	props.Property("classify's class of any string is every byte's", prop.ForAll(
		func(s string) bool {
			var want uint8
			for i := 0; i < len(s); i++ {
				want |= charClass(s[i])
			}
			return classify([]byte(s)) == want
		},
		gen.OneGenOf(gen.AnyString(), gen.AlphaString()),
	))
	props.Property("a parse checks the checksum of everything before the 63's value", prop.ForAll(
		func(v, crc string) bool {
			n := utf8.RuneCountInString(v)
			if n == 0 || n > 99 || utf8.RuneCountInString(crc) != 4 {
				return true
			}
			body := "01" + fmt.Sprintf("%02d", n) + v + "6304"
			want := hex16(crc16.Checksum([]byte(body), table))
			_, err := Parse(body + crc)
			if crc == want {
				return err == nil
			}
			e, ok := errors.AsType[*Error](err)
			return ok && e.Tag == "63" && e.Computed == want
		},
		gen.OneGenOf(gen.AnyString(), gen.AlphaString()),
		gen.OneGenOf(gen.AnyString(), gen.RegexMatch("^[0-9A-F]{4}$"), gen.Const("é0ab")),
	))
	props.Property("Checksum(b) == crc16.Checksum(b)", prop.ForAll(
		func(b []byte) bool { return Checksum(b) == crc16.Checksum(b, table) },
		gen.SliceOf(gen.UInt8()),
	))
	props.TestingRun(t)

	// Every byte value at every place of strings of every length up to
	// 40, the last 4 bytes included, classes the string as it classes
	// alone. (The parse classes with and without SkipCRC alike: see
	// TestPrintable.)
	for n := range 41 {
		for c := range 256 {
			for at := range n {
				b := []byte(strings.Repeat("7", n))
				b[at] = byte(c)
				if class := classify(b); class != charClass(byte(c)) {
					t.Fatalf("%#x at %d of %d: class %#x, want %#x", c, at, n, class, charClass(byte(c)))
				}
			}
		}
		if class := classify([]byte(strings.Repeat("7", n))); class != 0 {
			t.Fatalf("%d printable bytes: class %#x", n, class)
		}
	}
	if charClass(0x1F) != 1 || charClass(0x20) != 0 || charClass(0x7E) != 0 || charClass(0x7F) != 1 || charClass(0x80) != 0x81 {
		t.Fatal("charClass's bounds moved")
	}

	// Every length up to four steps, over one buffer whose bytes all differ.
	buf := make([]byte, 64)
	for i := range buf {
		buf[i] = byte(i*37 + 11)
	}
	for n := range len(buf) + 1 {
		if got, want := update(0xFFFF, buf[:n]), crc16.Update(0xFFFF, buf[:n], table); got != want {
			t.Fatalf("%d bytes: %04X, sigurn %04X", n, got, want)
		}
	}
}

// charClass is the class of one byte, as classify defines it: the
// reference its properties compare with.
func charClass(c byte) uint8 {
	switch {
	case c >= 0x80:
		return classNotASCII | classNotPrintable
	case c < 0x20 || c == 0x7F:
		return classNotPrintable
	}
	return 0
}

func TestDigestMatchesChecksum(t *testing.T) {
	s := gatewayContent[:len(gatewayContent)-4]
	want := Checksum([]byte(s))
	if got := (Digest{}).UpdateString(s).Sum16(); got != want {
		t.Fatalf("whole: %04X, want %04X", got, want)
	}
	// In pieces of every size.
	for step := 1; step < len(s); step += 7 {
		var d Digest
		for i := 0; i < len(s); i += step {
			d = d.UpdateString(s[i:min(i+step, len(s))])
		}
		if got := d.Sum16(); got != want {
			t.Fatalf("pieces of %d: %04X, want %04X", step, got, want)
		}
	}
	if got := (Digest{}).Sum16(); got != Checksum(nil) {
		t.Fatalf("empty: %04X, want %04X", got, Checksum(nil))
	}
	if CRC("123456789") != "29B1" || (Digest{}).UpdateString("123456789").Sum16() != 0x29B1 {
		t.Fatal("check value of CRC-16/CCITT-FALSE")
	}
}

// TestSkipCRC: a parse that skips the checksum reads the same objects as
// one that checks it, and refuses nothing but what the checksum's value
// decides; the frame of 63 is still checked.
func TestSkipCRC(t *testing.T) {
	bad := gatewayContent[:len(gatewayContent)-4] + "0000"
	lower := gatewayContent[:len(gatewayContent)-4] + "36f3"
	good := gatewayContent
	// The sum of everything up to and including the last "6304".
	sum := func(s string) uint16 { return Digest{}.UpdateString(s[:strings.LastIndex(s, "6304")+4]).Sum16() }
	for _, tc := range []struct {
		name, s string
		ps      Parser
		want    error
	}{
		{"good", good, Parser{}, nil},
		{"mismatch", bad, Parser{}, ErrCRCMismatch},
		{"lowercase strict", lower, Parser{}, ErrCRCCase},
		{"lowercase allowed", lower, Parser{AllowLowercaseCRC: true}, nil},
		{"not hex", gatewayContent[:len(gatewayContent)-4] + "36G3", Parser{}, ErrCRCSyntax},
		// Four characters, five bytes: the frame holds, the value is not read.
		{"not hex, multi-byte", gatewayContent[:len(gatewayContent)-4] + "36é3", Parser{}, ErrCRCSyntax},
	} {
		t.Run(tc.name, func(t *testing.T) {
			skip := tc.ps
			skip.SkipCRC = true
			pl, err := skip.Parse(tc.s)
			if err != nil {
				t.Fatalf("SkipCRC parse: %v", err)
			}
			if len(pl.Fields()) != 13 {
				t.Fatalf("%d objects", len(pl.Fields()))
			}
			checked, parseErr := tc.ps.Parse(tc.s)
			if !errors.Is(parseErr, tc.want) || (tc.want == nil) != (parseErr == nil) {
				t.Fatalf("Parse: %v, want %v", parseErr, tc.want)
			}
			if !slices.Equal(pl.Fields(), checked.Fields()) || pl.String() != checked.String() {
				t.Fatalf("SkipCRC read %v, Parse %v", pl.Fields(), checked.Fields())
			}
			// A checksum error carries both values, the right sum included.
			if e, ok := errors.AsType[*Error](parseErr); ok && tc.want != nil {
				if e.Found != tc.s[strings.LastIndex(tc.s, "6304")+4:] || e.Computed != hex16(sum(tc.s)) {
					t.Fatalf("Found %q, Computed %q; want %q, %04X", e.Found, e.Computed, tc.s[strings.LastIndex(tc.s, "6304")+4:], sum(tc.s))
				}
			}
		})
	}
	// The frame is still checked with SkipCRC, with the errors of a parse.
	for _, tc := range []struct {
		s    string
		want error
	}{
		{"000201", ErrCRCMissing},
		{"63040000000201", ErrCRCNotLast},
		{"000201630312A", ErrCRCLength},
		{"", ErrEmpty},
	} {
		_, skipErr := (Parser{SkipCRC: true}).Parse(tc.s)
		if !errors.Is(skipErr, tc.want) {
			t.Errorf("SkipCRC %q: %v, want %v", tc.s, skipErr, tc.want)
		}
		if _, err := (Parser{}).Parse(tc.s); fmt.Sprint(err) != fmt.Sprint(skipErr) {
			t.Errorf("%q: SkipCRC says %v, Parse says %v", tc.s, skipErr, err)
		}
	}
}
