package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/qris"
)

// TestWriteProblemLines: one problem a line, as Problem.String gives it,
// nothing for none, and the writer's error returned.
func TestWriteProblemLines(t *testing.T) {
	problems := []qris.Problem{
		{Rule: "R17", Tag: "56", Offset: 142, Severity: qris.SeverityError, Message: "bad"},
		{Rule: "Q22", Tag: "59", Offset: 163, Severity: qris.SeverityWarning, Message: "long"},
	}
	for _, tt := range []struct {
		problems []qris.Problem
		want     string
	}{
		{nil, ""},
		{problems[:1], "error R17 tag 56 at 142: bad\n"},
		{problems, "error R17 tag 56 at 142: bad\nwarning Q22 tag 59 at 163: long\n"},
	} {
		var b bytes.Buffer
		if err := WriteProblemLines(&b, tt.problems); err != nil || b.String() != tt.want {
			t.Errorf("got %q, %v; want %q", b.String(), err, tt.want)
		}
	}
	if err := WriteProblemLines(failWriter{}, problems); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing writer gave %v", err)
	}
}
