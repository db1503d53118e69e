package fuzz

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"testing"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan"
)

// scanSeeds are small images of real payloads: scanning's cost grows with the
// pixels, so one pixel a module keeps the fuzzer fast.
func scanSeeds(f *testing.F) [][]byte {
	var out [][]byte
	all := seeds(f)
	for _, s := range []string{"fuzz", all[0], all[len(all)-1]} {
		var buf bytes.Buffer
		if err := render.PNG(&buf, s, render.Options{Scale: 1, QuietZone: 2}); err != nil {
			f.Fatal(err)
		}
		out = append(out, buf.Bytes())
	}
	return out
}

// FuzzScan: for any bytes, scan.Bytes returns a text and no error, or no
// text and a *scan.Error wrapping exactly one of its sentinels. Whatever
// scans as raw image bytes scans the same as base64 and as a data URI.
func FuzzScan(f *testing.F) {
	for _, b := range scanSeeds(f) {
		f.Add(b)
		f.Add([]byte(base64.StdEncoding.EncodeToString(b)))
		f.Add([]byte(render.DataURIPrefix + base64.StdEncoding.EncodeToString(b)))
	}
	f.Add([]byte("GIF89a"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("data:image/png,%89PNG"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := scan.Bytes(data)
		if err != nil {
			checkScanError(t, got, err)
			return
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return // base64 or a data URI: already the other forms
		}
		enc := base64.StdEncoding.EncodeToString(data)
		for _, form := range []string{enc, render.DataURIPrefix + enc} {
			again, err := scan.Bytes([]byte(form))
			if err != nil || again != got {
				t.Fatalf("raw bytes scan to %q; as %.30q… they give %q, %v", got, form, again, err)
			}
		}
	})
}

// checkScanError checks an error from scan.Bytes: no text with it, the
// package's error type, and exactly one sentinel.
func checkScanError(t *testing.T, got string, err error) {
	t.Helper()
	if got != "" {
		t.Fatalf("text %q with error %v", got, err)
	}
	var e *scan.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *scan.Error", err)
	}
	if n := wrapsOne(err, []error{scan.ErrNotImage, scan.ErrNoCode, scan.ErrMultipleCodes}); n != 1 {
		t.Fatalf("error %v wraps %d of scan's sentinels, want 1", err, n)
	}
}

// maxScanSide bounds FuzzScanPixels' images to a version 2 code with its
// quiet zone, at one pixel a module.
const maxScanSide = 32

// FuzzScanPixels feeds the QR decoder itself: any two-tone image, however
// damaged the code in it and whatever its two grey levels (low contrast,
// light on dark, none at all), gives a text or ErrNoCode or
// ErrMultipleCodes, never ErrNotImage, since it is a well-formed PNG.
//
// The image is small and one bit a pixel, width pixels a row: the minimizer
// tries some n² variants of each n-byte input it keeps, and a byte a pixel
// or a larger code would leave a 20 s run minimizing its first find.
func FuzzScanPixels(f *testing.F) {
	for _, c := range []struct {
		content string
		o       render.Options
	}{
		{"fuzz", render.Options{Scale: 1, QuietZone: 2}},
		{seeds(f)[0][:24], render.Options{Scale: 1, QuietZone: 2, Level: render.Low}},
		{"00020101021126", render.Options{Scale: 1, QuietZone: 1, Level: render.High}},
	} {
		var buf bytes.Buffer
		if err := render.PNG(&buf, c.content, c.o); err != nil {
			f.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			f.Fatal(err)
		}
		r := img.Bounds()
		if r.Dx() > maxScanSide || r.Dy() > maxScanSide {
			f.Fatalf("%q is %d×%d pixels, more than %d", c.content, r.Dx(), r.Dy(), maxScanSide)
		}
		bits := make([]byte, (r.Dx()*r.Dy()+7)/8)
		for y := range r.Dy() {
			for x := range r.Dx() {
				if lum, _, _, _ := img.At(r.Min.X+x, r.Min.Y+y).RGBA(); lum < 0x8000 {
					i := y*r.Dx() + x
					bits[i/8] |= 1 << (i % 8)
				}
			}
		}
		f.Add(bits, uint8(r.Dx()), uint8(0), uint8(255))
		f.Add(bits, uint8(r.Dx()), uint8(255), uint8(0))
		f.Add(bits, uint8(r.Dx()), uint8(100), uint8(140))
	}
	f.Add([]byte{0x55, 0xaa}, uint8(4), uint8(0), uint8(255))
	f.Add([]byte{}, uint8(0), uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, bits []byte, width, dark, light uint8) {
		w := min(max(int(width), 1), maxScanSide)
		h := min(len(bits)*8/w, maxScanSide)
		if h == 0 {
			return
		}
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = light
			if bits[i/8]&(1<<(i%8)) != 0 {
				g.Pix[i] = dark
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, g); err != nil {
			t.Fatal(err)
		}
		got, err := scan.Bytes(buf.Bytes())
		if err == nil {
			return
		}
		checkScanError(t, got, err)
		if errors.Is(err, scan.ErrNotImage) {
			t.Fatalf("a %d×%d PNG is not an image: %v", w, h, err)
		}
	})
}
