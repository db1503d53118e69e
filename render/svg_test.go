package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"testing"
)

// svgDoc is the part of our SVG the tests read back.
type svgDoc struct {
	ViewBox string `xml:"viewBox,attr"`
	Width   string `xml:"width,attr"`
	Height  string `xml:"height,attr"`
	Rects   []struct {
		Width  string `xml:"width,attr"`
		Height string `xml:"height,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"rect"`
	Paths []struct {
		D           string `xml:"d,attr"`
		Fill        string `xml:"fill,attr"`
		FillOpacity string `xml:"fill-opacity,attr"`
	} `xml:"path"`
}

func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b)
	}
	if len(doc.Paths) != 1 {
		t.Fatalf("%d paths, want 1", len(doc.Paths))
	}
	return doc
}

// pathModules replays a path made of "M/m x y h w v1 h-w z" rectangles and
// returns the dark modules, failing on anything else or on overlap.
func pathModules(t *testing.T, d string, n int) [][]bool {
	t.Helper()
	m := make([][]bool, n)
	for i := range m {
		m[i] = make([]bool, n)
	}
	// Split before each command letter, then read its numbers.
	var cmds []string
	for i, start := 0, 0; i <= len(d); i++ {
		if i == len(d) || (i > start && strings.ContainsRune("MmhvHVzZ", rune(d[i]))) {
			cmds = append(cmds, d[start:i])
			start = i
		}
	}
	num := func(s string) int {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("bad number %q in %q", s, d)
		}
		return v
	}
	x, y := 0, 0 // current point: the start of the last rectangle after z
	for i := 0; i < len(cmds); i += 5 {
		if i+5 > len(cmds) {
			t.Fatalf("path ends mid-rectangle: %q", cmds[i:])
		}
		mv, h, v, back, z := cmds[i], cmds[i+1], cmds[i+2], cmds[i+3], cmds[i+4]
		xy := strings.Fields(mv[1:])
		if len(xy) != 2 || (mv[0] != 'M' && mv[0] != 'm') || (mv[0] == 'M') != (i == 0) {
			t.Fatalf("rectangle %d starts %q", i/5, mv)
		}
		if mv[0] == 'M' {
			x, y = num(xy[0]), num(xy[1])
		} else {
			x, y = x+num(xy[0]), y+num(xy[1])
		}
		w := num(h[1:])
		if h[0] != 'h' || w <= 0 || v != "v1" || back != "h-"+h[1:] || z != "z" {
			t.Fatalf("rectangle %d is %q", i/5, mv+h+v+back+z)
		}
		for dx := range w {
			if y < 0 || y >= n || x+dx < 0 || x+dx >= n {
				t.Fatalf("module (%d,%d) outside the %d-module viewBox", x+dx, y, n)
			}
			if m[y][x+dx] {
				t.Fatalf("module (%d,%d) drawn twice", x+dx, y)
			}
			m[y][x+dx] = true
		}
	}
	return m
}

// The SVG's path draws exactly the matrix's dark modules, for every payload.
func TestSVGMatchesMatrix(t *testing.T) {
	for _, o := range []Options{{}, {Level: High, QuietZone: NoQuietZone}, {QuietZone: 1}} {
		for i, content := range corpus(t) {
			m, err := Matrix(content, o)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := SVG(&buf, content, o); err != nil {
				t.Fatal(err)
			}
			doc := parseSVG(t, buf.Bytes())
			n := len(m)
			if want := fmt.Sprintf("0 0 %d %d", n, n); doc.ViewBox != want {
				t.Fatalf("viewBox %q, want %q", doc.ViewBox, want)
			}
			got := pathModules(t, doc.Paths[0].D, n)
			for y := range m {
				for x := range m[y] {
					if got[y][x] != m[y][x] {
						t.Fatalf("payload %d %+v: module (%d,%d) is %v in the SVG, %v in the matrix",
							i+1, o, x, y, got[y][x], m[y][x])
					}
				}
			}
			// One rectangle per run, never one per module.
			runs := 0
			for _, row := range m {
				for x, dark := range row {
					if dark && (x == 0 || !row[x-1]) {
						runs++
					}
				}
			}
			if c := strings.Count(doc.Paths[0].D, "z"); c != runs {
				t.Fatalf("%d rectangles for %d runs", c, runs)
			}
		}
	}
}

func TestSVGAttributes(t *testing.T) {
	content := gatewayContent(t) // 61 modules
	tests := []struct {
		name        string
		o           Options
		size        string
		rect        bool
		fg, bg      string
		fillOpacity string
	}{
		{"default", Options{}, "", true, "#000000", "#ffffff", ""},
		{"size", Options{Size: 400}, "400", true, "#000000", "#ffffff", ""},
		{"scale", Options{Scale: 4}, "244", true, "#000000", "#ffffff", ""},
		{"colours", Options{Foreground: color.RGBA{R: 0x12, G: 0x34, B: 0x56, A: 0xff}, Background: color.RGBA{R: 0xfe, G: 0xdc, B: 0xba, A: 0xff}},
			"", true, "#123456", "#fedcba", ""},
		{"transparent background", Options{Background: color.Transparent}, "", false, "#000000", "", ""},
		{"translucent foreground", Options{Foreground: color.NRGBA{A: 0x80}}, "", true, "#000000", "#ffffff", "0.502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := SVG(&buf, content, tt.o); err != nil {
				t.Fatal(err)
			}
			doc := parseSVG(t, buf.Bytes())
			if doc.Width != tt.size || doc.Height != tt.size {
				t.Errorf("width %q height %q, want %q", doc.Width, doc.Height, tt.size)
			}
			if tt.rect != (len(doc.Rects) == 1) || len(doc.Rects) > 1 {
				t.Fatalf("%d background rects, want one: %v", len(doc.Rects), tt.rect)
			}
			if tt.rect && (doc.Rects[0].Fill != tt.bg || doc.Rects[0].Width != "61" || doc.Rects[0].Height != "61") {
				t.Errorf("background %+v", doc.Rects[0])
			}
			if p := doc.Paths[0]; p.Fill != tt.fg || p.FillOpacity != tt.fillOpacity {
				t.Errorf("path fill %q opacity %q, want %q %q", p.Fill, p.FillOpacity, tt.fg, tt.fillOpacity)
			}
			if !bytes.Contains(buf.Bytes(), []byte(`shape-rendering="crispEdges"`)) {
				t.Error("no crispEdges: edges blur at sizes between whole pixels")
			}
		})
	}
}

// Merging runs keeps the file small: well under the naive one rectangle per
// module.
func TestSVGSmall(t *testing.T) {
	content := gatewayContent(t)
	var buf bytes.Buffer
	if err := SVG(&buf, content, Options{}); err != nil {
		t.Fatal(err)
	}
	m, _ := Matrix(content, Options{})
	dark := 0
	for _, row := range m {
		for _, d := range row {
			if d {
				dark++
			}
		}
	}
	// "M12 34h1v1h-1z" is 14 bytes for one module alone.
	if naive := 14 * dark; buf.Len() > naive/2 {
		t.Errorf("%d bytes for %d dark modules; one path per module would be %d", buf.Len(), dark, naive)
	}
}

func TestSVGWriterErrors(t *testing.T) {
	err := SVG(failWriter{errDisk}, "hello", Options{})
	wantErr(t, err, "SVG", ErrWrite)
	if !errors.Is(err, errDisk) {
		t.Errorf("%v does not wrap the writer's error", err)
	}
	wantErr(t, SVG(nil, "hello", Options{}), "SVG", ErrOptions)
}
