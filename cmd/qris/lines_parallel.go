package main

import (
	"bufio"
	"bytes"
	"io"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris"
)

// batchBytes bounds a batch: the reader fills a batch with up to this many
// bytes of input, cut after its last whole line, and at most 2×workers+1
// batches exist, so memory stays bounded by the batch size, not the input.
// It holds a line of maxLine bytes and its "\r\n", so that a batch that
// starts with a line and holds no newline has a line over maxLine; a
// shorter line over maxLine (maxLine+1 bytes and a "\n") is caught as it
// is validated.
const batchBytes = maxLine + 2

// batch is a run of consecutive input lines and, once a worker is done with
// it, their records.
type batch struct {
	first int    // the number of the first line, 1-based
	data  []byte // whole lines, each but the input's last ending in '\n'
	long  bool   // instead of data, one line over maxLine, skipped to its end
	out   []byte // the records, in order
	valid bool   // every line is valid
	n     int    // the number of lines validate saw
	err   error  // a read error after the batch's lines
	done  chan struct{}
}

// validateLinesParallel is validateLines with the validation spread over
// workers goroutines. One goroutine reads the input in blocks and cuts them
// after their last newline, the workers split the blocks into lines and
// validate them, and the caller writes the records back in input order.
// The reader never looks at a line on its own: the work a line costs is
// all in the workers.
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
				b.validate(&c)
				b.done <- struct{}{}
			}
		}()
	}

	go func() {
		defer close(order)
		defer close(work)
		br := newBlockReader(r, batchBytes)
		n := 1
		for {
			var b *batch
			select {
			case b = <-free:
			case <-stop:
				return
			}
			b.first, b.out, b.err = n, b.out[:0], nil
			var more bool
			b.data, b.long, more, b.err = br.next(b.data[:0])
			n += b.lines()
			if cap(b.out) == 0 {
				// A broken payload's record is a few times the size of its
				// line (three in the corpus), a valid one's a fifth: start
				// at four times the input rather than grow on the way.
				b.out = make([]byte, 0, 4*len(b.data))
			}
			order <- b
			work <- b
			if !more {
				return
			}
		}
	}()

	bw := bufio.NewWriterSize(w, 64<<10)
	allValid = true
	for b := range order {
		<-b.done
		if err == nil {
			if err = b.write(bw); err != nil {
				// The reader may still be at work (it stops by itself
				// after a read error).
				close(stop)
			}
		}
		allValid = allValid && b.valid
		free <- b
	}
	if err == nil {
		if ferr := bw.Flush(); ferr != nil {
			err = cli.IOError(ferr, "")
		}
	}
	if err != nil {
		return false, err
	}
	return allValid, nil
}

// validate appends the records of b's lines to b.out and counts them in
// b.n.
func (b *batch) validate(c *lineChecker) {
	b.valid = true
	if b.long {
		b.out, b.valid = c.appendLine(b.out, b.first, nil, true)
		b.n = 1
		return
	}
	i := 0
	for line := range bytes.Lines(b.data) {
		var valid bool
		// appendLine trims surrounding space, the line's end with it.
		b.out, valid = c.appendLine(b.out, b.first+i, line, contentLen(line) > maxLine)
		b.valid = b.valid && valid
		i++
	}
	b.n = i
}

// write writes b's records to bw, then reports the read error that ended
// the input after b's lines, if any, with those records flushed.
func (b *batch) write(bw *bufio.Writer) error {
	if _, err := bw.Write(b.out); err != nil {
		return cli.IOError(err, "")
	}
	if b.err != nil {
		bw.Flush()
		return cli.IOError(b.err, "")
	}
	return nil
}

// lines returns how many lines b holds, before validate has counted them:
// the reader needs it to number the next batch.
func (b *batch) lines() int {
	switch {
	case b.long:
		return 1
	case len(b.data) == 0:
		return 0
	case b.data[len(b.data)-1] != '\n':
		return bytes.Count(b.data, newline) + 1 // the input's last line, unended
	}
	return bytes.Count(b.data, newline)
}

var newline = []byte{'\n'}

// contentLen is the length of line without its "\n" or "\r\n", which the
// line limit does not count.
func contentLen(line []byte) int {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	return n
}

// blockReader cuts its input into blocks of whole lines, so that one bad
// line cannot stop a bulk run or exhaust memory: a line that fills a
// block is skipped and reported. Both modes of --lines read with it.
type blockReader struct {
	r     io.Reader
	carry []byte // the start of a line read past the last block
	size  int    // the size of a block
}

func newBlockReader(r io.Reader, size int) *blockReader {
	return &blockReader{r: r, carry: make([]byte, 0, size), size: size}
}

// read is one Read of the input, turning a reader that keeps returning
// nothing into io.ErrNoProgress, as bufio does.
func (br *blockReader) read(p []byte) (int, error) {
	for range 100 {
		if n, err := br.r.Read(p); n > 0 || err != nil {
			return n, err
		}
	}
	return 0, io.ErrNoProgress
}

// next reads the next block into dst[:0] (up to br.size bytes, growing dst
// to that if needed) and returns it: whole lines, each ending in a newline but
// the input's last. long reports, with no data, a line that fills a block
// without a newline, which is skipped to its end. more is false after the
// last block; err is a read error after the block's lines (a line cut by
// it is dropped).
func (br *blockReader) next(dst []byte) (block []byte, long, more bool, err error) {
	if cap(dst) < br.size {
		dst = make([]byte, 0, br.size)
	}
	data := append(dst[:0:br.size], br.carry...)
	br.carry = br.carry[:0]
	var rerr error
	for len(data) < cap(data) && rerr == nil {
		var k int
		k, rerr = br.read(data[len(data):cap(data)])
		data = data[:len(data)+k]
	}
	cut := bytes.LastIndexByte(data, '\n')
	switch {
	case cut < 0 && len(data) == cap(data):
		// One line fills the block, whether the input ends there or not:
		// skip it to its newline.
		if rerr == io.EOF {
			return data[:0], true, false, nil
		}
		if rerr != nil {
			return data[:0], false, false, rerr
		}
	case rerr == io.EOF:
		return data, false, false, nil
	case rerr != nil:
		// Keep the whole lines read before the failure.
		return data[:cut+1], false, false, rerr
	default:
		br.carry = append(br.carry, data[cut+1:]...)
		return data[:cut+1], false, true, nil
	}
	for {
		k, rerr := br.read(data[:cap(data)])
		if i := bytes.IndexByte(data[:k], '\n'); i >= 0 {
			br.carry = append(br.carry, data[i+1:k]...)
			return data[:0], true, true, nil
		}
		if rerr == io.EOF {
			return data[:0], true, false, nil
		}
		if rerr != nil {
			return data[:0], false, false, rerr
		}
	}
}
