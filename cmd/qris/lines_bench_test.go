package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sigurn/crc16"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// benchFile repeats payloads into an in-memory file of n lines.
func benchFile(payloads []string, n int) []byte {
	var buf bytes.Buffer
	for i := range n {
		buf.WriteString(payloads[i%len(payloads)])
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// benchSets are the two files the bulk mode is measured on: the corpus as
// it is (many foreign and broken payloads, each with several problems to
// write), and its valid QRIS payloads only, what a merchant's or an
// acquirer's file mostly holds.
func benchSets(b *testing.B) map[string][]byte {
	var all, valid []string
	for _, r := range readCorpus(b) {
		all = append(all, r.Payload)
		if len(qris.Validate(r.Payload, qris.Options{})) == 0 {
			valid = append(valid, r.Payload)
		}
	}
	if len(valid) == 0 {
		b.Fatal("the corpus holds no payload without problems")
	}
	return map[string][]byte{"corpus": benchFile(all, benchN), "valid-qris": benchFile(valid, benchN)}
}

// crcOnly is the baseline: the same reader, and only each line's checksum
// by sum (sigurn/crc16's byte loop, the yardstick of every bound in the
// issues, or emv's own).
func crcOnly(r io.Reader, sum func([]byte) uint16) (x uint16, err error) {
	br := newBlockReader(r, batchBytes)
	var block []byte
	for more := true; more; {
		block, _, more, err = br.next(block)
		for line := range bytes.Lines(block) {
			x ^= sum(trimEOL(line))
		}
		if err != nil {
			return x, err
		}
	}
	return x, nil
}

// countWriter counts what is written to it, and keeps none of it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var sigurnTable = crc16.MakeTable(crc16.CRC16_CCITT_FALSE)

func sigurnSum(b []byte) uint16 { return crc16.Checksum(b, sigurnTable) }

const benchN = 10000

// BenchmarkLines runs validate --lines's loop and the CRC-only loops over
// the same file in each iteration, so all see the same machine load, and
// reports each one's time per line and the ratios: x-crc-only against
// sigurn/crc16's loop (the bound: within 2x), x-emv-crc against
// emv.Checksum, which reads 16 bytes a step and is about 4x faster, and
// x-json, the bytes of JSON written per byte of input.
// "sequential" is one goroutine; "parallel" is what the command runs, one
// worker per CPU.
func BenchmarkLines(b *testing.B) {
	sets := benchSets(b)
	for _, name := range []string{"corpus", "valid-qris"} {
		file := sets[name]
		for _, mode := range []string{"sequential", "parallel"} {
			workers := 1
			if mode == "parallel" {
				workers = runtime.GOMAXPROCS(0)
			}
			b.Run(name+"/"+mode, func(b *testing.B) {
				b.ReportAllocs()
				var tv, tc, te time.Duration
				var out countWriter
				for b.Loop() {
					t0 := time.Now()
					if _, err := validateLines(bytes.NewReader(file), &out, qris.Options{}, workers); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					if _, err := crcOnly(bytes.NewReader(file), sigurnSum); err != nil {
						b.Fatal(err)
					}
					t2 := time.Now()
					if _, err := crcOnly(bytes.NewReader(file), emv.Checksum); err != nil {
						b.Fatal(err)
					}
					tv += t1.Sub(t0)
					tc += t2.Sub(t1)
					te += time.Since(t2)
				}
				lines := float64(b.N * benchN)
				b.ReportMetric(float64(tv.Nanoseconds())/lines, "validate-ns/line")
				b.ReportMetric(float64(tc.Nanoseconds())/lines, "crc-ns/line")
				b.ReportMetric(float64(tv)/float64(tc), "x-crc-only")
				b.ReportMetric(float64(tv)/float64(te), "x-emv-crc")
				b.ReportMetric(float64(out.n)/float64(b.N*len(file)), "x-json")
			})
		}
	}
}

// BenchmarkAppendRecord writes the records of the corpus's payloads, the
// JSON half of the bulk mode's work, into one reused buffer.
func BenchmarkAppendRecord(b *testing.B) {
	var results [][]qris.Problem
	for _, r := range readCorpus(b) {
		results = append(results, qris.Validate(r.Payload, qris.Options{}))
	}
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		for i, ps := range results {
			buf = cli.AppendRecord(buf[:0], i+1, qris.Valid(ps), ps)
		}
	}
}

// BenchmarkLinesPrograms measures the bound as the issue words it, program
// against program: the built qris command's validate --lines against
// testdata/crconly (bufio.Scanner and sigurn/crc16, what a person would
// write to compute each line's CRC), both reading the same file of 100,000
// lines from disk and writing to /dev/null. "one-core" runs qris with
// GOMAXPROCS=1. Process start and the file's reading count for both.
func BenchmarkLinesPrograms(b *testing.B) {
	dir := b.TempDir()
	qrisBin, crcBin := filepath.Join(dir, "qris"), filepath.Join(dir, "crconly")
	for bin, pkg := range map[string]string{qrisBin: ".", crcBin: "./testdata/crconly"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	const lines = 100_000
	for name, content := range benchSets(b) {
		// benchSets holds benchN lines; repeat them to the size of a real
		// bulk file, so the programs' start is a small part of their time.
		path := filepath.Join(dir, name+".txt")
		if err := os.WriteFile(path, bytes.Repeat(content, lines/benchN), 0o600); err != nil {
			b.Fatal(err)
		}
		for _, mode := range []string{"as-shipped", "one-core"} {
			b.Run(name+"/"+mode, func(b *testing.B) {
				var tq, tc time.Duration
				for b.Loop() {
					tq += runProgram(b, path, mode == "one-core", qrisBin, "validate", "--lines")
					tc += runProgram(b, path, false, crcBin)
				}
				n := float64(b.N * lines)
				b.ReportMetric(float64(tq.Nanoseconds())/n, "qris-ns/line")
				b.ReportMetric(float64(tc.Nanoseconds())/n, "crconly-ns/line")
				b.ReportMetric(float64(tq)/float64(tc), "x-crconly")
			})
		}
	}
}

// runProgram runs bin with args, standard input from the file at path and
// output to /dev/null, and returns how long it took. Exit status 1 (some
// line invalid) is a normal outcome for qris.
func runProgram(b *testing.B, path string, oneCore bool, bin string, args ...string) time.Duration {
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(bin, args...)
	cmd.Stdin = in
	if oneCore {
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	}
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		b.Fatalf("%s: %v", filepath.Base(bin), err)
	}
	return d
}

// BenchmarkStartup runs the built qris as a shell script would, one
// process a call, and reports each call's whole time against the small
// program testdata/crconly on empty input (a Go program that links next
// to nothing): validate of one payload and version, which qris runs
// itself, create --help, which it runs in qris-gateway, and render of one
// PNG, which it runs in qris-image (both built beside it, where go install
// puts them), two process starts each.
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	for bin, pkg := range map[string]string{
		"qris":         ".",
		"qris-gateway": "../qris-gateway",
		"qris-image":   "../qris-image",
		"crconly":      "./testdata/crconly",
	} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, bin), pkg).CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "static-example.txt"))
	if err != nil {
		b.Fatal(err)
	}
	qrisBin := filepath.Join(dir, "qris")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"validate", []string{"validate", strings.TrimSpace(string(sample))}},
		{"version", []string{"version"}},
		{"create-help", []string{"create", "--help"}},
		{"render", []string{"render", "-o", filepath.Join(dir, "code.png"), strings.TrimSpace(string(sample))}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var tq, tc time.Duration
			for b.Loop() {
				tq += runOnce(b, qrisBin, c.args...)
				tc += runOnce(b, filepath.Join(dir, "crconly"))
			}
			b.ReportMetric(float64(tq.Microseconds())/float64(b.N), "qris-us/call")
			b.ReportMetric(float64(tc.Microseconds())/float64(b.N), "small-us/call")
			b.ReportMetric(float64(tq)/float64(tc), "x-small")
		})
	}
}

// runOnce runs bin with args, no input and its output discarded, and
// returns how long the process took; it must succeed.
func runOnce(b *testing.B, bin string, args ...string) time.Duration {
	cmd := exec.Command(bin, args...)
	t0 := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(t0)
	if err != nil {
		b.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, out)
	}
	return d
}
