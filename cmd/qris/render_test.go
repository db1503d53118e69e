package main

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/render"
)

const s1 = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

// A terminal cannot be faked in a script, so the refusal to write PNG bytes
// to one is tested here, through run.
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
		code := cli.Run(e, commands, tt.args)
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
	if code := cli.Run(e, commands, []string{"render", "-o", path, s1}); code != cli.ExitOK {
		t.Fatalf("render -o with a terminal stdout: exit %d", code)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("render -o wrote %d bytes, %v", len(b), err)
	}
}

// Scan takes JPEG and GIF too; the command cannot make them, so the test
// draws them from the matrix and runs the built command (and qris-gateway,
// which runs scan) on the files.
func TestScanImageFormats(t *testing.T) {
	withCompanions(t)
	m, err := render.Matrix(s1, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const scale = 6
	img := image.NewGray(image.Rect(0, 0, len(m)*scale, len(m)*scale))
	for y := range img.Rect.Dy() {
		for x := range img.Rect.Dx() {
			c := color.Gray{Y: 255}
			if m[y/scale][x/scale] {
				c.Y = 0
			}
			img.SetGray(x, y, c)
		}
	}
	blank := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range blank.Pix {
		blank.Pix[i] = 255
	}
	dir := t.TempDir()
	write := func(name string, enc func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := enc(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	jpg := write("q.jpg", func(b *bytes.Buffer) error { return jpeg.Encode(b, img, &jpeg.Options{Quality: 90}) })
	gf := write("q.gif", func(b *bytes.Buffer) error { return gif.Encode(b, img, nil) })
	empty := write("blank.png", func(b *bytes.Buffer) error { return png.Encode(b, blank) })

	for _, p := range []string{jpg, gf} {
		out, err := exec.Command("qris", "scan", "--validate", p).Output()
		if err != nil || string(out) != s1+"\n" {
			t.Errorf("scan %s: %q, %v", filepath.Base(p), out, err)
		}
	}
	cmd := exec.Command("qris", "scan", empty)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != cli.ExitInvalid || !strings.Contains(stderr.String(), "no QR code found") {
		t.Errorf("scan of a blank image: %v, %q; want exit 1, no QR code found", err, stderr.String())
	}
}
