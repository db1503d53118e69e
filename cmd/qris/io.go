package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// env is the world a subcommand sees. main fills it from the process; tests
// fill it with buffers, and can pretend a stream is a terminal.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stdinTTY and stdoutTTY say whether the streams are terminals: reading a
	// payload from a terminal would wait for typing, and PNG bytes would
	// garble one.
	stdinTTY, stdoutTTY bool
}

// Input bounds. A payload is at most a few thousand characters, so anything
// much larger is a mistake (a binary file, the wrong argument) and is
// refused before it costs memory.
const (
	maxPayloadInput = 64 << 10
	maxFileInput    = 32 << 20
)

// oneArg checks a subcommand's positional arguments for one input: it
// returns the argument, or fromStdin for "-" or no argument. It refuses
// more than one argument, and no argument when standard input is a
// terminal, where reading would wait for typing. payload says whether the
// argument is a payload or a file name, for the messages.
func (e *env) oneArg(cmd string, args []string, payload bool) (arg string, fromStdin bool, err error) {
	if len(args) > 1 {
		if payload {
			return "", false, usageError(cmd, "expected one payload, got %d arguments (quote a payload that holds spaces)", len(args))
		}
		return "", false, usageError(cmd, "expected one file, got %d arguments", len(args))
	}
	if len(args) == 1 && args[0] != "-" {
		return args[0], false, nil
	}
	if len(args) == 0 && e.stdinTTY {
		if payload {
			return "", true, usageError(cmd, "no payload: give it as an argument, or pipe it in (use - to type it)")
		}
		return "", true, usageError(cmd, "no input: give a file name, or pipe the input in (use - to type it)")
	}
	return "", true, nil
}

// payloadArg returns the payload that a subcommand's positional arguments
// name: the one argument, or standard input for "-" or no argument. Surrounding
// whitespace (a trailing newline from echo, say) is not part of it.
func (e *env) payloadArg(cmd string, args []string) (string, error) {
	arg, fromStdin, err := e.oneArg(cmd, args, true)
	if err != nil {
		return "", err
	}
	if !fromStdin {
		s := strings.TrimSpace(arg)
		if s == "" {
			return "", usageError(cmd, "the payload argument is empty")
		}
		return s, nil
	}
	b, err := readAll(e.stdin, "standard input", maxPayloadInput)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", usageError(cmd, "no payload: standard input is empty")
	}
	return s, nil
}

// fileArg returns the bytes, at most limit of them, of the file that a
// subcommand's positional arguments name, or of standard input for "-" or
// no argument, and the name to use in messages.
func (e *env) fileArg(cmd string, args []string, limit int64) ([]byte, string, error) {
	r, name, err := e.readerArg(cmd, args)
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	b, err := readAll(r, name, limit)
	return b, name, err
}

// readerArg is fileArg for subcommands that stream their input: the caller
// closes what it gets.
func (e *env) readerArg(cmd string, args []string) (io.ReadCloser, string, error) {
	name, fromStdin, err := e.oneArg(cmd, args, false)
	if err != nil {
		return nil, "", err
	}
	if fromStdin {
		return io.NopCloser(e.stdin), "standard input", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, "", ioError(unwrapPath(err, name), "check the file name")
	}
	return f, name, nil
}

// readAll reads r to the end, refusing more than limit bytes.
func readAll(r io.Reader, name string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, ioError(fmt.Errorf("reading %s: %w", name, err), "")
	}
	if int64(len(b)) > limit {
		return nil, ioError(fmt.Errorf("%s is larger than %d bytes", name, limit), "is it the right input?")
	}
	return b, nil
}

// unwrapPath turns "open x: no such file or directory" into a sentence that
// names the file once.
func unwrapPath(err error, name string) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot open %s: %w", name, pe.Err)
	}
	return err
}

// output is where a subcommand writes its result: standard output, or the
// file -o names. A file is written under a temporary name and renamed when
// complete, so a failure never leaves half an image behind.
type output struct {
	*bufio.Writer
	file  *os.File // nil for standard output
	final string
	done  bool
}

// create opens the output for path: "" or "-" is standard output.
func (e *env) create(path string) (*output, error) {
	if path == "" || path == "-" {
		return &output{Writer: bufio.NewWriter(e.stdout)}, nil
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, ioError(fmt.Errorf("-o %s is a directory", path), "give a file name")
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, ioError(unwrapPath(err, path), "check that the directory exists and is writable")
	}
	return &output{Writer: bufio.NewWriter(f), file: f, final: path}, nil
}

// writeLine writes s and a newline to the output path names, the whole
// result of most subcommands.
func (e *env) writeLine(path, s string) error {
	o, err := e.create(path)
	if err != nil {
		return err
	}
	defer o.discard()
	o.WriteString(s)
	o.WriteByte('\n')
	return o.commit()
}

// toTerminal says whether the output is a terminal.
func (o *output) toTerminal(e *env) bool { return o.file == nil && e.stdoutTTY }

// commit flushes the output and, for a file, moves it into place.
func (o *output) commit() error {
	if o.done {
		return nil
	}
	o.done = true
	err := o.Flush()
	if o.file == nil {
		if err != nil {
			return ioError(fmt.Errorf("writing standard output: %w", err), "")
		}
		return nil
	}
	if cerr := o.file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(o.file.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(o.file.Name(), o.final)
	}
	if err != nil {
		os.Remove(o.file.Name())
		return ioError(fmt.Errorf("writing %s: %w", o.final, err), "")
	}
	return nil
}

// discard drops a file output that was not committed; it is a no-op after
// commit, so callers defer it.
func (o *output) discard() {
	if o.done {
		return
	}
	o.done = true
	if o.file != nil {
		o.file.Close()
		os.Remove(o.file.Name())
	}
}
