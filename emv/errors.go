package emv

import (
	"errors"
	"strconv"

	"github.com/qriskit/qriskit/internal/errtext"
)

// Sentinels wrapped by [*Error]. Test for them with errors.Is.
var (
	ErrEmpty        = errors.New("empty payload")
	ErrTooLong      = errors.New("payload too long")
	ErrUTF8         = errors.New("invalid UTF-8")
	ErrTruncated    = errors.New("truncated data object")
	ErrTagSyntax    = errors.New("tag is not two digits")
	ErrLengthSyntax = errors.New("length is not two digits 01..99")
	ErrOverrun      = errors.New("value runs past the end")
	ErrDuplicate    = errors.New("duplicate tag")
	ErrCRCMissing   = errors.New("no CRC (tag 63)")
	ErrCRCNotLast   = errors.New("CRC (tag 63) is not the last object")
	ErrCRCLength    = errors.New("CRC (tag 63) length is not 04")
	ErrCRCSyntax    = errors.New("CRC (tag 63) is not 4 hex digits")
	ErrCRCMismatch  = errors.New("CRC mismatch")
	ErrCRCCase      = errors.New("CRC is right but written in lowercase hex")
	// ErrNotTLV is matched by every error found inside a template's value, in
	// addition to the specific sentinel (ErrOverrun, ErrTagSyntax, ...).
	ErrNotTLV = errors.New("template value is not TLV")

	// Builder errors.
	ErrTagRange     = errors.New("tag outside 00..99")
	ErrEmptyValue   = errors.New("empty value")
	ErrValueTooLong = errors.New("value longer than 99 characters")
	ErrCRCReserved  = errors.New("tag 63 is written by the builder")
	ErrNested       = errors.New("Payload called on a template builder")
)

// Error reports where a payload or a value being built went wrong.
type Error struct {
	// Offset is the character (rune) offset from the start of the payload of
	// the object at fault, or of the first bad character.
	Offset int
	// Tag is the path of the object at fault, such as "54" or "62.99.01",
	// or "" when the failure is not inside an object (an empty payload, say).
	Tag string
	// Err is one of the package's sentinels.
	Err error
	// Detail adds what was found, for people; it may be empty.
	Detail string
	// Found and Computed hold the checksum as written and as computed, for
	// ErrCRCMismatch, ErrCRCCase and ErrCRCSyntax.
	Found, Computed string

	inTemplate bool // found while parsing a template's value
}

// Error formats the error as "emv: tag T at offset N: what: detail".
func (e *Error) Error() string {
	at := "at offset " + strconv.Itoa(e.Offset)
	if e.Tag != "" {
		at = "tag " + e.Tag + " " + at
	}
	return errtext.Join("emv", at, e.Err.Error(), e.Detail)
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Is reports ErrNotTLV for any error found inside a template.
func (e *Error) Is(target error) bool {
	return target == ErrNotTLV && e.inTemplate
}
