package render

import (
	"fmt"
	"image/color"
	"strings"
)

// Level is a QR code's error-correction level: how much of the code can be
// damaged or covered and still read. Higher levels need more modules for the
// same content.
//
// The zero value is Medium, the usual level for payment codes. The constants'
// numeric order is not the order of strength; compare levels by name.
type Level int

// Error-correction levels, with the share of codewords each can restore.
const (
	Medium   Level = iota // M, about 15%
	Low                   // L, about 7%
	Quartile              // Q, about 25%
	High                  // H, about 30%
)

// String returns the level's letter: "L", "M", "Q" or "H".
func (l Level) String() string {
	switch l {
	case Low:
		return "L"
	case Medium:
		return "M"
	case Quartile:
		return "Q"
	case High:
		return "H"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// ParseLevel reads a level from its letter ("L", "M", "Q", "H") or its name
// ("low", "medium", "quartile", "high"), ignoring case. Anything else gives an
// error wrapping ErrOptions.
func ParseLevel(s string) (Level, error) {
	switch strings.ToUpper(s) {
	case "L", "LOW":
		return Low, nil
	case "M", "MEDIUM":
		return Medium, nil
	case "Q", "QUARTILE":
		return Quartile, nil
	case "H", "HIGH":
		return High, nil
	}
	return Medium, &Error{Op: "ParseLevel", Err: ErrOptions,
		Detail: fmt.Sprintf("unknown error-correction level %q; use L, M, Q or H", s)}
}

// MarshalText returns the level's letter, so a Level can be a JSON value or a
// flag.TextVar.
func (l Level) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, &Error{Op: "MarshalText", Err: ErrOptions,
			Detail: fmt.Sprintf("unknown error-correction level %d; use Low, Medium, Quartile or High", int(l))}
	}
	return []byte(l.String()), nil
}

// UnmarshalText sets the level from anything ParseLevel accepts.
func (l *Level) UnmarshalText(text []byte) error {
	v, err := ParseLevel(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

func (l Level) valid() bool { return l >= Medium && l <= High }

// Defaults and limits for Options.
const (
	// DefaultSize is the PNG width and height in pixels when neither Size nor
	// Scale is set.
	DefaultSize = 256
	// MaxSize bounds Size and Scale, and a PNG's width and height, so that a
	// typo cannot ask for an image that takes minutes to write. A code at
	// MaxSize printed at 300 dpi is 69 cm wide.
	MaxSize = 8192
	// DefaultQuietZone is the margin, in modules, when QuietZone is 0: the
	// QR standard's minimum.
	DefaultQuietZone = 4
	// MaxQuietZone bounds QuietZone.
	MaxQuietZone = 64
	// NoQuietZone, as Options.QuietZone, draws no margin at all, for callers
	// that place the code on a light area of their own.
	NoQuietZone = -1
)

// Options say how to draw a code. The zero value draws a level M code with a
// 4-module quiet zone, black on white, 256 pixels wide as a PNG. Every
// producer checks every field, including those it ignores, so Options that
// one producer accepts the others accept too (Scale times the matrix width
// is at most MaxSize for all of them); only PNG also needs Size to be at
// least the matrix width.
type Options struct {
	// Size is the width and height in pixels. For PNG, 0 means DefaultSize,
	// or the matrix width when that is larger; a Size smaller than the matrix
	// width (Matrix's length) is an error, since a module cannot be narrower
	// than a pixel. Every module is a whole number of pixels wide: the pixels
	// left over widen the margin. For SVG, Size sets the width and height
	// attributes; 0 leaves them out so the image fills its container.
	// Terminal ignores it. At most MaxSize.
	Size int
	// Scale is the width of a module in pixels, instead of Size: the image is
	// Scale times the matrix width. Set Size or Scale, not both.
	Scale int
	// Level is the error-correction level; the zero value is Medium.
	Level Level
	// MinVersion is the smallest QR version (1 to 40) the code may use; 0
	// means 1. The encoder takes the smallest version from there that holds
	// the content, so a run of codes of similar content can share one size.
	MinVersion int
	// QuietZone is the light margin around the code, in modules: 0 means
	// DefaultQuietZone, NoQuietZone (-1) means none, and 1..MaxQuietZone
	// that many. Scanners need about 4 modules of light around a code; ask
	// for less only when the code sits on a light area anyway.
	QuietZone int
	// Foreground is the colour of dark modules; nil means black.
	Foreground color.Color
	// Background is the colour of light modules and the margin; nil means
	// white. It must differ from Foreground. Scanners read dark on light best.
	Background color.Color
	// Invert makes Terminal draw light modules as glyphs and dark ones as
	// blanks, for terminals with light text on a dark background. The image
	// producers ignore it; swap the colours there instead.
	Invert bool
}

// style is Options checked and with defaults filled in.
type style struct {
	level      Level
	minVersion int
	quiet      int
	fg         color.Color
	bg         color.Color
}

func (o Options) resolve(op string) (style, error) {
	bad := func(format string, args ...any) (style, error) {
		return style{}, &Error{Op: op, Err: ErrOptions, Detail: fmt.Sprintf(format, args...)}
	}
	s := style{level: o.Level, minVersion: max(o.MinVersion, 1), quiet: o.QuietZone, fg: o.Foreground, bg: o.Background}
	switch {
	case !o.Level.valid():
		return bad("unknown error-correction level %d; use Low, Medium, Quartile or High", int(o.Level))
	case o.Size < 0 || o.Size > MaxSize:
		return bad("size %d px is outside 0..%d; use 0 for the default of %d", o.Size, MaxSize, DefaultSize)
	case o.Scale < 0 || o.Scale > MaxSize:
		return bad("scale %d px per module is outside 0..%d; use 0 to size by Size", o.Scale, MaxSize)
	case o.Size > 0 && o.Scale > 0:
		return bad("both size (%d px) and scale (%d px per module) are set; set one of them", o.Size, o.Scale)
	case o.MinVersion < 0 || o.MinVersion > 40:
		return bad("minimum version %d is outside 0..40; use 0 to let the content decide", o.MinVersion)
	case o.QuietZone < NoQuietZone || o.QuietZone > MaxQuietZone:
		return bad("quiet zone %d is outside -1..%d modules; use 0 for the standard %d, -1 for none",
			o.QuietZone, MaxQuietZone, DefaultQuietZone)
	}
	switch o.QuietZone {
	case 0:
		s.quiet = DefaultQuietZone
	case NoQuietZone:
		s.quiet = 0
	}
	if s.fg == nil {
		s.fg = color.Black
	}
	if s.bg == nil {
		s.bg = color.White
	}
	if sameColor(s.fg, s.bg) {
		return bad("foreground and background are the same colour, so the code would be invisible; choose two that contrast")
	}
	return s, nil
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}
