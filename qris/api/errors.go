package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/qriskit/qriskit/qris"
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

// ErrTooManyPages means [Client.All] stopped before an empty page: at its
// bound, or because the gateway sent the same page twice.
var ErrTooManyPages = errors.New("too many pages")

// ErrNotResponse means the input is not a JSON object at all, so there is
// nothing to verify.
var ErrNotResponse = errors.New("not a JSON response object")

// The gateway's documented error codes, for errors.Is against an *[Error]
// (its Is method maps Error.Code to these). UNAUTHORIZED comes with 401
// (bad credentials) or 403 (a caller outside the project's IP ranges);
// Error.StatusCode tells them apart.
var (
	ErrCreateFailed        = errors.New("the switching service failed to create the transaction (CREATE_FAILED)")
	ErrUnauthorized        = errors.New("not authorized (UNAUTHORIZED)")
	ErrProductAccess       = errors.New("no access to the product (PRODUCT_ACCESS_ERROR)")
	ErrInsufficientBalance = errors.New("insufficient balance (INSUFFICIENT_BALANCE)")
	ErrPaymentInactive     = errors.New("payment inactive (PAYMENT_INACTIVE_ERROR)")
	ErrTransactionNotFound = errors.New("transaction not found (TRANSACTION_NOT_FOUND)")
	ErrDuplicateReference  = errors.New("reference already used (DUPLICATE_REFERENCE)")
	ErrRequestInvalid      = errors.New("request invalid (REQUEST_INVALID)")
	ErrPaymentInternal     = errors.New("payment internal error (PAYMENT_INTERNAL_ERROR)")
)

// The codes as the gateway writes them.
const (
	CodeCreateFailed        = "CREATE_FAILED"
	CodeUnauthorized        = "UNAUTHORIZED"
	CodeProductAccess       = "PRODUCT_ACCESS_ERROR"
	CodeInsufficientBalance = "INSUFFICIENT_BALANCE"
	CodePaymentInactive     = "PAYMENT_INACTIVE_ERROR"
	CodeTransactionNotFound = "TRANSACTION_NOT_FOUND"
	CodeDuplicateReference  = "DUPLICATE_REFERENCE"
	CodeRequestInvalid      = "REQUEST_INVALID"
	CodePaymentInternal     = "PAYMENT_INTERNAL_ERROR"
)

func sentinelOf(code string) error {
	switch code {
	case CodeCreateFailed:
		return ErrCreateFailed
	case CodeUnauthorized:
		return ErrUnauthorized
	case CodeProductAccess:
		return ErrProductAccess
	case CodeInsufficientBalance:
		return ErrInsufficientBalance
	case CodePaymentInactive:
		return ErrPaymentInactive
	case CodeTransactionNotFound:
		return ErrTransactionNotFound
	case CodeDuplicateReference:
		return ErrDuplicateReference
	case CodeRequestInvalid:
		return ErrRequestInvalid
	case CodePaymentInternal:
		return ErrPaymentInternal
	}
	return nil
}

// Error is a call the gateway refused: a status outside 2xx, or a 2xx
// whose envelope's responseCode says otherwise.
//
// The gateway does not document the shape of an error body, so
// [Client] reads it leniently. From a JSON object it takes the code from
// errorCode, code or error (the first that looks like a code: capitals,
// digits and '_'), the message from responseMessage, message or error,
// per-field problems from errors ([{"field","message"}]) and, for
// DUPLICATE_REFERENCE, the existing transaction from transactionId. An
// "error" that is itself an object is read the same way. Any other body
// (plain text, HTML from a proxy) becomes the Message, cut to 200
// characters; an empty one leaves the HTTP status text. Body always keeps
// the bytes as received.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the gateway's error code (DUPLICATE_REFERENCE, ...); empty
	// when the body carries none. No code is guessed from the status.
	Code string
	// Message is the gateway's message.
	Message string
	// Fields lists the fields at fault, when the body names them.
	Fields []ErrorField
	// TransactionID is the existing transaction a DUPLICATE_REFERENCE
	// names, when the body names it.
	TransactionID string
	// Body is the answer's body as received.
	Body []byte
}

// ErrorField is one field an error body names.
type ErrorField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error says what the gateway answered, in one line.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the gateway answered %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, f := range e.Fields {
		b.WriteString("; " + f.Field + ": " + f.Message)
	}
	if e.TransactionID != "" {
		b.WriteString(" (existing transaction " + e.TransactionID + ")")
	}
	return b.String()
}

// Is reports whether target is the sentinel of e.Code (see
// [ErrDuplicateReference] and the others).
func (e *Error) Is(target error) bool {
	s := sentinelOf(e.Code)
	return s != nil && s == target
}

// retryable reports whether the same call may succeed later: a 429 or a
// 5xx.
func (e *Error) retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// VerificationError is what [Client.CreateQRIS] returns when the
// gateway's answer fails [Verify]: the transaction as decoded, and every
// problem verification found (warnings too). A content that would charge
// the payer a different sum than the transaction says (A04, as the
// gateway's own example does) is one; so is any other error-severity
// problem but A11: an unknown status is a warning of the tolerant read
// (Extra.Warnings), not a reason to fail. With [ReturnProblems] the
// transaction comes back instead, the problems in its Extra.Problems.
type VerificationError struct {
	Transaction *Transaction
	Problems    []qris.Problem
}

// Error names the failing problems.
func (e *VerificationError) Error() string {
	var msgs []string
	for _, p := range e.Problems {
		if fatal(p) {
			msgs = append(msgs, p.Rule+" "+p.Tag+": "+p.Message)
		}
	}
	return "the gateway's answer fails verification: " + strings.Join(msgs, "; ")
}

// transportError is a try that got no complete answer, or a call given up
// on, said in the user's words: what failed and where ("could not reach
// api.sengo.id: connection refused"). Unwrap gives the underlying error
// (the http.Client's *url.Error and what it wraps, a syscall.Errno, a
// context error), so that errors.Is and errors.As still see it.
type transportError struct {
	msg string
	err error
}

func (e *transportError) Error() string { return e.msg }
func (e *transportError) Unwrap() error { return e.err }

// What the tolerant readers say of a body they cannot read at all: not an
// object, or a callback without the transaction's id or status.
var (
	errNotObject = errors.New("not a JSON object")
	errNoID      = errors.New("no id")
	errNoStatus  = errors.New("no status")
)
