// Package gatewaycmd holds the qris commands that call the payment
// gateway or check its answers: create, transactions and verify. The
// program qris-gateway runs them; qris runs qris-gateway for them, so
// that the HTTP client (and the QR reader verify scans the image with) is
// linked, and initialised at start, only where it is used.
package gatewaycmd

import "github.com/qriskit/qriskit/cmd/internal/cli"

// Commands lists the commands qris-gateway runs, and its help.
func Commands() []*cli.Command {
	return []*cli.Command{
		verifyCommand(),
		createCommand(),
		transactionsCommand(),
		cli.Gateway(Commands).HelpCommand(),
	}
}
