package main

import (
	"flag"
	"fmt"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:     "version",
		Summary:  "print the version of qris and of Go it was built with",
		Examples: []string{"qris version"},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			return func(e *cli.Env, args []string) error {
				if len(args) > 0 {
					return cli.UsageError("version", "version takes no arguments")
				}
				_, err := fmt.Fprintln(e.Stdout, cli.Version())
				if err != nil {
					return cli.IOError(err, "")
				}
				return nil
			}
		},
	}
}
