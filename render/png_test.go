package render

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// The pixels are the matrix: each module a square of whole pixels, the code
// centred, the margin light.
func TestPNGPixels(t *testing.T) {
	content := gatewayContent(t)
	fg := color.RGBA{R: 0x10, G: 0x20, B: 0x60, A: 0xff}
	bg := color.RGBA{R: 0xff, G: 0xf0, B: 0xd0, A: 0xff}
	tests := []struct {
		o           Options
		size, scale int
		quietZone   int
		lead        int // pixels of extra margin before the code
		fg, bg      color.Color
	}{
		// 61 modules at 4 px leave 12 px: 6 before the code, 6 after.
		{o: Options{}, size: 256, scale: 4, quietZone: 4, lead: 6, fg: color.Black, bg: color.White},
		{o: Options{Scale: 5}, size: 5 * 61, scale: 5, quietZone: 4, fg: color.Black, bg: color.White},
		{o: Options{Size: 61}, size: 61, scale: 1, quietZone: 4, fg: color.Black, bg: color.White},
		// 53 modules at 18 px leave 46 px.
		{o: Options{Size: 1000, QuietZone: NoQuietZone, Foreground: fg, Background: bg},
			size: 1000, scale: 18, quietZone: 0, lead: 23, fg: fg, bg: bg},
		// 57 modules at 2 px leave 33 px: 16 before, 17 after.
		{o: Options{Size: 147, QuietZone: 2}, size: 147, scale: 2, quietZone: 2, lead: 16, fg: color.Black, bg: color.White},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.o), func(t *testing.T) {
			m, err := Matrix(content, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if len(m) != 53+2*tt.quietZone {
				t.Fatalf("the gateway content is %d modules at M, the table assumes %d", len(m), 53+2*tt.quietZone)
			}
			var buf bytes.Buffer
			if err := PNG(&buf, content, tt.o); err != nil {
				t.Fatal(err)
			}
			// One bit a pixel, indexed colour: what keeps the file small.
			if depth, ctype := buf.Bytes()[24], buf.Bytes()[25]; depth != 1 || ctype != 3 {
				t.Errorf("bit depth %d colour type %d, want 1 and 3", depth, ctype)
			}
			img, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tt.size || b.Dy() != tt.size {
				t.Fatalf("image %v, want %d×%d", b, tt.size, tt.size)
			}
			code := tt.scale * len(m)
			for y := range tt.size {
				for x := range tt.size {
					want := tt.bg
					mx, my := x-tt.lead, y-tt.lead
					if mx >= 0 && my >= 0 && mx < code && my < code && m[my/tt.scale][mx/tt.scale] {
						want = tt.fg
					}
					if !sameColor(img.At(x, y), want) {
						t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, img.At(x, y), want)
					}
				}
			}
		})
	}
}

func TestPNGSizeErrors(t *testing.T) {
	content := gatewayContent(t) // 61 modules with the quiet zone, 53 without
	tests := []struct {
		o      Options
		detail string
	}{
		{Options{Size: 60}, "at least 61"},
		{Options{Size: 1}, "at least 61"},
		{Options{Scale: 135}, "scale of at most 134"},
		{Options{Size: 20, QuietZone: NoQuietZone}, "at least 53"},
	}
	for _, tt := range tests {
		err := PNG(discard{}, content, tt.o)
		wantErr(t, err, "PNG", ErrOptions)
		if !strings.Contains(err.Error(), tt.detail) {
			t.Errorf("%+v: message %q does not say %q", tt.o, err, tt.detail)
		}
	}
	for _, o := range []Options{{Size: 61}, {Scale: 134}, {Size: 53, QuietZone: NoQuietZone}} {
		if err := PNG(discard{}, content, o); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
	// The default grows to fit a code wider than DefaultSize.
	m, err := Matrix(strings.Repeat("a", 2900), Options{Level: Low, QuietZone: 40})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PNG(&buf, strings.Repeat("a", 2900), Options{Level: Low, QuietZone: 40}); err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(&buf)
	if err != nil || cfg.Width != len(m) || len(m) <= DefaultSize {
		t.Errorf("default size for %d modules: %d px, %v", len(m), cfg.Width, err)
	}
}

// Base64 and DataURI are the PNG's bytes, nothing else.
func TestBase64AndDataURI(t *testing.T) {
	for _, content := range corpus(t)[120:] {
		for _, o := range []Options{{}, {Level: High, Scale: 2}, {QuietZone: 1, Size: 333}} {
			var buf bytes.Buffer
			if err := PNG(&buf, content, o); err != nil {
				t.Fatal(err)
			}
			b64, err := Base64(content, o)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				t.Fatalf("Base64 output is not standard base64: %v", err)
			}
			if !bytes.Equal(raw, buf.Bytes()) {
				t.Fatalf("Base64 decodes to %d bytes that differ from PNG's %d", len(raw), buf.Len())
			}
			uri, err := DataURI(content, o)
			if err != nil {
				t.Fatal(err)
			}
			if uri != "data:image/png;base64,"+b64 {
				t.Fatalf("DataURI is not the prefix and Base64: %.60q", uri)
			}
		}
	}
}

// Our PNG is never larger than skip2's at the same size, so writing our own
// costs nothing in bytes (BenchmarkPNG shows what it gains in time).
func TestPNGNoLargerThanSkip2(t *testing.T) {
	content := gatewayContent(t)
	for _, size := range []int{100, 256, 300, 512, 1024, 2048} {
		for ours, theirs := range map[Level]qrcode.RecoveryLevel{Low: qrcode.Low, Medium: qrcode.Medium, High: qrcode.Highest} {
			var buf bytes.Buffer
			if err := PNG(&buf, content, Options{Size: size, Level: ours}); err != nil {
				t.Fatal(err)
			}
			skip2, err := qrcode.Encode(content, theirs, size)
			if err != nil {
				t.Fatal(err)
			}
			if buf.Len() > len(skip2) {
				t.Errorf("size %d level %v: %d bytes, skip2 %d", size, ours, buf.Len(), len(skip2))
			}
		}
	}
}

func TestPNGWriterErrors(t *testing.T) {
	err := PNG(failWriter{errDisk}, "hello", Options{})
	wantErr(t, err, "PNG", ErrWrite)
	if !errors.Is(err, errDisk) {
		t.Errorf("%v does not wrap the writer's error", err)
	}
	wantErr(t, PNG(nil, "hello", Options{}), "PNG", ErrOptions)
}

// A transparent background stays transparent: stickers go on coloured card.
func TestPNGTransparentBackground(t *testing.T) {
	var buf bytes.Buffer
	if err := PNG(&buf, "hello", Options{Background: color.Transparent, Scale: 2}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want 0", a)
	}
	p, ok := img.(*image.Paletted)
	if !ok || len(p.Palette) != 2 {
		t.Fatalf("decoded %T, want a two-colour paletted image", img)
	}
}

// moduleImage is the code at pixel scale as an image.PalettedImage, which
// image/png writes at one bit a pixel: the plain way to write our PNG, which
// the direct writer is held to byte for byte.
type moduleImage struct {
	g       *grid
	size    int
	module  []int // pixel coordinate to module coordinate; -1 in the extra margin
	palette color.Palette
}

func newModuleImage(op string, g *grid, s style, o Options) (*moduleImage, error) {
	size, scale, lead, err := pngLayout(op, g, o)
	if err != nil {
		return nil, err
	}
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

// PNG's bytes are exactly what image/png writes for the same image at its
// default compression: sizes with and without extra margin, scales, quiet
// zones, opaque and translucent colours, and an image over one IDAT chunk.
func TestPNGMatchesImagePNG(t *testing.T) {
	content := gatewayContent(t)
	tests := []Options{
		{}, {Size: 61}, {Size: 1000, QuietZone: NoQuietZone}, {Scale: 3, QuietZone: 2}, {Size: 147, Level: High},
		{Background: color.Transparent}, {Foreground: color.NRGBA{R: 0x10, A: 0x80}},
		{Foreground: color.RGBA{R: 0x10, G: 0x20, B: 0x60, A: 0xff}, Background: color.RGBA{R: 0xff, G: 0xf0, B: 0xd0, A: 0xff}},
		{Size: MaxSize},
	}
	for _, o := range tests {
		var got bytes.Buffer
		if err := PNG(&got, content, o); err != nil {
			t.Fatal(err)
		}
		g, s, err := encode("PNG", content, o)
		if err != nil {
			t.Fatal(err)
		}
		img, err := newModuleImage("PNG", g, s, o)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := png.Encode(&want, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%+v: %d bytes differ from image/png's %d", o, got.Len(), want.Len())
		}
	}
}

// moduleImage answers At outside its bounds with the background, as
// image.Image promises callers that probe there.
func TestModuleImageOutside(t *testing.T) {
	g, s, err := encode("PNG", "hi", Options{})
	if err != nil {
		t.Fatal(err)
	}
	img, err := newModuleImage("PNG", g, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []image.Point{{-1, 0}, {0, -1}, {256, 0}, {0, 256}, {1 << 30, -1 << 30}} {
		if !sameColor(img.At(p.X, p.Y), color.White) {
			t.Errorf("At%v = %v", p, img.At(p.X, p.Y))
		}
	}
}

// The shared encoder buffers must not leak one call's image into another's.
func TestPNGConcurrent(t *testing.T) {
	contents := corpus(t)[:8]
	want := make([]string, len(contents))
	for i, c := range contents {
		var err error
		if want[i], err = Base64(c, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	errs := make(chan error, 4*len(contents))
	for range 4 {
		for i, c := range contents {
			go func() {
				got, err := Base64(c, Options{})
				if err == nil && got != want[i] {
					err = fmt.Errorf("payload %d came out different under concurrency", i)
				}
				errs <- err
			}()
		}
	}
	for range 4 * len(contents) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestScaleBoundEveryProducer: Scale times the code's width is bounded by
// MaxSize for every producer, not for PNG alone, so Options one accepts
// the others accept too.
func TestScaleBoundEveryProducer(t *testing.T) {
	content := gatewayContent(t) // 61 modules with the quiet zone
	producers := map[string]func(Options) error{
		"PNG":      func(o Options) error { return PNG(discard{}, content, o) },
		"SVG":      func(o Options) error { return SVG(discard{}, content, o) },
		"Terminal": func(o Options) error { return Terminal(discard{}, content, o) },
		"Matrix":   func(o Options) error { _, err := Matrix(content, o); return err },
	}
	for op, produce := range producers {
		err := produce(Options{Scale: 135})
		wantErr(t, err, op, ErrOptions)
		if err != nil && !strings.Contains(err.Error(), "scale of at most 134") {
			t.Errorf("%s: message %q does not give the largest scale", op, err)
		}
		if err := produce(Options{Scale: 134}); err != nil {
			t.Errorf("%s, scale 134: %v", op, err)
		}
	}
}
