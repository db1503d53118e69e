package cli

import (
	"flag"
	"io"
	"strings"

	"github.com/qriskit/qriskit/qris"
)

// Validation holds the flags that choose the rules, shared by the commands
// that validate.
type Validation struct {
	profile profileFlag
	strict  bool
}

// DefineValidation registers --profile and --strict on fs.
func DefineValidation(fs *flag.FlagSet) *Validation {
	v := &Validation{}
	fs.Var(&v.profile, "profile", "the rules to apply: `"+strings.Join(qris.ProfileNames(), "|")+"` (a scheme's, EMV's only, or picked by the payload's accounts and country)")
	fs.BoolVar(&v.strict, "strict", false, "also fail what wallets accept: over 512 characters, a merchant name over 25, a lowercase CRC")
	return v
}

// Options are the validation options the flags give.
func (v *Validation) Options() qris.Options {
	return qris.Options{Profile: v.profile.p, Strict: v.strict}
}

// Validate validates s with the options the flags give.
func (v *Validation) Validate(s string) []qris.Problem {
	return qris.Validate(s, v.Options())
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

// WriteProblems prints problems as validate does: one a line ("valid" when
// there are none) or the JSON object, and returns exit status 1 when one is
// an error.
func WriteProblems(e *Env, path string, asJSON bool, problems []qris.Problem) error {
	return WriteValidation(e, path, asJSON, problems, "")
}

// Applied is the name of the profile that --profile auto picks for s, as
// WriteValidation says it; "" for another --profile.
func (v *Validation) Applied(s string) string {
	if v.profile.p != qris.ProfileAuto {
		return ""
	}
	return qris.DetectProfile(s).String()
}

// WriteValidation is WriteProblems saying, unless applied is "", which
// profile was applied: "valid (PromptPay)", a last line "invalid (VietQR)",
// or "profile" first in the JSON object.
func WriteValidation(e *Env, path string, asJSON bool, problems []qris.Problem, applied string) error {
	w, err := e.Create(path)
	if err != nil {
		return err
	}
	defer w.Discard()
	valid := qris.Valid(problems)
	switch {
	case asJSON && applied != "":
		rec := AppendRecord(nil, 0, valid, problems)
		w.Write(append([]byte(`{"profile":"`+applied+`",`), rec[1:]...))
	case asJSON:
		w.Write(AppendRecord(nil, 0, valid, problems))
	case len(problems) == 0 && applied == "":
		w.WriteString("valid\n")
	default:
		// The output's error is commit's to report.
		WriteProblemLines(w, problems)
		if applied != "" {
			verdict := "valid"
			if !valid {
				verdict = "invalid"
			}
			w.WriteString(verdict + " (" + applied + ")\n")
		}
	}
	if err := w.Commit(); err != nil {
		return err
	}
	if !valid {
		return ErrInvalidReported
	}
	return nil
}

// WriteProblemLines writes problems one a line, as validate prints them,
// in one Write: scan sends them to an unbuffered standard error.
func WriteProblemLines(w io.Writer, problems []qris.Problem) error {
	var b []byte
	for _, p := range problems {
		b = append(b, p.String()...)
		b = append(b, '\n')
	}
	_, err := w.Write(b)
	return err
}
