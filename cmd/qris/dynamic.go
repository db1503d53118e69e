package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/qriskit/qriskit/qris"
)

func dynamicCommand() *command {
	return &command{
		name:    "dynamic",
		args:    "--amount N [STATIC|-]",
		summary: "turn a merchant's static QRIS into a dynamic one for an amount",
		about: `
Writes the dynamic QRIS for one transaction: 01 becomes 12, the amount goes
in 54, the tip and references are written, and a fresh CRC ends it. Every
other byte of the merchant's code (accounts, NMID, name, city) is kept in
its place. A dynamic input is re-amounted: its old amount, fee, bill number
and reference label are dropped first.

Amounts are rupiah: digits with at most one '.' and two decimals ("15000",
"15000.50"). --tip takes prompt (the wallet asks the payer), fixed:X (a fee
of X rupiah) or percent:Y (a fee of Y percent, 0.01..99.99).

Exit status 1 when the input is not a QRIS a wallet would take (run 'qris
validate' on it to see why) or the result would be too long; 2 for a bad
flag value.`,
		examples: []string{
			"qris dynamic --amount 15000 < static.txt",
			"# with a fee and the order number, drawn in the terminal\nqris dynamic --amount 15000 --tip fixed:1000 --bill INV-0001 < static.txt | qris render --format terminal",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			var o qris.DynamicOptions
			fs.StringVar(&o.Amount, "amount", "", "the amount to pay, in `N` rupiah (required)")
			tip := &tipFlag{}
			fs.Var(tip, "tip", "a tip or fee: prompt, fixed:X (rupiah) or percent:Y")
			fs.StringVar(&o.BillNumber, "bill", "", "bill or invoice number `ID` (62.01), at most 25 characters")
			fs.StringVar(&o.ReferenceLabel, "reference", "", "reference label `R` (62.05), at most 25 characters")
			fs.StringVar(&o.TerminalLabel, "terminal", "", "terminal label `T` (62.07), at most 25 characters")
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				if o.Amount == "" {
					return usageError("dynamic", "--amount is required")
				}
				s, err := e.payloadArg("dynamic", args)
				if err != nil {
					return err
				}
				o.Tip = tip.t
				d, err := qris.ToDynamic(s, o)
				if err != nil {
					return conversionError(err)
				}
				return e.writeLine(*out, d)
			}
		},
	}
}

func staticCommand() *command {
	return &command{
		name:    "static",
		args:    "[DYNAMIC|-]",
		summary: "turn a dynamic QRIS back into the merchant's static one",
		about: `
Writes the static QRIS of the same merchant: 01 becomes 11; the amount
(54), the tip and fee (55..57), the bill number (62.01) and the reference
label (62.05) are dropped; a fresh CRC ends it. Everything else is kept
byte for byte. The input must hold template 51, which a static QRIS needs.

Exit status 1 when the input is not a QRIS that can be converted.`,
		examples: []string{
			"qris static < dynamic.txt",
			"# the round trip\nqris dynamic --amount 5000 S | qris static",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				s, err := e.payloadArg("static", args)
				if err != nil {
					return err
				}
				st, err := qris.ToStatic(s)
				if err != nil {
					return conversionError(err)
				}
				return e.writeLine(*out, st)
			}
		},
	}
}

// conversionError maps qris's conversion errors: a bad option value is a
// usage error, an input that cannot be converted is invalid input.
func conversionError(err error) error {
	msg := err.Error() // report drops the package name
	switch {
	case errors.Is(err, qris.ErrAmount):
		return &exitError{code: exitUsage, msg: msg, hint: `--amount takes rupiah: digits and at most one '.' with two decimals, like 15000 or 15000.50`, err: err}
	case errors.Is(err, qris.ErrTip):
		return &exitError{code: exitUsage, msg: msg, hint: "--tip takes prompt, fixed:X (rupiah) or percent:Y (0.01..99.99)", err: err}
	case errors.Is(err, qris.ErrReference):
		return &exitError{code: exitUsage, msg: msg, hint: "--bill, --reference and --terminal take up to 25 printable ASCII characters, without '|'", err: err}
	case errors.Is(err, qris.ErrNotQRIS):
		return &exitError{code: exitInvalid, msg: msg, hint: "'qris validate' on the input lists every problem", err: err}
	}
	return &exitError{code: exitInvalid, msg: msg, err: err}
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
