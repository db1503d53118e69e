package cli

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

// badValue is a flag of its own type, whose Set explains itself.
type badValue struct{}

func (badValue) String() string { return "" }
func (badValue) Set(s string) error {
	return errors.New("qris: unknown thing " + `"` + s + `"` + ": use a or b")
}

// TestFlagMessage: every error flag parsing gives is said with the flag's
// name as the help writes it and what the flag takes, never in Go's words.
func TestFlagMessage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--amount", "1.5"}, `--amount: "1.5" is not a whole number`},
		{[]string{"--amount=1.5"}, `--amount: "1.5" is not a whole number`},
		{[]string{"--count", "-1"}, `--count: "-1" is not a whole number, 0 or more`},
		{[]string{"--amount", "99999999999999999999"}, `--amount: "99999999999999999999" is too large`},
		{[]string{"--rate", "x"}, `--rate: "x" is not a number`},
		{[]string{"--delay", "soon"}, `--delay: "soon" is not a duration like 2s or 200ms`},
		{[]string{"--json=maybe"}, `--json: "maybe" is not true or false`},
		{[]string{"--amount"}, `--amount needs a value (a whole number)`},
		{[]string{"--thing"}, `--thing needs a value`},
		{[]string{"--thing", "c"}, `--thing: unknown thing "c": use a or b`},
		{[]string{"--thing", `say "hi": x`}, `--thing: unknown thing "say "hi": x": use a or b`},
		{[]string{"-o", "x", "--nope"}, `unknown flag --nope`},
		{[]string{"-n", "x"}, `-n: "x" is not a whole number`},
		{[]string{"-z"}, `unknown flag -z`},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.Int("amount", 0, "")
		fs.Int("n", 0, "")
		fs.Uint("count", 0, "")
		fs.Float64("rate", 0, "")
		fs.Duration("delay", time.Second, "")
		fs.Bool("json", false, "")
		fs.String("o", "", "")
		fs.Var(badValue{}, "thing", "")
		err := fs.Parse(tc.args)
		if err == nil {
			t.Fatalf("%q parsed", tc.args)
		}
		got := FlagMessage(fs, err)
		if got != tc.want {
			t.Errorf("%q: %q\nwant %q", tc.args, got, tc.want)
		}
		if strings.Contains(got, "parse error") || strings.Contains(got, "flag provided") {
			t.Errorf("%q: Go's words in %q", tc.args, got)
		}
	}
}
