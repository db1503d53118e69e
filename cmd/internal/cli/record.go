package cli

import (
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
// takes as it is: ASCII from 0x20 up, except '"' and '\\'.
func plainPrefix(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}
