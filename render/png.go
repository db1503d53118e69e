package render

import (
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"sync"
)

// PNG writes the code as a two-colour, 1-bit PNG: each module a square of
// whole pixels, the image Size pixels wide (see Options for how Size, Scale
// and the default fit together).
func PNG(w io.Writer, content string, o Options) error {
	return writePNG("PNG", w, content, o)
}

// Base64 returns the PNG in standard base64, as an API response's image field
// carries it.
func Base64(content string, o Options) (string, error) {
	var b strings.Builder
	if err := writeBase64("Base64", &b, content, o); err != nil {
		return "", err
	}
	return b.String(), nil
}

// DataURIPrefix starts every data URI DataURI returns.
const DataURIPrefix = "data:image/png;base64,"

// DataURI returns the PNG as a data URI, ready for an <img src>.
func DataURI(content string, o Options) (string, error) {
	var b strings.Builder
	b.WriteString(DataURIPrefix)
	if err := writeBase64("DataURI", &b, content, o); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeBase64(op string, w io.Writer, content string, o Options) error {
	enc := base64.NewEncoder(base64.StdEncoding, w)
	if err := writePNG(op, enc, content, o); err != nil {
		return err
	}
	// Close flushes the last partial group and its padding; a strings.Builder
	// cannot fail, so this error is only ever nil.
	return enc.Close()
}

func writePNG(op string, w io.Writer, content string, o Options) error {
	if err := checkWriter(op, w, "image"); err != nil {
		return err
	}
	g, s, err := encode(op, content, o)
	if err != nil {
		return err
	}
	img, err := newModuleImage(op, g, s, o)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.DefaultCompression, BufferPool: encoderBuffers}
	if err := enc.Encode(w, img); err != nil {
		return &Error{Op: op, Err: ErrWrite, Cause: err}
	}
	return nil
}

// encoderBuffers lets png reuse its zlib writer and row buffers between calls,
// most of what an encode would otherwise allocate. It is a cache: nothing
// observable depends on what it holds.
var encoderBuffers = &bufferPool{}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() *png.EncoderBuffer {
	eb, _ := b.p.Get().(*png.EncoderBuffer)
	return eb
}

func (b *bufferPool) Put(eb *png.EncoderBuffer) { b.p.Put(eb) }

// moduleImage is the code at pixel scale, computed on demand from the grid,
// so that a large PNG costs no more memory than a small one. It is a
// two-colour image.PalettedImage, which png writes at one bit a pixel.
type moduleImage struct {
	g       *grid
	size    int
	module  []int // pixel coordinate to module coordinate; -1 in the extra margin
	palette color.Palette
}

func newModuleImage(op string, g *grid, s style, o Options) (*moduleImage, error) {
	size, scale := o.Size, o.Scale
	switch {
	case scale > 0:
		size = scale * g.n // at most MaxSize: encode checked it
	case size == 0:
		size = max(DefaultSize, g.n)
		scale = size / g.n
	case size < g.n:
		return nil, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(
			"size %d px is narrower than this code's %d modules; use a size of at least %d, or 0 for the default",
			size, g.n, g.n)}
	default:
		scale = size / g.n
	}
	// Centre the code; an odd pixel left over goes to the right and bottom.
	lead := (size - scale*g.n) / 2
	module := make([]int, size)
	for p := range module {
		m := p - lead
		if m < 0 || m >= scale*g.n {
			module[p] = -1
		} else {
			module[p] = m / scale
		}
	}
	return &moduleImage{g: g, size: size, module: module, palette: color.Palette{s.bg, s.fg}}, nil
}

func (m *moduleImage) ColorModel() color.Model { return m.palette }

func (m *moduleImage) Bounds() image.Rectangle { return image.Rect(0, 0, m.size, m.size) }

func (m *moduleImage) At(x, y int) color.Color { return m.palette[m.ColorIndexAt(x, y)] }

// ColorIndexAt returns 1 for a dark module, 0 for light ones and the margin.
func (m *moduleImage) ColorIndexAt(x, y int) uint8 {
	if x < 0 || y < 0 || x >= m.size || y >= m.size {
		return 0
	}
	mx, my := m.module[x], m.module[y]
	if mx < 0 || my < 0 {
		return 0
	}
	return m.g.dark[my*m.g.n+mx]
}
