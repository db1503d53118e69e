package imagecmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

const s1 = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

// A terminal cannot be faked in a script, so the refusal to write PNG bytes
// to one is tested here, in the process, through qris-image's Run.
func TestRenderRefusesPNGToTerminal(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		wantCode int
		wantOut  bool
	}{
		{args: []string{"render", s1}, wantCode: cli.ExitUsage},
		{args: []string{"render", "--format", "png", s1}, wantCode: cli.ExitUsage},
		{args: []string{"render", "--format", "terminal", s1}, wantOut: true},
		{args: []string{"render", "--format", "svg", s1}, wantOut: true},
		{args: []string{"render", "--format", "base64", s1}, wantOut: true},
	} {
		var out, errb bytes.Buffer
		e := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, StdoutTTY: true}
		code := cli.Image(Commands).Run(e, tt.args)
		if code != tt.wantCode || (out.Len() > 0) != tt.wantOut {
			t.Errorf("%q: exit %d, %d bytes out; want %d, output %v", tt.args, code, out.Len(), tt.wantCode, tt.wantOut)
		}
		if tt.wantCode == cli.ExitUsage && !strings.Contains(errb.String(), "--format terminal") {
			t.Errorf("%q: stderr %q does not suggest --format terminal", tt.args, errb.String())
		}
	}
	// -o to a file is fine even when standard output is a terminal.
	path := filepath.Join(t.TempDir(), "q.png")
	e := &cli.Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, StdoutTTY: true}
	if code := cli.Image(Commands).Run(e, []string{"render", "-o", path, s1}); code != cli.ExitOK {
		t.Fatalf("render -o with a terminal stdout: exit %d", code)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("render -o wrote %d bytes, %v", len(b), err)
	}
}
