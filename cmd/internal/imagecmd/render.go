package imagecmd

import (
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/gif" // --logo reads GIF
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"
	"strings"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render"
)

func renderCommand() *cli.Command {
	c := cli.ImageCommand("render")
	c.About = `
Draws the payload as a QR code. PNG (the default) goes to the file -o names,
or to standard output when that is not a terminal; PNG bytes are never
written to a terminal (use --format terminal to see the code there).
base64 and datauri print the PNG as text, as an API response carries it.

--format sticker lays out a card to print: the merchant's name and city
above the code; the amount of a dynamic code, the NMID, the terminal label
and the payload's CRC below it (so staff can match a print to its data);
and, with --logo, an image of yours at the top. It is a PNG, or an SVG when
-o names a .svg file or the format is sticker-svg. --size is the card's
width (default 600).

The payload must be well-formed (its structure and CRC are checked, so a
typo is not printed on a sticker); --no-check draws any text.

Exit status 1 when the payload is not well-formed or too long for a QR code.`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		format := fs.String("format", "png", "output `FORMAT`: png, svg, base64, datauri, terminal, sticker or sticker-svg")
		var o render.Options
		fs.IntVar(&o.Size, "size", 0, "width and height in `PX` (png: default 256 or the code's width; svg: no fixed size; sticker: the card's width, default 600)")
		fs.Var((*levelFlag)(&o.Level), "level", "error-correction `LEVEL`: L, M, Q or H")
		fs.IntVar(&o.QuietZone, "quiet-zone", 0, "light margin in `MODULES` (0: the standard 4; -1: none)")
		fs.BoolVar(&o.Invert, "invert", false, "terminal: draw light modules, for light text on a dark background")
		logo := fs.String("logo", "", "sticker: draw the PNG, JPEG or GIF image in `FILE` at the top")
		noCheck := fs.Bool("no-check", false, "draw any text, not only a well-formed payload")
		out := fs.String("o", "", "write to `FILE` instead of standard output")
		return func(e *cli.Env, args []string) error {
			produce, ok := renderFormats[*format]
			sticker := *format == "sticker" || *format == "sticker-svg"
			if !ok && !sticker {
				return cli.UsageError("render", "unknown --format %q: use png, svg, base64, datauri, terminal, sticker or sticker-svg", *format)
			}
			if *logo != "" && !sticker {
				return cli.UsageError("render", "--logo is for --format sticker")
			}
			s, err := e.PayloadArg("render", args)
			if err != nil {
				return err
			}
			if !*noCheck {
				if _, err := cli.ReadParser().Parse(s); err != nil {
					return &cli.ExitError{Code: cli.ExitInvalid, Msg: "not a well-formed payload: " + cli.Describe(err),
						Hint: "'qris decode' shows what is there; --no-check draws it anyway", Err: err}
				}
			}
			if sticker {
				produce, err = stickerProducer(*format == "sticker-svg" || strings.HasSuffix(strings.ToLower(*out), ".svg"), *logo, s)
				if err != nil {
					return err
				}
			}
			w, err := e.Create(*out)
			if err != nil {
				return err
			}
			defer w.Discard()
			if (*format == "png" || *format == "sticker" && !strings.HasSuffix(strings.ToLower(*out), ".svg")) && w.ToTerminal(e) {
				return cli.UsageError("render", "not writing PNG bytes to a terminal: use -o FILE, a redirect, or --format terminal")
			}
			if err := produce(w, s, o); err != nil {
				return renderError(err)
			}
			return w.Commit()
		}
	}
	return c
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

// stickerProducer draws the payload's card (render.Sticker with the text
// qris.Payment.Card gives), with the logo in the file logo names, if any.
// Text that does not decode as a payload (with --no-check) gets a card with
// the code alone.
func stickerProducer(svg bool, logo, payload string) (func(io.Writer, string, render.Options) error, error) {
	var img image.Image
	if logo != "" {
		f, err := os.Open(logo)
		if err != nil {
			return nil, cli.IOError(cli.UnwrapPath(err, logo), "check the file name")
		}
		defer f.Close()
		if img, _, err = image.Decode(io.LimitReader(f, cli.MaxFileInput)); err != nil {
			return nil, &cli.ExitError{Code: cli.ExitUsage, Msg: "--logo " + logo + " is not a PNG, JPEG or GIF image", Hint: "convert it to PNG first", Err: err}
		}
	}
	var card qris.Card
	if p, err := qris.DecodeLenient(payload); err == nil {
		card = p.Card()
	}
	return func(w io.Writer, s string, o render.Options) error {
		so := render.StickerOptions{
			Title: card.Title, Subtitle: card.Subtitle, Amount: card.Amount, Lines: card.Lines, Footer: card.Footer,
			Logo: img, Width: o.Size, Level: o.Level,
		}
		if svg {
			so.Format = render.StickerSVG
		}
		return render.Sticker(w, s, so)
	}, nil
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
		return &cli.ExitError{Code: cli.ExitUsage, Msg: renderMessage(err), Hint: "run 'qris help render' for the flags' ranges", Err: err}
	case errors.Is(err, render.ErrTooLong):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: renderMessage(err), Hint: "--level L holds the most characters", Err: err}
	case errors.Is(err, render.ErrEmpty):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: renderMessage(err), Err: err}
	}
	return cli.IOError(err, "")
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
