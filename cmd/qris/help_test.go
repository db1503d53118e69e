package main

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/cmd/internal/gatewaycmd"
	"github.com/qriskit/qriskit/cmd/internal/imagecmd"
	"github.com/qriskit/qriskit/qris"
)

// TestCommandsDocumented: every command, qris's, qris-gateway's and qris-image's, has a summary and at least one
// example, each example ends in a qris command line, and every flag has a
// usage text and is listed in the command's help, with the examples.
func TestCommandsDocumented(t *testing.T) {
	for _, c := range slices.Concat(commands(), gatewaycmd.Commands(), imagecmd.Commands()) {
		if c.Summary == "" {
			t.Errorf("%s: no summary", c.Name)
		}
		if len(c.Examples) == 0 {
			t.Errorf("%s: no example", c.Name)
		}
		for _, ex := range c.Examples {
			lines := strings.Split(ex, "\n")
			prog := "qris"
			if c.Program != "" {
				prog = c.Program
			}
			if last := lines[len(lines)-1]; !strings.Contains(last, prog+" ") {
				t.Errorf("%s: example %q does not end in a %s command line", c.Name, ex, prog)
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
	for _, c := range slices.Concat(commands(), gatewaycmd.Commands(), imagecmd.Commands()) {
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

// TestStandInHelp: without the programs that run them, the help of create,
// transactions, verify, render, scan and serve still shows that they take flags,
// and says which program runs them.
func TestStandInHelp(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	n := 0
	for _, c := range commands() {
		if !c.External {
			continue
		}
		n++
		var help strings.Builder
		if err := cli.WriteHelp(&help, c); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(help.String(), "Usage: qris "+c.Name+" [flags]") {
			t.Errorf("qris help %s without its program:\n%s", c.Name, help.String())
		}
		if !strings.Contains(help.String(), "(runs qris-") {
			t.Errorf("qris help %s does not say which program runs it:\n%s", c.Name, help.String())
		}
	}
	if n != 6 {
		t.Errorf("%d commands run another program, want 6", n)
	}
}

// TestHelpProfileNames: the help of validate, and the usage lines of
// USAGE.md and README.md, name the profiles qris.ProfileNames gives, all
// of them and in its order.
func TestHelpProfileNames(t *testing.T) {
	names := qris.ProfileNames()
	var help strings.Builder
	if err := cli.WriteHelp(&help, validateCommand()); err != nil {
		t.Fatal(err)
	}
	text := help.String()
	if want := "--profile " + strings.Join(names, "|") + " "; !strings.Contains(text, want) {
		t.Errorf("validate's help has no %q:\n%s", want, text)
	}
	// The text about --profile names each, in order.
	about := strings.Join(strings.Fields(profileAbout()), " ")
	at := 0
	for _, n := range names {
		i := strings.Index(about[at:], n+" ")
		if i < 0 {
			i = strings.Index(about[at:], n+",")
		}
		if i < 0 {
			t.Errorf("--profile's text names no %s after %q", n, about[:at])
			continue
		}
		at += i + len(n)
	}
	for _, l := range strings.Split(profileAbout(), "\n") {
		if len(l) > 76 {
			t.Errorf("line over 76 bytes: %q", l)
		}
	}
	for _, f := range []string{"USAGE.md", "../../README.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range profileListRE.FindAllStringSubmatch(string(b), -1) {
			n++
			if m[1] != strings.Join(names, "|") {
				t.Errorf("%s lists --profile %s, where qris.ProfileNames gives %s", f, m[1], strings.Join(names, "|"))
			}
		}
		if n == 0 {
			t.Errorf("%s lists no --profile", f)
		}
	}
}

// profileListRE finds "--profile a|b|c" in a usage line.
var profileListRE = regexp.MustCompile(`--profile ([a-z]+(?:\|[a-z]+)+)`)

// TestHelpExamples: each program's help command shows, as its example, the
// help of one of that program's own commands, and its synopsis names the
// program.
func TestHelpExamples(t *testing.T) {
	for _, p := range []cli.Program{cli.QRIS(commands), cli.Gateway(gatewaycmd.Commands), cli.Image(imagecmd.Commands)} {
		h := p.HelpCommand()
		if len(h.Examples) != 1 {
			t.Fatalf("%s help: examples %q", p.Name, h.Examples)
		}
		f := strings.Fields(h.Examples[0])
		if len(f) != 3 || f[0] != p.Name || f[1] != "help" {
			t.Errorf("%s help's example is %q, want %s help COMMAND", p.Name, h.Examples[0], p.Name)
			continue
		}
		found := false
		for _, c := range p.Commands() {
			found = found || c.Name == f[2]
		}
		if !found {
			t.Errorf("%s help's example %q shows %s, which %s does not run", p.Name, h.Examples[0], f[2], p.Name)
		}
		var help strings.Builder
		if err := cli.WriteHelp(&help, h); err != nil {
			t.Fatal(err)
		}
		if want := "Usage: " + p.Name + " help [COMMAND]\n"; !strings.HasPrefix(help.String(), want) {
			t.Errorf("%s help help starts %q, want %q", p.Name, help.String(), want)
		}
	}
}
