package jsonmsg

import (
	"encoding/json"
	"strings"
	"testing"
)

type inner struct {
	Value *string `json:"value"`
	N     int     `json:"n"`
	Num   json.Number
}

type outer struct {
	Fields []inner         `json:"fields"`
	Obj    map[string]int  `json:"obj"`
	Raw    json.RawMessage `json:"raw"`
	Flag   bool            `json:"flag"`
}

// TestDescribe: every error encoding/json gives for a bad input is said
// in JSON's words, with no Go type or package name.
func TestDescribe(t *testing.T) {
	tests := []struct{ in, want string }{
		{`5`, "the input is a number, want an object"},
		{`[1]`, "the input is an array, want an object"},
		{`"x"`, "the input is a string, want an object"},
		{`{"fields":{}}`, `"fields" is an object, want an array`},
		{`{"fields":[{"value":5}]}`, `"fields.value" is a number, want a string`},
		{`{"fields":[{"n":"5"}]}`, `"fields.n" is a string, want a number`},
		{`{"fields":[{"n":300000000000000000000}]}`, `"fields.n" is 300000000000000000000, out of range`},
		{`{"obj":[]}`, `"obj" is an array, want an object`},
		{`{"flag":1}`, `"flag" is a number, want true or false`},
		{`{"fields":[{"Num":"x"}]}`, `want a number, found "x"`},
		{`{"fields":[`, "the JSON ends before it is complete"},
		{`{"fields" 1}`, "not valid JSON at byte 11: invalid character '1' after object key"},
		{`{"feilds":[]}`, `unknown member "feilds"`},
	}
	for _, tt := range tests {
		dec := json.NewDecoder(strings.NewReader(tt.in))
		dec.DisallowUnknownFields()
		var v outer
		err := dec.Decode(&v)
		if err == nil {
			t.Fatalf("%s: decoded", tt.in)
		}
		got := Describe(err, "")
		if got != tt.want {
			t.Errorf("%s: %q\nwant %q (from %v)", tt.in, got, tt.want, err)
		}
		for _, leak := range []string{"Go ", "json:", "jsonmsg", "struct", "outer", "inner", "Number"} {
			if strings.Contains(got, leak) {
				t.Errorf("%s: %q names %q", tt.in, got, leak)
			}
		}
	}
}

func TestKind(t *testing.T) {
	for in, want := range map[string]string{
		`{}`: "an object", ` [1]`: "an array", `"s"`: "a string", `-1`: "a number",
		`true`: "true or false", `null`: "null", ``: "empty",
	} {
		if got := Kind([]byte(in)); got != want {
			t.Errorf("Kind(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDescribePath: a value read from inside the input is named by its path.
func TestDescribePath(t *testing.T) {
	var v outer
	err := json.Unmarshal([]byte(`{"fields":[{"n":true}]}`), &v)
	if got, want := Describe(err, "responseData"), `"responseData.fields.n" is true or false, want a number`; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	err = json.Unmarshal([]byte(`[]`), &v)
	if got, want := Describe(err, "responseData"), `"responseData" is an array, want an object`; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
