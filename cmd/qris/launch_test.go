package main

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

// TestCompanionStartedForCallerStreams: when the streams are not the
// process's own (a caller's buffers), qris cannot hand its process to the
// companion, so it starts it, waits, and passes on what it wrote and its
// exit status: the same as running the companion directly.
func TestCompanionStartedForCallerStreams(t *testing.T) {
	withCompanions(t)
	for i, args := range [][]string{
		{"render", "--format", "svg", s1},
		{"render", "--format", "svg", "000201"}, // not a payload
		{"render", "--no-such-flag"},
	} {
		var stdout, stderr bytes.Buffer
		e := &cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr}
		code := cli.Run(e, commands, args)

		direct := exec.Command("qris-image", args...)
		var dout, derr bytes.Buffer
		direct.Stdout, direct.Stderr = &dout, &derr
		err := direct.Run()
		want := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			want = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != i {
			t.Errorf("qris %q: exit %d, want %d", args, code, i)
		}
		if code != want || stdout.String() != dout.String() || stderr.String() != derr.String() {
			t.Errorf("qris %q: exit %d, stdout %d bytes, stderr %q;\nqris-image directly: exit %d, stdout %d bytes, stderr %q",
				args, code, stdout.Len(), stderr.String(), want, dout.Len(), derr.String())
		}
	}
}
