// Command qris-image runs the qris commands that draw QR codes and read
// them: render and scan (package imagecmd). qris runs it for them, found
// beside qris or on PATH, so that the image formats, the sticker's fonts
// and the QR reader it links slow the start of no other qris command.
// Install it beside qris:
//
//	go install ./cmd/...
//
// It takes the command's name first, as qris does: qris-image render
// --help.
package main

import (
	"os"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/cmd/internal/imagecmd"
)

func main() {
	os.Exit(cli.Image(imagecmd.Commands).Run(cli.NewEnv(), os.Args[1:]))
}
