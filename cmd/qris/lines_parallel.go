package main

import (
	"bufio"
	"io"

	"github.com/qriskit/qriskit/qris"
)

// Batch bounds for the parallel bulk mode: a batch is sent to a worker when
// it holds batchLines lines or batchBytes bytes, and at most 2×workers+1
// batches exist, so memory stays bounded by the batch sizes, not the input.
const (
	batchLines = 256
	batchBytes = 64 << 10
)

// batch is a run of consecutive input lines and, once a worker is done with
// it, their records.
type batch struct {
	first int    // the number of the first line, 1-based
	data  []byte // the lines, back to back
	ends  []int  // where each line ends in data; -1 marks a line too long
	out   []byte // the records, in order
	valid bool   // every line is valid
	err   error  // a read error after the batch's lines
	done  chan struct{}
}

// validateLinesParallel is validateLines with the validation spread over
// workers goroutines. One goroutine reads and cuts batches, the workers
// validate them, and the caller writes them back in input order.
func validateLinesParallel(r io.Reader, w io.Writer, o qris.Options, workers int) (allValid bool, err error) {
	slots := 2*workers + 1
	free := make(chan *batch, slots)
	for range slots {
		free <- &batch{done: make(chan struct{}, 1)}
	}
	work := make(chan *batch, slots)
	order := make(chan *batch, slots)
	stop := make(chan struct{})

	for range workers {
		go func() {
			c := lineChecker{o: o}
			for b := range work {
				b.valid = true
				start := 0
				for i, end := range b.ends {
					var line []byte
					long := end < 0
					if !long {
						line, start = b.data[start:end], end
					}
					var valid bool
					b.out, valid = c.appendLine(b.out, b.first+i, line, long)
					b.valid = b.valid && valid
				}
				b.done <- struct{}{}
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(work)
		lr := newLineReader(r, maxLine)
		n := 1
		for {
			var b *batch
			select {
			case <-stop:
				return
			default:
			}
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.first, b.data, b.ends, b.out, b.err = n, b.data[:0], b.ends[:0], b.out[:0], nil
			eof := false
			for len(b.ends) < batchLines && len(b.data) < batchBytes {
				line, long, err := lr.next()
				if err == io.EOF {
					eof = true
					break
				}
				if err != nil {
					b.err, eof = err, true
					break
				}
				if long {
					b.ends = append(b.ends, -1)
				} else {
					b.data = append(b.data, line...)
					b.ends = append(b.ends, len(b.data))
				}
			}
			n += len(b.ends)
			if cap(b.out) == 0 {
				// A broken payload's record is a few times the size of its
				// line (three in the corpus): start at four times the lines
				// rather than grow on the way. Sized by the lines, so a
				// short file stays cheap.
				b.out = make([]byte, 0, 4*len(b.data))
			}
			order <- b
			work <- b
			if eof {
				return
			}
		}
	}()

	bw := bufio.NewWriterSize(w, 64<<10)
	allValid = true
	for b := range order {
		<-b.done
		if err == nil {
			if _, werr := bw.Write(b.out); werr != nil {
				err = ioError(werr, "")
				close(stop)
			} else if b.err != nil {
				// Keep the records of the lines read before the failure.
				bw.Flush()
				err = ioError(b.err, "")
			}
		}
		allValid = allValid && b.valid
		free <- b
	}
	if err == nil {
		if ferr := bw.Flush(); ferr != nil {
			err = ioError(ferr, "")
		}
	}
	if err != nil {
		return false, err
	}
	return allValid, nil
}
