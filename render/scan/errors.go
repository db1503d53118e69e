package scan

import (
	"errors"

	"github.com/qriskit/qriskit/internal/errtext"
)

// Sentinels wrapped by [*Error]. Test for them with errors.Is.
var (
	// ErrNotImage: the input is not a PNG, JPEG or GIF image, nor base64
	// or a data URI holding one, or the image is too large to decode.
	ErrNotImage = errors.New("not an image")
	// ErrNoCode: the image holds no readable QR code.
	ErrNoCode = errors.New("no QR code found")
	// ErrMultipleCodes: the image holds QR codes with different texts, so
	// there is no one answer.
	ErrMultipleCodes = errors.New("several QR codes found")
)

// Error reports why an image gave no text.
type Error struct {
	// Err is one of the package's sentinels.
	Err error
	// Detail says what was found and what to do about it; it may be empty.
	Detail string
	// Cause is the image decoder's own error, if any.
	Cause error
}

// Error says what went wrong and what to do about it, in the words of
// someone holding the image.
func (e *Error) Error() string {
	return errtext.Join(e.Err.Error(), e.Detail, errtext.Of(e.Cause))
}

// Unwrap returns the sentinel and, when there is one, the cause, so that
// errors.Is matches both ErrNotImage and, say, io.ErrUnexpectedEOF.
func (e *Error) Unwrap() []error { return errtext.Unwrap(e.Err, e.Cause) }
