package render_test

// These tests read what render draws back through package scan. They sit in
// the external test package because scan's tests import render: an internal
// test importing scan would be an import cycle.

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan"
)

// Every payload, drawn at a few sizes and levels, reads back as itself.
func TestPNGRoundTripCorpus(t *testing.T) {
	cases := []render.Options{
		{},                                 // the default: M, 256 px
		{Level: render.High, Size: 512},    // a print size with the most redundancy
		{Level: render.Low, Scale: 1},      // the smallest image there is
		{Level: render.Quartile, Scale: 3}, // sized by module
	}
	for _, o := range cases {
		t.Run(fmt.Sprintf("%v/size%d/scale%d", o.Level, o.Size, o.Scale), func(t *testing.T) {
			for i, content := range render.Corpus(t) {
				var buf bytes.Buffer
				if err := render.PNG(&buf, content, o); err != nil {
					t.Fatalf("payload %d: %v", i+1, err)
				}
				got, err := scan.Bytes(buf.Bytes())
				if err != nil {
					t.Fatalf("payload %d %q: %v", i+1, content, err)
				}
				if got != content {
					t.Fatalf("payload %d scanned as\n%q\nwant\n%q", i+1, got, content)
				}
			}
		})
	}
}

// The code in every sticker reads back, as PNG through scan.Bytes and as SVG
// rasterised from its own rectangles through scan.Image.
func TestStickerScans(t *testing.T) {
	content := render.GatewayContent(t)
	bare := render.StickerOptions{}
	long := render.FullSticker()
	long.Title = strings.Repeat("SUPERCALIFRAGILISTIC", 4)
	long.Lines = append(long.Lines, "a line far too long to fit on one line of a card this narrow, which must wrap")
	for name, o := range map[string]render.StickerOptions{
		"full": render.FullSticker(), "bare": bare, "long texts": long,
		"narrowest":     {Title: "TOKO", Width: render.MinStickerWidth},
		"wide, level H": {Title: "TOKO", Width: 1200, Level: render.High},
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.Sticker(&b, content, o); err != nil {
				t.Fatal(err)
			}
			if got, err := scan.Bytes(b.Bytes()); err != nil || got != content {
				t.Fatalf("PNG sticker scans to %q, %v", got, err)
			}
			b.Reset()
			o.Format = render.StickerSVG
			if err := render.Sticker(&b, content, o); err != nil {
				t.Fatal(err)
			}
			img := render.RasterSVGCode(t, b.String())
			if got, err := scan.Image(img); err != nil || got != content {
				t.Fatalf("SVG sticker scans to %q, %v", got, err)
			}
			// The same picture as a PNG file reads the same.
			var p bytes.Buffer
			if err := png.Encode(&p, img); err != nil {
				t.Fatal(err)
			}
			if got, err := scan.Bytes(p.Bytes()); err != nil || got != content {
				t.Fatalf("SVG sticker as PNG scans to %q, %v", got, err)
			}
		})
	}
}
