package cli

import (
	"math/bits"
	"strconv"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris"
)

// AppendRecord appends validate's JSON for one payload, and a newline:
// {"line":N,"valid":bool,"problems":[...]}, without "line" when line is 0.
// It is written by hand because bulk mode writes one a line, millions of
// times, and must not allocate for each.
func AppendRecord(b []byte, line int, valid bool, problems []qris.Problem) []byte {
	b = append(b, '{')
	if line > 0 {
		b = append(b, `"line":`...)
		b = strconv.AppendInt(b, int64(line), 10)
		b = append(b, ',')
	}
	b = append(b, `"valid":`...)
	b = strconv.AppendBool(b, valid)
	b = append(b, `,"problems":[`...)
	for i, p := range problems {
		if i > 0 {
			b = append(b, ',')
		}
		// The quotes around each string go with the constant text beside
		// them: one append instead of three.
		b = append(b, `{"rule":"`...)
		b = appendJSONChars(b, p.Rule)
		b = append(b, `","tag":"`...)
		b = appendJSONChars(b, p.Tag)
		b = append(b, `","offset":`...)
		b = strconv.AppendInt(b, int64(p.Offset), 10)
		// A severity's name is plain ASCII: no escaping to look for.
		b = append(b, `,"severity":"`...)
		b = append(b, p.Severity.String()...)
		b = append(b, `","message":"`...)
		b = appendJSONChars(b, p.Message)
		b = append(b, `"}`...)
	}
	return append(b, "]}\n"...)
}

// appendJSONChars appends s as the inside of a JSON string, escaping as
// encoding/json does (without its HTML escaping), except that backspace
// and form feed are written \u0008 and \u000c: quotes, backslashes,
// control characters, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONChars(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	for {
		// Messages are mostly plain ASCII: copy each run of it at once.
		i := plainPrefix(s)
		b = append(b, s[:i]...)
		if i == len(s) {
			return b
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			s = s[i+1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		s = s[i+size:]
	}
}

// plainPrefix returns the length of the longest prefix of s that JSON
// takes as it is: ASCII from 0x20 up, except '"' and '\\'. It tests eight
// bytes at a time, as a word, which is what makes the common case cheap,
// and finds the byte that stops it in the word, without a byte loop.
func plainPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := specialBytes(s[i : i+8]); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	if i == len(s) {
		return i
	}
	if len(s) >= 8 {
		// The last word again, overlapping what was read: its bytes before
		// i are plain, and flag nothing.
		j := len(s) - 8
		if m := specialBytes(s[j:]) >> (8 * (i - j)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		return len(s)
	}
	// Shorter than a word, as a rule ID or a tag is: the same test on the
	// 4-byte word at each end (they overlap below 8 bytes), or on one byte
	// from each end and the middle, which together are all of 1 to 3.
	var x uint32
	switch n := len(s); {
	case n >= 4:
		if m := specialBytes4(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24); m != 0 {
			return bits.TrailingZeros32(m) >> 3
		}
		x = uint32(s[n-4]) | uint32(s[n-3])<<8 | uint32(s[n-2])<<16 | uint32(s[n-1])<<24
		// Bytes 0..3 are plain: shift out the ones the word repeats.
		if m := specialBytes4(x) >> (8 * (8 - n)); m != 0 {
			return 4 + bits.TrailingZeros32(m)>>3
		}
		return n
	case n == 0:
		return 0
	default:
		// Byte 3 is a plain 'a', standing for no byte.
		x = uint32(s[0]) | uint32(s[n/2])<<8 | uint32(s[n-1])<<16 | 'a'<<24
	}
	if specialBytes4(x) == 0 {
		return len(s)
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}

// specialBytes4 is specialBytes for a word of 4 bytes, the first in the
// lowest byte.
func specialBytes4(x uint32) uint32 {
	const (
		ones  = 0x01010101
		highs = 0x80808080
	)
	q, bs := x^(ones*'"'), x^(ones*'\\')
	return (x | (x - ones*0x20) | (q-ones)&^q | (bs-ones)&^bs) & highs
}

// specialBytes flags, in the high bit of each of its bytes, the bytes of
// w (8 of them) that JSON does not take as they are: the lowest flag is
// the first such byte; flags above it may be false.
func specialBytes(w string) uint64 {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	w = w[:8] // one bounds check for the word; one load, once compiled
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	// With no high bit set, a byte below 0x20 borrows when 0x20 is taken
	// from it, and a byte equal to '"' or '\\' becomes 0 under the XOR and
	// borrows when 1 is taken from it. A borrow can only spread past a
	// byte that already matched, so the lowest set high bit is a byte to
	// escape (or a non-ASCII one).
	q, bs := x^(ones*'"'), x^(ones*'\\')
	return (x | (x - ones*0x20) | (q-ones)&^q | (bs-ones)&^bs) & highs
}
