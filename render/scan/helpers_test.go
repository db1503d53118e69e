package scan

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// corpus returns the payloads package render draws in its own tests: the
// real ones from the project's corpus, then the gateway's example content.
func corpus(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("../testdata/payloads.txt")
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) != 128 {
		tb.Fatalf("../testdata/payloads.txt has %d payloads, want the corpus's 128", len(lines))
	}
	return append(lines, gatewayContent(tb))
}

// gatewayContent is the gateway's example qris.content, 284 characters.
func gatewayContent(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../testdata/gateway-content.txt")
	if err != nil {
		tb.Fatal(err)
	}
	s := strings.TrimRight(string(b), "\n")
	if len(s) != 284 {
		tb.Fatalf("gateway content is %d characters, want 284", len(s))
	}
	return s
}

// wantErr checks that err is an *Error wrapping want, and that its message
// starts with want's own words, not with a Go name.
func wantErr(t *testing.T, err error, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error %v, want one wrapping %v", err, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	if e.Err != want {
		t.Errorf("Err %v, want %v", e.Err, want)
	}
	if !strings.HasPrefix(err.Error(), want.Error()) {
		t.Errorf("message %q does not start with %q", err, want)
	}
}
