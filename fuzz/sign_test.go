package fuzz

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris/api"
)

// phpSample puts fuzzed text where a request body carries text: a value,
// array elements and object keys, beside a number and a bool.
type phpSample struct {
	Reference string            `json:"reference"`
	Amount    int64             `json:"amount"`
	Tags      []string          `json:"tags"`
	Extra     map[string]string `json:"extra"`
	OK        bool              `json:"ok"`
}

// FuzzMarshalPHP: MarshalPHP is encoding/json plus PHP
// json_encode's documented escapes, for text in values, array elements and
// object keys (FuzzMarshalPHP checks one field's text). Its output decodes
// with encoding/json to the value it encoded, is ASCII, has no '/' outside
// an escape, and is byte for byte what phpReference writes; invalid UTF-8
// anywhere is ErrBadText.
func FuzzMarshalPHP(f *testing.F) {
	for _, s := range []struct{ a, b string }{
		{"", ""}, {"INV-0001", "https://example.com/callback?a=1&b=2"},
		{"a/b\\/c", `\ufffd`}, {"é北京", "😀𝄞"}, {"\u2028\u2029", "\u007f"},
		{"\x00\x01\x1f\"\\\b\f\n\r\t", "<>&'"}, {"\uFFFD", "k"}, {"\xff", "ok"},
		{"k", "\xed\xa0\x80"}, {strings.Repeat("/é", 300), "z"},
	} {
		f.Add(s.a, s.b, int64(15000), true)
	}
	f.Add("x", "y", int64(-1<<63), false)
	f.Fuzz(func(t *testing.T, a, b string, n int64, ok bool) {
		v := phpSample{Reference: a, Amount: n, Tags: []string{a, b}, Extra: map[string]string{a: b, "k": a}, OK: ok}
		got, err := api.MarshalPHP(v)
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			if !errors.Is(err, api.ErrBadText) {
				t.Fatalf("MarshalPHP of invalid UTF-8 = %q, %v; want ErrBadText", got, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("MarshalPHP: %v", err)
		}
		var back phpSample
		if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, v) {
			t.Fatalf("encoding/json reads %s as %+v, %v; want %+v", got, back, err, v)
		}
		for i := 0; i < len(got); i++ {
			switch c := got[i]; {
			case c >= utf8.RuneSelf:
				t.Fatalf("byte %#x at %d of %s is not ASCII", c, i, got)
			case c == '\\':
				i++ // the escaped character, '/' included
			case c == '/':
				t.Fatalf("unescaped '/' at %d of %s", i, got)
			}
		}
		if want := phpReference(v); string(got) != want {
			t.Fatalf("MarshalPHP = %s\nreference  %s", got, want)
		}
	})
}

// phpReference writes s as json_encode does with its default flags,
// from PHP's documentation rather than from encoding/json: fields in
// declared order, map keys sorted (as encoding/json orders them), and
// strings through phpString.
func phpReference(v phpSample) string {
	var b strings.Builder
	b.WriteString(`{"reference":` + phpString(v.Reference))
	b.WriteString(`,"amount":` + strconv.FormatInt(v.Amount, 10))
	b.WriteString(`,"tags":[`)
	for i, s := range v.Tags {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(phpString(s))
	}
	b.WriteString(`],"extra":{`)
	keys := make([]string, 0, len(v.Extra))
	for k := range v.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(phpString(k) + ":" + phpString(v.Extra[k]))
	}
	b.WriteString(`},"ok":` + strconv.FormatBool(v.OK) + "}")
	return b.String()
}

// phpString is json_encode's string: '"', '\\' and '/' behind a
// backslash, the five short control escapes, \u00xx for the other
// controls, and every rune outside ASCII as lowercase \uxxxx (a surrogate
// pair beyond the Basic Multilingual Plane). Everything else, DEL and
// "<>&'" included, is itself.
func phpString(s string) string {
	const hex = "0123456789abcdef"
	u := func(b *strings.Builder, r rune) {
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(hex[r>>shift&0xF])
		}
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= utf8.RuneSelf && r <= 0xFFFF:
			u(&b, r)
		case r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			u(&b, hi)
			u(&b, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
