package render

import (
	"errors"

	"github.com/qriskit/qriskit/internal/errtext"
)

// Sentinels wrapped by [*Error]. Test for them with errors.Is.
var (
	// ErrEmpty: there is no content to encode.
	ErrEmpty = errors.New("empty content")
	// ErrTooLong: the content does not fit in any QR code version at the
	// chosen error-correction level.
	ErrTooLong = errors.New("content too long for a QR code")
	// ErrOptions: a field of Options is out of range, a level name is
	// unknown, or the io.Writer is nil.
	ErrOptions = errors.New("bad options")
	// ErrWrite: the io.Writer failed; the writer's own error is wrapped too.
	ErrWrite = errors.New("cannot write the output")
)

// Error reports what went wrong in one of the package's functions.
type Error struct {
	// Op is the function that failed: "PNG", "SVG", "Sticker", ...
	Op string
	// Err is one of the package's sentinels.
	Err error
	// Detail says what was found and what to do about it; it may be empty.
	Detail string
	// Cause is the error from below (the writer), if any.
	Cause error
}

// Error says which function failed, why, and what to do about it.
func (e *Error) Error() string {
	return errtext.Join("render", e.Op, e.Err.Error(), e.Detail, errtext.Of(e.Cause))
}

// Unwrap returns the sentinel and, when there is one, the cause, so that
// errors.Is matches both ErrWrite and the writer's own error.
func (e *Error) Unwrap() []error { return errtext.Unwrap(e.Err, e.Cause) }
