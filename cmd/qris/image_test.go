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

// Scan takes JPEG and GIF too; the command cannot make them, so the test
// draws them from the matrix and runs the built command (and qris-image,
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
