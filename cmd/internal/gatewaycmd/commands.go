// Package gatewaycmd holds the qris commands that call the payment
// gateway or read QR images: create, transactions, verify and scan. The
// program qris-gateway runs them; qris runs qris-gateway for them, so
// that the HTTP client and the QR reader are linked, and initialised at
// start, only where they are used.
package gatewaycmd

import "github.com/qriskit/qriskit/cmd/internal/cli"

// Commands lists the commands qris-gateway runs, and its help.
func Commands() []*cli.Command {
	return []*cli.Command{
		scanCommand(),
		verifyCommand(),
		createCommand(),
		transactionsCommand(),
		cli.Gateway(Commands).HelpCommand(),
	}
}
