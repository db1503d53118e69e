// Package errtext builds the messages of the module's error types, which
// all read the same way: what failed, then why, each part after ": ".
package errtext

import "strings"

// Join returns the parts that are not empty, each after ": ": the
// message of an error read from what failed ("render", "PNG") to why
// (the sentinel's text, what was found, the cause's message).
func Join(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// Of returns err's message, or "" when err is nil.
func Of(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Unwrap returns the errors that are not nil: what an error type's
// Unwrap() []error returns, so that errors.Is and errors.As match its
// sentinel and its cause both.
func Unwrap(errs ...error) []error {
	out := make([]error, 0, len(errs))
	for _, e := range errs {
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}
