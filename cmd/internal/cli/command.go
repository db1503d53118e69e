package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/qriskit/qriskit/cmd/internal/flaghelp"
)

// Command is one subcommand: its help text and how to run it.
type Command struct {
	Name string
	// Args is the synopsis after the flags, such as "[PAYLOAD|-]".
	Args string
	// Summary is the one line in the command list.
	Summary string
	// About says what the command does and what its exit statuses mean.
	About string
	// Examples are command lines a person can paste, each with a comment.
	Examples []string
	// Define registers the command's flags and returns the function that
	// runs it with the positional arguments left after parsing.
	Define func(fs *flag.FlagSet) func(e *Env, args []string) error
	// External means another program does the work (serve runs the
	// sandbox, create the gateway program, render the image program): every argument goes to it
	// unparsed, and so does -h. Its help is that program's, and the
	// fields above when the program is not installed.
	External bool
	// Program is the program its synopsis names: "" for qris, through
	// which people run every command, the companions' too; a companion's
	// help command names the companion.
	Program string
}

func lookup(cmds []*Command, name string) *Command {
	for _, c := range cmds {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Program is a program that runs commands: qris, or a companion that
// runs some of qris's for it.
type Program struct {
	// Name is the program's, as its overview and messages name it.
	Name string
	// Intro is what its overview says before the list of commands.
	Intro string
	// Commands lists its commands, its help among them.
	Commands func() []*Command
	// HelpExample is the command whose help the example of p's help
	// command shows: one of p's own.
	HelpExample string
}

// QRIS is the program qris, whose commands cmds lists.
func QRIS(cmds func() []*Command) Program {
	return Program{Name: "qris", Intro: qrisIntro, Commands: cmds, HelpExample: "validate"}
}

// Gateway is the companion qris-gateway, whose commands cmds lists.
func Gateway(cmds func() []*Command) Program {
	return Program{Name: GatewayProgram, Intro: gatewayIntro, Commands: cmds, HelpExample: "create"}
}

const gatewayIntro = `qris-gateway is the program that qris runs for the commands that call the
payment gateway or check its answers: create, transactions and verify.
It holds the HTTP client and, for verify, the QR reader, which the other
qris commands do without. Use them through qris, as 'qris create ...'; run directly,
it takes the command's name first in the same way.

Usage: qris-gateway COMMAND [flags] [arguments]

Commands:
`

const qrisIntro = `qris reads, checks, converts and draws QRIS payment payloads (EMVCo
merchant-presented QR codes).

Usage: qris COMMAND [flags] [arguments]

A PAYLOAD argument can be replaced by - (or left out) to read it from
standard input. An argument that names an existing file is read as that
file, for every command ('qris decode p.txt' is 'qris decode < p.txt').
Output goes to standard output, or to the file -o names (a FIFO, a device
or a link's target is written through, not replaced). Flags may come
before or after the payload.

Exit status: 0 success or valid, 1 the input is invalid, 2 usage or I/O error.

Commands:
`

// WriteOverview writes what p is and the list of its commands, with an
// example of each.
func (p Program) WriteOverview(w io.Writer) {
	cs := p.Commands()
	var b strings.Builder
	b.WriteString(p.Intro)
	width := 0
	for _, c := range cs {
		width = max(width, len(c.Name))
	}
	for _, c := range cs {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.Name, c.Summary)
	}
	b.WriteString("\nExamples:\n")
	for _, c := range cs {
		if len(c.Examples) > 0 {
			fmt.Fprintf(&b, "  %s\n", firstLine(c.Examples[0]))
		}
	}
	b.WriteString("\nRun '" + p.Name + " help COMMAND' for a command's flags and more examples.\n")
	io.WriteString(w, b.String())
}

// firstLine drops an example's comment lines, keeping the command.
func firstLine(ex string) string {
	for _, l := range strings.Split(ex, "\n") {
		if !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return ex
}

// WriteHelp writes a command's full help: synopsis, description, flags and
// examples.
func WriteHelp(w io.Writer, c *Command) error {
	if c.External {
		fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
		if err := c.Define(fs)(&Env{Stdout: w, Stderr: io.Discard}, []string{"-h"}); err == nil {
			return nil
		}
	}
	var b strings.Builder
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	c.Define(fs)
	prog := "qris"
	if c.Program != "" {
		prog = c.Program
	}
	synopsis := prog + " " + c.Name
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags || c.External { // the program it runs has them
		synopsis += " [flags]"
	}
	if c.Args != "" {
		synopsis += " " + c.Args
	}
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n", synopsis, c.Summary)
	if c.About != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.About))
	}
	if hasFlags {
		b.WriteString("\nFlags:\n")
		flaghelp.Write(&b, fs)
	}
	if len(c.Examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, ex := range c.Examples {
			for _, l := range strings.Split(ex, "\n") {
				fmt.Fprintf(&b, "  %s\n", l)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return IOError(err, "")
	}
	return nil
}

// HelpCommand is qris's help command, of the commands cmds lists.
func HelpCommand(cmds func() []*Command) *Command { return QRIS(cmds).HelpCommand() }

// HelpCommand is p's help command.
func (p Program) HelpCommand() *Command {
	return &Command{
		Name:     "help",
		Args:     "[COMMAND]",
		Summary:  "show the commands, or one command's flags and examples",
		Examples: []string{p.Name + " help " + p.HelpExample},
		Program:  p.Name,
		Define: func(fs *flag.FlagSet) func(*Env, []string) error {
			return func(e *Env, args []string) error {
				switch len(args) {
				case 0:
					p.WriteOverview(e.Stdout)
					return nil
				case 1:
					c := lookup(p.Commands(), args[0])
					if c == nil {
						return p.unknownCommand(args[0])
					}
					return WriteHelp(e.Stdout, c)
				}
				return UsageError("help", "expected at most one command name")
			}
		},
	}
}
