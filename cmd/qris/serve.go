package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

// sandboxProgram is the program behind qris serve. It is its own binary so
// that the SQLite store only it needs is linked, and initialised, there:
// every other command starts as fast as a small program.
const sandboxProgram = "qris-sandbox"

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "run a local sandbox of the payment gateway's QRIS API (runs " + sandboxProgram + ")",
		about: `
Runs the sandbox program, qris-sandbox, with these arguments; its flags
and examples are in 'qris help serve' once it is installed, beside qris
or on PATH:

  go install ./cmd/qris ./cmd/qris-sandbox   (from a clone)`,
		examples: []string{"qris serve", "qris serve --addr 127.0.0.1:9090 --db :memory: --faults"},
		external: true,
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			return func(e *env, args []string) error { return runSandbox(e, args) }
		},
	}
}

// findSandbox looks for the sandbox program beside the running qris first
// (where go install puts both), then on PATH.
func findSandbox() (string, error) {
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), sandboxProgram)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return exec.LookPath(sandboxProgram)
}

// runSandbox runs the sandbox program with args, named "qris serve" so its
// messages name the command typed, and passes on SIGINT and SIGTERM so it
// stops gracefully. Its exit status is serve's.
func runSandbox(e *env, args []string) error {
	path, err := findSandbox()
	if err != nil {
		return &exitError{code: exitUsage, err: err,
			msg:  "the sandbox program " + sandboxProgram + " is not installed",
			hint: "install it beside qris: go install ./cmd/qris-sandbox (from a clone), or run go run ./cmd/qris-sandbox"}
	}
	cmd := exec.Command(path, args...)
	cmd.Args[0] = "qris serve"
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	if err := cmd.Start(); err != nil {
		return ioError(err, "")
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
		code := ee.ExitCode()
		if code < 0 {
			code = exitUsage // ended by a signal it did not handle
		}
		return &exitError{code: code}
	}
	if err != nil {
		return ioError(err, "")
	}
	return nil
}
