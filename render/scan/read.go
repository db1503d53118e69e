package scan

import (
	"fmt"
	"image"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// scanSide bounds the longer side of the picture the readers first look at:
// a phone photo is downscaled to it, since a code that fills a fair part of
// the photo still has modules of several pixels there, and reading 12
// megapixels at full size takes seconds.
const scanSide = 1600

// maxRescaled bounds the pixels of a rescaled picture, so that a big
// picture of tiny modules is not blown up to hundreds of megabytes.
const maxRescaled = 4 << 20

// The module widths, in pixels, that the finder reads best. Outside them
// decodeQR tries the picture rescaled.
const (
	minModule = 3
	maxModule = 20
)

// decodeQR returns the distinct texts of the codes in img, trying what a
// careful reader tries before giving up, cheapest and likeliest first, and
// stopping at the first attempt that reads a code: both of gozxing's
// binarizers (the hybrid one reads uneven light, the global histogram reads
// blur and faint print), the picture inverted for light-on-dark codes,
// rescaled when the modules are too small or too large for the finder,
// cleaned of speckles, and turned by 45 degrees, where the finder's row
// scans cross the finder patterns at their least readable. A clean image
// costs one decode.
//
// trace, when not nil, is called with the name of each attempt before it
// runs, so tests can count them.
func decodeQR(img image.Image, trace func(string)) (texts []string, err error) {
	// gozxing is a port of Java that signals some failures by running off
	// the end of a slice; a damaged image must be "no code", not a crash.
	defer func() {
		if r := recover(); r != nil {
			texts, err = nil, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	full := toGray(img)
	g := full
	if side := max(g.Rect.Dx(), g.Rect.Dy()); side > scanSide {
		g = shrink(g, (side+scanSide-1)/scanSide)
	}
	try := func(name string, p *image.Gray, global bool) []string {
		if trace != nil {
			trace(name)
		}
		return readCodes(p, global)
	}
	// The cheap attempts, on the picture as it is and inverted.
	for _, a := range []struct {
		name           string
		invert, global bool
	}{
		{"hybrid", false, false},
		{"global histogram", false, true},
		{"inverted", true, false},
	} {
		p := g
		if a.invert {
			p = invert(g)
		}
		if t := try(a.name, p, a.global); len(t) > 0 {
			return t, nil
		}
	}
	// Faint print: the grey levels stretched to full range, which neither
	// binarizer does for a picture with only a few levels between its dark
	// and its light.
	if p, ok := stretch(g); ok {
		if t := try("stretched", p, true); len(t) > 0 {
			return t, nil
		}
	}
	// Rescaled, when the finder saw modules too small or too large.
	if f := rescaleFactor(g); f != 1 && float64(g.Rect.Dx())*float64(g.Rect.Dy())*f*f <= maxRescaled {
		p := resize(g, f)
		for _, global := range []bool{false, true} {
			if t := try(fmt.Sprintf("rescaled %.2gx", f), p, global); len(t) > 0 {
				return t, nil
			}
		}
	}
	// Speckles break the finder's runs of dark and light; a median filter
	// removes them and keeps the modules' edges.
	if t := try("median", median3(g), false); len(t) > 0 {
		return t, nil
	}
	// Out of focus: an unsharp mask steepens the modules' edges again.
	if t := try("sharpened", sharpen(g), false); len(t) > 0 {
		return t, nil
	}
	turned := rotate45(g)
	for _, global := range []bool{false, true} {
		if t := try("rotated 45°", turned, global); len(t) > 0 {
			return t, nil
		}
	}
	// A small code in a big photo may have been lost to the downscaling.
	if g != full {
		if t := try("full size", full, false); len(t) > 0 {
			return t, nil
		}
	}
	return nil, nil
}

// readCodes runs the multi-code reader, so that several codes are noticed,
// then the single-code reader, whose finder differs, and returns the
// distinct texts found.
func readCodes(g *image.Gray, global bool) []string {
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, g.Rect.Dy(), 0, 0, g.Rect.Dx(), g.Rect.Dy(), false)
	if err != nil {
		return nil
	}
	var bin gozxing.Binarizer = gozxing.NewHybridBinarizer(src)
	if global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return nil
	}
	hints := map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_TRY_HARDER:    true,
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8",
	}
	results, _ := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	var texts []string
	for _, r := range results {
		if t := r.GetText(); !slices.Contains(texts, t) {
			texts = append(texts, t)
		}
	}
	if len(texts) > 0 {
		return texts
	}
	if r, err := qrcode.NewQRCodeReader().Decode(bmp, hints); err == nil {
		return []string{r.GetText()}
	}
	return nil
}

// rescaleFactor says how much to resize g so that the finder patterns it
// sees have modules of a readable width: 1 when they already do or when it
// sees none.
func rescaleFactor(g *image.Gray) float64 {
	src, err := gozxing.NewPlanarYUVLuminanceSource(g.Pix, g.Stride, g.Rect.Dy(), 0, 0, g.Rect.Dx(), g.Rect.Dy(), false)
	if err != nil {
		return 1
	}
	m, err := gozxing.NewHybridBinarizer(src).GetBlackMatrix()
	if err != nil {
		return 1
	}
	f := detector.NewFinderPatternFinder(m, nil)
	f.Find(map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	var sizes []float64
	for _, p := range f.GetPossibleCenters() {
		sizes = append(sizes, p.GetEstimatedModuleSize())
	}
	if len(sizes) == 0 {
		// No finder pattern at all: in a small picture the modules are
		// likely too narrow to be seen.
		if min(g.Rect.Dx(), g.Rect.Dy()) < 400 {
			return 3
		}
		return 1
	}
	slices.Sort(sizes)
	ms := sizes[len(sizes)/2]
	switch {
	case ms < minModule:
		// Whole factors: at 1.6 pixels a module, twice is still too blurred
		// to read where three times reads.
		return math.Min(4, math.Ceil(5/ms))
	case ms > maxModule:
		return 8 / ms
	}
	return 1
}

// toGray gives img's luminance as an image.Gray whose stride is its width,
// as gozxing's luminance source reads it. A JPEG's luminance is its Y plane.
func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch m := img.(type) {
	case *image.Gray:
		for y := range b.Dy() {
			copy(g.Pix[y*g.Stride:(y+1)*g.Stride], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.YCbCr:
		for y := range b.Dy() {
			copy(g.Pix[y*g.Stride:(y+1)*g.Stride], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
	default:
		// Transparent pixels count as white, as on paper.
		for y := range b.Dy() {
			for x := range b.Dx() {
				r, gr, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				l := (299*r + 587*gr + 114*bl) / 1000
				g.Pix[y*g.Stride+x] = uint8((l + 0xffff - a) >> 8)
			}
		}
	}
	return g
}

// shrink averages each f×f block of g into one pixel.
func shrink(g *image.Gray, f int) *image.Gray {
	w, h := g.Rect.Dx()/f, g.Rect.Dy()/f
	dst := image.NewGray(image.Rect(0, 0, w, h))
	sums := make([]int, w)
	for y := range h {
		clear(sums)
		for dy := range f {
			row := g.Pix[(y*f+dy)*g.Stride:]
			for x := range w {
				for dx := range f {
					sums[x] += int(row[x*f+dx])
				}
			}
		}
		for x, s := range sums {
			dst.Pix[y*dst.Stride+x] = uint8(s / (f * f))
		}
	}
	return dst
}

// resize scales g by f with bilinear interpolation, which keeps upscaled
// module edges straight enough for the binarizers.
func resize(g *image.Gray, f float64) *image.Gray {
	w := max(1, int(float64(g.Rect.Dx())*f))
	h := max(1, int(float64(g.Rect.Dy())*f))
	return warp(g, w, h, [6]float64{1 / f, 0, 0, 0, 1 / f, 0})
}

// warp draws a w×h picture whose pixel at (x, y) is g sampled bilinearly at
// inv applied to (x, y), pixel centres to pixel centres; where that falls
// outside g it is white, the colour around a printed code.
// golang.org/x/image/draw does the same, but converts Gray to Gray through
// its generic colour path: scanning warps every picture it retries, so
// this one reads and writes Gray alone.
func warp(g *image.Gray, w, h int, inv [6]float64) *image.Gray {
	dst := image.NewGray(image.Rect(0, 0, w, h))
	sw, sh := g.Rect.Dx(), g.Rect.Dy()
	for y := range h {
		fy := float64(y) + 0.5
		for x := range w {
			fx := float64(x) + 0.5
			sx := inv[0]*fx + inv[1]*fy + inv[2] - 0.5
			sy := inv[3]*fx + inv[4]*fy + inv[5] - 0.5
			if sx < -0.5 || sy < -0.5 || sx > float64(sw)-0.5 || sy > float64(sh)-0.5 {
				dst.Pix[y*dst.Stride+x] = 0xff
				continue
			}
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			ax, ay := sx-float64(x0), sy-float64(y0)
			xa, xb := min(max(x0, 0), sw-1), min(max(x0+1, 0), sw-1)
			ya, yb := min(max(y0, 0), sh-1), min(max(y0+1, 0), sh-1)
			r0, r1 := g.Pix[ya*g.Stride:], g.Pix[yb*g.Stride:]
			top := float64(r0[xa])*(1-ax) + float64(r0[xb])*ax
			bot := float64(r1[xa])*(1-ax) + float64(r1[xb])*ax
			dst.Pix[y*dst.Stride+x] = uint8(top*(1-ay) + bot*ay + 0.5)
		}
	}
	return dst
}

func invert(g *image.Gray) *image.Gray {
	dst := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		dst.Pix[i] = 255 - v
	}
	return dst
}

// stretch maps the darkest and lightest hundredth of g's pixels to black
// and white and spreads the levels between. It reports false when g's range
// is wide already.
func stretch(g *image.Gray) (*image.Gray, bool) {
	var hist [256]int
	for _, v := range g.Pix {
		hist[v]++
	}
	cut := len(g.Pix) / 100
	lo, hi := 0, 255
	for n := 0; lo < 255 && n+hist[lo] <= cut; lo++ {
		n += hist[lo]
	}
	for n := 0; hi > 0 && n+hist[hi] <= cut; hi-- {
		n += hist[hi]
	}
	if hi-lo >= 96 || hi <= lo {
		return nil, false
	}
	var lut [256]uint8
	for v := range lut {
		lut[v] = uint8(min(max((v-lo)*255/(hi-lo), 0), 255))
	}
	dst := image.NewGray(g.Rect)
	for i, v := range g.Pix {
		dst.Pix[i] = lut[v]
	}
	return dst, true
}

// sharpen adds to g twice its difference from a blurred copy of itself (an
// unsharp mask with a radius of about two pixels).
func sharpen(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	k := [...]int{1, 4, 8, 10, 8, 4, 1} // a Gaussian of sigma about 1.5, sum 36
	const r, sum = 3, 36
	tmp := make([]int, w*h)
	for y := range h {
		row := g.Pix[y*g.Stride:]
		for x := range w {
			v := 0
			for i, kv := range k {
				v += kv * int(row[min(max(x+i-r, 0), w-1)])
			}
			tmp[y*w+x] = v
		}
	}
	dst := image.NewGray(g.Rect)
	for y := range h {
		for x := range w {
			v := 0
			for i, kv := range k {
				v += kv * tmp[min(max(y+i-r, 0), h-1)*w+x]
			}
			o := int(g.Pix[y*g.Stride+x])
			dst.Pix[y*dst.Stride+x] = uint8(min(max(o+2*(o-v/(sum*sum)), 0), 255))
		}
	}
	return dst
}

// median3 replaces each pixel by the median of its 3×3 neighbourhood.
func median3(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	dst := image.NewGray(g.Rect)
	copy(dst.Pix, g.Pix)
	var win [9]uint8
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			k := 0
			for dy := -1; dy <= 1; dy++ {
				row := g.Pix[(y+dy)*g.Stride+x-1:]
				win[k], win[k+1], win[k+2] = row[0], row[1], row[2]
				k += 3
			}
			s := win[:]
			slices.Sort(s)
			dst.Pix[y*dst.Stride+x] = win[4]
		}
	}
	return dst
}

// rotate45 turns g by 45 degrees onto a white canvas that holds all of it.
func rotate45(g *image.Gray) *image.Gray {
	w, h := float64(g.Rect.Dx()), float64(g.Rect.Dy())
	c := math.Sqrt2 / 2
	side := int(math.Ceil((w + h) * c))
	mid := float64(side) / 2
	// From the canvas back to g: move the canvas centre to the origin, turn
	// back by 45 degrees, move to g's centre.
	return warp(g, side, side, [6]float64{
		c, c, w/2 - c*mid - c*mid,
		-c, c, h/2 + c*mid - c*mid,
	})
}
