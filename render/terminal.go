package render

import (
	"bufio"
	"io"
)

// Terminal writes the code as text for a terminal: each character is one
// module wide and two modules high, drawn with the half blocks ▀ ▄ █ and a
// space, so that with a terminal's usual 1:2 cells the modules come out
// square. A glyph's ink is a dark module: the output suits dark text on a
// light background. For light text on a dark background set Options.Invert,
// which inks the light modules instead. Keep the quiet zone: on a terminal it
// is what lets a camera find the code.
//
// Every line holds exactly as many characters as the matrix is wide and ends
// in "\n". The matrix has an odd number of rows, so the last line's lower half
// is one extra light row. Size, Scale and the colours are ignored.
func Terminal(w io.Writer, content string, o Options) error {
	const op = "Terminal"
	if err := checkWriter(op, w, "code"); err != nil {
		return err
	}
	g, _, err := encode(op, content, o)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for y := 0; y < g.n; y += 2 {
		for x := range g.n {
			top := g.at(x, y)
			bottom := y+1 < g.n && g.at(x, y+1)
			if o.Invert {
				top, bottom = !top, !bottom
			}
			bw.WriteString(halfBlock(top, bottom))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return &Error{Op: op, Err: ErrWrite, Cause: err}
	}
	return nil
}

// halfBlock returns the character inked in the upper half, the lower half,
// both or neither.
func halfBlock(upper, lower bool) string {
	switch {
	case upper && lower:
		return "█"
	case upper:
		return "▀"
	case lower:
		return "▄"
	}
	return " "
}
