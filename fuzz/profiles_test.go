package fuzz

import (
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// schemeOptions are the profiles beside QRIS and EMV, lenient and strict.
var schemeOptions = []qris.Options{
	{Profile: qris.ProfilePromptPay}, {Profile: qris.ProfilePromptPay, Strict: true},
	{Profile: qris.ProfileVietQR}, {Profile: qris.ProfileVietQR, Strict: true},
	{Profile: qris.ProfileAuto}, {Profile: qris.ProfileAuto, Strict: true},
}

// FuzzValidateProfiles: for any string, under PromptPay, VietQR and auto,
// lenient and strict, Validate returns quickly what FuzzValidate asks of
// every result (sorted, offsets inside, known rules of the profile applied
// with the table's severity, tag paths, messages); a payload whose lenient
// parse fails is invalid; strict only tightens; ValidatePayload agrees;
// and auto is the profile DetectProfile picks.
func FuzzValidateProfiles(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add("")
	f.Add("00020101021129370016A000000677010111011300668012345675802TH530376481040048630423F0") // TrueMoney's 81
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		start := time.Now()
		results := make([][]qris.Problem, len(schemeOptions))
		for i, o := range schemeOptions {
			results[i] = qris.Validate(s, o)
		}
		if d := time.Since(start); d > 2*validateBudget {
			t.Fatalf("validating %d characters six times took %v", n, d)
		}
		var pl emv.Payload
		lenientErr := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.ParseInto(&pl, s)
		detected := qris.DetectProfile(s)
		for i, o := range schemeOptions {
			ps := results[i]
			applied := o
			if o.Profile == qris.ProfileAuto {
				applied.Profile = detected
				if again := qris.Validate(s, applied); !slices.Equal(again, ps) {
					t.Fatalf("%+v: auto %v, %v %v", o, ps, detected, again)
				}
			}
			checkProblems(t, ps, applied, n)
			if lenientErr != nil && qris.Valid(ps) {
				t.Fatalf("%+v: valid, yet the lenient parse fails: %v", o, lenientErr)
			}
			if lenientErr == nil {
				if again := qris.ValidatePayload(&pl, o); !slices.Equal(again, ps) {
					t.Fatalf("%+v: ValidatePayload %v, Validate %v", o, again, ps)
				}
			}
		}
		for i := 0; i < len(results); i += 2 {
			if !qris.Valid(results[i]) && qris.Valid(results[i+1]) {
				t.Fatalf("%+v: invalid lenient, valid strict: %v", schemeOptions[i], results[i])
			}
		}
	})
}
