package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit statuses. Scripts branch on them, so they never change meaning.
const (
	exitOK      = 0 // success, or the input is valid
	exitInvalid = 1 // the input was read and is invalid
	exitUsage   = 2 // bad flags or arguments, or an I/O error
)

// exitError carries the exit status a failure maps to, so that subcommands
// return errors like any Go function and only main turns them into a status.
type exitError struct {
	code int
	// msg is what went wrong; "" when the subcommand has already said it
	// (validate printing its problems, say).
	msg string
	// hint says what to do next, on a second line.
	hint string
	// err is the underlying error, if any, for errors.Is in tests.
	err error
}

func (e *exitError) Error() string { return e.msg }
func (e *exitError) Unwrap() error { return e.err }

// usageError reports bad flags or arguments, pointing at the help.
func usageError(cmd, format string, args ...any) error {
	hint := "run 'qris help' for the list of commands"
	if cmd != "" {
		hint = "run 'qris help " + cmd + "' for its flags and examples"
	}
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...), hint: hint}
}

// ioError reports a file or stream that could not be read or written.
func ioError(err error, hint string) error {
	return &exitError{code: exitUsage, msg: err.Error(), hint: hint, err: err}
}

// errInvalidReported is returned when the problems are already on the
// output: the status is 1 and there is nothing more to say.
var errInvalidReported = &exitError{code: exitInvalid}

// report writes err for a person, on one or two lines, and returns the exit
// status it maps to. Errors that are not exitErrors are I/O failures.
func report(w io.Writer, cmd string, err error) int {
	if err == nil {
		return exitOK
	}
	prefix := "qris: "
	if cmd != "" {
		prefix = "qris " + cmd + ": "
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		fmt.Fprintf(w, "%s%s\n", prefix, withoutPackage(err.Error()))
		return exitUsage
	}
	if ee.msg != "" {
		fmt.Fprintf(w, "%s%s\n", prefix, withoutPackage(ee.msg))
	}
	if ee.hint != "" {
		fmt.Fprintf(w, "  %s\n", ee.hint)
	}
	return ee.code
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
