package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render/scan"
)

func scanCommand() *command {
	return &command{
		name:    "scan",
		args:    "[FILE|-]",
		summary: "read the QR code in an image and print its content",
		about: `
Reads a PNG, JPEG or GIF image, the same in base64 text, or a data URI
(data:image/png;base64,...) and prints the text of the QR code in it.
With --validate the content is also validated (as 'qris validate' does);
the problems go to standard error, so the content on standard output can
still be piped on.

Exit status 1 when the input holds no readable QR code, or with --validate
when the content is invalid.`,
		examples: []string{
			"qris scan sticker.jpg",
			"# check a code a gateway sent as base64\nqris scan --validate response-image.txt",
			"qris render P | qris scan --validate",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			validate := fs.Bool("validate", false, "also validate the content; exit 1 if it is invalid")
			vo := defineValidation(fs)
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				b, name, err := e.fileArg("scan", args, maxFileInput)
				if err != nil {
					return err
				}
				content, err := scan.Bytes(b)
				if err != nil {
					hint := ""
					switch {
					case errors.Is(err, scan.ErrNotImage):
						hint = "give a PNG, JPEG or GIF file, its base64, or a data URI"
					case errors.Is(err, scan.ErrNoCode):
						hint = "a sharper, larger or more frontal picture may read"
					}
					return &exitError{code: exitInvalid, msg: name + ": " + err.Error(), hint: hint, err: err}
				}
				if err := e.writeLine(*out, content); err != nil {
					return err
				}
				if !*validate {
					return nil
				}
				problems := vo.validate(content)
				if err := writeProblemLines(e.stderr, problems); err != nil {
					return ioError(fmt.Errorf("writing standard error: %w", err), "")
				}
				if !qris.Valid(problems) {
					return errInvalidReported
				}
				return nil
			}
		},
	}
}
