package main

import (
	"os"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

func main() {
	os.Exit(cli.Run(cli.NewEnv(), commands, os.Args[1:]))
}
