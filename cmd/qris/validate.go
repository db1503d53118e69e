package main

import (
	"flag"
	"strings"

	"github.com/qriskit/qriskit/qris"

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

` + profileAbout() + `

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
			"# " + schemeList() + ", whichever the payload is: prints \"valid (PromptPay)\"\nqris validate --profile auto 00020101021129370016A000000677010111011300668012345675802TH530376463046197",
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

// profileAbout says what --profile takes, each of qris.ProfileNames, so
// that a new profile's row is named here without an edit.
func profileAbout() string {
	var parts, schemes []string
	for _, n := range qris.ProfileNames() {
		switch p, _ := qris.ParseProfile(n); p {
		case qris.ProfileQRIS:
			parts = append(parts, n+" (the default)")
		case qris.ProfileEMV:
			parts = append(parts, n+" (EMV's only)")
		case qris.ProfileAuto:
		default:
			schemes = append(schemes, n)
		}
	}
	if len(schemes) > 0 {
		parts = append(parts, orJoin(schemes)+" (EMV's, but for the objects the scheme leaves out, and the scheme's country, currency and merchant account: P01, P02)")
	}
	text := "--profile chooses the rules: " + strings.Join(parts, ", ") + ", or " + strings.ToLower(qris.ProfileAuto.String()) +
		`, which picks one by the merchant accounts' GUIDs and the country (58) and says which: "valid (PromptPay)", a last line "invalid (VietQR)" after the problems, or "profile" in the JSON.`
	return fill(text, 76)
}

// schemeList names the profiles auto picks among but EMV, as people write
// them: "QRIS, PromptPay or VietQR".
func schemeList() string {
	var names []string
	for _, n := range qris.ProfileNames() {
		if p, _ := qris.ParseProfile(n); p != qris.ProfileEMV && p != qris.ProfileAuto {
			names = append(names, p.String())
		}
	}
	return orJoin(names)
}

// orJoin joins names with ", ", the last two with " or ".
func orJoin(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// fill breaks text into lines of at most width bytes, between words.
func fill(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		switch {
		case n == 0:
		case n+1+len(w) > width:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
