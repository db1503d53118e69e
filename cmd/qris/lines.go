package main

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"strconv"
	"unsafe"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// maxLine bounds one line of --lines input, not counting its "\r\n" or
// "\n": a longer line is reported, not read. It is far above any payload a
// QR code can hold (4296 characters), so only garbage reaches it.
const maxLine = 64 << 10

func validateLinesCommand(e *cli.Env, args []string, o qris.Options, out string) error {
	r, _, err := e.ReaderArg("validate", args)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := e.Create(out)
	if err != nil {
		return err
	}
	defer w.Discard()
	allValid, err := validateLines(r, w.Writer, o, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	if err := w.Commit(); err != nil {
		return err
	}
	if !allValid {
		return cli.ErrInvalidReported
	}
	return nil
}

// lineChecker validates lines one by one, reusing its parse storage and
// the memory of the problems, so that a valid line allocates nothing once
// the first few have (an invalid one may, for the details of its problems):
// each record is written before the next line is validated.
type lineChecker struct {
	o       qris.Options
	pl      emv.Payload
	scratch qris.Scratch
}

// appendLine appends line n's record to dst and reports whether it is valid.
func (c *lineChecker) appendLine(dst []byte, n int, line []byte, long bool) ([]byte, bool) {
	var problems []qris.Problem
	switch s := transient(bytes.TrimSpace(line)); {
	case long:
		// The rule qris.Validate gives a payload longer than a QR code holds.
		problems = []qris.Problem{{Rule: "R09", Severity: qris.SeverityError,
			Message: "line longer than " + strconv.Itoa(maxLine) + " bytes, not read; no QR code holds that much"}}
	default:
		// Each line is parsed once, here, whether it parses or not: the
		// parse error is for the rules to report.
		err := cli.ReadParser().ParseInto(&c.pl, s)
		problems = c.scratch.ValidateParsed(&c.pl, err, c.o)
	}
	valid := qris.Valid(problems)
	return cli.AppendRecord(dst, n, valid, problems), valid
}

// transient views b as a string without copying it. Copying each line was a
// tenth of bulk mode's time. It is safe because the string does not outlive
// the line: the parse, the problems and the record built from them are used
// up before the reader or the batch reuses b's memory, and the next
// ParseInto replaces c.pl's views before anything reads them.
func transient(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// validateLines validates one payload a line from r and writes one JSON
// record a line to w, in input order, and reports whether every line was
// valid. With workers > 1 it validates batches of lines in parallel; either
// way it holds a bounded number of lines and records at a time, whatever
// the input's size.
func validateLines(r io.Reader, w io.Writer, o qris.Options, workers int) (allValid bool, err error) {
	if workers > 1 {
		return validateLinesParallel(r, w, o, workers)
	}
	br := newBlockReader(r, batchBytes)
	bw := bufio.NewWriterSize(w, 64<<10)
	c := lineChecker{o: o}
	allValid = true
	b := batch{first: 1}
	for more := true; more; b.first += b.n {
		b.data, b.long, more, b.err = br.next(b.data)
		b.out = b.out[:0]
		b.validate(&c)
		allValid = allValid && b.valid
		if err := b.write(bw); err != nil {
			return false, err
		}
	}
	if err := bw.Flush(); err != nil {
		return false, cli.IOError(err, "")
	}
	return allValid, nil
}
