package main

import (
	"os"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

func main() {
	e := cli.NewEnv()
	e.Replaceable = true
	os.Exit(cli.Run(e, commands, os.Args[1:]))
}
