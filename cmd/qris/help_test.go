package main

import (
	"flag"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/cmd/internal/gatewaycmd"
)

// TestCommandsDocumented: every command, qris's and qris-gateway's, has a summary and at least one
// example, each example ends in a qris command line, and every flag has a
// usage text and is listed in the command's help, with the examples.
func TestCommandsDocumented(t *testing.T) {
	for _, c := range append(commands(), gatewaycmd.Commands()...) {
		if c.Summary == "" {
			t.Errorf("%s: no summary", c.Name)
		}
		if len(c.Examples) == 0 {
			t.Errorf("%s: no example", c.Name)
		}
		for _, ex := range c.Examples {
			lines := strings.Split(ex, "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, "qris ") {
				t.Errorf("%s: example %q does not end in a qris command line", c.Name, ex)
			}
		}
		var help strings.Builder
		if err := cli.WriteHelp(&help, c); err != nil {
			t.Fatal(err)
		}
		if len(c.Examples) > 0 && !strings.Contains(help.String(), "\nExamples:\n") {
			t.Errorf("%s: help shows no examples", c.Name)
		}
		fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
		c.Define(fs)
		fs.VisitAll(func(f *flag.Flag) {
			if strings.TrimSpace(f.Usage) == "" {
				t.Errorf("%s --%s: no usage text", c.Name, f.Name)
			}
			dash := "--" // -o is written with one
			if len(f.Name) == 1 {
				dash = "-"
			}
			if !strings.Contains(help.String(), "  "+dash+f.Name+" ") {
				t.Errorf("%s --%s: not in the help", c.Name, f.Name)
			}
		})
	}
}

// TestHelpPlaceholders: every flag that takes a value names it (FILE,
// qris|emv, customer|merchant), never flag's "value" or "string".
func TestHelpPlaceholders(t *testing.T) {
	for _, c := range append(commands(), gatewaycmd.Commands()...) {
		fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
		c.Define(fs)
		fs.VisitAll(func(f *flag.Flag) {
			switch name, _ := flag.UnquoteUsage(f); name {
			case "value", "string", "int", "uint", "float", "duration":
				t.Errorf("qris %s --%s shows the placeholder %q: name it in the usage with backquotes", c.Name, f.Name, name)
			}
		})
	}
}
