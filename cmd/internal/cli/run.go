package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/qriskit/qriskit/internal/excerpt"
	"golang.org/x/term"
)

// NewEnv is the process's environment: its standard streams, and whether
// they are terminals.
func NewEnv() *Env {
	return &Env{
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
}

// Run executes one qris command line, a command of those cmds lists and
// its arguments, and returns the exit status.
func Run(e *Env, cmds func() []*Command, args []string) int {
	return QRIS(cmds).Run(e, args)
}

// Run executes one command line of p, a command and its arguments, and
// returns the exit status.
func (p Program) Run(e *Env, args []string) int {
	if len(args) == 0 {
		p.WriteOverview(e.Stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		p.WriteOverview(e.Stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	c := lookup(p.Commands(), name)
	if c == nil {
		err := p.unknownCommand(name)
		if p.Name != "qris" {
			fmt.Fprintf(e.Stderr, "%s: %s\n  %s\n", p.Name, err.Msg, err.Hint)
			return err.Code
		}
		return Report(e.Stderr, "", err)
	}
	return Report(e.Stderr, c.Name, c.exec(e, args[1:]))
}

// exec parses the command's flags and runs it.
func (c *Command) exec(e *Env, args []string) error {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	body := c.Define(fs)
	if c.External {
		return body(e, args)
	}
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return WriteHelp(e.Stdout, c)
	}
	if err != nil {
		return UsageError(c.Name, "%s", FlagMessage(fs, err))
	}
	return body(e, pos)
}

// parseFlags parses flags wherever they stand, before or after the
// positional arguments, so "qris decode P --json" works like
// "qris decode --json P". After "--" everything is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" && !flagTakesValue(fs, args, n-1) {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagTakesValue reports whether args[i] is the value of the flag before it
// ("--bill --"), rather than the end of the flags.
func flagTakesValue(fs *flag.FlagSet, args []string, i int) bool {
	if i == 0 {
		return false
	}
	prev := args[i-1]
	if !strings.HasPrefix(prev, "-") || strings.Contains(prev, "=") {
		return false
	}
	f := fs.Lookup(strings.TrimLeft(prev, "-"))
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

func (p Program) unknownCommand(name string) *ExitError {
	msg := "unknown command " + strconv.Quote(name)
	if p.Name != "qris" {
		var names []string
		for _, c := range p.Commands() {
			if c.Name != "help" {
				names = append(names, c.Name)
			}
		}
		last := len(names) - 1
		return &ExitError{Code: ExitUsage, Msg: msg,
			Hint: p.Name + " runs " + strings.Join(names[:last], ", ") + " and " + names[last] +
				"; run '" + p.Name + " help' for them, or 'qris help' for every qris command"}
	}
	if strings.HasPrefix(name, "00") {
		msg = "the first argument is a command, not a payload"
		return &ExitError{Code: ExitUsage, Msg: msg, Hint: "try 'qris decode " + excerpt.Of(name, 23) + "' or 'qris validate ...'"}
	}
	return &ExitError{Code: ExitUsage, Msg: msg, Hint: "run 'qris help' for the list of commands"}
}
