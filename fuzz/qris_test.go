package fuzz

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// validateOptions are the four ways to validate: both profiles, lenient and
// strict.
var validateOptions = []qris.Options{
	{Profile: qris.ProfileQRIS}, {Profile: qris.ProfileQRIS, Strict: true},
	{Profile: qris.ProfileEMV}, {Profile: qris.ProfileEMV, Strict: true},
}

// problemTag is the form of Problem.Tag for a payload: a path of two-digit
// tags, or "" for the payload as a whole.
var problemTag = regexp.MustCompile(`^([0-9]{2}(\.[0-9]{2})*)?$`)

// validateBudget bounds the four validations of one input. Any input
// Validate looks at is at most emv.MaxLongLength characters, which a linear
// validator checks in microseconds; the bound only catches a blow-up.
const validateBudget = 250 * time.Millisecond

// FuzzValidate: for any string and each of the four Options, Validate
// returns quickly, sorted by offset, every offset inside [0, rune count],
// every problem with a known rule of the profile, a tag path, a message and
// the severity the rule table gives for the mode (R09 past what a QR holds is
// an error in both). The payload is invalid under every option whenever the
// lenient parse fails, whenever emv.Parse fails for anything but a lowercase
// CRC or the 512 bound, and whenever Decode finds a template that is not TLV.
// Strict mode only tightens: what is invalid lenient is invalid strict.
// Payment.Validate and ValidatePayload agree with Validate.
func FuzzValidate(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Add("")
	f.Add("\xff")
	f.Add(strings.Repeat("0", emv.MaxLongLength+1))
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		start := time.Now()
		var results [4][]qris.Problem
		for i, o := range validateOptions {
			results[i] = qris.Validate(s, o)
		}
		if d := time.Since(start); d > validateBudget {
			t.Fatalf("validating %d characters four times took %v", n, d)
		}

		var pl emv.Payload
		lenientErr := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.ParseInto(&pl, s)
		_, strictErr := emv.Parse(s)
		p, decErr := qris.DecodeLenient(s)
		mustFail := ""
		switch {
		case lenientErr != nil:
			mustFail = "the lenient parse fails: " + lenientErr.Error()
		case strictErr != nil && !errors.Is(strictErr, emv.ErrCRCCase) && !errors.Is(strictErr, emv.ErrTooLong):
			mustFail = "emv.Parse fails: " + strictErr.Error()
		case errors.Is(decErr, emv.ErrNotTLV):
			mustFail = "a template is not TLV: " + decErr.Error()
		}

		for i, o := range validateOptions {
			ps := results[i]
			checkProblems(t, ps, o, n)
			if mustFail != "" && qris.Valid(ps) {
				t.Fatalf("%+v: valid, yet %s", o, mustFail)
			}
			if lenientErr == nil {
				if again := qris.ValidatePayload(&pl, o); !slices.Equal(again, ps) {
					t.Fatalf("%+v: ValidatePayload %v, Validate %v", o, again, ps)
				}
			}
			if p != nil && decErr == nil {
				if again := p.Validate(o); !slices.Equal(again, ps) {
					t.Fatalf("%+v: Payment.Validate %v, Validate %v", o, again, ps)
				}
			}
		}
		for i := 0; i < 4; i += 2 {
			if !qris.Valid(results[i]) && qris.Valid(results[i+1]) {
				t.Fatalf("%+v: invalid lenient, valid strict: %v", validateOptions[i], results[i])
			}
		}
	})
}

// checkProblems checks what holds for every problem list Validate returns.
func checkProblems(t *testing.T, ps []qris.Problem, o qris.Options, n int) {
	t.Helper()
	for i, p := range ps {
		if i > 0 && p.Offset < ps[i-1].Offset {
			t.Fatalf("%+v: not sorted by offset: %v", o, ps)
		}
		if p.Offset < 0 || p.Offset > n {
			t.Fatalf("%+v: offset %d outside [0, %d]: %v", o, p.Offset, n, p)
		}
		r, ok := qris.LookupRule(p.Rule)
		if !ok {
			t.Fatalf("%+v: unknown rule in %v", o, p)
		}
		if r.Profile == qris.ProfileQRIS && o.Profile != qris.ProfileQRIS {
			t.Fatalf("%+v: QRIS rule reported under the EMV profile: %v", o, p)
		}
		want := r.Severity
		if o.Strict {
			want = r.StrictSeverity
		}
		// Past what a QR code holds, R09 is an error in both modes.
		if p.Severity != want && !(p.Rule == "R09" && p.Severity == qris.SeverityError && n > emv.MaxLongLength) {
			t.Fatalf("%+v: severity %v, the rule table says %v: %v", o, p.Severity, want, p)
		}
		if !problemTag.MatchString(p.Tag) || p.Message == "" {
			t.Fatalf("%+v: tag %q, message %q", o, p.Tag, p.Message)
		}
		_ = p.String()
	}
}

// canonicalOrder reports whether the objects of pl are in strictly
// ascending tag order at the root and inside every template the model
// decodes: then a Payment read back from JSON, which has no input order to
// keep, encodes to the same text.
func canonicalOrder(pl *emv.Payload) bool {
	ascending := func(fs emv.Fields) bool {
		for i := 1; i < len(fs); i++ {
			if fs[i].Tag <= fs[i-1].Tag {
				return false
			}
		}
		return true
	}
	fs := pl.Fields()
	if !ascending(fs) {
		return false
	}
	for _, fd := range fs {
		if t := fd.Tag; (t >= 26 && t <= 51) || t == 62 || t == 64 || t >= 80 {
			subs, err := fd.Template()
			if err != nil || !ascending(subs) {
				return false
			}
		}
	}
	return true
}

// FuzzDecodeEncode: whatever Decode accepts, Encode and String give back
// exactly, DecodeLenient accepts too and gives an Equal Payment, and the
// JSON form reads back into an Equal Payment whose encoding decodes to an
// Equal Payment again, and is the input itself when the input's objects
// are in ascending order. Whatever DecodeLenient reads without error,
// String gives back.
func FuzzDecodeEncode(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if lp, err := qris.DecodeLenient(s); err == nil && lp.String() != s {
			t.Fatalf("DecodeLenient: String() = %q", lp.String())
		}
		p, err := qris.Decode(s)
		if err != nil {
			return
		}
		out, err := p.Encode()
		if err != nil || out != s || p.String() != s {
			t.Fatalf("Encode() = %q, %v; String() = %q", out, err, p.String())
		}
		lp, err := qris.DecodeLenient(s)
		if err != nil || !lp.Equal(p) {
			t.Fatalf("DecodeLenient: %v", err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		var back qris.Payment
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(p) {
			t.Fatalf("%s reads back unequal: %v", b, err)
		}
		again, err := back.Encode()
		if err != nil {
			t.Fatalf("%s encodes with %v", b, err)
		}
		q, err := qris.Decode(again)
		if err != nil || !q.Equal(p) {
			t.Fatalf("%s encodes to %q, which decodes unequal: %v", b, again, err)
		}
		pl := p.TLV()
		if canonicalOrder(pl) && again != s {
			t.Fatalf("%s encodes to %q, not the input", b, again)
		}
		// An edit re-encodes to a payload that reads back with the edit and
		// nothing else changed (templates that were not TLV stay as they were).
		p.MerchantName = "EDITED"
		edited, err := p.Encode()
		if err != nil {
			return // refused with an error: fine (a name that no longer fits, say)
		}
		e, err := qris.DecodeLenient(edited)
		if err != nil && !errors.Is(err, emv.ErrNotTLV) {
			t.Fatalf("Encode after an edit gave %q: %v", edited, err)
		}
		if e != nil && e.MerchantName != "EDITED" {
			t.Fatalf("the edit was lost: %q", edited)
		}
	})
}

// Option values FuzzDynamic starts from: good ones, taken in turn with the
// payloads, and bad ones, each tried on the first payload.
var (
	dynAmounts = []string{"15000", "1000.50", "015000.", "1", "9999999999999", "250.5"}
	dynRefs    = []string{"", "INV-0001", "***", "A01", "x y"}
	dynTips    = []qris.Tip{
		{}, {Kind: qris.TipPrompt}, {Kind: qris.TipFixed, Value: "500"}, {Kind: qris.TipPercentage, Value: "2.5"},
	}
	badAmounts = []string{"", "0", "12,50", "1.234", "-1", "99999999999999"}
	badRefs    = []string{"A|B", strings.Repeat("x", 26), "caf\u00e9", "\x00"}
	badTips    = []qris.Tip{
		{Kind: qris.TipFixed, Value: "0"}, {Kind: qris.TipPercentage, Value: "100"}, {Kind: qris.TipUnknown},
		{Kind: qris.TipPrompt, Value: "1"}, {Value: "5"},
	}
	dynSentinels = []error{qris.ErrNotQRIS, qris.ErrAmount, qris.ErrTip, qris.ErrReference, qris.ErrTooLong, qris.ErrValue}
)

// dynamicSeeds returns the payloads of ../testdata that are valid QRIS
// (QRIS profile, lenient), static ones first: what ToDynamic is for.
func dynamicSeeds(f *testing.F) []string {
	var static, dynamic []string
	for _, s := range seeds(f) {
		p, err := qris.DecodeLenient(s)
		if err != nil || !qris.Valid(qris.Validate(s, qris.Options{})) {
			continue
		}
		if p.IsDynamic() {
			dynamic = append(dynamic, s)
		} else {
			static = append(static, s)
		}
	}
	if len(static) < 10 {
		f.Fatalf("only %d valid static QRIS in testdata", len(static))
	}
	return append(static, dynamic...)
}

// badReference reports whether v breaks the rule DynamicOptions gives for
// 62.01, 62.05 and 62.07: printable ASCII without '|', at most 25.
func badReference(v string) bool {
	if len(v) > 25 {
		return true
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c > 0x7e || c == '|' {
			return true
		}
	}
	return false
}

// FuzzDynamic: ToDynamic on any payload with any options either fails with
// a *qris.Error wrapping exactly one of qris's sentinels, one the options
// account for (never ErrAmount for an amount ParseAmount takes, never
// success with a bad reference or an unknown tip kind), or gives a payload
// that Decode accepts strictly, dynamic, carrying the amount's value and
// the tip and references asked for, derived from the input (IsDerived),
// and valid when the input was. When the input has template 51, ToStatic of
// the result succeeds, is static, keeps the merchant data of both and is
// valid when the result is; and, as documented, ToDynamic of the result
// equals ToDynamic of its ToStatic.
func FuzzDynamic(f *testing.F) {
	payloads := dynamicSeeds(f)
	for i, s := range payloads {
		tip := dynTips[i%len(dynTips)]
		f.Add(s, dynAmounts[i%len(dynAmounts)], dynRefs[i%len(dynRefs)], dynRefs[(i+1)%len(dynRefs)], dynRefs[(i+2)%len(dynRefs)],
			uint8(tip.Kind), string(tip.Value), i%3 == 0)
	}
	first := payloads[0]
	for _, a := range badAmounts {
		f.Add(first, a, "", "", "", uint8(0), "", false)
	}
	for _, r := range badRefs {
		f.Add(first, "1", r, "", "", uint8(0), "", false)
		f.Add(first, "1", "", "", r, uint8(0), "", false)
	}
	for _, tip := range badTips {
		f.Add(first, "1", "", "", "", uint8(tip.Kind), string(tip.Value), false)
	}
	f.Add(first[:len(first)-1], "1", "", "", "", uint8(0), "", false)
	f.Add("", "1", "", "", "", uint8(0), "", true)
	f.Fuzz(func(t *testing.T, static, amount, bill, ref, terminal string, tipKind uint8, tipValue string, validate bool) {
		o := qris.DynamicOptions{
			Amount: amount, Tip: qris.Tip{Kind: qris.TipKind(tipKind), Value: qris.Amount(tipValue)},
			BillNumber: bill, ReferenceLabel: ref, TerminalLabel: terminal, NoCheck: !validate,
		}
		d, err := qris.ToDynamic(static, o)
		if err != nil {
			checkConversionError(t, err)
			if _, perr := qris.ParseAmount(amount); perr == nil && errors.Is(err, qris.ErrAmount) {
				t.Fatalf("ParseAmount takes %q, ToDynamic says %v", amount, err)
			}
			return
		}
		if badReference(bill) || badReference(ref) || badReference(terminal) || o.Tip.Kind >= qris.TipUnknown {
			t.Fatalf("options %+v accepted", o)
		}
		p, err := qris.Decode(d)
		if err != nil {
			t.Fatalf("ToDynamic gave %q, which Decode refuses: %v", d, err)
		}
		if !p.IsDynamic() {
			t.Fatalf("%q is not dynamic", d)
		}
		if _, err := qris.ParseAmount(string(p.Amount)); err != nil || !p.Amount.Equal(qris.Amount(amount)) {
			t.Fatalf("amount %q written as %q: %v", amount, p.Amount, err)
		}
		ad := p.AdditionalData
		for _, c := range []struct{ asked, got string }{{bill, ad.BillNumber}, {ref, ad.ReferenceLabel}, {terminal, ad.TerminalLabel}} {
			if c.asked != "" && c.got != c.asked {
				t.Fatalf("reference %q written as %q", c.asked, c.got)
			}
		}
		if o.Tip.Kind != qris.TipNone {
			got := p.Tip()
			if got.Kind != o.Tip.Kind || (got.Kind == qris.TipFixed && !got.Value.Equal(o.Tip.Value)) ||
				(got.Kind == qris.TipPercentage && got.Value != o.Tip.Value) {
				t.Fatalf("tip %+v written as %+v", o.Tip, got)
			}
		}
		staticValid := qris.Valid(qris.Validate(static, qris.Options{}))
		if validate && !staticValid {
			t.Fatalf("Validate set, yet an invalid input was converted: %v", qris.Validate(static, qris.Options{}))
		}
		dynValid := qris.Valid(qris.Validate(d, qris.Options{}))
		if staticValid && !dynValid {
			t.Fatalf("a valid input gave an invalid %q: %v", d, qris.Validate(d, qris.Options{}))
		}
		mustDerive(t, static, d)

		st, err := qris.ToStatic(d)
		if _, has51 := p.TLV().Get(51); !has51 {
			if !errors.Is(err, qris.ErrNotQRIS) {
				t.Fatalf("ToStatic without 51: %q, %v", st, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("ToStatic(%q): %v", d, err)
		}
		sp, err := qris.Decode(st)
		if err != nil || sp.IsDynamic() || sp.Amount != "" || sp.TipIndicator != "" ||
			sp.AdditionalData.BillNumber != "" || sp.AdditionalData.ReferenceLabel != "" {
			t.Fatalf("ToStatic gave %q: %v", st, err)
		}
		if dynValid && !qris.Valid(qris.Validate(st, qris.Options{})) {
			t.Fatalf("a valid %q gave an invalid static %q: %v", d, st, qris.Validate(st, qris.Options{}))
		}
		mustDerive(t, d, st)
		mustDerive(t, static, st)
		o.NoCheck = true
		d1, err1 := qris.ToDynamic(d, o)
		d2, err2 := qris.ToDynamic(st, o)
		if d1 != d2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("ToDynamic of the result %q, %v; of its ToStatic %q, %v", d1, err1, d2, err2)
		}
	})
}

// checkConversionError checks an error of a conversion: the package's error
// type, wrapping exactly one of its sentinels.
func checkConversionError(t *testing.T, err error) {
	t.Helper()
	var e *qris.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *qris.Error", err)
	}
	if n := wrapsOne(err, dynSentinels); n != 1 {
		t.Fatalf("error %v wraps %d of qris's sentinels, want 1", err, n)
	}
}

// mustDerive fails unless IsDerived(a, b) holds without error.
func mustDerive(t *testing.T, a, b string) {
	t.Helper()
	ok, differ, err := qris.IsDerived(a, b)
	if err != nil || !ok || len(differ) != 0 {
		t.Fatalf("IsDerived(%q, %q) = %v, %v, %v", a, b, ok, differ, err)
	}
}
