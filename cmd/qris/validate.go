package main

import (
	"flag"
	"io"
	"strings"

	"github.com/qriskit/qriskit/qris"
)

func validateCommand() *command {
	return &command{
		name:    "validate",
		args:    "[PAYLOAD|-]   or   qris validate --lines [FILE|-]",
		summary: "check a payload against the EMV and QRIS rules; list every problem",
		about: `
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
		examples: []string{
			"qris validate 00020101021126630017ID.CO.EXAMPLE.WWW...6304ABCD",
			"# a PIX payload: the generic EMV rules only\nqris validate --profile emv P",
			"# QRIS, PromptPay or VietQR, whichever the payload is: prints \"valid (PromptPay)\"\nqris validate --profile auto 00020101021129370016A000000677010111011300668012345675802TH530376463046197",
			"# a file of payloads, one a line; list the invalid ones\nqris validate --lines payloads.txt | grep '\"valid\":false'",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			asJSON := fs.Bool("json", false, "print JSON instead of one problem a line")
			lines := fs.Bool("lines", false, "read one payload a line and write one JSON object a line")
			vo := defineValidation(fs)
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *env, args []string) error {
				if *lines {
					return validateLinesCommand(e, args, vo.options(), *out)
				}
				s, err := e.payloadArg("validate", args)
				if err != nil && !(*asJSON && emptyPayload(err)) {
					// With --json an empty payload is a document too: R01.
					return err
				}
				applied := ""
				if vo.profile.p == qris.ProfileAuto {
					applied = qris.DetectProfile(s).String()
				}
				return writeValidation(e, *out, *asJSON, vo.validate(s), applied)
			}
		},
	}
}

// validation holds the flags that choose the rules, shared by the commands
// that validate.
type validation struct {
	profile profileFlag
	strict  bool
}

func defineValidation(fs *flag.FlagSet) *validation {
	v := &validation{}
	fs.Var(&v.profile, "profile", "the rules to apply: `qris|emv|promptpay|vietqr|auto` (a scheme's, EMV's only, or picked by the payload's accounts and country)")
	fs.BoolVar(&v.strict, "strict", false, "also fail what wallets accept: over 512 characters, a merchant name over 25, a lowercase CRC")
	return v
}

func (v *validation) options() qris.Options {
	return qris.Options{Profile: v.profile.p, Strict: v.strict}
}

func (v *validation) validate(s string) []qris.Problem {
	return qris.Validate(s, v.options())
}

// profileFlag is --profile: a flag.Value so that an unknown name fails flag
// parsing, with the list of names.
type profileFlag struct{ p qris.Profile }

func (f *profileFlag) String() string {
	if f == nil {
		return "qris"
	}
	return strings.ToLower(f.p.String())
}

func (f *profileFlag) Set(s string) (err error) {
	f.p, err = qris.ParseProfile(s)
	return err
}

// writeProblems prints problems as validate does: one a line ("valid" when
// there are none) or the JSON object, and returns exit status 1 when one is
// an error.
func writeProblems(e *env, path string, asJSON bool, problems []qris.Problem) error {
	return writeValidation(e, path, asJSON, problems, "")
}

// writeValidation is writeProblems saying, unless applied is "", which
// profile was applied: "valid (PromptPay)", a last line "invalid (VietQR)",
// or "profile" first in the JSON object.
func writeValidation(e *env, path string, asJSON bool, problems []qris.Problem, applied string) error {
	w, err := e.create(path)
	if err != nil {
		return err
	}
	defer w.discard()
	valid := qris.Valid(problems)
	switch {
	case asJSON && applied != "":
		rec := appendRecord(nil, 0, valid, problems)
		w.Write(append([]byte(`{"profile":"`+applied+`",`), rec[1:]...))
	case asJSON:
		w.Write(appendRecord(nil, 0, valid, problems))
	case len(problems) == 0 && applied == "":
		w.WriteString("valid\n")
	default:
		// The output's error is commit's to report.
		writeProblemLines(w, problems)
		if applied != "" {
			verdict := "valid"
			if !valid {
				verdict = "invalid"
			}
			w.WriteString(verdict + " (" + applied + ")\n")
		}
	}
	if err := w.commit(); err != nil {
		return err
	}
	if !valid {
		return errInvalidReported
	}
	return nil
}

// writeProblemLines writes problems one a line, as validate prints them,
// in one Write: scan sends them to an unbuffered standard error.
func writeProblemLines(w io.Writer, problems []qris.Problem) error {
	var b []byte
	for _, p := range problems {
		b = append(b, p.String()...)
		b = append(b, '\n')
	}
	_, err := w.Write(b)
	return err
}
