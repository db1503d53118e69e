package render

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

func testLogo() image.Image {
	logo := image.NewNRGBA(image.Rect(0, 0, 240, 80))
	for y := range 80 {
		for x := range 240 {
			logo.Set(x, y, color.NRGBA{R: uint8(x), G: 40, B: 160, A: 255})
		}
	}
	return logo
}

func fullSticker() StickerOptions {
	return StickerOptions{
		Title:    "TOKO SERBA ADA JAYA ABADI",
		Subtitle: "BANDAR LAMPUNG",
		Amount:   "Rp 150.000",
		Lines:    []string{"NMID ID1024361878738", "Terminal A01"},
		Footer:   "CRC 36F3",
		Logo:     testLogo(),
	}
}

var (
	svgSize = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	svgRect = regexp.MustCompile(`<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/>`)
)

// rasterSVGCode draws the rectangles of an SVG sticker's code group on
// white at the SVG's size.
func rasterSVGCode(t *testing.T, svg string) *image.Gray {
	t.Helper()
	sz := svgSize.FindStringSubmatch(svg)
	if sz == nil {
		t.Fatal("no viewBox")
	}
	w, _ := strconv.Atoi(sz[1])
	h, _ := strconv.Atoi(sz[2])
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	_, group, ok := strings.Cut(svg, `<g id="code"`)
	if !ok {
		t.Fatal("no code group")
	}
	group, _, _ = strings.Cut(group, "</g>")
	rects := svgRect.FindAllStringSubmatch(group, -1)
	if len(rects) == 0 {
		t.Fatal("no rectangles in the code group")
	}
	for _, r := range rects {
		var v [4]int
		for i := range v {
			v[i], _ = strconv.Atoi(r[i+1])
		}
		for y := v[1]; y < v[1]+v[3]; y++ {
			for x := v[0]; x < v[0]+v[2]; x++ {
				if !image.Pt(x, y).In(img.Rect) {
					t.Fatalf("rectangle %v outside the %dx%d card", v, w, h)
				}
				img.Pix[y*img.Stride+x] = 0
			}
		}
	}
	return img
}

// Every element stays inside the card, none overlaps another, and every
// line of text is no wider than its box: text is never cut.
func TestStickerLayoutFits(t *testing.T) {
	content := gatewayContent(t)
	cases := map[string]StickerOptions{
		"25-char name, 15-char city": {Title: "TOKO SERBA ADA JAYA ABADI", Subtitle: "KOTA JAKARTA SE", Lines: []string{"NMID ID1024361878738"}},
		"full":                       fullSticker(),
		"one unbroken word":          {Title: strings.Repeat("W", 80), Width: MinStickerWidth},
		"many lines":                 {Lines: strings.Fields(strings.Repeat("line ", 12)), Footer: strings.Repeat("F", 200)},
	}
	for name, o := range cases {
		t.Run(name, func(t *testing.T) {
			c, err := layoutSticker("Sticker", content, o)
			if err != nil {
				t.Fatal(err)
			}
			cardR := image.Rect(1, 1, c.w-1, c.h-1) // inside the border
			boxes := []image.Rectangle{c.codeR}
			if o.Logo != nil {
				boxes = append(boxes, c.logoR)
			}
			var want []string // the texts in the card's order, empty ones left out
			for _, s := range append([]string{o.Title, o.Subtitle, o.Amount}, append(o.Lines, o.Footer)...) {
				if s != "" {
					want = append(want, strings.Join(strings.Fields(s), ""))
				}
			}
			if len(c.text) != len(want) {
				t.Fatalf("%d text boxes for %d texts", len(c.text), len(want))
			}
			for k, tb := range c.text {
				boxes = append(boxes, tb.r)
				if got := strings.Join(tb.lines, ""); strings.ReplaceAll(got, " ", "") != want[k] {
					t.Errorf("lines %q lose text of %q", tb.lines, want[k])
				}
				for i, l := range tb.lines {
					if adv := font.MeasureString(tb.face, l); adv > fixed.I(tb.r.Dx()) {
						t.Errorf("line %q is %v px wide, its box %d", l, adv, tb.r.Dx())
					}
					if l == "" || i > 0 && tb.r.Dy() < (i+1)*lineHeight(tb.face) {
						t.Errorf("line %d of %q is empty or below its box", i, tb.lines)
					}
				}
			}
			for i, b := range boxes {
				if !b.In(cardR) {
					t.Errorf("box %v is not inside the card %v", b, cardR)
				}
				for _, o := range boxes[i+1:] {
					if b.Overlaps(o) {
						t.Errorf("boxes %v and %v overlap", b, o)
					}
				}
			}
		})
	}
	// At the default width the 25-character name fits its two lines and
	// the 15-character city one line, neither at the smallest size.
	c, _ := layoutSticker("Sticker", content, cases["25-char name, 15-char city"])
	name, city := c.text[0], c.text[1]
	if len(name.lines) > 2 || len(city.lines) != 1 || name.size <= DefaultStickerWidth/24 || city.size <= DefaultStickerWidth/30 {
		t.Errorf("name %q at %.0f px, city %q at %.0f px", name.lines, name.size, city.lines, city.size)
	}
}

// The PNG and the SVG put the code in the same place: the PNG's dark
// pixels inside the code's box are the SVG's rectangles.
func TestStickerSVGMatchesPNG(t *testing.T) {
	content := gatewayContent(t)
	o := fullSticker()
	var p, s bytes.Buffer
	if err := Sticker(&p, content, o); err != nil {
		t.Fatal(err)
	}
	o.Format = StickerSVG
	if err := Sticker(&s, content, o); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&p)
	if err != nil {
		t.Fatal(err)
	}
	svg := rasterSVGCode(t, s.String())
	if img.Bounds() != svg.Rect {
		t.Fatalf("PNG %v, SVG %v", img.Bounds(), svg.Rect)
	}
	c, _ := layoutSticker("Sticker", content, o)
	for y := c.codeR.Min.Y; y < c.codeR.Max.Y; y++ {
		for x := c.codeR.Min.X; x < c.codeR.Max.X; x++ {
			r, _, _, _ := img.At(x, y).RGBA()
			if (r < 0x8000) != (svg.GrayAt(x, y).Y == 0) {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
	if !strings.Contains(s.String(), `<image x=`) || strings.Count(s.String(), "<path") != 7 {
		t.Errorf("SVG lacks the logo or a text line:\n%.400s", s.String())
	}
}

func TestStickerErrors(t *testing.T) {
	content := gatewayContent(t)
	tests := []struct {
		name    string
		w       *bytes.Buffer
		content string
		o       StickerOptions
		want    error
		detail  string
	}{
		{"narrow", &bytes.Buffer{}, content, StickerOptions{Width: MinStickerWidth - 1}, ErrOptions, "width"},
		{"wide", &bytes.Buffer{}, content, StickerOptions{Width: MaxStickerWidth + 1}, ErrOptions, "width"},
		{"format", &bytes.Buffer{}, content, StickerOptions{Format: 7}, ErrOptions, "format"},
		{"empty logo", &bytes.Buffer{}, content, StickerOptions{Logo: image.NewNRGBA(image.Rect(0, 0, 0, 5))}, ErrOptions, "logo"},
		{"level", &bytes.Buffer{}, content, StickerOptions{Level: 9}, ErrOptions, "level"},
		{"empty content", &bytes.Buffer{}, "", StickerOptions{}, ErrEmpty, ""},
		{"too long", &bytes.Buffer{}, strings.Repeat("x", 3000), StickerOptions{Level: High}, ErrTooLong, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Sticker(tt.w, tt.content, tt.o)
			wantErr(t, err, "Sticker", tt.want)
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("%q does not say %q", err, tt.detail)
			}
			if tt.w.Len() != 0 {
				t.Errorf("wrote %d bytes alongside the error", tt.w.Len())
			}
		})
	}
	wantErr(t, Sticker(nil, content, StickerOptions{}), "Sticker", ErrOptions)
	for _, f := range []StickerFormat{StickerPNG, StickerSVG} {
		err := Sticker(failWriter{errDisk}, content, StickerOptions{Format: f, Logo: testLogo(), Title: "T"})
		wantErr(t, err, "Sticker", ErrWrite)
		if !errors.Is(err, errDisk) {
			t.Errorf("format %d: %v does not wrap the writer's error", f, err)
		}
	}
}
