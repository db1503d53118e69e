package render

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"strconv"
)

// SVG writes the code as an SVG document. The viewBox is measured in modules
// ("0 0 N N" for an N-module matrix, quiet zone included), so the image stays
// crisp at any size; width and height are written only when Options.Size or
// Options.Scale asks for a pixel size. The dark modules are a single path in
// which each horizontal run of dark modules is one rectangle, which keeps the
// file small. A fully transparent Background draws no background rectangle.
func SVG(w io.Writer, content string, o Options) error {
	const op = "SVG"
	if err := checkWriter(op, w, "image"); err != nil {
		return err
	}
	g, s, err := encode(op, content, o)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	n := strconv.Itoa(g.n)
	bw.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + n + " " + n + `"`)
	if px := svgPixels(g, o); px > 0 {
		p := strconv.Itoa(px)
		bw.WriteString(` width="` + p + `" height="` + p + `"`)
	}
	bw.WriteString(` shape-rendering="crispEdges">` + "\n")
	if _, _, _, a := s.bg.RGBA(); a != 0 {
		bw.WriteString(`<rect width="` + n + `" height="` + n + `"` + svgFill(s.bg) + "/>\n")
	}
	bw.WriteString(`<path` + svgFill(s.fg) + ` d="`)
	writeRuns(bw, g)
	bw.WriteString(`"/>` + "\n</svg>\n")
	if err := bw.Flush(); err != nil {
		return &Error{Op: op, Err: ErrWrite, Cause: err}
	}
	return nil
}

func svgPixels(g *grid, o Options) int {
	if o.Scale > 0 {
		return o.Scale * g.n
	}
	return o.Size
}

// writeRuns writes one closed rectangle, one module high, for each run of
// dark modules. Each rectangle starts with a move relative to the start of
// the previous one (where "z" leaves the pen), so the numbers stay short.
func writeRuns(bw *bufio.Writer, g *grid) {
	var buf []byte
	px, py := 0, 0
	first := true
	for y := range g.n {
		for x := 0; x < g.n; {
			if !g.at(x, y) {
				x++
				continue
			}
			start := x
			for x < g.n && g.at(x, y) {
				x++
			}
			run := x - start
			buf = buf[:0]
			if first {
				buf = append(buf, 'M')
				buf = strconv.AppendInt(buf, int64(start), 10)
				buf = append(buf, ' ')
				buf = strconv.AppendInt(buf, int64(y), 10)
				first = false
			} else {
				buf = append(buf, 'm')
				buf = strconv.AppendInt(buf, int64(start-px), 10)
				buf = append(buf, ' ')
				buf = strconv.AppendInt(buf, int64(y-py), 10)
			}
			buf = append(buf, 'h')
			buf = strconv.AppendInt(buf, int64(run), 10)
			buf = append(buf, "v1h-"...)
			buf = strconv.AppendInt(buf, int64(run), 10)
			buf = append(buf, 'z')
			bw.Write(buf)
			px, py = start, y
		}
	}
}

// svgFill gives a colour as fill and, when it is not opaque, fill-opacity.
func svgFill(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	s := fmt.Sprintf(` fill="#%02x%02x%02x"`, n.R, n.G, n.B)
	if n.A != 0xff {
		s += ` fill-opacity="` + strconv.FormatFloat(float64(n.A)/255, 'f', 3, 64) + `"`
	}
	return s
}
