package render

import (
	"fmt"
	"io"
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
	c, err := encodeCode(op, content, s)
	if err != nil {
		return nil, style{}, err
	}
	n := c.size + 2*s.quiet
	// Scale's bound depends on the code's width, so it is checked here,
	// where every producer passes, rather than in resolve.
	if o.Scale > 0 && o.Scale*n > MaxSize {
		return nil, style{}, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(
			"scale %d px per module makes this %d-module code %d px wide, over the %d px limit; use a scale of at most %d",
			o.Scale, n, o.Scale*n, MaxSize, MaxSize/n)}
	}
	g := &grid{n: n, dark: make([]uint8, n*n)}
	for y := range c.size {
		off := (y+s.quiet)*n + s.quiet
		copy(g.dark[off:off+c.size], c.dark[y*c.size:(y+1)*c.size])
	}
	return g, s, nil
}

// tooLongDetail tells the caller whether a lower level would do, since that is
// the one fix that keeps the content.
func tooLongDetail(content string, l Level, minVersion int) string {
	msg := fmt.Sprintf("%d bytes do not fit at level %s", len(content), l)
	for _, lower := range []Level{Quartile, Medium, Low} {
		if strength(lower) >= strength(l) {
			continue
		}
		if _, _, ok := chooseVersion(content, lower, minVersion); ok {
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
