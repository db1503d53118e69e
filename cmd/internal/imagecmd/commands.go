// Package imagecmd holds the qris commands that draw QR codes and read
// them: render and scan. The program qris-image runs them; qris runs
// qris-image for them, so that the image encoders and decoders, the
// sticker's fonts and the QR reader are linked, and initialised at start,
// only where they are used.
package imagecmd

import "github.com/qriskit/qriskit/cmd/internal/cli"

// Commands lists the commands qris-image runs, and its help.
func Commands() []*cli.Command {
	return []*cli.Command{
		renderCommand(),
		scanCommand(),
		cli.Image(Commands).HelpCommand(),
	}
}
