package render

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// StickerFormat is the file format Sticker writes.
type StickerFormat int

const (
	StickerPNG StickerFormat = iota // a PNG, Width pixels wide
	StickerSVG                      // an SVG, text drawn as outlines
)

// Limits of StickerOptions.Width.
const (
	DefaultStickerWidth = 600
	MinStickerWidth     = 240
	MaxStickerWidth     = 4000
)

// StickerOptions say what a sticker's card says around its code. Every text
// field may be empty, which leaves its place out. Text is drawn in the Go
// fonts and never cut: a text too wide for the card is set smaller, then
// wrapped at spaces (or, for a word wider than the card, between letters).
// The Go fonts have Latin, Greek and Cyrillic letters; other scripts draw as
// boxes.
type StickerOptions struct {
	// Title is the largest text, above the code: a shop's name.
	Title string
	// Subtitle goes under the title: a city, a branch.
	Subtitle string
	// Amount goes under the code, in bold: what a payer is asked to pay.
	Amount string
	// Lines go under the amount, one a line: identifiers the staff read.
	Lines []string
	// Footer is the small print at the bottom, in a monospaced font.
	Footer string
	// Logo, when set, is drawn at the top, scaled to fit its slot with its
	// proportions kept.
	Logo image.Image
	// Format is the file format; the zero value is PNG.
	Format StickerFormat
	// Width is the card's width in pixels (the SVG's user units); 0 means
	// DefaultStickerWidth. The height follows from what the card holds.
	Width int
	// Level is the code's error-correction level; the zero value is Medium.
	Level Level
}

// Sticker writes a printable card: the logo, title and subtitle above the
// code, the amount, lines and footer below it, on white with a thin border
// to cut along. The code keeps its standard quiet zone and whole-pixel
// modules.
func Sticker(w io.Writer, content string, o StickerOptions) error {
	const op = "Sticker"
	if w == nil {
		return &Error{Op: op, Err: ErrOptions, Detail: "the writer is nil; pass somewhere to write the sticker"}
	}
	c, err := layoutSticker(op, content, o)
	if err != nil {
		return err
	}
	switch o.Format {
	case StickerPNG:
		err = c.writePNG(w)
	case StickerSVG:
		err = c.writeSVG(w)
	}
	if err != nil {
		return &Error{Op: op, Err: ErrWrite, Cause: err}
	}
	return nil
}

// card is a sticker laid out: every element's box in pixels.
type card struct {
	w, h  int
	logo  image.Image
	logoR image.Rectangle
	code  [][]bool
	codeR image.Rectangle // the code's matrix, quiet zone included
	mod   int             // pixels a module
	text  []textBox
}

// textBox is one wrapped text: its lines, each centred in r, in one face.
type textBox struct {
	r     image.Rectangle
	lines []string
	font  *sfnt.Font
	size  float64 // pixels per em
	face  font.Face
}

type fonts struct{ regular, bold, mono *sfnt.Font }

// goFonts parses the Go fonts once; they are constants of the program.
var goFonts = sync.OnceValues(func() (fonts, error) {
	var f fonts
	var err error
	for _, p := range []struct {
		dst **sfnt.Font
		ttf []byte
	}{{&f.regular, goregular.TTF}, {&f.bold, gobold.TTF}, {&f.mono, gomono.TTF}} {
		if *p.dst, err = opentype.Parse(p.ttf); err != nil {
			return f, err
		}
	}
	return f, nil
})

func layoutSticker(op, content string, o StickerOptions) (*card, error) {
	bad := func(format string, args ...any) (*card, error) {
		return nil, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(format, args...)}
	}
	width := o.Width
	switch {
	case width == 0:
		width = DefaultStickerWidth
	case width < MinStickerWidth || width > MaxStickerWidth:
		return bad("width %d px is outside %d..%d; use 0 for the default of %d",
			width, MinStickerWidth, MaxStickerWidth, DefaultStickerWidth)
	}
	if o.Format != StickerPNG && o.Format != StickerSVG {
		return bad("unknown sticker format %d; use StickerPNG or StickerSVG", int(o.Format))
	}
	if o.Logo != nil && o.Logo.Bounds().Empty() {
		return bad("the logo has no pixels")
	}
	m, err := Matrix(content, Options{Level: o.Level})
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Op = op
		}
		return nil, err
	}
	fs, err := goFonts()
	if err != nil {
		return nil, fmt.Errorf("render: the Go fonts do not parse: %w", err)
	}
	W := float64(width)
	margin := width / 15
	gap := width / 40
	inner := width - 2*margin
	c := &card{w: width, code: m, logo: o.Logo}
	y := margin
	bottom := y // the lowest element's bottom edge so far
	if o.Logo != nil {
		slot := image.Rect(margin, y, margin+inner, y+width/6)
		c.logoR = fit(o.Logo.Bounds(), slot)
		y = slot.Max.Y + gap
	}
	add := func(s string, f *sfnt.Font, maxSize, minSize float64, maxLines int) {
		if s == "" {
			return
		}
		tb := setText(s, f, maxSize, minSize, inner, maxLines)
		h := len(tb.lines) * lineHeight(tb.face)
		tb.r = image.Rect(margin, y, margin+inner, y+h)
		c.text = append(c.text, tb)
		bottom = tb.r.Max.Y
		y = bottom + gap
	}
	add(o.Title, fs.bold, W/12, W/24, 2)
	add(o.Subtitle, fs.regular, W/20, W/30, 2)
	n := len(m)
	c.mod = max(1, inner/n)
	side := c.mod * n
	x0 := (width - side) / 2
	c.codeR = image.Rect(x0, y, x0+side, y+side)
	// The quiet zone is in the matrix, so the text can sit close.
	y, bottom = c.codeR.Max.Y, c.codeR.Max.Y
	add(o.Amount, fs.bold, W/14, W/24, 2)
	for _, l := range o.Lines {
		add(l, fs.regular, W/26, W/36, 2)
	}
	add(o.Footer, fs.mono, W/34, W/44, 2)
	c.h = bottom + margin
	return c, nil
}

// fit is the largest rectangle with src's proportions centred in slot.
func fit(src, slot image.Rectangle) image.Rectangle {
	sw, sh := src.Dx(), src.Dy()
	w, h := slot.Dx(), slot.Dx()*sh/sw
	if h > slot.Dy() {
		w, h = slot.Dy()*sw/sh, slot.Dy()
	}
	w, h = max(w, 1), max(h, 1)
	x := slot.Min.X + (slot.Dx()-w)/2
	y := slot.Min.Y + (slot.Dy()-h)/2
	return image.Rect(x, y, x+w, y+h)
}

func lineHeight(f font.Face) int { return f.Metrics().Height.Ceil() }

func newFace(f *sfnt.Font, size float64) font.Face {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// NewFace fails only for a size it cannot scale to, and sizes here
		// are a few pixels to a few hundred.
		panic(err)
	}
	return face
}

// setText finds the largest size from maxSize down to minSize at which s
// fits width in at most maxLines lines; when none does, it sets s at
// minSize in as many lines as it takes.
func setText(s string, f *sfnt.Font, maxSize, minSize float64, width, maxLines int) textBox {
	for size := maxSize; ; size-- {
		if size < minSize {
			size = minSize
		}
		face := newFace(f, size)
		lines := wrap(s, face, width)
		if len(lines) <= maxLines || size == minSize {
			return textBox{lines: lines, font: f, size: size, face: face}
		}
	}
}

// wrap breaks s into lines no wider than width, at spaces where it can and
// between letters where a word alone is too wide.
func wrap(s string, face font.Face, width int) []string {
	limit := fixed.I(width)
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if font.MeasureString(face, try) <= limit {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for font.MeasureString(face, word) > limit {
			// The longest prefix that fits, at least one letter.
			cut := 0
			for i := range word {
				if i > 0 && font.MeasureString(face, word[:i]) > limit {
					break
				}
				cut = i
			}
			if cut == 0 {
				_, cut = utf8.DecodeRuneInString(word)
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// origin is where line i of t starts: its left end, centred, on its
// baseline.
func (t *textBox) origin(i int) fixed.Point26_6 {
	adv := font.MeasureString(t.face, t.lines[i])
	x := fixed.I(t.r.Min.X) + (fixed.I(t.r.Dx())-adv)/2
	y := fixed.I(t.r.Min.Y+i*lineHeight(t.face)) + t.face.Metrics().Ascent
	return fixed.Point26_6{X: x, Y: y}
}

var (
	inkColor    = color.Black
	borderColor = color.Gray{Y: 0xb0}
)

func (c *card) writePNG(w io.Writer) error {
	img := image.NewNRGBA(image.Rect(0, 0, c.w, c.h))
	draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
	border := image.NewUniform(borderColor)
	for _, r := range []image.Rectangle{
		image.Rect(0, 0, c.w, 1), image.Rect(0, c.h-1, c.w, c.h),
		image.Rect(0, 0, 1, c.h), image.Rect(c.w-1, 0, c.w, c.h),
	} {
		draw.Draw(img, r, border, image.Point{}, draw.Src)
	}
	if c.logo != nil {
		draw.CatmullRom.Scale(img, c.logoR, c.logo, c.logo.Bounds(), draw.Over, nil)
	}
	ink := image.NewUniform(inkColor)
	for _, t := range c.text {
		d := font.Drawer{Dst: img, Src: ink, Face: t.face}
		for i, l := range t.lines {
			d.Dot = t.origin(i)
			d.DrawString(l)
		}
	}
	for y, row := range c.code {
		for x, dark := range row {
			if dark {
				p := c.codeR.Min.Add(image.Pt(x*c.mod, y*c.mod))
				draw.Draw(img, image.Rectangle{Min: p, Max: p.Add(image.Pt(c.mod, c.mod))}, ink, image.Point{}, draw.Src)
			}
		}
	}
	return png.Encode(w, img)
}

func (c *card) writeSVG(w io.Writer) error {
	bw := bufio.NewWriter(w)
	W, H := strconv.Itoa(c.w), strconv.Itoa(c.h)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s">`+"\n", W, H, W, H)
	fmt.Fprintf(bw, `<rect x="0.5" y="0.5" width="%d" height="%d" fill="#ffffff" stroke="#b0b0b0"/>`+"\n", c.w-1, c.h-1)
	if c.logo != nil {
		var b bytes.Buffer
		if err := png.Encode(&b, c.logo); err != nil {
			return err
		}
		r := c.logoR
		fmt.Fprintf(bw, `<image x="%d" y="%d" width="%d" height="%d" href="data:image/png;base64,%s"/>`+"\n",
			r.Min.X, r.Min.Y, r.Dx(), r.Dy(), base64.StdEncoding.EncodeToString(b.Bytes()))
	}
	var buf sfnt.Buffer
	for _, t := range c.text {
		for i, l := range t.lines {
			bw.WriteString(`<path fill="#000000" d="`)
			writeGlyphs(bw, &buf, t, l, t.origin(i))
			bw.WriteString("\"/>\n")
		}
	}
	// One rectangle for each run of dark modules, in pixels, so that the
	// code is crisp and a reader of this file can rasterise it exactly.
	bw.WriteString(`<g id="code" fill="#000000" shape-rendering="crispEdges">` + "\n")
	for y, row := range c.code {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(bw, `<rect x="%d" y="%d" width="%d" height="%d"/>`+"\n",
				c.codeR.Min.X+start*c.mod, c.codeR.Min.Y+y*c.mod, (x-start)*c.mod, c.mod)
		}
	}
	bw.WriteString("</g>\n</svg>\n")
	return bw.Flush()
}

// writeGlyphs writes the outlines of line s, starting at dot, as path data,
// advancing and kerning as font.Drawer does for the PNG.
func writeGlyphs(bw *bufio.Writer, buf *sfnt.Buffer, t textBox, s string, dot fixed.Point26_6) {
	ppem := fixed.Int26_6(t.size*64 + 0.5)
	prev := rune(-1)
	num := func(v fixed.Int26_6) string { return strconv.FormatFloat(float64(v)/64, 'f', 2, 64) }
	pt := func(p fixed.Point26_6) string { return num(dot.X+p.X) + " " + num(dot.Y+p.Y) }
	for _, r := range s {
		if prev >= 0 {
			dot.X += t.face.Kern(prev, r)
		}
		prev = r
		idx, err := t.font.GlyphIndex(buf, r)
		if err == nil {
			segs, err := t.font.LoadGlyph(buf, idx, ppem, nil)
			if err == nil {
				for i, sg := range segs {
					switch sg.Op {
					case sfnt.SegmentOpMoveTo:
						if i > 0 {
							bw.WriteString("Z")
						}
						bw.WriteString("M" + pt(sg.Args[0]))
					case sfnt.SegmentOpLineTo:
						bw.WriteString("L" + pt(sg.Args[0]))
					case sfnt.SegmentOpQuadTo:
						bw.WriteString("Q" + pt(sg.Args[0]) + " " + pt(sg.Args[1]))
					case sfnt.SegmentOpCubeTo:
						bw.WriteString("C" + pt(sg.Args[0]) + " " + pt(sg.Args[1]) + " " + pt(sg.Args[2]))
					}
				}
				if len(segs) > 0 {
					bw.WriteString("Z")
				}
			}
		}
		adv, _ := t.face.GlyphAdvance(r)
		dot.X += adv
	}
}
