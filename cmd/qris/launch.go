package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
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
		if path := p.findIn(filepath.Dir(exe)); path != "" {
			return path, nil
		}
	}
	return exec.LookPath(p.program)
}

// findIn returns the path of the program in dir when it is there and may
// be run (on Unix, a regular file with an execute bit, as PATH's search
// asks), or "".
func (p companion) findIn(dir string) string {
	path := filepath.Join(dir, p.program)
	if runtime.GOOS == "windows" {
		path += ".exe"
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || (runtime.GOOS != "windows" && st.Mode().Perm()&0o111 == 0) {
		return ""
	}
	return path
}

// run runs the program for the command called name with args and qris's
// standard streams. Its name (what ps shows, and what qris-sandbox calls
// itself in its messages) is "qris NAME ARGS": a program that takes the
// command's name as its first argument is named "qris".
//
// On Unix, in qris's own run (e.Replaceable), the program replaces qris
// (execve): it is then the very process the shell started, so its
// signals, its exit status and its death by a signal are the shell's to
// see with nothing passed on, and no qris waits beside it. Elsewhere, or
// for a caller in the same process, qris starts it, waits, and returns
// its status (128+n for a death by signal n, as a shell reports it).
func (p companion) run(e *cli.Env, name string, args []string) error {
	path, err := p.find()
	if err != nil {
		return &cli.ExitError{Code: cli.ExitUsage, Err: err,
			Msg:  "the program " + p.program + ", which runs this command, is not installed",
			Hint: "install it beside qris: go install ./cmd/... (from a clone), or go install ./cmd/" + p.program}
	}
	argv := append([]string{"qris " + name}, args...)
	if p.named {
		argv = append([]string{"qris", name}, args...)
	}
	reinstall := "reinstall it: go install ./cmd/... (from a clone), or go install ./cmd/" + p.program
	if execInPlace && e.Replaceable {
		err := replaceProcess(path, argv)
		return cli.IOError(&os.PathError{Op: "run", Path: path, Err: err}, reinstall)
	}
	cmd := exec.Command(path, argv[1:]...)
	cmd.Args[0] = argv[0]
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.Stdin, e.Stdout, e.Stderr
	// An interrupt (Ctrl+C) reaches the program too, from the terminal
	// or the console; qris waits for it to end as it chooses instead of
	// ending first.
	intr := make(chan os.Signal, 1)
	signal.Notify(intr, os.Interrupt)
	defer signal.Stop(intr)
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			// as a shell reports a death by a signal
			return &cli.ExitError{Code: 128 + int(ws.Signal())}
		}
		return &cli.ExitError{Code: ee.ExitCode()}
	}
	if err != nil {
		return cli.IOError(err, reinstall)
	}
	return nil
}
