package fuzz

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/qris/api"
)

// decodeSentinels are the errors DecodeRequest documents; validateSentinels
// those of Request.Validate.
var (
	decodeSentinels = []error{
		api.ErrMalformed, api.ErrTooLarge, api.ErrTrailingData, api.ErrUnknownField,
		api.ErrDuplicateField, api.ErrWrongType, api.ErrNotWhole, api.ErrOutOfRange,
	}
	validateSentinels = []error{
		api.ErrMissing, api.ErrNotPositive, api.ErrOutOfRange, api.ErrTooLong, api.ErrBadText, api.ErrBadURL,
	}
	requestFields = map[string]bool{
		"reference": true, "amount": true, "expiryMinutes": true, "viewName": true, "additionalInfo.callback": true,
	}
)

// wrapsOne reports how many of sentinels err wraps (the fuzz targets
// want exactly one).
func wrapsOne(err error, sentinels []error) int {
	n := 0
	for _, s := range sentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	return n
}

// apiSeeds are the contract's example request and bodies that reach each
// of the decoder's refusals.
func apiSeeds(f *testing.F) []string {
	example, err := os.ReadFile("../testdata/api-example-request.json")
	if err != nil {
		f.Fatal(err)
	}
	return []string{
		string(example),
		`{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http://your-site-callback.com/notify"}}`,
		`{"reference":"R","amount":1,"viewName":"V","additionalInfo":{"callback":"https://a.example"}}`,
		`{"amount":1e4}`,
		`{"amount":10000.0}`,
		`{"amount":9223372036854775808}`,
		`{"amount":1,"amount":2}`,
		`{"Reference":"R"}`,
		`{"expiryMinutes":null,"reference":"A\u00e9\"B"}`,
		`{"additionalInfo":{"callback":"ftp://x","secret":1}}`,
		`{"a":{"b":[1,2,{"c":null}]}}`,
		`{} {}`,
		`[1]`,
		"",
	}
}

// FuzzDecodeRequest: a body over MaxRequestBytes is ErrTooLarge; any other
// either decodes, or fails with a *FieldError
// naming a field of the request (or the body) and wrapping exactly one of
// the documented sentinels. What the strict decoder accepts, encoding/json
// reads the same way, ParseRequest agrees with DecodeRequest, and the
// request survives a JSON round trip. Validate returns nil or a FieldErrors
// whose every entry names a request field and wraps one of its sentinels.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range apiSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		req, err := api.DecodeRequest(strings.NewReader(in))
		if len(in) > api.MaxRequestBytes {
			if !errors.Is(err, api.ErrTooLarge) {
				t.Fatalf("%d bytes: %v, want ErrTooLarge", len(in), err)
			}
			return
		}
		parsed, perr := api.ParseRequest([]byte(in))
		if (err == nil) != (perr == nil) || !reflect.DeepEqual(req, parsed) {
			t.Fatalf("DecodeRequest %+v, %v; ParseRequest %+v, %v", req, err, parsed, perr)
		}
		if err != nil {
			var fe *api.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FieldError", err)
			}
			if n := wrapsOne(err, decodeSentinels); n != 1 {
				t.Fatalf("error %v wraps %d of DecodeRequest's sentinels, want 1", err, n)
			}
			if perr.Error() != err.Error() {
				t.Fatalf("DecodeRequest says %q, ParseRequest %q", err, perr)
			}
			return
		}
		var loose api.Request
		if err := json.Unmarshal([]byte(in), &loose); err != nil {
			t.Fatalf("strict accepted what encoding/json refuses: %v", err)
		}
		if !reflect.DeepEqual(req, loose) {
			t.Fatalf("strict %+v != loose %+v", req, loose)
		}
		out, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		again, err := api.ParseRequest(out)
		if err != nil || !reflect.DeepEqual(again, req) {
			t.Fatalf("%s reads back as %+v, %v", out, again, err)
		}
		verr := req.Validate()
		if verr == nil {
			return
		}
		var fes api.FieldErrors
		if !errors.As(verr, &fes) || len(fes) == 0 {
			t.Fatalf("Validate: %v is not a non-empty FieldErrors", verr)
		}
		seen := map[string]bool{}
		for _, fe := range fes {
			if !requestFields[fe.Field] || seen[fe.Field] {
				t.Fatalf("Validate names field %q (once more?) in %v", fe.Field, verr)
			}
			seen[fe.Field] = true
			if n := wrapsOne(fe, validateSentinels); n != 1 {
				t.Fatalf("%v wraps %d of Validate's sentinels, want 1", fe, n)
			}
		}
	})
}
