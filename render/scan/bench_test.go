package scan

import (
	"bytes"
	"image/jpeg"
	"math/rand/v2"
	"testing"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan/internal/degrade"
)

// BenchmarkScan reads the default 256-pixel PNG of the gateway's example.
func BenchmarkScan(b *testing.B) {
	content := gatewayContent(b)
	var img bytes.Buffer
	if err := render.PNG(&img, content, render.Options{}); err != nil {
		b.Fatal(err)
	}
	benchScan(b, img.Bytes(), content)
}

// BenchmarkScanPhoto reads a 3000×4000 JPEG, as a phone takes, of a busy
// scene with the code printed small in it (8 pixels a module, tilted).
func BenchmarkScanPhoto(b *testing.B) {
	content := gatewayContent(b)
	benchScan(b, photo(b, content, 8), content)
}

// BenchmarkScanPhotoNoCode is the same photo without a code: everything
// Scan tries before it gives up.
func BenchmarkScanPhotoNoCode(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, degrade.Busy(3000, 4000, rng), &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bytes(buf.Bytes()); err == nil {
			b.Fatal("read a code in a picture with none")
		}
	}
}

// photo is a 3000×4000 JPEG of a busy scene with the code in it, scale
// pixels a module.
func photo(tb testing.TB, content string, scale int) []byte {
	rng := rand.New(rand.NewPCG(7, 8))
	dst := degrade.Busy(3000, 4000, rng)
	code := degrade.Rotate(toGray(codeImage(tb, content, render.Options{Scale: scale})), 12, 255)
	degrade.Place(dst, code, rng)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func benchScan(b *testing.B, data []byte, want string) {
	b.ReportAllocs()
	for b.Loop() {
		got, err := Bytes(data)
		if err != nil || got != want {
			b.Fatalf("%q, %v", got, err)
		}
	}
}

// A big photo is read through its downscaled copy.
func TestScanPhoto(t *testing.T) {
	content := gatewayContent(t)
	var tried []string
	got, err := readBytes(photo(t, content, 8), func(name string) { tried = append(tried, name) })
	if err != nil || got != content {
		t.Fatalf("%q, %v", got, err)
	}
	if len(tried) != 1 {
		t.Errorf("attempts %v, want the first to read it", tried)
	}
}

// A code too small to survive the downscaling is read at full size.
func TestScanPhotoSmallCode(t *testing.T) {
	content := gatewayContent(t)
	var tried []string
	got, err := readBytes(photo(t, content, 3), func(name string) { tried = append(tried, name) })
	if err != nil || got != content {
		t.Fatalf("%q, %v", got, err)
	}
	if last := tried[len(tried)-1]; last != "full size" {
		t.Errorf("read by %q, want the full-size attempt: %v", last, tried)
	}
}
