package render

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// corpus returns every payload in testdata: the real ones from the project's
// corpus, then the gateway's example content.
func corpus(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("testdata/payloads.txt")
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) != 128 {
		tb.Fatalf("testdata/payloads.txt has %d payloads, want the corpus's 128", len(lines))
	}
	return append(lines, gatewayContent(tb))
}

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
