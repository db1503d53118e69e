package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// corpus returns the payloads render draws in its tests: the real ones
// from the module's corpus, then the gateway's example content.
func corpus(tb testing.TB) []string {
	tb.Helper()
	return append(testcorpus.CorpusPayloads(tb), testcorpus.GatewayExample(tb))
}

// gatewayContent is the gateway's example qris.content, 284 characters.
var gatewayContent = testcorpus.GatewayExample

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
