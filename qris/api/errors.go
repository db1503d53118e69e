package api

import (
	"errors"
	"strings"
)

// Sentinel errors, for errors.Is. What wraps them depends on who returns
// them, because only the decoders and Validate know a field to name:
//
//   - The strict decoders ([DecodeRequest], [ParseRequest],
//     [DecodeResponse], [ParseResponse], [UnmarshalStrict]) return a
//     *[FieldError], for errors.As. It wraps one sentinel, or two when a
//     status or fee payer is not a JSON string: [ErrUnknownStatus] or
//     [ErrUnknownFeePayer] with [ErrWrongType].
//   - [Request.Validate] returns a [FieldErrors]: one *[FieldError] per
//     problem, each wrapping one sentinel.
//   - [ParseStatus], [ParseFeePayer] and the MarshalJSON and UnmarshalJSON
//     methods of [Status] and [FeePayer] return a plain error, no
//     *[FieldError], wrapping [ErrUnknownStatus] or [ErrUnknownFeePayer];
//     UnmarshalJSON adds [ErrWrongType] for a value that is not a JSON
//     string. (json.Marshal hands MarshalJSON's error back inside a
//     *json.MarshalerError, which errors.Is sees through.)
//   - [VerifyResponse] returns a plain error wrapping [ErrNotResponse], not
//     one of these, and only when the body is no JSON object: whatever else
//     it finds is a problem in its list, not an error.
var (
	// ErrMalformed means the body is not one well-formed JSON object.
	ErrMalformed = errors.New("malformed JSON")
	// ErrTooLarge means the body is longer than the decoder accepts.
	ErrTooLarge = errors.New("too large")
	// ErrTrailingData means something other than white space follows the
	// JSON object.
	ErrTrailingData = errors.New("trailing data after the JSON object")
	// ErrUnknownField means the body names a field the contract does not
	// define (names are case-sensitive).
	ErrUnknownField = errors.New("unknown field")
	// ErrDuplicateField means one object names the same field twice; JSON
	// parsers disagree on which copy wins, so a signed body must not do it.
	ErrDuplicateField = errors.New("duplicate field")
	// ErrWrongType means a JSON value has the wrong kind (a string where a
	// number belongs, for example).
	ErrWrongType = errors.New("wrong JSON type")
	// ErrNotWhole means a number has a fraction or an exponent where the
	// contract wants a whole number (rupiah, minutes).
	ErrNotWhole = errors.New("not a whole number")
	// ErrOutOfRange means a number is outside the range the field allows.
	ErrOutOfRange = errors.New("out of range")
	// ErrNotPositive means a number that must be greater than zero is not.
	ErrNotPositive = errors.New("not positive")
	// ErrBadTime means a time is not RFC 3339 text.
	ErrBadTime = errors.New("not an RFC 3339 time")
	// ErrMissing means a mandatory field is absent or blank.
	ErrMissing = errors.New("missing")
	// ErrTooLong means a text field is longer than its bound.
	ErrTooLong = errors.New("too long")
	// ErrBadText means a text field holds invalid UTF-8 or control
	// characters.
	ErrBadText = errors.New("invalid text")
	// ErrBadURL means a URL is not an absolute http or https URL.
	ErrBadURL = errors.New("not an absolute http(s) URL")
	// ErrUnknownStatus means a status is not success, pending, expired or
	// failed.
	ErrUnknownStatus = errors.New("unknown status")
	// ErrUnknownFeePayer means a fee payer is not customer or merchant.
	ErrUnknownFeePayer = errors.New("unknown fee payer")
)

// FieldError says which field of a request or response is wrong and why.
// Field is the JSON path as the contract writes it ("amount",
// "additionalInfo.callback", "responseData.status"); it is empty when the
// problem concerns the body as a whole (malformed JSON, trailing data).
type FieldError struct {
	Field string
	Err   error
}

// Error names the field and says what is wrong with it.
func (e *FieldError) Error() string {
	field := e.Field
	if field == "" {
		field = "body"
	}
	return field + ": " + e.Err.Error()
}

// Unwrap returns the underlying error, which wraps one of the sentinels.
func (e *FieldError) Unwrap() error { return e.Err }

// FieldErrors is every problem [Request.Validate] found, in the order the
// contract lists the fields. errors.Is and errors.As look through all of
// them.
type FieldErrors []*FieldError

// Error joins every problem into one line, separated by "; ".
func (es FieldErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes each problem to errors.Is and errors.As.
func (es FieldErrors) Unwrap() []error {
	errs := make([]error, len(es))
	for i, e := range es {
		errs[i] = e
	}
	return errs
}
