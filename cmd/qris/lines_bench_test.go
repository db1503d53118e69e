package main

import (
	"bytes"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
	"github.com/sigurn/crc16"
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

var sigurnTable = crc16.MakeTable(crc16.CRC16_CCITT_FALSE)

func sigurnSum(b []byte) uint16 { return crc16.Checksum(b, sigurnTable) }

const benchN = 10000

// BenchmarkLines runs validate --lines's loop and the CRC-only loops over
// the same file in each iteration, so all see the same machine load, and
// reports each one's time per line and the ratios: x-crc-only against
// sigurn/crc16's loop (the bound: within 2x), x-emv-crc against
// emv.Checksum, which reads 16 bytes a step and is about 4x faster.
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
				for b.Loop() {
					t0 := time.Now()
					if _, err := validateLines(bytes.NewReader(file), io.Discard, qris.Options{}, workers); err != nil {
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
			buf = appendRecord(buf[:0], i+1, qris.Valid(ps), ps)
		}
	}
}
