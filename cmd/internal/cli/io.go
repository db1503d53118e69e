package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Env is the world a subcommand sees. main fills it from the process; tests
// fill it with buffers, and can pretend a stream is a terminal.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinTTY and StdoutTTY say whether the streams are terminals: reading a
	// payload from a terminal would wait for typing, and PNG bytes would
	// garble one.
	StdinTTY, StdoutTTY bool
	// Replaceable says that the process is the program's own run, its
	// streams the process's: a companion may then take the process over
	// (execve) instead of running beside it. Only a program's main sets
	// it, so that a caller in the same process (a test) is never replaced.
	Replaceable bool
}

// Input bounds. A payload is at most a few thousand characters, so anything
// much larger is a mistake (a binary file, the wrong argument) and is
// refused before it costs memory.
const (
	MaxPayloadInput = 64 << 10
	MaxFileInput    = 32 << 20
)

// oneArg checks a subcommand's positional arguments for one input: it
// returns the argument, or fromStdin for "-" or no argument. It refuses
// more than one argument, and no argument when standard input is a
// terminal, where reading would wait for typing. payload says whether the
// argument is a payload or a file name, for the messages.
func (e *Env) oneArg(cmd string, args []string, payload bool) (arg string, fromStdin bool, err error) {
	if len(args) > 1 {
		if payload {
			return "", false, UsageError(cmd, "expected one payload, got %d arguments (quote a payload that holds spaces)", len(args))
		}
		return "", false, UsageError(cmd, "expected one file, got %d arguments", len(args))
	}
	if len(args) == 1 && args[0] != "-" {
		return args[0], false, nil
	}
	if len(args) == 0 && e.StdinTTY {
		if payload {
			return "", true, UsageError(cmd, "no payload: give it as an argument, or pipe it in (use - to type it)")
		}
		return "", true, UsageError(cmd, "no input: give a file name, or pipe the input in (use - to type it)")
	}
	return "", true, nil
}

// ErrEmptyPayload marks an empty payload (an empty argument or standard
// input): a usage error, except for --json, which reports it as the
// invalid payload it is (see emptyPayload).
var ErrEmptyPayload = errors.New("empty payload")

// EmptyPayload reports whether err is payloadArg's for an empty payload.
func EmptyPayload(err error) bool { return errors.Is(err, ErrEmptyPayload) }

// PayloadArg returns the payload that a subcommand's positional arguments
// name: the one argument, or standard input for "-" or no argument. An
// argument that names an existing file is that file, as for the commands
// that take a FILE: "qris decode p.txt" reads p.txt (no payload is a file
// name: one starts "000201"). Surrounding whitespace (a trailing newline
// from echo, say) is not part of the payload.
func (e *Env) PayloadArg(cmd string, args []string) (string, error) {
	arg, fromStdin, err := e.oneArg(cmd, args, true)
	if err != nil {
		return "", err
	}
	if !fromStdin {
		// An argument that is no file name (most payloads, being longer
		// than one may be) or names no file is the payload; one that names
		// a file that cannot be read is an error.
		f, err := os.Open(arg)
		if err == nil {
			defer f.Close()
			if err := notDir(f, arg); err != nil {
				return "", err
			}
			return e.payloadFrom(cmd, f, arg)
		}
		if errors.Is(err, fs.ErrPermission) {
			return "", IOError(UnwrapPath(err, arg), "check the file's permissions")
		}
		s := strings.TrimSpace(arg)
		if s == "" {
			return "", &ExitError{Code: ExitUsage, Msg: "the payload argument is empty", Err: ErrEmptyPayload,
				Hint: "run 'qris help " + cmd + "' for its flags and examples"}
		}
		return s, nil
	}
	return e.payloadFrom(cmd, e.Stdin, "standard input")
}

// payloadFrom reads the payload in r, called name in messages.
func (e *Env) payloadFrom(cmd string, r io.Reader, name string) (string, error) {
	b, err := readAll(r, name, MaxPayloadInput)
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return "", &ExitError{Code: ExitUsage, Msg: "no payload: " + name + " is empty", Err: ErrEmptyPayload,
			Hint: "run 'qris help " + cmd + "' for its flags and examples"}
	}
	return s, nil
}

// FileArg returns the bytes, at most limit of them, of the file that a
// subcommand's positional arguments name, or of standard input for "-" or
// no argument, and the name to use in messages.
func (e *Env) FileArg(cmd string, args []string, limit int64) ([]byte, string, error) {
	r, name, err := e.ReaderArg(cmd, args)
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	b, err := readAll(r, name, limit)
	return b, name, err
}

// ReaderArg is fileArg for subcommands that stream their input: the caller
// closes what it gets.
func (e *Env) ReaderArg(cmd string, args []string) (io.ReadCloser, string, error) {
	name, fromStdin, err := e.oneArg(cmd, args, false)
	if err != nil {
		return nil, "", err
	}
	if fromStdin {
		return io.NopCloser(e.Stdin), "standard input", nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, "", IOError(UnwrapPath(err, name), "check the file name")
	}
	if err := notDir(f, name); err != nil {
		f.Close()
		return nil, "", err
	}
	return f, name, nil
}

// notDir refuses f, opened as name, when it is a directory, which os.Open
// opens but no subcommand can read.
func notDir(f *os.File, name string) error {
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return IOError(fmt.Errorf("%s is a directory", name), "give a file in it, or pipe the input in")
	}
	return nil
}

// readAll reads r to the end, refusing more than limit bytes.
func readAll(r io.Reader, name string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, IOError(fmt.Errorf("reading %s: %w", name, err), "")
	}
	if int64(len(b)) > limit {
		return nil, IOError(fmt.Errorf("%s is larger than %d bytes", name, limit), "is it the right input?")
	}
	return b, nil
}

// UnwrapPath turns "open x: no such file or directory" into a sentence that
// names the file once.
func UnwrapPath(err error, name string) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot open %s: %w", name, pe.Err)
	}
	return err
}

// Output is where a subcommand writes its result: standard Output, or the
// file -o names. A new or regular file is written under a temporary name
// in its directory and renamed over it when complete, so a failure never
// leaves half an image behind and never destroys the old file. Anything
// else (a FIFO, a device such as /dev/null or /dev/stdout) is written
// through, since renaming over it would replace it with a regular file.
// A symbolic link is followed: what it points to is written as above, and
// the link stays.
type Output struct {
	*bufio.Writer
	file  *os.File // nil for standard output
	final string   // the path renamed to; "" when writing through
	done  bool
}

// maxLinks bounds the symbolic links create follows, as the kernel does.
const maxLinks = 40

// Create opens the output for path: "" or "-" is standard output.
func (e *Env) Create(path string) (*Output, error) {
	if path == "" || path == "-" {
		return &Output{Writer: bufio.NewWriter(e.Stdout)}, nil
	}
	target, fi, err := resolve(path)
	if err != nil {
		return nil, IOError(fmt.Errorf("-o %s: %w", path, err), "check the file name")
	}
	mode := fs.FileMode(0o644)
	switch {
	case fi == nil: // a new file
	case fi.IsDir():
		return nil, IOError(fmt.Errorf("-o %s is a directory", path), "give a file name")
	case fi.Mode().IsRegular():
		mode = fi.Mode().Perm() // replacing a file keeps who may read it
	default:
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, IOError(UnwrapPath(err, path), "check that it can be written")
		}
		return &Output{Writer: bufio.NewWriter(f), file: f}, nil
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return nil, IOError(UnwrapPath(err, path), "check that the directory exists and is writable")
	}
	if err := f.Chmod(mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, IOError(fmt.Errorf("writing %s: %w", path, err), "")
	}
	return &Output{Writer: bufio.NewWriter(f), file: f, final: target}, nil
}

// resolve follows path's symbolic links to what they name, and returns
// that path with its Lstat, or a nil FileInfo when nothing is there yet
// (a new file, or a link to one).
func resolve(path string) (string, fs.FileInfo, error) {
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, fi, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(link) {
			// Relative to the link's directory, as the kernel reads it,
			// which may itself be reached through a link.
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", nil, err
			}
			link = filepath.Join(dir, link)
		}
		path = link
	}
	return "", nil, errors.New("too many levels of symbolic links")
}

// WriteLine writes s and a newline to the output path names, the whole
// result of most subcommands.
func (e *Env) WriteLine(path, s string) error {
	o, err := e.Create(path)
	if err != nil {
		return err
	}
	defer o.Discard()
	o.WriteString(s)
	o.WriteByte('\n')
	return o.Commit()
}

// ToTerminal says whether the output is a terminal.
func (o *Output) ToTerminal(e *Env) bool { return o.file == nil && e.StdoutTTY }

// Commit flushes the output and, for a file, moves it into place.
func (o *Output) Commit() error {
	if o.done {
		return nil
	}
	o.done = true
	err := o.Flush()
	if o.file == nil {
		if err != nil {
			return IOError(fmt.Errorf("writing standard output: %w", err), "")
		}
		return nil
	}
	if cerr := o.file.Close(); err == nil {
		err = cerr
	}
	name := o.file.Name()
	if o.final == "" {
		if err != nil {
			return IOError(fmt.Errorf("writing %s: %w", name, err), "")
		}
		return nil
	}
	if err == nil {
		err = os.Rename(name, o.final)
	}
	if err != nil {
		os.Remove(name)
		return IOError(fmt.Errorf("writing %s: %w", o.final, err), "")
	}
	return nil
}

// Discard drops a file output that was not committed; it is a no-op after
// commit, so callers defer it. What was written through to a FIFO or a
// device cannot be taken back, but nothing more is.
func (o *Output) Discard() {
	if o.done {
		return
	}
	o.done = true
	if o.file == nil {
		return
	}
	o.file.Close()
	if o.final != "" {
		os.Remove(o.file.Name())
	}
}
