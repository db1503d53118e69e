package main

import (
	"flag"
	"fmt"
	"github.com/qriskit/qriskit/cmd/internal/flaghelp"
	"io"
	"strings"
)

// command is one subcommand: its help text and how to run it.
type command struct {
	name string
	// args is the synopsis after the flags, such as "[PAYLOAD|-]".
	args string
	// summary is the one line in the command list.
	summary string
	// about says what the command does and what its exit statuses mean.
	about string
	// examples are command lines a person can paste, each with a comment.
	examples []string
	// define registers the command's flags and returns the function that
	// runs it with the positional arguments left after parsing.
	define func(fs *flag.FlagSet) func(e *env, args []string) error
	// external means another program does the work (serve runs the
	// sandbox): every argument goes to it unparsed, and so does -h.
	external bool
}

// commands lists the subcommands in the order help shows them. It builds
// the list on each call so that no mutable table lives in the package.
func commands() []*command {
	return []*command{
		decodeCommand(),
		validateCommand(),
		encodeCommand(),
		dynamicCommand(),
		staticCommand(),
		renderCommand(),
		scanCommand(),
		crcCommand(),
		verifyCommand(),
		createCommand(),
		transactionsCommand(),
		serveCommand(),
		versionCommand(),
		helpCommand(),
	}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

const overviewHead = `qris reads, checks, converts and draws QRIS payment payloads (EMVCo
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

func writeOverview(w io.Writer) {
	var b strings.Builder
	b.WriteString(overviewHead)
	cs := commands()
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.name, c.summary)
	}
	b.WriteString("\nExamples:\n")
	for _, c := range cs {
		if len(c.examples) > 0 {
			fmt.Fprintf(&b, "  %s\n", firstLine(c.examples[0]))
		}
	}
	b.WriteString("\nRun 'qris help COMMAND' for a command's flags and more examples.\n")
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

// writeHelp writes a command's full help: synopsis, description, flags and
// examples.
func writeHelp(w io.Writer, c *command) error {
	if c.external {
		if err := runSandbox(&env{stdout: w, stderr: io.Discard}, []string{"-h"}); err == nil {
			return nil
		}
	}
	var b strings.Builder
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.define(fs)
	synopsis := "qris " + c.name
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		synopsis += " [flags]"
	}
	if c.args != "" {
		synopsis += " " + c.args
	}
	fmt.Fprintf(&b, "Usage: %s\n\n%s\n", synopsis, c.summary)
	if c.about != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.about))
	}
	if hasFlags {
		b.WriteString("\nFlags:\n")
		flaghelp.Write(&b, fs)
	}
	if len(c.examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, ex := range c.examples {
			for _, l := range strings.Split(ex, "\n") {
				fmt.Fprintf(&b, "  %s\n", l)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return ioError(err, "")
	}
	return nil
}

func helpCommand() *command {
	return &command{
		name:     "help",
		args:     "[COMMAND]",
		summary:  "show the commands, or one command's flags and examples",
		examples: []string{"qris help validate"},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			return func(e *env, args []string) error {
				switch len(args) {
				case 0:
					writeOverview(e.stdout)
					return nil
				case 1:
					c := lookup(args[0])
					if c == nil {
						return unknownCommand(args[0])
					}
					return writeHelp(e.stdout, c)
				}
				return usageError("help", "expected at most one command name")
			}
		},
	}
}
