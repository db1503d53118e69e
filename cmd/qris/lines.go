package main

import (
	"bufio"
	"bytes"
	"io"
	"runtime"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// maxLine bounds one line of --lines input. It is far above any payload a
// QR code can hold (4296 characters), so only garbage reaches it.
const maxLine = 64 << 10

func validateLinesCommand(e *env, args []string, o qris.Options, out string) error {
	r, _, err := e.readerArg("validate", args)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := e.create(out)
	if err != nil {
		return err
	}
	defer w.discard()
	allValid, err := validateLines(r, w.Writer, o, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	if err := w.commit(); err != nil {
		return err
	}
	if !allValid {
		return errInvalidReported
	}
	return nil
}

// lineChecker validates lines one by one, reusing its parse storage, so a
// clean line costs one string conversion and nothing else.
type lineChecker struct {
	o  qris.Options
	pl emv.Payload
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
		err := readParser().ParseInto(&c.pl, s)
		problems = qris.ValidateParsed(&c.pl, err, c.o)
	}
	valid := qris.Valid(problems)
	return appendRecord(dst, n, valid, problems), valid
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
	lr := newLineReader(r, maxLine)
	bw := bufio.NewWriterSize(w, 64<<10)
	c := lineChecker{o: o}
	allValid = true
	var rec []byte
	for n := 1; ; n++ {
		line, long, rerr := lr.next()
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			// Keep the records of the lines read before the failure.
			bw.Flush()
			return false, ioError(rerr, "")
		}
		var valid bool
		rec, valid = c.appendLine(rec[:0], n, line, long)
		allValid = allValid && valid
		if _, err := bw.Write(rec); err != nil {
			return false, ioError(err, "")
		}
	}
	if err := bw.Flush(); err != nil {
		return false, ioError(err, "")
	}
	return allValid, nil
}

// appendRecord appends validate's JSON for one payload, and a newline:
// {"line":N,"valid":bool,"problems":[...]}, without "line" when line is 0.
// It is written by hand because bulk mode writes one a line, millions of
// times, and must not allocate for each.
func appendRecord(b []byte, line int, valid bool, problems []qris.Problem) []byte {
	b = append(b, '{')
	if line > 0 {
		b = append(b, `"line":`...)
		b = strconv.AppendInt(b, int64(line), 10)
		b = append(b, ',')
	}
	b = append(b, `"valid":`...)
	b = strconv.AppendBool(b, valid)
	b = append(b, `,"problems":[`...)
	for i, p := range problems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"rule":`...)
		b = appendJSONString(b, p.Rule)
		b = append(b, `,"tag":`...)
		b = appendJSONString(b, p.Tag)
		b = append(b, `,"offset":`...)
		b = strconv.AppendInt(b, int64(p.Offset), 10)
		b = append(b, `,"severity":`...)
		b = appendJSONString(b, p.Severity.String())
		b = append(b, `,"message":`...)
		b = appendJSONString(b, p.Message)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

// appendJSONString appends s as a JSON string, escaping as encoding/json
// does (without its HTML escaping): quotes, backslashes, control
// characters, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
