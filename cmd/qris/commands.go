package main

import "github.com/qriskit/qriskit/cmd/internal/cli"

// commands lists the subcommands in the order help shows them, those the
// companion programs run among them. It builds the list on each call so
// that no mutable table lives in the package.
func commands() []*cli.Command {
	return []*cli.Command{
		decodeCommand(),
		validateCommand(),
		encodeCommand(),
		dynamicCommand(),
		staticCommand(),
		imageProgram().command(cli.ImageCommand("render")),
		imageProgram().command(cli.ImageCommand("scan")),
		crcCommand(),
		gatewayProgram().command(cli.GatewayCommand("verify")),
		gatewayProgram().command(cli.GatewayCommand("create")),
		gatewayProgram().command(cli.GatewayCommand("transactions")),
		sandboxProgram().command(cli.SandboxCommand()),
		versionCommand(),
		cli.HelpCommand(commands),
	}
}
