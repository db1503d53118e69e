package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/qriskit/qriskit/render"
)

func renderCommand() *command {
	return &command{
		name:    "render",
		args:    "[PAYLOAD|-]",
		summary: "draw a payload as a QR code: PNG, SVG, base64, data URI or terminal text",
		about: `
Draws the payload as a QR code. PNG (the default) goes to the file -o names,
or to standard output when that is not a terminal; PNG bytes are never
written to a terminal (use --format terminal to see the code there).
base64 and datauri print the PNG as text, as an API response carries it.

The payload must be well-formed (its structure and CRC are checked, so a
typo is not printed on a sticker); --no-check draws any text.

Exit status 1 when the payload is not well-formed or too long for a QR code.`,
		examples: []string{
			"qris render -o qris.png 00020101021126630017ID.CO.EXAMPLE.WWW...6304ABCD",
			"# look at it in the terminal\nqris render --format terminal < payload.txt",
			"qris render --format svg --level Q -o qris.svg < payload.txt",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			format := fs.String("format", "png", "output `FORMAT`: png, svg, base64, datauri or terminal")
			var o render.Options
			fs.IntVar(&o.Size, "size", 0, "width and height in `PX` (png: default 256 or the code's width; svg: no fixed size)")
			fs.Var((*levelFlag)(&o.Level), "level", "error-correction `LEVEL`: L, M, Q or H")
			fs.IntVar(&o.QuietZone, "quiet-zone", 0, "light margin in `MODULES` (0: the standard 4; -1: none)")
			fs.BoolVar(&o.Invert, "invert", false, "terminal: draw light modules, for light text on a dark background")
			noCheck := fs.Bool("no-check", false, "draw any text, not only a well-formed payload")
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				produce, ok := renderFormats[*format]
				if !ok {
					return usageError("render", "unknown --format %q: use png, svg, base64, datauri or terminal", *format)
				}
				s, err := e.payloadArg("render", args)
				if err != nil {
					return err
				}
				if !*noCheck {
					if _, err := readParser().Parse(s); err != nil {
						return &exitError{code: exitInvalid, msg: "not a well-formed payload: " + describe(err),
							hint: "'qris decode' shows what is there; --no-check draws it anyway", err: err}
					}
				}
				w, err := e.create(*out)
				if err != nil {
					return err
				}
				defer w.discard()
				if *format == "png" && w.toTerminal(e) {
					return usageError("render", "not writing PNG bytes to a terminal: use -o FILE, a redirect, or --format terminal")
				}
				if err := produce(w, s, o); err != nil {
					return renderError(err)
				}
				return w.commit()
			}
		},
	}
}

// renderFormats writes a payload in each --format: the images as bytes,
// base64 and datauri as one line of text.
var renderFormats = map[string]func(io.Writer, string, render.Options) error{
	"png":      render.PNG,
	"svg":      render.SVG,
	"terminal": render.Terminal,
	"base64":   textLine(render.Base64),
	"datauri":  textLine(render.DataURI),
}

// textLine turns a producer of text into one that writes it as a line.
func textLine(text func(string, render.Options) (string, error)) func(io.Writer, string, render.Options) error {
	return func(w io.Writer, s string, o render.Options) error {
		t, err := text(s, o)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(w, t)
		return err
	}
}

// renderError maps render's sentinels to exit statuses: options are usage,
// content that no QR code can hold is invalid input.
func renderError(err error) error {
	switch {
	case errors.Is(err, render.ErrOptions):
		return &exitError{code: exitUsage, msg: renderMessage(err), hint: "run 'qris help render' for the flags' ranges", err: err}
	case errors.Is(err, render.ErrTooLong):
		return &exitError{code: exitInvalid, msg: renderMessage(err), hint: "--level L holds the most characters", err: err}
	case errors.Is(err, render.ErrEmpty):
		return &exitError{code: exitInvalid, msg: renderMessage(err), err: err}
	}
	return ioError(err, "")
}

// renderMessage is a render error for a person: what went wrong and what
// to do, without the package and Go function names its text starts with.
func renderMessage(err error) string {
	var re *render.Error
	if !errors.As(err, &re) {
		return err.Error()
	}
	msg := re.Err.Error()
	if re.Detail != "" {
		msg += ": " + re.Detail
	}
	if re.Cause != nil {
		msg += ": " + re.Cause.Error()
	}
	return msg
}

// levelFlag is --level, as render.ParseLevel reads it, with a message in
// the flag's words.
type levelFlag render.Level

func (f *levelFlag) String() string {
	if f == nil {
		return ""
	}
	return render.Level(*f).String()
}

func (f *levelFlag) Set(s string) error {
	l, err := render.ParseLevel(s)
	if err != nil {
		return fmt.Errorf("unknown error-correction level %q: use L, M, Q or H", s)
	}
	*f = levelFlag(l)
	return nil
}
