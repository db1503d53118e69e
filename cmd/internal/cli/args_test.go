package cli

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args     []string
		wantPos  []string
		wantJSON bool
		wantOut  string
		wantErr  bool
	}{
		{args: nil},
		{args: []string{"P"}, wantPos: []string{"P"}},
		{args: []string{"--json", "P"}, wantPos: []string{"P"}, wantJSON: true},
		{args: []string{"P", "--json"}, wantPos: []string{"P"}, wantJSON: true},
		{args: []string{"P", "-o", "f", "Q"}, wantPos: []string{"P", "Q"}, wantOut: "f"},
		{args: []string{"-", "--json"}, wantPos: []string{"-"}, wantJSON: true},
		{args: []string{"--", "--json"}, wantPos: []string{"--json"}},
		{args: []string{"P", "--", "-o"}, wantPos: []string{"P", "-o"}},
		// "--" as the value of -o is a file name, not the end of the flags.
		{args: []string{"-o", "--", "--json"}, wantOut: "--", wantJSON: true},
		{args: []string{"--json=true", "--", "X"}, wantPos: []string{"X"}, wantJSON: true},
		{args: []string{"P", "--nope"}, wantErr: true},
		{args: []string{"-o"}, wantErr: true},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		asJSON := fs.Bool("json", false, "")
		out := fs.String("o", "", "")
		pos, err := parseFlags(fs, tt.args)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: err = %v, want error %v", tt.args, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			continue
		}
		if !slices.Equal(pos, tt.wantPos) || *asJSON != tt.wantJSON || *out != tt.wantOut {
			t.Errorf("%q: pos %q json %v out %q; want %q %v %q", tt.args, pos, *asJSON, *out, tt.wantPos, tt.wantJSON, tt.wantOut)
		}
	}
}

func TestPayloadArg(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   string
		tty     bool
		want    string
		wantErr string
	}{
		{name: "argument", args: []string{"0002"}, want: "0002"},
		{name: "argument trimmed", args: []string{" 0002\n"}, want: "0002"},
		{name: "stdin", stdin: "0002\n", want: "0002"},
		{name: "stdin dash", args: []string{"-"}, stdin: " 0002 \r\n", want: "0002"},
		{name: "dash reads a terminal", args: []string{"-"}, stdin: "0002\n", tty: true, want: "0002"},
		{name: "no argument, terminal", tty: true, wantErr: "no payload: give it as an argument"},
		{name: "empty stdin", stdin: "\n", wantErr: "standard input is empty"},
		{name: "empty argument", args: []string{" "}, wantErr: "the payload argument is empty"},
		{name: "two", args: []string{"a", "b"}, wantErr: "expected one payload, got 2"},
		{name: "too big", stdin: strings.Repeat("0", MaxPayloadInput+1), wantErr: "larger than 65536 bytes"},
	}
	for _, tt := range tests {
		e := &Env{Stdin: strings.NewReader(tt.stdin), StdinTTY: tt.tty}
		got, err := e.PayloadArg("decode", tt.args)
		if tt.wantErr != "" {
			var ee *ExitError
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ee) || ee.Code != ExitUsage {
				t.Errorf("%s: err = %v, want exit 2 with %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestFileArg: fileArg and readerArg take one file name, "-" or nothing
// alike, refuse to wait on a terminal, and fileArg refuses more than its
// limit (maxFileInput for the commands that read files) as an I/O error.
func TestFileArg(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(path, []byte("from file"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    io.Reader
		tty      bool
		want     string
		wantName string
		wantErr  string // from both; fileArg's limit is TestFileArgLimit's
	}{
		{name: "file", args: []string{path}, want: "from file", wantName: path},
		{name: "stdin", stdin: strings.NewReader("piped"), want: "piped", wantName: "standard input"},
		{name: "dash", args: []string{"-"}, stdin: strings.NewReader("piped"), want: "piped", wantName: "standard input"},
		{name: "dash reads a terminal", args: []string{"-"}, stdin: strings.NewReader("typed"), tty: true, want: "typed", wantName: "standard input"},
		{name: "file, terminal", args: []string{path}, tty: true, want: "from file", wantName: path},
		{name: "no argument, terminal", tty: true, wantErr: "no input: give a file name, or pipe the input in"},
		{name: "two", args: []string{"a", "b"}, wantErr: "expected one file, got 2 arguments"},
		{name: "missing", args: []string{filepath.Join(dir, "nope")}, wantErr: "cannot open " + filepath.Join(dir, "nope") + ": no such file"},
	}
	for _, tt := range tests {
		if tt.stdin == nil {
			tt.stdin = strings.NewReader("")
		}
		// Each function gets its own stdin: the first would drain a shared one.
		stdin, _ := io.ReadAll(tt.stdin)
		e := &Env{Stdin: bytes.NewReader(stdin), StdinTTY: tt.tty}
		b, name, ferr := e.FileArg("encode", tt.args, MaxFileInput)
		e.Stdin = bytes.NewReader(stdin)
		var got string
		r, rname, rerr := e.ReaderArg("encode", tt.args)
		if rerr == nil {
			all, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatalf("%s: reading readerArg's reader: %v", tt.name, err)
			}
			got = string(all)
		}
		if tt.wantErr != "" {
			for fn, err := range map[string]error{"fileArg": ferr, "readerArg": rerr} {
				var ee *ExitError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ee) || ee.Code != ExitUsage {
					t.Errorf("%s: %s err = %v, want exit 2 with %q", tt.name, fn, err, tt.wantErr)
				}
			}
			continue
		}
		if ferr != nil || string(b) != tt.want || name != tt.wantName {
			t.Errorf("%s: fileArg gave %q, %q, %v; want %q, %q", tt.name, b, name, ferr, tt.want, tt.wantName)
		}
		if rerr != nil || got != tt.want || rname != tt.wantName {
			t.Errorf("%s: readerArg gave %q, %q, %v; want %q, %q", tt.name, got, rname, rerr, tt.want, tt.wantName)
		}
	}
}

// TestFileArgLimit: maxFileInput bytes are read; one more is refused,
// exit 2, naming the input and the limit.
func TestFileArgLimit(t *testing.T) {
	for _, tt := range []struct {
		size int64
		ok   bool
	}{{MaxFileInput, true}, {MaxFileInput + 1, false}} {
		e := &Env{Stdin: io.LimitReader(zeros{}, tt.size)}
		b, _, err := e.FileArg("scan", nil, MaxFileInput)
		if tt.ok {
			if err != nil || int64(len(b)) != tt.size {
				t.Errorf("%d bytes: got %d, %v", tt.size, len(b), err)
			}
			continue
		}
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != ExitUsage || !strings.Contains(err.Error(), "standard input is larger than 33554432 bytes") {
			t.Errorf("%d bytes: err = %v, want exit 2, larger than 33554432 bytes", tt.size, err)
		}
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestPayloadArgReadError(t *testing.T) {
	boom := errors.New("boom")
	e := &Env{Stdin: iotest.ErrReader(boom)}
	_, err := e.PayloadArg("decode", nil)
	var ee *ExitError
	if !errors.Is(err, boom) || !errors.As(err, &ee) || ee.Code != ExitUsage {
		t.Fatalf("err = %v, want exit 2 wrapping the read error", err)
	}
}

func TestOutputCommitAndDiscard(t *testing.T) {
	dir := t.TempDir()
	e := &Env{}
	path := filepath.Join(dir, "out.txt")

	o, err := e.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	o.WriteString("half")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the file exists before commit: %v", err)
	}
	o.Discard()
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("discard left %q behind", names)
	}

	o, err = e.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	o.WriteString("whole")
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	o.Discard() // a no-op after commit
	if b, err := os.ReadFile(path); err != nil || string(b) != "whole" {
		t.Fatalf("read %q, %v", b, err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.txt"}) {
		t.Fatalf("directory holds %q", names)
	}

	if _, err := e.Create(filepath.Join(dir, "missing", "x")); err == nil {
		t.Fatal("create in a missing directory succeeded")
	}
	if _, err := e.Create(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("create on a directory: %v", err)
	}
}

func TestOutputStdoutWriteError(t *testing.T) {
	e := &Env{Stdout: failWriter{}}
	o, _ := e.Create("-")
	o.WriteString("x")
	err := o.Commit()
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != ExitUsage {
		t.Fatalf("commit = %v, want exit 2", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestReport(t *testing.T) {
	tests := []struct {
		err      error
		wantCode int
		wantOut  string
	}{
		{nil, 0, ""},
		{UsageError("decode", "bad %s", "thing"), 2, "qris decode: bad thing\n  run 'qris help decode' for its flags and examples\n"},
		{ErrInvalidReported, 1, ""},
		{&ExitError{Code: ExitInvalid, Msg: "broken", Hint: "fix it"}, 1, "qris decode: broken\n  fix it\n"},
		{errors.New("other"), 2, "qris decode: other\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if code := Report(&b, "decode", tt.err); code != tt.wantCode || b.String() != tt.wantOut {
			t.Errorf("report(%v) = %d, %q; want %d, %q", tt.err, code, b.String(), tt.wantCode, tt.wantOut)
		}
	}
}
