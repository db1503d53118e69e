package api

import (
	"errors"
	"strings"
	"testing"
)

func intp(n int) *int { return &n }

func validRequest() Request {
	return Request{
		Reference:      "REFF012",
		Amount:         10000,
		ExpiryMinutes:  intp(30),
		ViewName:       "Merchant Name",
		AdditionalInfo: AdditionalInfo{Callback: "http://your-site-callback.com/notify"},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Request)
		field  string // "" means valid
		target error
	}{
		{"contract example", func(*Request) {}, "", nil},
		{"expiry absent", func(r *Request) { r.ExpiryMinutes = nil }, "", nil},
		{"https callback with port and query", func(r *Request) { r.AdditionalInfo.Callback = "https://shop.example:8443/cb?x=1" }, "", nil},
		{"upper-case scheme", func(r *Request) { r.AdditionalInfo.Callback = "HTTPS://shop.example/cb" }, "", nil},
		{"reference at bound", func(r *Request) { r.Reference = strings.Repeat("é", MaxReferenceLength) }, "", nil},
		{"amount 1", func(r *Request) { r.Amount = 1 }, "", nil},
		{"amount at bound", func(r *Request) { r.Amount = MaxAmount }, "", nil},
		{"expiry at bound", func(r *Request) { r.ExpiryMinutes = intp(MaxExpiryMinutes) }, "", nil},
		{"view name at bound", func(r *Request) { r.ViewName = strings.Repeat("a", MaxViewNameLength) }, "", nil},

		{"reference empty", func(r *Request) { r.Reference = "" }, "reference", ErrMissing},
		{"reference blank", func(r *Request) { r.Reference = " \t" }, "reference", ErrMissing},
		{"reference too long", func(r *Request) { r.Reference = strings.Repeat("a", MaxReferenceLength+1) }, "reference", ErrTooLong},
		{"reference control char", func(r *Request) { r.Reference = "REF\n1" }, "reference", ErrBadText},
		{"reference bad utf-8", func(r *Request) { r.Reference = "REF\xff" }, "reference", ErrBadText},
		{"amount zero", func(r *Request) { r.Amount = 0 }, "amount", ErrNotPositive},
		{"amount negative", func(r *Request) { r.Amount = -5 }, "amount", ErrNotPositive},
		{"amount over 13 digits", func(r *Request) { r.Amount = MaxAmount + 1 }, "amount", ErrOutOfRange},
		{"expiry zero", func(r *Request) { r.ExpiryMinutes = intp(0) }, "expiryMinutes", ErrNotPositive},
		{"expiry negative", func(r *Request) { r.ExpiryMinutes = intp(-1) }, "expiryMinutes", ErrNotPositive},
		{"expiry over a year", func(r *Request) { r.ExpiryMinutes = intp(MaxExpiryMinutes + 1) }, "expiryMinutes", ErrOutOfRange},
		{"view name empty", func(r *Request) { r.ViewName = "" }, "viewName", ErrMissing},
		{"view name too long", func(r *Request) { r.ViewName = strings.Repeat("a", MaxViewNameLength+1) }, "viewName", ErrTooLong},
		{"view name control char", func(r *Request) { r.ViewName = "Toko\x00" }, "viewName", ErrBadText},
		{"callback empty", func(r *Request) { r.AdditionalInfo.Callback = "" }, "additionalInfo.callback", ErrMissing},
		{"callback relative", func(r *Request) { r.AdditionalInfo.Callback = "/notify" }, "additionalInfo.callback", ErrBadURL},
		{"callback no host", func(r *Request) { r.AdditionalInfo.Callback = "http:///notify" }, "additionalInfo.callback", ErrBadURL},
		{"callback opaque", func(r *Request) { r.AdditionalInfo.Callback = "http:shop.example" }, "additionalInfo.callback", ErrBadURL},
		{"callback ftp", func(r *Request) { r.AdditionalInfo.Callback = "ftp://shop.example/x" }, "additionalInfo.callback", ErrBadURL},
		{"callback javascript", func(r *Request) { r.AdditionalInfo.Callback = "javascript:alert(1)" }, "additionalInfo.callback", ErrBadURL},
		{"callback unparsable", func(r *Request) { r.AdditionalInfo.Callback = "http://[::1" }, "additionalInfo.callback", ErrBadURL},
		{"callback port only", func(r *Request) { r.AdditionalInfo.Callback = "http://:80/x" }, "additionalInfo.callback", ErrBadURL},
		{"callback too long", func(r *Request) {
			r.AdditionalInfo.Callback = "https://shop.example/" + strings.Repeat("a", MaxCallbackLength)
		}, "additionalInfo.callback", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRequest()
			tt.edit(&r)
			err := r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.target) {
				t.Fatalf("Validate() = %v, want it to wrap %v", err, tt.target)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("Validate() = %v, want a FieldError for %q", err, tt.field)
			}
			if !strings.HasPrefix(err.Error(), tt.field+": ") {
				t.Errorf("message %q does not start with the field name", err)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	r := Request{ExpiryMinutes: intp(-3)}
	err := r.Validate()
	var errs FieldErrors
	if !errors.As(err, &errs) {
		t.Fatalf("Validate() = %T, want FieldErrors", err)
	}
	want := []string{"reference", "amount", "expiryMinutes", "viewName", "additionalInfo.callback"}
	if len(errs) != len(want) {
		t.Fatalf("got %d problems (%v), want %d", len(errs), err, len(want))
	}
	for i, f := range want {
		if errs[i].Field != f {
			t.Errorf("problem %d is about %q, want %q", i, errs[i].Field, f)
		}
	}
	for _, target := range []error{ErrMissing, ErrNotPositive} {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = false", target)
		}
	}
	if errors.Is(err, ErrBadURL) {
		t.Error("an empty callback is missing, not a bad URL")
	}
	wantMsg := "reference: missing; amount: not positive: 0 (want a positive whole number of rupiah); " +
		"expiryMinutes: not positive: -3 (leave it out to use the default); viewName: missing; additionalInfo.callback: missing"
	if err.Error() != wantMsg {
		t.Errorf("message:\n got %s\nwant %s", err, wantMsg)
	}
}
