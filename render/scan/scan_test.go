package scan

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/render"
)

const scanContent = "00020101021126640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME6304ABCD"

// codeImage draws content as an in-memory image, for tests that compose or
// re-encode it.
func codeImage(t testing.TB, content string, o render.Options) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := render.PNG(&buf, content, o); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// canvas places images side by side, with gaps, on a light grey background.
func canvas(imgs ...image.Image) image.Image {
	w, h := 20, 0
	for _, im := range imgs {
		w += im.Bounds().Dx() + 20
		h = max(h, im.Bounds().Dy())
	}
	c := image.NewRGBA(image.Rect(0, 0, w, h+40))
	draw.Draw(c, c.Bounds(), image.NewUniform(color.Gray{Y: 0xe0}), image.Point{}, draw.Src)
	x := 20
	for _, im := range imgs {
		r := image.Rect(x, 20, x+im.Bounds().Dx(), 20+im.Bounds().Dy())
		draw.Draw(c, r, im, im.Bounds().Min, draw.Src)
		x += im.Bounds().Dx() + 20
	}
	return c
}

func TestScanForms(t *testing.T) {
	pngBytes := encodePNG(t, codeImage(t, scanContent, render.Options{}))
	b64 := base64.StdEncoding.EncodeToString(pngBytes)
	var wrapped strings.Builder
	for i := 0; i < len(b64); i += 76 {
		wrapped.WriteString(b64[i:min(i+76, len(b64))] + "\r\n")
	}
	var jpg, gf bytes.Buffer
	if err := jpeg.Encode(&jpg, codeImage(t, scanContent, render.Options{}), &jpeg.Options{Quality: 75}); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gf, codeImage(t, scanContent, render.Options{}), nil); err != nil {
		t.Fatal(err)
	}
	rotated := image.NewGray(image.Rect(0, 0, 256, 256))
	src := codeImage(t, scanContent, render.Options{})
	for y := range 256 {
		for x := range 256 {
			rotated.Set(255-y, x, src.At(x, y))
		}
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"png", pngBytes},
		{"jpeg", jpg.Bytes()},
		{"gif", gf.Bytes()},
		{"base64", []byte(b64)},
		{"base64 with spaces around", []byte("\n  " + b64 + " \n")},
		{"base64 wrapped at 76", []byte(wrapped.String())},
		{"base64 unpadded", []byte(strings.TrimRight(b64, "="))},
		{"base64 url alphabet", []byte(base64.URLEncoding.EncodeToString(pngBytes))},
		{"data uri", []byte("data:image/png;base64," + b64)},
		{"data uri upper case, spaced", []byte("  DATA:image/png;BASE64," + b64 + "\n")},
		{"data uri no media type", []byte("data:;base64," + b64)},
		{"data uri percent-encoded", []byte("data:image/png," + url.PathEscape(string(pngBytes)))},
		{"light on dark", encodePNG(t, codeImage(t, scanContent, render.Options{Foreground: color.White, Background: color.Black}))},
		{"coloured", encodePNG(t, codeImage(t, scanContent, render.Options{
			Foreground: color.RGBA{R: 0x00, G: 0x33, B: 0x66, A: 0xff}, Background: color.RGBA{R: 0xff, G: 0xee, B: 0x99, A: 0xff}}))},
		{"rotated", encodePNG(t, rotated)},
		{"on a larger canvas", encodePNG(t, canvas(src))},
		{"same code twice", encodePNG(t, canvas(src, src))},
		{"Base64's own output", func() []byte { s, _ := render.Base64(scanContent, render.Options{}); return []byte(s) }()},
		{"DataURI's own output", func() []byte { s, _ := render.DataURI(scanContent, render.Options{}); return []byte(s) }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Bytes(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if got != scanContent {
				t.Fatalf("scanned %q", got)
			}
		})
	}
}

func TestScanErrors(t *testing.T) {
	white := image.NewGray(image.Rect(0, 0, 200, 200))
	draw.Draw(white, white.Bounds(), image.White, image.Point{}, draw.Src)
	noise := image.NewGray(image.Rect(0, 0, 200, 200))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(r.IntN(256))
	}
	pngBytes := encodePNG(t, codeImage(t, scanContent, render.Options{}))
	two := encodePNG(t, canvas(codeImage(t, "first code", render.Options{}), codeImage(t, "second code", render.Options{})))

	tests := []struct {
		name   string
		data   []byte
		want   error
		detail string
	}{
		{"nil", nil, ErrNotImage, "empty"},
		{"whitespace", []byte(" \n\t"), ErrNotImage, "empty"},
		{"plain text", []byte("hello, world"), ErrNotImage, "not PNG"},
		{"a payload, not an image", []byte(scanContent), ErrNotImage, "not PNG"},
		{"base64 of text", []byte(base64.StdEncoding.EncodeToString([]byte("hello, world"))), ErrNotImage, "not PNG"},
		{"binary garbage", []byte{0, 1, 2, 3, 0xff, 0xfe, 0x80}, ErrNotImage, "not PNG"},
		{"png signature, garbage after", append([]byte("\x89PNG\r\n\x1a\n"), "garbage garbage"...), ErrNotImage, "header"},
		{"truncated png", pngBytes[:len(pngBytes)/2], ErrNotImage, "does not decode"},
		{"jpeg marker only", []byte("\xff\xd8\xff"), ErrNotImage, "header"},
		{"data uri without comma", []byte("data:image/png;base64"), ErrNotImage, "comma"},
		{"data uri bad base64", []byte("data:image/png;base64,@@@"), ErrNotImage, "not"},
		{"data uri of text", []byte("data:text/plain,hello"), ErrNotImage, "text/plain"},
		{"data uri bad percent", []byte("data:image/png,%zz"), ErrNotImage, "percent"},
		{"too many pixels", hugePNG(t, 100000, 100000), ErrNotImage, "limit"},
		{"blank", encodePNG(t, white), ErrNoCode, "quiet zone"},
		{"noise", encodePNG(t, noise), ErrNoCode, "no readable"},
		{"two different codes", two, ErrMultipleCodes, "2 codes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Bytes(tt.data)
			wantErr(t, err, tt.want)
			if got != "" {
				t.Errorf("text %q alongside the error", got)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("message %q does not say %q", err, tt.detail)
			}
		})
	}
}

// hugePNG is a real PNG whose header claims w×h pixels.
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	// IHDR's data starts at byte 16: width, height, then five one-byte fields;
	// its CRC covers the type and data, bytes 12..29.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
		t.Fatalf("patched header does not parse: %v", err)
	}
	return b
}

// Scan's errors carry the decoder's when there is one, so callers can log it.
func TestScanErrorCause(t *testing.T) {
	_, err := Bytes(append([]byte("\x89PNG\r\n\x1a\n"), "garbage garbage"...))
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("%v does not wrap io.ErrUnexpectedEOF", err)
	}
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	b[17] ^= 1 // change the width and leave IHDR's CRC as it was
	_, err = Bytes(b)
	var fe png.FormatError
	if !errors.As(err, &fe) || !errors.Is(err, ErrNotImage) {
		t.Errorf("%v wraps no png.FormatError", err)
	}
}

// Image reads a decoded picture whatever its pixel type and wherever its
// bounds start, as Bytes reads the file.
func TestImage(t *testing.T) {
	src := codeImage(t, scanContent, render.Options{})
	b := src.Bounds()
	gray := image.NewGray(b)
	draw.Draw(gray, b, src, b.Min, draw.Src)
	ycc := image.NewYCbCr(b, image.YCbCrSubsampleRatio420)
	for y := range b.Dy() {
		for x := range b.Dx() {
			ycc.Y[ycc.YOffset(x, y)] = gray.GrayAt(x, y).Y
		}
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	// A sub-image keeps its parent's coordinates: its bounds do not start at 0.
	big := canvas(src).(*image.RGBA)
	sub := big.SubImage(image.Rect(10, 10, big.Rect.Dx()-10, big.Rect.Dy()-10))
	transparent := image.NewNRGBA(b) // the dark modules on a transparent page
	for y := range b.Dy() {
		for x := range b.Dx() {
			if gray.GrayAt(x, y).Y < 0x80 {
				transparent.Set(x, y, color.Black)
			}
		}
	}
	for name, img := range map[string]image.Image{
		"paletted": src, "gray": gray, "ycbcr": ycc, "sub-image": sub, "transparent background": transparent,
	} {
		got, err := Image(img)
		if err != nil || got != scanContent {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

func TestImageErrors(t *testing.T) {
	two := canvas(codeImage(t, "first code", render.Options{}), codeImage(t, "second code", render.Options{}))
	tests := []struct {
		name   string
		img    image.Image
		want   error
		detail string
	}{
		{"nil", nil, ErrNotImage, "no image"},
		{"no pixels", image.NewGray(image.Rect(5, 5, 5, 9)), ErrNoCode, "no pixels"},
		{"blank", image.NewGray(image.Rect(0, 0, 200, 200)), ErrNoCode, "200×200 image"},
		{"two different codes", two, ErrMultipleCodes, "2 codes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Image(tt.img)
			wantErr(t, err, tt.want)
			if got != "" {
				t.Errorf("text %q alongside the error", got)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("message %q does not say %q", err, tt.detail)
			}
		})
	}
}

// MaxPixels admits the largest image render draws, and no more.
func TestMaxPixels(t *testing.T) {
	if MaxPixels != render.MaxSize*render.MaxSize {
		t.Errorf("MaxPixels %d, want render.MaxSize² = %d", MaxPixels, render.MaxSize*render.MaxSize)
	}
	for _, tt := range []struct {
		w, h uint32
		ok   bool
	}{{render.MaxSize, render.MaxSize, true}, {render.MaxSize, render.MaxSize + 1, false}, {1, MaxPixels + 1, false}} {
		_, err := Bytes(hugePNG(t, tt.w, tt.h))
		limit := errors.Is(err, ErrNotImage) && strings.Contains(err.Error(), "limit")
		if limit == tt.ok {
			t.Errorf("%d×%d: %v; refused for size: %v, want %v", tt.w, tt.h, err, limit, !tt.ok)
		}
	}
}
