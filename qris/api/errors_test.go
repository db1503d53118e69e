package api_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/qriskit/qriskit/qris/api"
)

// TestErrorShapes checks what the sentinels' comment promises about each
// function's errors: which are a *FieldError (and naming what), and which
// sentinels each wraps.
func TestErrorShapes(t *testing.T) {
	parse := func(body string) error {
		_, err := api.ParseResponse([]byte(body))
		return err
	}
	var fs api.FieldErrors
	unmarshal := func(v any, in string) error { return json.Unmarshal([]byte(in), v) }
	_, verr := api.VerifyResponse([]byte(`[1]`), api.VerifyOptions{})
	_, perr := api.ParseRequest([]byte(`{"amount":1.5}`))
	tests := []struct {
		name       string
		err        error
		fieldError bool // errors.As finds a *FieldError
		field      string
		is         []error
		isNot      []error
	}{
		{"ParseRequest", perr, true, "amount", []error{api.ErrNotWhole}, []error{api.ErrWrongType}},
		{"ParseResponse status not a string", parse(`{"responseCode":200,"responseMessage":"ok","responseData":{"status":1}}`),
			true, "responseData.status", []error{api.ErrUnknownStatus, api.ErrWrongType}, nil},
		{"ParseResponse feePayer not a string", parse(`{"responseCode":200,"responseMessage":"ok","responseData":{"feePayer":true}}`),
			true, "responseData.feePayer", []error{api.ErrUnknownFeePayer, api.ErrWrongType}, nil},
		{"ParseResponse unknown status", parse(`{"responseCode":200,"responseMessage":"ok","responseData":{"status":"paid"}}`),
			true, "responseData.status", []error{api.ErrUnknownStatus}, []error{api.ErrWrongType}},
		{"UnmarshalStrict misuse", api.UnmarshalStrict([]byte(`{}`), fs), true, "", []error{api.ErrWrongType}, nil},
		{"Validate", api.Request{}.Validate(), true, "reference", []error{api.ErrMissing, api.ErrNotPositive}, nil},
		{"ParseStatus", func() error { _, err := api.ParseStatus("x"); return err }(), false, "", []error{api.ErrUnknownStatus}, []error{api.ErrWrongType}},
		{"ParseFeePayer", func() error { _, err := api.ParseFeePayer("x"); return err }(), false, "", []error{api.ErrUnknownFeePayer}, []error{api.ErrWrongType}},
		{"Status.UnmarshalJSON wrong type", unmarshal(new(api.Status), `1`), false, "", []error{api.ErrUnknownStatus, api.ErrWrongType}, nil},
		{"FeePayer.UnmarshalJSON unknown", unmarshal(new(api.FeePayer), `"bank"`), false, "", []error{api.ErrUnknownFeePayer}, []error{api.ErrWrongType}},
		{"Status.MarshalJSON", func() error { _, err := json.Marshal(api.Status("")); return err }(), false, "", []error{api.ErrUnknownStatus}, nil},
		{"FeePayer.MarshalJSON", func() error { _, err := json.Marshal(api.FeePayer("x")); return err }(), false, "", []error{api.ErrUnknownFeePayer}, nil},
		{"VerifyResponse", verr, false, "", []error{api.ErrNotResponse}, []error{api.ErrMalformed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error")
			}
			var fe *api.FieldError
			if got := errors.As(tt.err, &fe); got != tt.fieldError {
				t.Fatalf("errors.As(%v, *FieldError) = %v, want %v", tt.err, got, tt.fieldError)
			}
			if tt.fieldError && fe.Field != tt.field {
				t.Errorf("Field = %q, want %q", fe.Field, tt.field)
			}
			for _, s := range tt.is {
				if !errors.Is(tt.err, s) {
					t.Errorf("errors.Is(%v, %v) = false", tt.err, s)
				}
			}
			for _, s := range tt.isNot {
				if errors.Is(tt.err, s) {
					t.Errorf("errors.Is(%v, %v) = true", tt.err, s)
				}
			}
		})
	}
}
