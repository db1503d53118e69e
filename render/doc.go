// Package render draws QR codes for payment payload strings and reads them
// back.
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
//
// [Scan] goes the other way: it takes PNG, JPEG or GIF bytes, base64 text or a
// data URI and returns the text of the one QR code in the image.
//
// The package knows QR codes, not payments: the content is any UTF-8 string,
// written in the QR code's byte, alphanumeric and numeric modes as they fit.
// Errors are [*Error] values wrapping one of the sentinels (ErrTooLong,
// ErrOptions, ErrNotImage, ...), so callers test them with errors.Is.
package render
