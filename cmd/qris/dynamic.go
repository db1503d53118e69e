package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris"
)

func dynamicCommand() *cli.Command {
	return &cli.Command{
		Name:    "dynamic",
		Args:    "--amount N [STATIC|-]",
		Summary: "turn a merchant's static QRIS into a dynamic one for an amount",
		About: `
Writes the dynamic QRIS for one transaction: 01 becomes 12, the amount goes
in 54, the tip and references are written, and a fresh CRC ends it. Every
other byte of the merchant's code (accounts, NMID, name, city) is kept in
its place. A dynamic input is re-amounted: its old amount, fee, bill number
and reference label are dropped first.

Amounts are rupiah: digits with at most one '.' and two decimals ("15000",
"15000.50"). --tip takes prompt (the wallet asks the payer), fixed:X (a fee
of X rupiah) or percent:Y (a fee of Y percent, 0.01..99.99).

The input and the result are validated as 'qris validate' does (QRIS
profile): an input with an error (a tip indicator without its fee, say) is
refused with its problems listed, since its objects would be copied into
the result. --no-check converts it anyway.

Exit status 1 when the input or the result is not a QRIS a wallet would
take, or the result would be too long; 2 for a bad flag value.`,
		Examples: []string{
			"qris dynamic --amount 15000 < static.txt",
			"# with a fee and the order number, drawn in the terminal\nqris dynamic --amount 15000 --tip fixed:1000 --bill INV-0001 < static.txt | qris render --format terminal",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			var o qris.DynamicOptions
			fs.StringVar(&o.Amount, "amount", "", "the amount to pay, in `N` rupiah (required)")
			tip := &tipFlag{}
			fs.Var(tip, "tip", "a tip or fee: `prompt|fixed:X|percent:Y` (X rupiah, Y percent)")
			fs.StringVar(&o.BillNumber, "bill", "", "bill or invoice number `ID` (62.01), at most 25 characters")
			fs.StringVar(&o.ReferenceLabel, "reference", "", "reference label `R` (62.05), at most 25 characters")
			fs.StringVar(&o.TerminalLabel, "terminal", "", "terminal label `T` (62.07), at most 25 characters")
			noCheck := fs.Bool("no-check", false, "convert without validating the input and the result")
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				if o.Amount == "" {
					return cli.UsageError("dynamic", "--amount is required")
				}
				s, err := e.PayloadArg("dynamic", args)
				if err != nil {
					return err
				}
				o.Tip = tip.t
				o.NoCheck = true // checked below, listing every problem
				d, err := qris.ToDynamic(s, o)
				if err := checkConversion(s, d, err, *noCheck); err != nil {
					return err
				}
				return e.WriteLine(*out, d)
			}
		},
	}
}

func staticCommand() *cli.Command {
	return &cli.Command{
		Name:    "static",
		Args:    "[DYNAMIC|-]",
		Summary: "turn a dynamic QRIS back into the merchant's static one",
		About: `
Writes the static QRIS of the same merchant: 01 becomes 11; the amount
(54), the tip and fee (55..57), the bill number (62.01) and the reference
label (62.05) are dropped; a fresh CRC ends it. Everything else is kept
byte for byte. The input must hold template 51, which a static QRIS needs.

The input and the result are validated as 'qris validate' does (QRIS
profile); --no-check converts an input with errors anyway.

Exit status 1 when the input or the result is not a QRIS a wallet would
take.`,
		Examples: []string{
			"qris static < dynamic.txt",
			"# the round trip\nqris dynamic --amount 5000 S | qris static",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			noCheck := fs.Bool("no-check", false, "convert without validating the input and the result")
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				s, err := e.PayloadArg("static", args)
				if err != nil {
					return err
				}
				st, err := qris.ToStatic(s)
				if err := checkConversion(s, st, err, *noCheck); err != nil {
					return err
				}
				return e.WriteLine(*out, st)
			}
		},
	}
}

// checkConversion says why the conversion of in to out (or to err) fails:
// a bad option value; unless noCheck, an input with an error under the
// QRIS profile, whose problems it lists (they say more than the
// conversion's one error, and cover what it copies as it is); the
// conversion's error; unless noCheck, a result with an error.
func checkConversion(in, out string, err error, noCheck bool) error {
	if err != nil && !errors.Is(err, qris.ErrNotQRIS) {
		return conversionError(err)
	}
	if !noCheck {
		if problems := qris.Validate(in, qris.Options{}); !qris.Valid(problems) {
			return invalidQRIS("the input is not a QRIS a wallet would take", problems,
				"fix the input, or convert it anyway with --no-check")
		}
	}
	if err != nil {
		return conversionError(err)
	}
	if !noCheck {
		if problems := qris.Validate(out, qris.Options{}); !qris.Valid(problems) {
			return invalidQRIS("the result would not be a QRIS a wallet takes", problems,
				"--no-check writes it anyway")
		}
	}
	return nil
}

// invalidQRIS is exit status 1 with the errors among problems, one a line
// as 'qris validate' prints them.
func invalidQRIS(what string, problems []qris.Problem, hint string) error {
	var b strings.Builder
	b.WriteString(what)
	b.WriteString(":")
	for _, p := range problems {
		if p.Severity == qris.SeverityError {
			b.WriteString("\n  ")
			b.WriteString(p.String())
		}
	}
	return &cli.ExitError{Code: cli.ExitInvalid, Msg: b.String(), Hint: hint}
}

// conversionError maps qris's conversion errors: a bad option value is a
// usage error, an input that cannot be converted is invalid input.
func conversionError(err error) error {
	msg := err.Error() // report drops the package name
	switch {
	case errors.Is(err, qris.ErrAmount):
		return &cli.ExitError{Code: cli.ExitUsage, Msg: msg, Hint: `--amount takes rupiah: digits and at most one '.' with two decimals, like 15000 or 15000.50`, Err: err}
	case errors.Is(err, qris.ErrTip):
		return &cli.ExitError{Code: cli.ExitUsage, Msg: msg, Hint: "--tip takes prompt, fixed:X (rupiah) or percent:Y (0.01..99.99)", Err: err}
	case errors.Is(err, qris.ErrReference):
		return &cli.ExitError{Code: cli.ExitUsage, Msg: msg, Hint: "--bill, --reference and --terminal take up to 25 printable ASCII characters, without '|'", Err: err}
	case errors.Is(err, qris.ErrNotQRIS):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: msg, Hint: "'qris validate' on the input lists every problem", Err: err}
	}
	return &cli.ExitError{Code: cli.ExitInvalid, Msg: msg, Err: err}
}

// tipFlag is --tip. It reads the kind and keeps the value as written, for
// qris to check against the kind's range.
type tipFlag struct{ t qris.Tip }

func (f *tipFlag) String() string {
	if f == nil {
		return ""
	}
	switch f.t.Kind {
	case qris.TipPrompt:
		return "prompt"
	case qris.TipFixed:
		return "fixed:" + string(f.t.Value)
	case qris.TipPercentage:
		return "percent:" + string(f.t.Value)
	}
	return ""
}

func (f *tipFlag) Set(s string) error {
	kind, value, hasValue := strings.Cut(s, ":")
	switch {
	case kind == "prompt" && !hasValue:
		f.t = qris.Tip{Kind: qris.TipPrompt}
	case kind == "fixed" && value != "":
		f.t = qris.Tip{Kind: qris.TipFixed, Value: qris.Amount(value)}
	case (kind == "percent" || kind == "percentage") && value != "":
		f.t = qris.Tip{Kind: qris.TipPercentage, Value: qris.Amount(strings.TrimSuffix(value, "%"))}
	default:
		return fmt.Errorf("%q: use prompt, fixed:X or percent:Y", s)
	}
	return nil
}
