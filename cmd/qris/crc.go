package main

import (
	"flag"

	"github.com/qriskit/qriskit/emv"
)

func crcCommand() *command {
	return &command{
		name:    "crc",
		args:    "[PAYLOAD|-]",
		summary: "print the CRC a payload should carry",
		about: `
Prints the 4 uppercase hex digits of the CRC-16/CCITT-FALSE the payload's
tag 63 should hold: computed over everything before the CRC value, "6304"
included. It works with or without a tag 63 at the end, and does not check
anything else (see 'qris validate').`,
		examples: []string{
			"qris crc 00020101021126630017ID.CO.EXAMPLE.WWW...6304",
			"# append the CRC to a payload that ends in 6304\np=$(cat draft.txt); echo \"$p$(qris crc \"$p\")\"",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				s, err := e.payloadArg("crc", args)
				if err != nil {
					return err
				}
				return e.writeLine(*out, emv.ExpectedCRC(s))
			}
		},
	}
}
