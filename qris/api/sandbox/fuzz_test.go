package sandbox

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzBodyReaders: jsonEncode (the json_encode reading of a signature) and
// invalidUTF8 (which names the fields at fault) take any bytes without
// panicking; jsonEncode of valid JSON decodes to the same value and is
// its own fixed point; invalidUTF8 finds a fault exactly when the bytes
// are not UTF-8.
func FuzzBodyReaders(f *testing.F) {
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
		out, err := jsonEncode(body)
		var in any
		if err != nil || !utf8.Valid(body) || json.Unmarshal(body, &in) != nil {
			return
		}
		var back any
		if err := json.Unmarshal(out, &back); err != nil || !reflect.DeepEqual(in, back) {
			t.Fatalf("jsonEncode(%q) = %q (%v): not the same value", body, out, err)
		}
		if again, err := jsonEncode(out); err != nil || string(again) != string(out) {
			t.Fatalf("jsonEncode is not idempotent: %q then %q (%v)", out, again, err)
		}
	})
}
