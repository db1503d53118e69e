// Package scan reads the text of the QR code in an image.
//
// [Bytes] takes an image file as it arrives: PNG, JPEG or GIF bytes, that
// file in base64 (as an API response's image field carries it), or a data
// URI. [Image] takes a picture already decoded. Both return the text of the
// one code in the picture.
//
// A clean image costs one decode; a damaged one gets what a careful reader
// tries before giving up: a second binarizer, the image inverted, its
// contrast stretched, rescaled when the modules are too small or too large,
// cleaned of speckles, sharpened, and turned by 45 degrees. A phone photo is
// first read downscaled. README gives the success rate beside zbarimg's on a
// suite of damaged images (render/scan/internal/scanbench prints it).
//
// The decoder underneath is github.com/makiuchi-d/gozxing. It lives in this
// package, apart from package render, so that a program that only draws
// codes does not link or initialise it.
//
// Errors are [*Error] values wrapping one of the sentinels (ErrNotImage,
// ErrNoCode, ErrMultipleCodes), so callers test them with errors.Is.
package scan
