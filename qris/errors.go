package qris

import (
	"errors"
	"strconv"
	"strings"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/internal/errtext"
)

// Sentinels wrapped by [*Error]. Test for them with errors.Is.
var (
	// ErrNotQRIS: the input is not a QRIS payload that can be converted: it
	// does not parse, its checksum is wrong, or it lacks what every QRIS has
	// (country ID, currency 360, a merchant account).
	ErrNotQRIS = errors.New("not a valid QRIS payload")
	// ErrAmount: an amount is not a positive number in the currency's format
	// (digits, at most one '.', at most 2 decimals, at most 13 characters).
	ErrAmount = errors.New("invalid amount")
	// ErrTip: the tip or convenience fee is out of range for its kind.
	ErrTip = errors.New("invalid tip or convenience fee")
	// ErrReference: a reference for template 62 is empty where it must not
	// be, longer than 25 characters, or holds a character outside printable
	// ASCII (or '|').
	ErrReference = errors.New("invalid reference")
	// ErrTooLong: the result is over a size bound: 99 characters for a
	// template, 512 for the payload.
	ErrTooLong = errors.New("too long")
	// ErrValue: a Payment holds something that cannot be written: a tag
	// outside the range of the list it sits in, or the same tag twice.
	ErrValue = errors.New("invalid payment value")
)

// Error is the error of the conversions and of [Payment.Encode]. It wraps one
// of the sentinels above and, where a lower layer failed, that layer's error
// (an [*emv.Error], say), so both errors.Is(err, ErrNotQRIS) and
// errors.As(err, &emvErr) work.
type Error struct {
	// Tag is the path of the object at fault ("54", "62.01"), or "" for the
	// payload as a whole.
	Tag string
	// Err is one of the package's sentinels.
	Err error
	// Detail says what was found, for people; it may be empty.
	Detail string
	// Cause is the lower layer's error, or nil.
	Cause error

	// restated: Err and Detail say all that Cause does, which the message
	// leaves out.
	restated bool
}

// Error says which tag is at fault and why, with the underlying cause.
func (e *Error) Error() string {
	tag := ""
	if e.Tag != "" {
		tag = "tag " + e.Tag
	}
	return errtext.Join("qris", tag, e.Err.Error(), e.Detail, e.cause())
}

// cause is the message of e.Cause as it reads after e's own. One package
// name leads the message; the cause's would repeat it mid-sentence
// ("qris: ...: emv: ..."). A cause e restates adds nothing. A builder's
// error about the same tag adds only what it found: its offset is in a
// payload that was never written.
func (e *Error) cause() string {
	var ce *emv.Error
	switch {
	case e.Cause == nil || e.restated:
		return ""
	case errors.As(e.Cause, &ce) && ce.Tag == e.Tag && e.Tag != "":
		return errtext.Join(ce.Err.Error(), ce.Detail)
	default:
		return strings.TrimPrefix(e.Cause.Error(), "emv: ")
	}
}

// tooLong is the ErrTooLong of a result of n characters where bound is
// the most: for template tag, or the payload when tag is "".
func tooLong(tag string, n, bound int) *Error {
	return &Error{Tag: tag, Err: ErrTooLong, Detail: strconv.Itoa(n) + " characters, the bound is " + strconv.Itoa(bound)}
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error { return errtext.Unwrap(e.Err, e.Cause) }

// builderError files an emv builder failure under this package's sentinels.
func builderError(err error) error {
	var e *emv.Error
	if !errors.As(err, &e) {
		return &Error{Err: ErrValue, Cause: err}
	}
	if errors.Is(err, emv.ErrValueTooLong) {
		// Said as tooLong says it; the builder's detail is the size.
		return &Error{Tag: e.Tag, Err: ErrTooLong, Detail: e.Detail + ", the bound is 99", Cause: err, restated: true}
	}
	if errors.Is(err, emv.ErrTooLong) {
		return &Error{Tag: e.Tag, Err: ErrTooLong, Cause: err}
	}
	return &Error{Tag: e.Tag, Err: ErrValue, Cause: err}
}
