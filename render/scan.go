package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/gif"  // Scan reads GIF
	_ "image/jpeg" // and JPEG
	_ "image/png"
	"net/url"
	"strings"
)

// MaxScanPixels bounds the images Scan decodes, so that a small file claiming
// huge dimensions cannot exhaust memory. It admits a MaxSize PNG.
const MaxScanPixels = MaxSize * MaxSize

// Scan returns the text of the QR code in an image. data is the image file
// (PNG, JPEG or GIF), that file in base64 (standard or URL alphabet, padded
// or not, line breaks allowed), or a data URI holding it; whitespace around
// text is ignored. Byte-mode text without a character-set marker is read as
// UTF-8, which is what the producers here and payment payloads use.
//
// When the code does not read at once, Scan tries the image again other
// ways (see the package doc) before it reports ErrNoCode, so a picture with
// no code costs several decodes.
//
// Errors wrap ErrNotImage when data is none of those, ErrNoCode when the image
// holds no readable code and ErrMultipleCodes when it holds codes with
// different texts. Several codes with the same text, as on a sheet of
// stickers, give that text.
func Scan(data []byte) (string, error) {
	return scan(data, nil)
}

// scan is Scan with decodeQR's trace.
func scan(data []byte, trace func(string)) (string, error) {
	const op = "Scan"
	raw, err := imageBytes(data)
	if err != nil {
		return "", &Error{Op: op, Err: ErrNotImage, Detail: err.Error()}
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return "", &Error{Op: op, Err: ErrNotImage, Detail: "the image header does not decode", Cause: err}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxScanPixels {
		return "", &Error{Op: op, Err: ErrNotImage, Detail: fmt.Sprintf(
			"the %s is %d×%d pixels, outside the %d-pixel limit; scale it down first",
			format, cfg.Width, cfg.Height, MaxScanPixels)}
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return "", &Error{Op: op, Err: ErrNotImage, Detail: "the " + format + " image data does not decode", Cause: err}
	}
	texts, err := decodeQR(img, trace)
	if err != nil {
		return "", &Error{Op: op, Err: ErrNoCode, Detail: "the decoder failed on this image", Cause: err}
	}
	switch len(texts) {
	case 0:
		return "", &Error{Op: op, Err: ErrNoCode, Detail: fmt.Sprintf(
			"no readable QR code in this %d×%d %s; check that the whole code and its quiet zone are in the image, sharp and not too small",
			cfg.Width, cfg.Height, format)}
	case 1:
		return texts[0], nil
	}
	return "", &Error{Op: op, Err: ErrMultipleCodes, Detail: fmt.Sprintf(
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
		return nil, fmt.Errorf("the input is empty; give PNG, JPEG or GIF bytes, base64 or a data URI")
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
