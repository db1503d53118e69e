package render

import (
	"fmt"
	"io"

	qrcode "github.com/skip2/go-qrcode"
)

// maxContent is the most any QR code holds (7089 digits, version 40, level
// L). Longer content is refused before the encoder spends time on it.
const maxContent = 7089

// grid is a code's modules with the quiet zone, one byte a module (1 = dark),
// row by row: flat so that the PNG row loop indexes without bounds surprises.
type grid struct {
	n    int
	dark []uint8
}

func (g *grid) at(x, y int) bool { return g.dark[y*g.n+x] == 1 }

// Matrix returns the code's modules, quiet zone included, as rows of
// columns: m[y][x] is true for a dark module. The matrix is square; its
// length is the number of modules across, which the image producers scale.
func Matrix(content string, o Options) ([][]bool, error) {
	g, _, err := encode("Matrix", content, o)
	if err != nil {
		return nil, err
	}
	m := make([][]bool, g.n)
	for y := range m {
		m[y] = make([]bool, g.n)
		for x := range m[y] {
			m[y][x] = g.at(x, y)
		}
	}
	return m, nil
}

// encode checks the options and builds the grid every producer draws from.
// checkWriter refuses a nil w, which a producer would only find when it
// first writes, after all the work; what names what would be written.
func checkWriter(op string, w io.Writer, what string) error {
	if w == nil {
		return &Error{Op: op, Err: ErrOptions, Detail: "the writer is nil; pass somewhere to write the " + what}
	}
	return nil
}

func encode(op, content string, o Options) (*grid, style, error) {
	s, err := o.resolve(op)
	if err != nil {
		return nil, style{}, err
	}
	if content == "" {
		return nil, style{}, &Error{Op: op, Err: ErrEmpty, Detail: "give the text the code should hold"}
	}
	q, err := newQR(content, s.level)
	if err != nil {
		return nil, style{}, &Error{Op: op, Err: ErrTooLong, Detail: tooLongDetail(content, s.level)}
	}
	// The quiet zone is ours to draw, in any width; skip2's is fixed at 4.
	q.DisableBorder = true
	// Bitmap re-runs skip2's encoding each call and is not safe to call twice
	// on one QRCode, so it is called exactly once here.
	core := q.Bitmap()
	n := len(core) + 2*s.quiet
	// Scale's bound depends on the code's width, so it is checked here,
	// where every producer passes, rather than in resolve.
	if o.Scale > 0 && o.Scale*n > MaxSize {
		return nil, style{}, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(
			"scale %d px per module makes this %d-module code %d px wide, over the %d px limit; use a scale of at most %d",
			o.Scale, n, o.Scale*n, MaxSize, MaxSize/n)}
	}
	g := &grid{n: n, dark: make([]uint8, n*n)}
	for y, row := range core {
		off := (y+s.quiet)*n + s.quiet
		for x, d := range row {
			if d {
				g.dark[off+x] = 1
			}
		}
	}
	return g, s, nil
}

func newQR(content string, l Level) (*qrcode.QRCode, error) {
	if len(content) > maxContent {
		return nil, fmt.Errorf("%d bytes is over the QR maximum of %d", len(content), maxContent)
	}
	return qrcode.New(content, skip2Level(l))
}

func skip2Level(l Level) qrcode.RecoveryLevel {
	switch l {
	case Low:
		return qrcode.Low
	case Quartile:
		return qrcode.High // skip2 calls Q "High"
	case High:
		return qrcode.Highest // and H "Highest"
	}
	return qrcode.Medium
}

// tooLongDetail tells the caller whether a lower level would do, since that is
// the one fix that keeps the content.
func tooLongDetail(content string, l Level) string {
	msg := fmt.Sprintf("%d bytes do not fit at level %s", len(content), l)
	for _, lower := range []Level{Quartile, Medium, Low} {
		if strength(lower) >= strength(l) {
			continue
		}
		if _, err := newQR(content, lower); err == nil {
			return msg + fmt.Sprintf("; level %s holds it, or shorten the content", lower)
		}
	}
	return msg + "; shorten the content (a QR code holds at most 2953 bytes of text, 4296 upper-case letters and digits, or 7089 digits)"
}

// strength orders levels from weakest to strongest.
func strength(l Level) int {
	switch l {
	case Low:
		return 0
	case Medium:
		return 1
	case Quartile:
		return 2
	}
	return 3
}
