package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// TestCallerInProcessNotReplaced: a caller in the same process that runs a
// companion's command with the process's own streams (cli.NewEnv, as a
// test or a program embedding the commands would) goes on running after
// it: only qris's main lets a companion take the process over. Run in a
// child process, since a replaced test binary would end "ok" unseen.
func TestCallerInProcessNotReplaced(t *testing.T) {
	if out := os.Getenv("QRIS_TEST_INPROCESS"); out != "" {
		code := cli.Run(cli.NewEnv(), commands, []string{"render", "--format", "svg", "-o", out, s1})
		fmt.Printf("still here after render, exit %d\n", code)
		return
	}
	withCompanions(t)
	svg := filepath.Join(t.TempDir(), "code.svg")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCallerInProcessNotReplaced$", "-test.v")
	cmd.Env = append(os.Environ(), "QRIS_TEST_INPROCESS="+svg)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "still here after render, exit 0") {
		t.Fatalf("the caller did not come back from render (%v):\n%s", err, out)
	}
	if b, err := os.ReadFile(svg); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Fatalf("render wrote no SVG: %v", err)
	}
}
