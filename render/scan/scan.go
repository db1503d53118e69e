package scan

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // Bytes reads GIF
	_ "image/jpeg" // and JPEG
	_ "image/png"
	"net/url"
	"strings"
)

// MaxPixels bounds the images [Bytes] decodes, so that a small file
// claiming huge dimensions cannot exhaust memory. It admits the largest PNG
// package render draws (render.MaxSize pixels a side).
const MaxPixels = 8192 * 8192

// Bytes returns the text of the QR code in an image file. data is the file
// (PNG, JPEG or GIF), that file in base64 (standard or URL alphabet, padded
// or not, line breaks allowed), or a data URI holding it; whitespace around
// text is ignored. Byte-mode text without a character-set marker is read as
// UTF-8, which is what payment payloads and package render use.
//
// When the code does not read at once, Bytes tries the image again other
// ways (see the package doc) before it reports ErrNoCode, so a picture with
// no code costs several decodes.
//
// Errors wrap ErrNotImage when data is none of those or holds more than
// MaxPixels pixels, ErrNoCode when the image holds no readable code and
// ErrMultipleCodes when it holds codes with different texts. Several codes
// with the same text, as on a sheet of stickers, give that text.
func Bytes(data []byte) (string, error) {
	return readBytes(data, nil)
}

// Image returns the text of the QR code in img, as [Bytes] does for an
// image file. Its errors wrap ErrNoCode or ErrMultipleCodes, and ErrNotImage
// when img is nil.
func Image(img image.Image) (string, error) {
	return readImage(img, "image", nil)
}

// readBytes is Bytes with decodeQR's trace.
func readBytes(data []byte, trace func(string)) (string, error) {
	raw, err := imageBytes(data)
	if err != nil {
		return "", &Error{Err: ErrNotImage, Detail: err.Error()}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return "", &Error{Err: ErrNotImage, Detail: "the image header does not decode", Cause: err}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return "", &Error{Err: ErrNotImage, Detail: fmt.Sprintf(
			"the %s is %d×%d pixels, outside the %d-pixel limit; scale it down first",
			format, cfg.Width, cfg.Height, MaxPixels)}
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return "", &Error{Err: ErrNotImage, Detail: "the " + format + " image data does not decode", Cause: err}
	}
	return readImage(img, format, trace)
}

// readImage is Image with decodeQR's trace; format names the picture in
// messages.
func readImage(img image.Image, format string, trace func(string)) (string, error) {
	if img == nil {
		return "", &Error{Err: ErrNotImage, Detail: "there is no image"}
	}
	b := img.Bounds()
	if b.Empty() {
		return "", &Error{Err: ErrNoCode, Detail: fmt.Sprintf("the %s has no pixels", format)}
	}
	texts, err := decodeQR(img, trace)
	if err != nil {
		return "", &Error{Err: ErrNoCode, Detail: "the decoder failed on this image", Cause: err}
	}
	switch len(texts) {
	case 0:
		return "", &Error{Err: ErrNoCode, Detail: fmt.Sprintf(
			"no readable QR code in this %d×%d %s; check that the whole code and its quiet zone are in the image, sharp and not too small",
			b.Dx(), b.Dy(), format)}
	case 1:
		return texts[0], nil
	}
	return "", &Error{Err: ErrMultipleCodes, Detail: fmt.Sprintf(
		"%d codes with different texts; crop the image to the one you mean", len(texts))}
}

// imageBytes finds the image file in data: the bytes themselves, a data URI's
// payload, or decoded base64.
func imageBytes(data []byte) ([]byte, error) {
	if isImage(data) {
		return data, nil
	}
	text := strings.TrimSpace(string(data))
	if len(text) > 5 && strings.EqualFold(text[:5], "data:") {
		return dataURIBytes(text)
	}
	if text == "" {
		return nil, errors.New("the input is empty")
	}
	// Plain words can be valid base64 too, so the message covers both.
	b, ok := decodeBase64(text)
	if !ok || !isImage(b) {
		return nil, fmt.Errorf("the input is not PNG, JPEG or GIF bytes, nor base64 or a data URI holding them")
	}
	return b, nil
}

func dataURIBytes(uri string) ([]byte, error) {
	meta, payload, ok := strings.Cut(uri[5:], ",")
	if !ok {
		return nil, fmt.Errorf("the data URI has no comma before its data")
	}
	var b []byte
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		if b, ok = decodeBase64(payload); !ok {
			return nil, fmt.Errorf("the data URI says base64 but its data is not")
		}
	} else {
		s, err := url.PathUnescape(payload)
		if err != nil {
			return nil, fmt.Errorf("the data URI's data is not percent-encoded correctly: %v", err)
		}
		b = []byte(s)
	}
	if !isImage(b) {
		return nil, fmt.Errorf("the data URI (%q) does not hold a PNG, JPEG or GIF image", meta)
	}
	return b, nil
}

// decodeBase64 accepts the standard and URL alphabets with or without
// padding, and ignores line breaks and spaces, since base64 pasted from mail
// or a terminal is wrapped.
func decodeBase64(s string) ([]byte, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r':
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "=")
	if strings.ContainsAny(s, "-_") {
		b, err := base64.RawURLEncoding.DecodeString(s)
		return b, err == nil
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	return b, err == nil
}

func isImage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) ||
		bytes.HasPrefix(b, []byte("\xff\xd8\xff")) ||
		bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
}
