package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

// A companion is a program that runs some qris commands for it, so that
// what it links, and initialises at start, is paid for by those commands
// alone: qris-sandbox holds the SQLite store behind serve, qris-gateway
// the HTTP client behind create, transactions and verify, qris-image the
// image formats, fonts and QR reader behind render and scan. Every other
// command starts as fast as a small program.
type companion struct {
	// program is its file name, looked for beside qris, then on PATH.
	program string
	// named says whether it runs several commands and so takes the
	// command's name as its first argument, as qris does.
	named bool
	// holds says what it links that qris does not, for the help.
	holds string
}

func sandboxProgram() companion {
	return companion{program: "qris-sandbox", holds: "the SQLite store"}
}

func gatewayProgram() companion {
	return companion{program: cli.GatewayProgram, named: true, holds: "the HTTP client and the QR reader"}
}

func imageProgram() companion {
	return companion{program: cli.ImageProgram, named: true, holds: "the image formats and the QR reader"}
}

// command makes c a command that p runs: every argument goes to it
// unparsed, -h included, and its help is p's once p is installed.
func (p companion) command(c *cli.Command) *cli.Command {
	c.External = true
	c.Summary += " (runs " + p.program + ")"
	c.About = `
Runs the program ` + p.program + ` with these arguments (it holds
` + p.holds + `, which the other commands do without); its
flags and examples are in 'qris help ` + c.Name + `' once it is installed,
beside qris or on PATH:

  go install ./cmd/...   (from a clone: qris and the programs it runs)`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		return func(e *cli.Env, args []string) error { return p.run(e, c.Name, args) }
	}
	return c
}

// find looks for the program beside the running qris first (where go
// install puts them all), then on PATH.
func (p companion) find() (string, error) {
	if exe, err := os.Executable(); err == nil {
		path := filepath.Join(filepath.Dir(exe), p.program)
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			return path, nil
		}
	}
	return exec.LookPath(p.program)
}

// forwarded are the signals qris passes on to the program it runs, so
// that it stops as it would if the person had run it directly.
var forwarded = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// run runs the program for the command called name with args, with qris's
// standard streams, and passes on the forwarded signals so it stops
// gracefully. Its name (what ps shows, and what qris-sandbox calls itself
// in its messages) is "qris NAME ARGS": a program that takes the command's
// name as its first argument is named "qris". Its exit status is the
// command's; when a signal ends it, the same signal ends qris.
func (p companion) run(e *cli.Env, name string, args []string) error {
	path, err := p.find()
	if err != nil {
		return &cli.ExitError{Code: cli.ExitUsage, Err: err,
			Msg:  "the program " + p.program + ", which runs this command, is not installed",
			Hint: "install it beside qris: go install ./cmd/... (from a clone), or go install ./cmd/" + p.program}
	}
	if p.named {
		args = append([]string{name}, args...)
	}
	cmd := exec.Command(path, args...)
	cmd.Args[0] = "qris " + name
	if p.named {
		cmd.Args[0] = "qris"
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, forwarded...)
	defer signal.Stop(sig)
	if err := cmd.Start(); err != nil {
		return cli.IOError(err, "")
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sig:
				cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			signal.Stop(sig)
			dieFrom(ws.Signal())
		}
		return &cli.ExitError{Code: ee.ExitCode()}
	}
	if err != nil {
		return cli.IOError(err, "")
	}
	return nil
}
