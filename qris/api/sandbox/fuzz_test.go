package sandbox

import (
	"testing"
	"unicode/utf8"
)

// FuzzInvalidUTF8: invalidUTF8, which names the fields whose text is not
// UTF-8, takes any bytes without panicking and finds a fault exactly when
// the bytes are not UTF-8.
func FuzzInvalidUTF8(f *testing.F) {
	for _, s := range []string{
		`{"reference":"R","amount":10000,"viewName":"Caf\u00e9","additionalInfo":{"callback":"http://x/y"}}`,
		"{\n  \"a\": [1, \"/\", {\"b\": null, \"c\": true}],\n  \"d\": \"☕🍜\"\n}",
		`[1,2,[3,{}]]`, `"x"`, `{"a":1} {"b":2}`, "{\"a\":\"\xff\"}", "{\"\xc3\":1}", `{"a":`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if bad := invalidUTF8(body); (len(bad) > 0) == utf8.Valid(body) {
			t.Fatalf("invalidUTF8(%q) = %v", body, bad)
		}
	})
}
