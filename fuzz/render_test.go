package fuzz

import (
	"errors"
	"testing"

	"github.com/qriskit/qriskit/internal/qrcheck"
	"github.com/qriskit/qriskit/render"
)

// byteCapacity is how many bytes the largest QR code (version 40) holds in
// byte mode at each level: content no longer than that always fits.
var byteCapacity = map[render.Level]int{
	render.Low: 2953, render.Medium: 2331, render.Quartile: 1663, render.High: 1273,
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
		qrcheck.Matrix(t, m, q)
	})
}
