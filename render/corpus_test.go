package render

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

// failWriter fails every write, as a closed file or a dropped connection does.
type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

var errDisk = errors.New("disk full")

// wantErr checks that err is an *Error from op wrapping want.
func wantErr(t *testing.T, err error, op string, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error %v, want one wrapping %v", err, want)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	if e.Op != op {
		t.Errorf("Op %q, want %q", e.Op, op)
	}
	if !strings.HasPrefix(err.Error(), "render: "+op+": ") {
		t.Errorf("message %q does not start with the package and op", err)
	}
}
