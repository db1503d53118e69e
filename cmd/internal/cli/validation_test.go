package cli

import (
	"bytes"
	"flag"
	"io"
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

// TestProfileFlagNames: --profile's help lists the names qris.ProfileNames
// gives, every one of them parses, and its error for an unknown name lists
// the same.
func TestProfileFlagNames(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	DefineValidation(fs)
	f := fs.Lookup("profile")
	names := qris.ProfileNames()
	if ph, _ := flag.UnquoteUsage(f); ph != strings.Join(names, "|") {
		t.Errorf("--profile's placeholder is %q, want the names %q", ph, names)
	}
	if len(names) < 5 || names[len(names)-1] != "auto" {
		t.Errorf("ProfileNames() = %q, want each profile's then auto", names)
	}
	for _, n := range names {
		if err := f.Value.Set(n); err != nil {
			t.Errorf("--profile %s: %v", n, err)
		}
		if got := f.Value.String(); got != n {
			t.Errorf("--profile %s reads back as %q", n, got)
		}
	}
	err := f.Value.Set("pix")
	for _, n := range names {
		if err == nil || !strings.Contains(err.Error(), n) {
			t.Errorf("--profile pix: %v, which does not name %s", err, n)
		}
	}
}
