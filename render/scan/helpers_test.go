package scan

import (
	"errors"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// corpus returns the payloads package render draws in its own tests: the
// real ones from the module's corpus, then the gateway's example content.
func corpus(tb testing.TB) []string {
	tb.Helper()
	return append(testcorpus.CorpusPayloads(tb), testcorpus.GatewayExample(tb))
}

// gatewayContent is the gateway's example qris.content, 284 characters.
var gatewayContent = testcorpus.GatewayExample

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
