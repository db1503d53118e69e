package render

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/color"
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
	size, scale, lead, err := pngLayout(op, g, o)
	if err != nil {
		return err
	}
	e := pngEncoders.Get().(*pngEncoder)
	defer pngEncoders.Put(e)
	if _, err := w.Write(e.encode(g, s, size, scale, lead)); err != nil {
		return &Error{Op: op, Err: ErrWrite, Cause: err}
	}
	return nil
}

// pngLayout returns the image's width, the pixels a module and the pixels
// of extra margin before the code.
func pngLayout(op string, g *grid, o Options) (size, scale, lead int, err error) {
	size, scale = o.Size, o.Scale
	switch {
	case scale > 0:
		size = scale * g.n // at most MaxSize: encode checked it
	case size == 0:
		size = max(DefaultSize, g.n)
		scale = size / g.n
	case size < g.n:
		return 0, 0, 0, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(
			"size %d px is narrower than this code's %d modules; use a size of at least %d, or 0 for the default",
			size, g.n, g.n)}
	default:
		scale = size / g.n
	}
	// Centre the code; an odd pixel left over goes to the right and bottom.
	return size, scale, (size - scale*g.n) / 2, nil
}

// A pngEncoder writes the two-colour, 1-bit indexed PNG that image/png
// writes for a two-colour paletted image at its default compression, byte
// for byte, without going through image.Image a pixel at a time: a row of
// modules is packed once and repeated for each of its pixel rows.
type pngEncoder struct {
	out  bytes.Buffer // the whole file
	idat bytes.Buffer // the compressed pixels
	zw   *zlib.Writer
	row  []byte // a filter byte then the packed pixels
	tmp  [32]byte
}

// pngEncoders keeps encoders, whose zlib state is most of what a PNG would
// otherwise allocate, between calls. It is a cache: nothing observable
// depends on what it holds.
var pngEncoders = sync.Pool{New: func() any { return new(pngEncoder) }}

// idatChunk is the most image/png puts in one IDAT chunk.
const idatChunk = 1 << 15

func (e *pngEncoder) encode(g *grid, s style, size, scale, lead int) []byte {
	e.out.Reset()
	e.out.WriteString("\x89PNG\r\n\x1a\n")
	hdr := e.tmp[:13]
	binary.BigEndian.PutUint32(hdr[0:], uint32(size))
	binary.BigEndian.PutUint32(hdr[4:], uint32(size))
	hdr[8], hdr[9], hdr[10], hdr[11], hdr[12] = 1, 3, 0, 0, 0 // 1 bit, indexed, deflate, no filter, no interlace
	e.chunk("IHDR", hdr)
	bg := color.NRGBAModel.Convert(s.bg).(color.NRGBA)
	fg := color.NRGBAModel.Convert(s.fg).(color.NRGBA)
	e.chunk("PLTE", []byte{bg.R, bg.G, bg.B, fg.R, fg.G, fg.B})
	// Alphas up to the last translucent entry, as image/png writes them.
	switch {
	case fg.A != 0xff:
		e.chunk("tRNS", []byte{bg.A, fg.A})
	case bg.A != 0xff:
		e.chunk("tRNS", []byte{bg.A})
	}

	e.idat.Reset()
	if e.zw == nil {
		e.zw, _ = zlib.NewWriterLevel(&e.idat, zlib.DefaultCompression) // a valid level: no error
	} else {
		e.zw.Reset(&e.idat)
	}
	rowLen := 1 + (size+7)/8
	if cap(e.row) < rowLen {
		e.row = make([]byte, rowLen)
	}
	e.row = e.row[:rowLen]
	clear(e.row)
	// The margin above the code: light rows. Writes to a bytes.Buffer
	// through zlib cannot fail.
	for range lead {
		e.zw.Write(e.row)
	}
	for my := range g.n {
		clear(e.row)
		modules := g.dark[my*g.n : (my+1)*g.n]
		for mx, d := range modules {
			if d == 0 {
				continue
			}
			for x := lead + mx*scale; x < lead+(mx+1)*scale; x++ {
				e.row[1+x/8] |= 0x80 >> uint(x%8)
			}
		}
		for range scale {
			e.zw.Write(e.row)
		}
	}
	clear(e.row)
	for range size - lead - scale*g.n {
		e.zw.Write(e.row)
	}
	e.zw.Close()
	for b := e.idat.Bytes(); len(b) > 0; {
		n := min(len(b), idatChunk)
		e.chunk("IDAT", b[:n])
		b = b[n:]
	}
	e.chunk("IEND", nil)
	return e.out.Bytes()
}

// chunk appends a PNG chunk: length, type, data, CRC of type and data.
func (e *pngEncoder) chunk(typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	e.out.Write(n[:])
	start := e.out.Len()
	e.out.WriteString(typ)
	e.out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(e.out.Bytes()[start:]))
	e.out.Write(n[:])
}
