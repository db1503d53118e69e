// Package render draws QR codes for payment payload strings.
//
// The producers all take the content string and an [Options] whose zero value
// gives a sensible code: error-correction level M, the standard 4-module quiet
// zone, black on white.
//
//   - [PNG] streams a 1-bit PNG to an io.Writer; [Base64] and [DataURI] are
//     built on top of it and give what an API response's image field carries.
//   - [SVG] writes a scalable image: one path, runs of dark modules merged,
//     viewBox measured in modules.
//   - [Terminal] writes Unicode half blocks, two module rows a line.
//   - [Matrix] returns the modules themselves, quiet zone included.
//   - [Encode] returns the symbol as a [*Code], with the version, level and
//     mask the encoder chose.
//   - [Sticker] lays out a printable card around the code, as PNG or SVG:
//     a logo, title and subtitle above, an amount, lines and a footer
//     below, in the Go fonts, never cut. What the card says is the
//     caller's ([StickerOptions]); package qris gives it for a payload.
//
// Package [github.com/qriskit/qriskit/render/scan] goes the other way: it
// reads the text of the QR code in a PNG, JPEG or GIF image, its base64 or a
// data URI. It is a package of its own so that a program that only draws
// codes does not carry the decoder.
//
// The package knows QR codes, not payments: the content is any UTF-8 string.
// The encoder is the package's own, ISO/IEC 18004 model 2: the content is
// split into the numeric, alphanumeric and byte segments that give the
// shortest bit stream (a payment payload, mostly digits and capitals, often
// fits a version smaller than a byte-only encoder needs, so its modules are
// larger at the same print size), in the smallest version from
// Options.MinVersion up, with the data mask that scores lowest by the
// standard's penalty rules. Its symbols are held, bit for bit, to
// github.com/skip2/go-qrcode given the same segments and mask.
// Errors are [*Error] values wrapping one of the sentinels (ErrTooLong,
// ErrOptions, ErrWrite), so callers test them with errors.Is.
package render
