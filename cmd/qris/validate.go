package main

import (
	"flag"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:    "validate",
		Args:    "[PAYLOAD|-]   or   qris validate --lines [FILE|-]",
		Summary: "check a payload against the EMV and QRIS rules; list every problem",
		About: `
Prints one problem a line: "error|warning RULE tag NN at OFFSET: message",
where RULE is the checklist id (R01.. for EMV, Q01.. for QRIS), NN the path
of the object at fault (54, 26.03, 62.99.01) and OFFSET its character offset
in the payload. A payload with no problem prints "valid".

--json prints {"valid":bool,"problems":[{"rule","tag","offset","severity",
"message"}]}; "problems" is [] when there are none.

--profile chooses the rules: qris (the default), emv (EMV's only), promptpay
or vietqr (EMV's without 52, 59 and 60, which those schemes leave out, and
the scheme's country, currency and merchant account: P01, P02), or auto,
which picks one by the merchant accounts' GUIDs and the country (58) and
says which: "valid (PromptPay)", a last line "invalid (VietQR)" after the
problems, or "profile" in the JSON.

--lines reads one payload a line (standard input, or FILE) and writes one
JSON object a line, in order, with "line" (1-based) added:
{"line":N,"valid":bool,"problems":[...]}. It streams: memory stays constant
however long the input. A line over 64 KiB (65536 bytes, not counting its
end of line) is reported invalid and skipped.

Warnings do not make a payload invalid. Exit status 1 when the payload (with
--lines: any line) has an error.`,
		Examples: []string{
			"qris validate 00020101021126630017ID.CO.EXAMPLE.WWW...6304ABCD",
			"# a PIX payload: the generic EMV rules only\nqris validate --profile emv P",
			"# QRIS, PromptPay or VietQR, whichever the payload is: prints \"valid (PromptPay)\"\nqris validate --profile auto 00020101021129370016A000000677010111011300668012345675802TH530376463046197",
			"# a file of payloads, one a line; list the invalid ones\nqris validate --lines payloads.txt | grep '\"valid\":false'",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			asJSON := fs.Bool("json", false, "print JSON instead of one problem a line")
			lines := fs.Bool("lines", false, "read one payload a line and write one JSON object a line")
			vo := cli.DefineValidation(fs)
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				if *lines {
					return validateLinesCommand(e, args, vo.Options(), *out)
				}
				s, err := e.PayloadArg("validate", args)
				if err != nil && !(*asJSON && cli.EmptyPayload(err)) {
					// With --json an empty payload is a document too: R01.
					return err
				}
				return cli.WriteValidation(e, *out, *asJSON, vo.Validate(s), vo.Applied(s))
			}
		},
	}
}
