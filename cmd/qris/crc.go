package main

import (
	"flag"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
)

func crcCommand() *cli.Command {
	return &cli.Command{
		Name:    "crc",
		Args:    "[PAYLOAD|-]",
		Summary: "print the CRC a payload should carry",
		About: `
Prints the 4 uppercase hex digits of the CRC-16/CCITT-FALSE the payload's
tag 63 should hold: computed over everything before the CRC value, "6304"
included. It works with or without a tag 63 at the end, and does not check
anything else (see 'qris validate').`,
		Examples: []string{
			"qris crc 00020101021126630017ID.CO.EXAMPLE.WWW...6304",
			"# append the CRC to a payload that ends in 6304\np=$(cat draft.txt); echo \"$p$(qris crc \"$p\")\"",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				s, err := e.PayloadArg("crc", args)
				if err != nil {
					return err
				}
				return e.WriteLine(*out, emv.ExpectedCRC(s))
			}
		},
	}
}
