package fuzz

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/png"
	"testing"

	"github.com/qriskit/qriskit/render"
)

// byteCapacity is how many bytes the largest QR code (version 40) holds in
// byte mode at each level: content no longer than that always fits.
var byteCapacity = map[render.Level]int{
	render.Low: 2953, render.Medium: 2331, render.Quartile: 1663, render.High: 1273,
}

// finder is the 7×7 position pattern every QR code has in three corners.
var finder = [7]string{
	"#######",
	"#.....#",
	"#.###.#",
	"#.###.#",
	"#.###.#",
	"#.....#",
	"#######",
}

// FuzzMatrix: for any content, level and quiet zone, Matrix either refuses
// with the one sentinel the inputs call for (ErrOptions for a level or
// quiet zone out of range, ErrEmpty for no content, ErrTooLong only for
// content over the byte capacity), or returns a square matrix of a real QR
// version with a light quiet zone of the asked width, the three finder
// patterns and the timing patterns in place; a code that fits at a level
// fits at Low too, in no more modules.
func FuzzMatrix(f *testing.F) {
	// Pieces of payloads: the same characters and mode switches in small
	// versions. A code's cost grows with its modules, and the minimizer
	// runs the target some n² times for an n-byte input it keeps, so whole
	// payloads would leave the run minimizing instead of exploring; the
	// render package's own tests cover the large versions.
	for i, s := range seeds(f) {
		f.Add(s[:min(len(s), 6+i%48)], i%4, []int{0, render.NoQuietZone, 1, 4, 10}[i%5])
	}
	f.Add("", 1, 0)
	f.Add("\x00\xff\xfe", 3, 0)
	f.Add("0123456789", 4, 0)
	f.Add("A", 0, 65)
	f.Add("A", 0, -2)
	f.Fuzz(func(t *testing.T, content string, level, quietZone int) {
		o := render.Options{Level: render.Level(level), QuietZone: quietZone}
		m, err := render.Matrix(content, o)
		badOptions := level < 0 || level > 3 || quietZone < render.NoQuietZone || quietZone > render.MaxQuietZone
		if err != nil {
			var e *render.Error
			if !errors.As(err, &e) || e.Op != "Matrix" {
				t.Fatalf("error %v is not a *render.Error from Matrix", err)
			}
			if m != nil {
				t.Fatal("a matrix alongside the error")
			}
			switch {
			case badOptions:
				if !errors.Is(err, render.ErrOptions) {
					t.Fatalf("level %d, quiet zone %d: %v, want ErrOptions", level, quietZone, err)
				}
			case content == "":
				if !errors.Is(err, render.ErrEmpty) {
					t.Fatalf("empty content: %v, want ErrEmpty", err)
				}
			case !errors.Is(err, render.ErrTooLong):
				t.Fatalf("%v wraps none of ErrOptions, ErrEmpty, ErrTooLong", err)
			case len(content) <= byteCapacity[o.Level]:
				t.Fatalf("%d bytes refused at level %v, which holds %d: %v", len(content), o.Level, byteCapacity[o.Level], err)
			}
			return
		}
		if badOptions || content == "" {
			t.Fatalf("level %d, quiet zone %d, content %q accepted", level, quietZone, content)
		}
		q := quietZone
		switch quietZone {
		case 0:
			q = render.DefaultQuietZone
		case render.NoQuietZone:
			q = 0
		}
		checkMatrix(t, m, q)
	})
}

// checkMatrix checks what every QR code of any content has: its size, the
// quiet zone, the finder and the timing patterns.
func checkMatrix(t *testing.T, m [][]bool, q int) {
	t.Helper()
	n := len(m)
	core := n - 2*q
	if core < 21 || core > 177 || (core-21)%4 != 0 {
		t.Fatalf("%d modules with a quiet zone of %d: no QR version", n, q)
	}
	for y, row := range m {
		if len(row) != n {
			t.Fatalf("row %d has %d modules, want %d", y, len(row), n)
		}
		for x, dark := range row {
			if dark && (x < q || y < q || x >= n-q || y >= n-q) {
				t.Fatalf("dark module (%d,%d) in the quiet zone", x, y)
			}
		}
	}
	for _, c := range [][2]int{{q, q}, {n - q - 7, q}, {q, n - q - 7}} {
		for dy, line := range finder {
			for dx, want := range line {
				if m[c[1]+dy][c[0]+dx] != (want == '#') {
					t.Fatalf("finder at %v wrong at (%d,%d)", c, dx, dy)
				}
			}
		}
	}
	// Row and column 6 of the code alternate between the finders.
	for i := 8; i < core-8; i++ {
		if m[q+6][q+i] != (i%2 == 0) || m[q+i][q+6] != (i%2 == 0) {
			t.Fatalf("timing pattern wrong at %d", i)
		}
	}
}

// scanSeeds are small images of real payloads: Scan's cost grows with the
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

// FuzzScan: for any bytes, Scan returns a text and no error, or no text and
// a *render.Error from Scan wrapping exactly one of its sentinels. Whatever
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
		got, err := render.Scan(data)
		if err != nil {
			checkScanError(t, got, err)
			return
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return // base64 or a data URI: already the other forms
		}
		enc := base64.StdEncoding.EncodeToString(data)
		for _, form := range []string{enc, render.DataURIPrefix + enc} {
			again, err := render.Scan([]byte(form))
			if err != nil || again != got {
				t.Fatalf("raw bytes scan to %q; as %.30q… they give %q, %v", got, form, again, err)
			}
		}
	})
}

// checkScanError checks an error from Scan: no text with it, the package's
// error type, and exactly one sentinel.
func checkScanError(t *testing.T, got string, err error) {
	t.Helper()
	if got != "" {
		t.Fatalf("text %q with error %v", got, err)
	}
	var e *render.Error
	if !errors.As(err, &e) || e.Op != "Scan" {
		t.Fatalf("error %v is not a *render.Error from Scan", err)
	}
	if n := wrapsOne(err, []error{render.ErrNotImage, render.ErrNoCode, render.ErrMultipleCodes}); n != 1 {
		t.Fatalf("error %v wraps %d of Scan's sentinels, want 1", err, n)
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
		got, err := render.Scan(buf.Bytes())
		if err == nil {
			return
		}
		checkScanError(t, got, err)
		if errors.Is(err, render.ErrNotImage) {
			t.Fatalf("a %d×%d PNG is not an image: %v", w, h, err)
		}
	})
}
