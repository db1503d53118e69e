package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit statuses. Scripts branch on them, so they never change meaning.
const (
	ExitOK      = 0 // success, or the input is valid
	ExitInvalid = 1 // the input was read and is invalid
	ExitUsage   = 2 // bad flags or arguments, or an I/O error
)

// ExitError carries the exit status a failure maps to, so that subcommands
// return errors like any Go function and only main turns them into a status.
type ExitError struct {
	Code int
	// Msg is what went wrong; "" when the subcommand has already said it
	// (validate printing its problems, say).
	Msg string
	// Hint says what to do next, on a second line.
	Hint string
	// Err is the underlying error, if any, for errors.Is in tests.
	Err error
}

func (e *ExitError) Error() string { return e.Msg }
func (e *ExitError) Unwrap() error { return e.Err }

// UsageError reports bad flags or arguments, pointing at the help.
func UsageError(cmd, format string, args ...any) error {
	hint := "run 'qris help' for the list of commands"
	if cmd != "" {
		hint = "run 'qris help " + cmd + "' for its flags and examples"
	}
	return &ExitError{Code: ExitUsage, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// IOError reports a file or stream that could not be read or written.
func IOError(err error, hint string) error {
	return &ExitError{Code: ExitUsage, Msg: err.Error(), Hint: hint, Err: err}
}

// ErrInvalidReported is returned when the problems are already on the
// output: the status is 1 and there is nothing more to say.
var ErrInvalidReported = &ExitError{Code: ExitInvalid}

// Report writes err for a person, on one or two lines, and returns the exit
// status it maps to. Errors that are not exitErrors are I/O failures.
func Report(w io.Writer, cmd string, err error) int {
	if err == nil {
		return ExitOK
	}
	prefix := "qris: "
	if cmd != "" {
		prefix = "qris " + cmd + ": "
	}
	var ee *ExitError
	if !errors.As(err, &ee) {
		fmt.Fprintf(w, "%s%s\n", prefix, withoutPackage(err.Error()))
		return ExitUsage
	}
	if ee.Msg != "" {
		fmt.Fprintf(w, "%s%s\n", prefix, withoutPackage(ee.Msg))
	}
	if ee.Hint != "" {
		fmt.Fprintf(w, "  %s\n", ee.Hint)
	}
	return ee.Code
}

// withoutPackage drops the package name an error of ours starts with
// ("render: PNG: ...", "qris: invalid amount ..."): after "qris render: "
// it says nothing more.
func withoutPackage(msg string) string {
	for _, p := range []string{"qris: ", "render: ", "emv: ", "api: ", "sandbox: "} {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return rest
		}
	}
	return msg
}
