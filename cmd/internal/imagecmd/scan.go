package imagecmd

import (
	"errors"
	"flag"
	"fmt"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render/scan"
)

func scanCommand() *cli.Command {
	c := cli.ImageCommand("scan")
	c.About = `
Reads a PNG, JPEG or GIF image, the same in base64 text, or a data URI
(data:image/png;base64,...) and prints the text of the QR code in it.
With --validate the content is also validated (as 'qris validate' does);
the problems go to standard error, so the content on standard output can
still be piped on.

Exit status 1 when the input holds no readable QR code, or with --validate
when the content is invalid.`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		validate := fs.Bool("validate", false, "also validate the content; exit 1 if it is invalid")
		vo := cli.DefineValidation(fs)
		out := fs.String("o", "", "write to `FILE` instead of standard output")
		return func(e *cli.Env, args []string) error {
			b, name, err := e.FileArg("scan", args, cli.MaxFileInput)
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
				return &cli.ExitError{Code: cli.ExitInvalid, Msg: name + ": " + err.Error(), Hint: hint, Err: err}
			}
			if err := e.WriteLine(*out, content); err != nil {
				return err
			}
			if !*validate {
				return nil
			}
			problems := vo.Validate(content)
			if err := cli.WriteProblemLines(e.Stderr, problems); err != nil {
				return cli.IOError(fmt.Errorf("writing standard error: %w", err), "")
			}
			if !qris.Valid(problems) {
				return cli.ErrInvalidReported
			}
			return nil
		}
	}
	return c
}
