// Package degrade makes the damaged pictures of QR codes that package scan's
// suite reads: rotated, rescaled, compressed, blurred, noisy, seen at an
// angle, faded, inverted, or lost in a busy photo. Every image comes from a
// fixed seed, so a run reads the same pictures as the last.
//
// It takes the clean code as an image and knows nothing of how it was drawn,
// so scan's tests and the scanbench program share it.
package degrade

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// Sample is one damaged picture of a code.
type Sample struct {
	Category string // one of Categories
	Param    string // the damage, as "angle 35", "quality 20", ...
	Content  string // the text the code holds
	File     []byte // a PNG, or for the jpeg category a JPEG
}

// Categories are the kinds of damage, in the order Suite makes them.
var Categories = []string{
	"rotation", "scale", "jpeg", "blur", "noise", "perspective",
	"contrast", "inverted", "background", "photo",
}

// Suite returns perCategory samples of each category. code draws a clean
// code (with its quiet zone) for a content; the contents are taken from
// contents in turn, from a place chosen by seed.
func Suite(code func(string) (image.Image, error), contents []string, perCategory int, seed uint64) ([]Sample, error) {
	var out []Sample
	for ci, cat := range Categories {
		rng := rand.New(rand.NewPCG(seed, uint64(ci)))
		start := rng.IntN(len(contents))
		for i := range perCategory {
			content := contents[(start+i*7)%len(contents)]
			img, err := code(content)
			if err != nil {
				return nil, err
			}
			// t runs from 0 to 1 over the category's samples, so the
			// damage covers its whole range whatever perCategory is.
			t := 0.0
			if perCategory > 1 {
				t = float64(i) / float64(perCategory-1)
			}
			s, err := damage(cat, i, t, gray(img), rng)
			if err != nil {
				return nil, err
			}
			s.Category, s.Content = cat, content
			out = append(out, s)
		}
	}
	return out, nil
}

func damage(cat string, i int, t float64, g *image.Gray, rng *rand.Rand) (Sample, error) {
	var s Sample
	var img image.Image
	switch cat {
	case "rotation":
		// 0, 5, ..., 90 degrees; with more samples than the 19 angles the
		// sweep starts again. The code is first brought to 2.4 pixels a
		// module, as in a 200-pixel picture of a payment code, where the
		// slanted module edges are hardest to read.
		a := float64(i%19) * 5
		s.Param = fmt.Sprintf("angle %.0f", a)
		img = Rotate(Scale(g, 0.6), a, 255)
	case "scale":
		f := 0.4 + t*2.6
		s.Param = fmt.Sprintf("scale %.2f", f)
		img = Scale(g, f)
	case "jpeg":
		q := 20 + int(math.Round(t*70))
		s.Param = fmt.Sprintf("quality %d", q)
		// A slight tilt, as a photo has, so that JPEG's blocks do not
		// line up with the modules.
		a := rng.Float64()*10 - 5
		var b bytes.Buffer
		if err := jpeg.Encode(&b, Rotate(g, a, 255), &jpeg.Options{Quality: q}); err != nil {
			return s, err
		}
		s.File = b.Bytes()
		return s, nil
	case "blur":
		sigma := 0.5 + t*2
		s.Param = fmt.Sprintf("sigma %.2f", sigma)
		img = Blur(g, sigma)
	case "noise":
		p := 0.02 + t*0.23
		s.Param = fmt.Sprintf("salt-and-pepper %.0f%%", p*100)
		img = SaltPepper(g, p, rng)
	case "perspective":
		k := t * 0.3
		s.Param = fmt.Sprintf("keystone %.0f%%", k*100)
		img = Perspective(g, k, i%4)
	case "contrast":
		c := 0.5 - t*0.45
		s.Param = fmt.Sprintf("contrast %.0f%%", c*100)
		img = Contrast(g, c, 0.5+(rng.Float64()-0.5)*(1-c)*0.8)
	case "inverted":
		a := t * 90
		s.Param = fmt.Sprintf("inverted, angle %.0f", a)
		img = Rotate(Invert(g), a, 0)
	case "background":
		f := 0.5 + t*1.5
		a := rng.Float64() * 90
		s.Param = fmt.Sprintf("scale %.2f, angle %.0f", f, a)
		img = OnBackground(Rotate(Scale(g, f), a, 255), rng)
	case "photo":
		// What a payer forwards: a small picture of the code, turned and
		// saved as JPEG again, at 2.2 to 3 pixels a module.
		f := 0.55 + rng.Float64()*0.2
		a := rng.Float64() * 90
		q := 60 + rng.IntN(26)
		s.Param = fmt.Sprintf("scale %.2f, angle %.0f, quality %d", f, a, q)
		var b bytes.Buffer
		if err := jpeg.Encode(&b, Rotate(Scale(g, f), a, 255), &jpeg.Options{Quality: q}); err != nil {
			return s, err
		}
		s.File = b.Bytes()
		return s, nil
	default:
		return s, fmt.Errorf("unknown category %q", cat)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return s, err
	}
	s.File = b.Bytes()
	return s, nil
}

func gray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Rect, img, b.Min, draw.Src)
	return g
}

// Rotate turns g by deg degrees about its centre onto a canvas just large
// enough to hold it, filled with the grey level fill.
func Rotate(g *image.Gray, deg float64, fill uint8) *image.Gray {
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	r := deg * math.Pi / 180
	sin, cos := math.Sin(r), math.Cos(r)
	nw := int(math.Ceil(math.Abs(w*cos) + math.Abs(h*sin)))
	nh := int(math.Ceil(math.Abs(w*sin) + math.Abs(h*cos)))
	dst := filled(nw, nh, fill)
	cx, cy := w/2, h/2
	ncx, ncy := float64(nw)/2, float64(nh)/2
	// Source to destination: move the centre to the origin, rotate, move it
	// to the new centre.
	m := f64.Aff3{
		cos, -sin, ncx - cos*cx + sin*cy,
		sin, cos, ncy - sin*cx - cos*cy,
	}
	draw.BiLinear.Transform(dst, m, g, g.Rect, draw.Src, nil)
	// Transform leaves pixels outside the rotated source untouched, so the
	// corners keep the fill.
	return dst
}

func filled(w, h int, v uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = v
	}
	return g
}

// Scale resizes g by f, smoothing as a camera or a viewer does.
func Scale(g *image.Gray, f float64) *image.Gray {
	w := max(1, int(math.Round(float64(g.Rect.Dx())*f)))
	h := max(1, int(math.Round(float64(g.Rect.Dy())*f)))
	dst := image.NewGray(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Rect, g, g.Rect, draw.Src, nil)
	return dst
}

// Blur convolves g with a Gaussian of standard deviation sigma pixels.
func Blur(g *image.Gray, sigma float64) *image.Gray {
	rad := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*rad+1)
	var sum float64
	for i := range k {
		d := float64(i - rad)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	at := func(p []float64, x, y int) float64 {
		x = min(max(x, 0), w-1)
		y = min(max(y, 0), h-1)
		return p[y*w+x]
	}
	src := make([]float64, w*h)
	for y := range h {
		for x := range w {
			src[y*w+x] = float64(g.Pix[y*g.Stride+x])
		}
	}
	tmp := make([]float64, w*h)
	for y := range h {
		for x := range w {
			var v float64
			for i, kv := range k {
				v += kv * at(src, x+i-rad, y)
			}
			tmp[y*w+x] = v
		}
	}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var v float64
			for i, kv := range k {
				v += kv * at(tmp, x, y+i-rad)
			}
			dst.Pix[y*dst.Stride+x] = clamp(v)
		}
	}
	return dst
}

func clamp(v float64) uint8 {
	return uint8(min(max(math.Round(v), 0), 255))
}

// SaltPepper sets a share p of the pixels to black or white at random.
func SaltPepper(g *image.Gray, p float64, rng *rand.Rand) *image.Gray {
	dst := image.NewGray(g.Rect)
	copy(dst.Pix, g.Pix)
	for i := range dst.Pix {
		if rng.Float64() < p {
			dst.Pix[i] = uint8(rng.IntN(2) * 255)
		}
	}
	return dst
}

// Perspective shows g as a camera off to one side sees it: the far edge
// (side 0 top, 1 right, 2 bottom, 3 left) shrunk by the share k of its
// length, the near edge kept.
func Perspective(g *image.Gray, k float64, side int) *image.Gray {
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	pad := 0.1 * max(w, h)
	W, H := int(w+2*pad), int(h+2*pad)
	dst := filled(W, H, 255)
	// The corners of the code in the picture: top-left, top-right,
	// bottom-right, bottom-left.
	d := k * w / 2
	c := [4][2]float64{{pad, pad}, {pad + w, pad}, {pad + w, pad + h}, {pad, pad + h}}
	switch side {
	case 0:
		c[0][0] += d
		c[1][0] -= d
	case 1:
		c[1][1] += d
		c[2][1] -= d
	case 2:
		c[3][0] += d
		c[2][0] -= d
	case 3:
		c[0][1] += d
		c[3][1] -= d
	}
	src := [4][2]float64{{0, 0}, {w, 0}, {w, h}, {0, h}}
	// Map each destination pixel back to the source and sample it there.
	m := homography(c, src)
	for y := range H {
		for x := range W {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			z := m[6]*fx + m[7]*fy + m[8]
			sx := (m[0]*fx + m[1]*fy + m[2]) / z
			sy := (m[3]*fx + m[4]*fy + m[5]) / z
			if sx < 0 || sy < 0 || sx >= w || sy >= h {
				continue
			}
			dst.Pix[y*dst.Stride+x] = bilinear(g, sx-0.5, sy-0.5)
		}
	}
	return dst
}

func bilinear(g *image.Gray, x, y float64) uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	px := func(x, y int) float64 {
		x = min(max(x, 0), w-1)
		y = min(max(y, 0), h-1)
		return float64(g.Pix[y*g.Stride+x])
	}
	top := px(x0, y0)*(1-fx) + px(x0+1, y0)*fx
	bot := px(x0, y0+1)*(1-fx) + px(x0+1, y0+1)*fx
	return clamp(top*(1-fy) + bot*fy)
}

// homography returns the 3x3 projective map, row by row, that takes the four
// points from to the four points to.
func homography(from, to [4][2]float64) [9]float64 {
	// Eight equations in the eight unknowns h0..h7 (h8 = 1).
	var a [8][9]float64
	for i := range 4 {
		x, y := from[i][0], from[i][1]
		u, v := to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	// Gaussian elimination with partial pivoting.
	for col := range 8 {
		p := col
		for r := col + 1; r < 8; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		a[col], a[p] = a[p], a[col]
		for r := range 8 {
			if r == col {
				continue
			}
			f := a[r][col] / a[col][col]
			for c := col; c < 9; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	var m [9]float64
	for i := range 8 {
		m[i] = a[i][8] / a[i][i]
	}
	m[8] = 1
	return m
}

// Contrast squeezes g's range to the share c of full scale, centred on the
// grey level mid (0 to 1).
func Contrast(g *image.Gray, c, mid float64) *image.Gray {
	dst := image.NewGray(g.Rect)
	lo := math.Max(0, mid-c/2) * 255
	hi := math.Min(1, mid+c/2) * 255
	for i, v := range g.Pix {
		dst.Pix[i] = clamp(lo + float64(v)/255*(hi-lo))
	}
	return dst
}

// Invert swaps light and dark.
func Invert(g *image.Gray) *image.Gray {
	dst := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		dst.Pix[i] = 255 - v
	}
	return dst
}

// OnBackground places the code somewhere in a busy picture about three
// times its size.
func OnBackground(code *image.Gray, rng *rand.Rand) *image.RGBA {
	cw, ch := code.Rect.Dx(), code.Rect.Dy()
	dst := Busy(max(3*cw, 600), max(3*ch, 600), rng)
	Place(dst, code, rng)
	return dst
}

// Busy draws a w×h picture with a lot going on: a gradient under
// overlapping coloured shapes, some dark and square-cornered like a code's
// modules, and thin strokes like print.
func Busy(w, h int, rng *rand.Rand) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	c0 := randColor(rng)
	c1 := randColor(rng)
	for y := range h {
		t := float64(y) / float64(h)
		row := color.RGBA{
			R: uint8(float64(c0.R)*(1-t) + float64(c1.R)*t),
			G: uint8(float64(c0.G)*(1-t) + float64(c1.G)*t),
			B: uint8(float64(c0.B)*(1-t) + float64(c1.B)*t), A: 255,
		}
		draw.Draw(dst, image.Rect(0, y, w, y+1), image.NewUniform(row), image.Point{}, draw.Src)
	}
	// As many shapes for each 600×600 pixels as the suite's own pictures have.
	area := max(1, w*h/(600*600))
	for range 120 * area {
		x, y := rng.IntN(w), rng.IntN(h)
		s := 4 + rng.IntN(60)
		col := image.NewUniform(randColor(rng))
		if rng.IntN(2) == 0 {
			draw.Draw(dst, image.Rect(x, y, x+s, y+s*(1+rng.IntN(3))), col, image.Point{}, draw.Src)
			continue
		}
		for dy := -s; dy <= s; dy++ {
			// One horizontal span a row of the disc.
			dx := int(math.Sqrt(float64(s*s - dy*dy)))
			draw.Draw(dst, image.Rect(x-dx, y+dy, x+dx+1, y+dy+1), col, image.Point{}, draw.Src)
		}
	}
	for range 40 * area {
		x, y := rng.IntN(w), rng.IntN(h)
		l := 20 + rng.IntN(200)
		dark := image.NewUniform(color.RGBA{A: 255, R: uint8(rng.IntN(60)), G: uint8(rng.IntN(60)), B: uint8(rng.IntN(60))})
		if rng.IntN(2) == 0 {
			draw.Draw(dst, image.Rect(x, y, x+l, y+1+rng.IntN(3)), dark, image.Point{}, draw.Src)
		} else {
			draw.Draw(dst, image.Rect(x, y, x+1+rng.IntN(3), y+l), dark, image.Point{}, draw.Src)
		}
	}
	return dst
}

// Place draws the code at a random place in dst. The code's canvas, corners
// included, is light, as a sticker's card is: a code is printed on
// something light.
func Place(dst *image.RGBA, code *image.Gray, rng *rand.Rand) {
	cw, ch := code.Rect.Dx(), code.Rect.Dy()
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	ox, oy := rng.IntN(max(1, w-cw+1)), rng.IntN(max(1, h-ch+1))
	draw.Draw(dst, image.Rect(ox, oy, ox+cw, oy+ch), code, image.Point{}, draw.Src)
}

func randColor(rng *rand.Rand) color.RGBA {
	return color.RGBA{R: uint8(rng.IntN(256)), G: uint8(rng.IntN(256)), B: uint8(rng.IntN(256)), A: 255}
}
