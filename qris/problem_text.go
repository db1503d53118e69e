package qris

import (
	"strconv"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// The texts of a validation run's problems, messages and paths alike, are
// put together in one buffer, reused from text to text (and, through a
// Scratch, from payload to payload), and handed out as copies: a Problem is
// an ordinary value that stays true whatever runs next.

// text appends the concatenation of parts and returns it.
func (v *validator) text(parts ...string) string {
	v.grow()
	start := len(v.buf)
	for _, p := range parts {
		v.buf = append(v.buf, p...)
	}
	return v.view(start)
}

// quote appends s quoted as strconv.Quote does and returns it.
func (v *validator) quote(s string) string {
	v.grow()
	start := len(v.buf)
	if quotesAsIs(s) {
		// What strconv.AppendQuote writes, without its rune by rune walk:
		// most values quoted in messages are plain ASCII.
		v.buf = append(v.buf, '"')
		v.buf = append(v.buf, s...)
		v.buf = append(v.buf, '"')
	} else {
		v.buf = strconv.AppendQuote(v.buf, s)
	}
	return v.view(start)
}

// quotesAsIs reports whether strconv.Quote leaves every byte of s as it is:
// printable ASCII other than '"' and '\\'.
func quotesAsIs(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// itoa appends n in decimal and returns it.
func (v *validator) itoa(n int) string {
	v.grow()
	start := len(v.buf)
	v.buf = strconv.AppendInt(v.buf, int64(n), 10)
	return v.view(start)
}

// path returns the path of f ("54", "62.05", "62.99.01"). The templates f
// sits in are those being checked (see parseTemplate), so only the tags
// are joined, into the buffer.
func (v *validator) path(f *emv.Field) string {
	switch f.Depth() {
	case 0:
		return f.Tag.String()
	case 1:
		return v.text(v.tpl[0].String(), ".", f.Tag.String())
	}
	return v.text(v.tpl[0].String(), ".", v.tpl[1].String(), ".", f.Tag.String())
}

// grow gives the buffer room for the texts of a typical invalid payload
// in one allocation.
func (v *validator) grow() {
	if v.buf == nil {
		v.buf = make([]byte, 0, 512)
	}
}

// view returns a copy of the bytes of the buffer from start, and gives them
// back to the buffer.
func (v *validator) view(start int) string {
	b := v.buf[start:]
	v.buf = v.buf[:start]
	if s, ok := v.texts[string(b)]; ok {
		return s
	}
	s := string(b)
	if v.texts != nil && len(v.texts) < maxTexts {
		v.texts[s] = s
	}
	return s
}

// appendCodePoint appends r as U+XXXX, at least four uppercase hex digits.
func appendCodePoint(dst []byte, r rune) []byte {
	if r < 0 || r > utf8.MaxRune {
		r = utf8.RuneError
	}
	dst = append(dst, "U+"...)
	for shift := 20; shift >= 0; shift -= 4 {
		if shift < 16 || r>>shift != 0 {
			dst = append(dst, "0123456789ABCDEF"[r>>shift&15])
		}
	}
	return dst
}
