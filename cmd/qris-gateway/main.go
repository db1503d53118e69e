// Command qris-gateway runs the qris commands that call the payment
// gateway or check its answers: create, transactions and verify (package
// gatewaycmd). qris runs it for them, found beside qris or on PATH, so
// that the HTTP client and the QR reader it links slow the start of no
// other qris command. Install it beside qris:
//
//	go install ./cmd/...
//
// It takes the command's name first, as qris does: qris-gateway create
// --help.
package main

import (
	"os"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/cmd/internal/gatewaycmd"
)

func main() {
	os.Exit(cli.Gateway(gatewaycmd.Commands).Run(cli.NewEnv(), os.Args[1:]))
}
