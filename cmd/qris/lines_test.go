package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris"
)

// perBatch is more lines of s1 than a batch holds.
var perBatch = batchBytes/(len(s1)+1) + 1

// bulkInput mixes valid and invalid payloads, blank lines, CRLF endings, a
// line too long and no final newline, over more lines than one batch.
func bulkInput(t *testing.T) (string, int) {
	t.Helper()
	var b strings.Builder
	n := 0
	for i, r := range readCorpus(t) {
		b.WriteString(r.Payload)
		switch i % 3 {
		case 0:
			b.WriteString("\r\n")
		default:
			b.WriteString("\n")
		}
		n++
	}
	b.WriteString("\n")
	b.WriteString(strings.Repeat("0", maxLine+10) + "\n")
	n += 2
	for range 3 {
		b.WriteString(strings.Repeat(s1+"\n", perBatch))
		n += perBatch
	}
	b.WriteString("  " + s1 + "  ")
	n++
	return b.String(), n
}

func TestValidateLinesParallelMatchesSequential(t *testing.T) {
	in, n := bulkInput(t)
	var seq bytes.Buffer
	seqValid, err := validateLines(strings.NewReader(in), &seq, qris.Options{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if seqValid {
		t.Error("the mix holds invalid lines but all were reported valid")
	}
	lines := strings.Split(strings.TrimSuffix(seq.String(), "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d records for %d lines", len(lines), n)
	}
	for i, l := range lines {
		var rec struct {
			Line     int             `json:"line"`
			Valid    bool            `json:"valid"`
			Problems json.RawMessage `json:"problems"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.Line != i+1 || rec.Problems == nil {
			t.Fatalf("record %d: %s (%v)", i+1, l, err)
		}
	}
	if !strings.Contains(lines[n-1], `"valid":true`) || !strings.Contains(lines[n-1-3*perBatch-1], "line longer than") {
		t.Errorf("the last line or the long line is misreported:\n%s\n%s", lines[n-1], lines[n-1-3*perBatch-1])
	}
	for _, workers := range []int{2, 3, 8} {
		var par bytes.Buffer
		parValid, err := validateLines(iotest.HalfReader(strings.NewReader(in)), &par, qris.Options{}, workers)
		if err != nil {
			t.Fatal(err)
		}
		if parValid != seqValid || par.String() != seq.String() {
			t.Errorf("%d workers: output differs from the sequential one (valid %v vs %v)", workers, parValid, seqValid)
		}
	}
}

func TestValidateLinesAllValid(t *testing.T) {
	in := strings.Repeat(s1+"\n", 600)
	for _, workers := range []int{1, 2} {
		var out bytes.Buffer
		valid, err := validateLines(strings.NewReader(in), &out, qris.Options{}, workers)
		if err != nil || !valid {
			t.Fatalf("%d workers: valid %v, %v", workers, valid, err)
		}
		if !strings.HasPrefix(out.String(), `{"line":1,"valid":true,"problems":[]}`+"\n") ||
			!strings.HasSuffix(out.String(), `{"line":600,"valid":true,"problems":[]}`+"\n") {
			t.Fatalf("%d workers: unexpected output %.200q", workers, out.String())
		}
	}
}

func TestValidateLinesErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, workers := range []int{1, 2} {
		// A read error after some lines: what was read is written, then the
		// error, which is exit status 2.
		var out bytes.Buffer
		r := io.MultiReader(strings.NewReader(s1+"\n"+s1+"\n"), iotest.ErrReader(boom))
		_, err := validateLines(r, &out, qris.Options{}, workers)
		var ee *cli.ExitError
		if !errors.Is(err, boom) || !errors.As(err, &ee) || ee.Code != cli.ExitUsage {
			t.Errorf("%d workers: read error gave %v", workers, err)
		}
		if strings.Count(out.String(), "\n") != 2 {
			t.Errorf("%d workers: %q written before the read error, want 2 records", workers, out.String())
		}
		// A write error stops the run, however long the input.
		in := strings.Repeat(s1+"\n", 5000)
		_, err = validateLines(strings.NewReader(in), failWriter{}, qris.Options{}, workers)
		if !errors.As(err, &ee) || ee.Code != cli.ExitUsage || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%d workers: write error gave %v", workers, err)
		}
	}
}

// TestValidateLinesLimit: the line limit is on the line without its "\n"
// or "\r\n", as USAGE says ("a line over 64 KiB"), in both modes and
// wherever the line falls: first, after another line, or last without a
// newline.
func TestValidateLinesLimit(t *testing.T) {
	tests := []struct {
		name string
		line string // without its end of line
		long bool
	}{
		{"maxLine-1", strings.Repeat("9", maxLine-1), false},
		{"maxLine", strings.Repeat("8", maxLine), false},
		{"maxLine, CR", strings.Repeat("8", maxLine) + "\r", false},
		{"maxLine+1", strings.Repeat("7", maxLine+1), true},
		{"maxLine+1, CR", strings.Repeat("7", maxLine+1) + "\r", true},
		{"maxLine+2", strings.Repeat("6", maxLine+2), true},
	}
	for _, tt := range tests {
		for _, shape := range []struct{ before, after string }{{"", "\n"}, {"", ""}, {s1 + "\n", "\n" + s1 + "\n"}, {s1 + "\r\n", ""}} {
			in := shape.before + tt.line + shape.after
			for _, workers := range []int{1, 2} {
				var out bytes.Buffer
				if _, err := validateLines(strings.NewReader(in), &out, qris.Options{}, workers); err != nil {
					t.Fatal(err)
				}
				records := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
				i := strings.Count(shape.before, "\n")
				if i >= len(records) {
					t.Fatalf("%s, %d workers, %q before: %d records", tt.name, workers, shape.before, len(records))
				}
				long := strings.Contains(records[i], `"line longer than 65536 bytes`)
				if long != tt.long {
					t.Errorf("%s, %d workers, %q before, %q after: too long %v, want %v: %.200s", tt.name, workers, shape.before, shape.after, long, tt.long, records[i])
				}
				if want := strings.Count(strings.TrimSuffix(in, "\n"), "\n") + 1; len(records) != want {
					t.Errorf("%s, %d workers, %q before: %d records, want %d", tt.name, workers, shape.before, len(records), want)
				}
			}
		}
	}
}

// TestValidateLinesBlocks: the parallel mode's reader cuts blocks of whole
// lines itself; on inputs whose lines fall anywhere across block bounds
// (lines just under, at and over maxLine, with "\n" or "\r\n", long lines
// back to back and at the end, no final newline, empty lines), read in
// pieces of any size, it gives the sequential mode's records.
func TestValidateLinesBlocks(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{s1, "", "\r", "  " + s1, "garbage", strings.Repeat("9", maxLine-1), strings.Repeat("8", maxLine),
		strings.Repeat("7", maxLine+1), strings.Repeat("6", 3*maxLine), strings.Repeat("5", maxLine-2) + "\r",
		strings.Repeat("4", maxLine) + "\r", strings.Repeat("3", maxLine+1) + "\r", strings.Repeat("2", maxLine+2)}
	readers := []func(io.Reader) io.Reader{
		func(r io.Reader) io.Reader { return r },
		iotest.HalfReader,
		iotest.DataErrReader,
		func(r io.Reader) io.Reader { return chunked(r, 1+rng.Intn(5000)) },
	}
	for round := range 40 {
		var b strings.Builder
		for range 1 + rng.Intn(40) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
			b.WriteByte('\n')
		}
		in := b.String()
		if round%3 == 0 {
			in = strings.TrimSuffix(in, "\n")
		}
		var seq bytes.Buffer
		seqValid, err := validateLines(strings.NewReader(in), &seq, qris.Options{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		// Both modes read with the block reader: hold the sequential one
		// to lines cut by strings.Split, and to itself read otherwise.
		if want := referenceRecords(in); seq.String() != want {
			t.Fatalf("round %d: the records differ from those of the input's lines cut one by one", round)
		}
		var seq2 bytes.Buffer
		if _, err := validateLines(iotest.DataErrReader(strings.NewReader(in)), &seq2, qris.Options{}, 1); err != nil || seq2.String() != seq.String() {
			t.Fatalf("round %d: the sequential records depend on how the input is read (%v)", round, err)
		}
		for k, wrap := range readers {
			var par bytes.Buffer
			parValid, err := validateLines(wrap(strings.NewReader(in)), &par, qris.Options{}, 2)
			if err != nil {
				t.Fatal(err)
			}
			if parValid != seqValid || par.String() != seq.String() {
				pl, sl := strings.Split(par.String(), "\n"), strings.Split(seq.String(), "\n")
				i := 0
				for i < min(len(pl), len(sl)) && pl[i] == sl[i] {
					i++
				}
				t.Fatalf("round %d, reader %d: %d parallel records, %d sequential; first difference at %d:\n par %.200q\n seq %.200q", round, k, len(pl), len(sl), i, pl[min(i, len(pl)-1)], sl[min(i, len(sl)-1)])
			}
		}
	}
}

// referenceRecords is what validate --lines writes for in, by a plain
// reading of the contract: a line ends at "\n" (a last line may not), an
// "\r" before it is dropped, and a line of more than maxLine bytes
// without them is too long.
func referenceRecords(in string) string {
	lines := strings.Split(in, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var c lineChecker
	var out []byte
	for i, l := range lines {
		out, _ = c.appendLine(out, i+1, []byte(strings.TrimSuffix(l, "\r")), len(strings.TrimSuffix(l, "\r")) > maxLine)
	}
	return string(out)
}

// chunkReader returns at most n bytes a Read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

func chunked(r io.Reader, n int) io.Reader { return chunkReader{r, n} }

// TestBlockReaderNoProgress: a reader that returns nothing forever ends the
// run with io.ErrNoProgress instead of spinning.
func TestBlockReaderNoProgress(t *testing.T) {
	_, err := validateLines(emptyReader{}, io.Discard, qris.Options{}, 2)
	if !errors.Is(err, io.ErrNoProgress) {
		t.Fatalf("got %v", err)
	}
}

type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, nil }

// FuzzLinesParallel: on any input read in pieces of any size, the parallel
// mode writes the sequential mode's records.
func FuzzLinesParallel(f *testing.F) {
	f.Add([]byte(s1+"\n\n"+s1+"\r\nxyz"), uint16(7))
	f.Add([]byte("\n\r\n \n"), uint16(1))
	f.Add([]byte(s1), uint16(300))
	f.Fuzz(func(t *testing.T, in []byte, chunk uint16) {
		var seq, par bytes.Buffer
		seqValid, err := validateLines(bytes.NewReader(in), &seq, qris.Options{}, 1)
		if err != nil {
			t.Fatal(err)
		}
		parValid, err := validateLines(chunked(bytes.NewReader(in), 1+int(chunk)), &par, qris.Options{}, 2)
		if err != nil {
			t.Fatal(err)
		}
		if parValid != seqValid || par.String() != seq.String() {
			t.Fatalf("parallel %q\nsequential %q", par.String(), seq.String())
		}
		if want := referenceRecords(string(in)); seq.String() != want {
			t.Fatalf("sequential %q\nreference %q", seq.String(), want)
		}
	})
}

// TestAppendLineAllocs: once warmed up, a valid line costs no allocation,
// as lineChecker's doc says; bulk mode relies on it.
func TestAppendLineAllocs(t *testing.T) {
	for _, line := range []string{s1, s1 + "\r\n", "  " + s1 + "\n"} {
		var c lineChecker
		buf := make([]byte, 0, 4096)
		in := []byte(line)
		for range 3 {
			if _, valid := c.appendLine(buf[:0], 1, in, false); !valid {
				t.Fatalf("%q is not valid", line)
			}
		}
		if n := testing.AllocsPerRun(100, func() { c.appendLine(buf[:0], 1, in, false) }); n != 0 {
			t.Errorf("%q: %v allocations a line, want 0", line, n)
		}
	}
}

// trimEOL drops a line's "\n" or "\r\n".
func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'})
}

// TestValidateLinesMemory: "memory stays constant however long the input":
// validating about 50 MB of lines, in either mode, allocates a small
// fraction of that in all, so the input is never held whole.
func TestValidateLinesMemory(t *testing.T) {
	line := s1 + "\n"
	n := (50 << 20) / len(line)
	size := uint64(n * len(line))
	for _, workers := range []int{1, 2} {
		var out countWriter
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		valid, err := validateLines(&repeatReader{line: line, n: n}, &out, qris.Options{}, workers)
		runtime.ReadMemStats(&after)
		if err != nil || !valid {
			t.Fatalf("%d workers: valid %v, %v", workers, valid, err)
		}
		if want := int64(n) * int64(len(`{"line":,"valid":true,"problems":[]}`)+1); out.n < want {
			t.Fatalf("%d workers: %d bytes of records for %d lines", workers, out.n, n)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > size/16 {
			t.Errorf("%d workers: %d bytes allocated for %d bytes of input", workers, grew, size)
		}
	}
}

// repeatReader reads as n copies of line, without holding them.
type repeatReader struct {
	line string
	n    int
	off  int // into the current copy
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.line[r.off:])
		k += c
		r.off += c
		if r.off == len(r.line) {
			r.off = 0
			r.n--
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// failWriter fails every write, as a full disk does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
