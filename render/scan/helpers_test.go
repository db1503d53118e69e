package scan

import (
	"errors"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// The texts the tests draw and read back, and the one the benchmarks draw.
var (
	corpus         = testcorpus.Contents
	gatewayContent = testcorpus.GatewayExample
)

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
