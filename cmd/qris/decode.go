package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

func decodeCommand() *cli.Command {
	return &cli.Command{
		Name:    "decode",
		Args:    "[PAYLOAD|-]",
		Summary: "show a payload's data objects as a tree, or as JSON",
		About: `
Prints every data object in payload order: tag, name, length and value,
with the objects inside templates (26..51, 62, 62.50..99, 64, 80..99)
indented below them, and a last line with the CRC as found and as computed.
The payload's scheme decides what is a template: a VietQR 38.01 is one, a
PromptPay 81 is a plain value.

--json prints {"fields":[...],"crc":{"found","computed"},"payment":{...}}.
A template has "fields" instead of "value". "payment" is the typed view
(null when the payload cannot be decoded). Edit that JSON and pipe it to
'qris encode' to get a payload with a fresh CRC.

Exit status 1 when the payload is not well-formed or its CRC is wrong: what
could be read is printed first, then the error (with its offset and tag)
goes to standard error; the JSON form then also has an "error" object.`,
		Examples: []string{
			"qris decode 00020101021126630017ID.CO.EXAMPLE.WWW...6304ABCD",
			"# the same payload from a file, as JSON\nqris decode --json - < payload.txt",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			asJSON := fs.Bool("json", false, "print JSON instead of the tree")
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				s, err := e.PayloadArg("decode", args)
				if err != nil && !(*asJSON && cli.EmptyPayload(err)) {
					// With --json an empty payload is a document too.
					return err
				}
				o, err := e.Create(*out)
				if err != nil {
					return err
				}
				defer o.Discard()
				d := decodePayload(s)
				if *asJSON {
					err = writeDecodedJSON(o, d)
				} else {
					writeTree(o, d)
				}
				if err != nil {
					return err
				}
				if err := o.Commit(); err != nil {
					return err
				}
				return d.failure()
			}
		},
	}
}

// decoded is everything decode shows about a payload.
type decoded struct {
	payload  string
	nodes    []node
	found    string        // the CRC as written, "" when there is none
	computed string        // the CRC the payload should carry
	parseErr error         // the root parse failure, if any
	tmplErr  error         // the first template that did not parse, if any
	payment  *qris.Payment // the typed view, nil when the payload cannot be decoded
}

func decodePayload(s string) *decoded {
	d := &decoded{payload: s, computed: emv.ExpectedCRC(s)}
	p, err := cli.ReadParser().Parse(s)
	d.parseErr = err
	d.found = p.CRC()
	var ee *emv.Error
	if errors.As(err, &ee) && ee.Found != "" {
		d.found = ee.Found
	}
	d.nodes, d.tmplErr = tree(p.Fields(), nil, qris.DetectProfile(s), "")
	if err == nil {
		// A payload that parses may still not decode into the typed view
		// (a sub-object the model cannot hold); the tree shows it anyway.
		// One whose nested template the model keeps as written (a scheme's
		// 38.01 that is not TLV) has a typed view, the tree's fault beside.
		if p, err := qris.DecodeLenient(s); err == nil {
			d.payment = p
		}
	}
	return d
}

// failure is the error decode exits with: nil for a well-formed payload.
func (d *decoded) failure() error {
	err := d.failureCause()
	if err == nil {
		return nil
	}
	// Objects after the fault may be shown too (a template that is not
	// TLV stops only itself), and none at all when the first is broken.
	hint := "the objects that could be read are shown above; 'qris validate' lists every problem"
	if len(d.nodes) == 0 {
		hint = "no object could be read; 'qris validate' lists every problem"
	}
	if errors.Is(err, emv.ErrCRCMismatch) {
		hint = "if the payload was edited on purpose, 'qris decode --json P | qris encode' writes a fresh CRC"
	}
	return &cli.ExitError{Code: cli.ExitInvalid, Msg: cli.Describe(err), Hint: hint, Err: err}
}

func writeDecodedJSON(w io.Writer, d *decoded) error {
	v := struct {
		Fields  []fieldJSON  `json:"fields"`
		CRC     crcJSON      `json:"crc"`
		Payment any          `json:"payment"`
		Error   *problemJSON `json:"error,omitempty"`
	}{
		Fields:  toJSON(d.nodes),
		CRC:     crcJSON{Found: d.found, Computed: d.computed},
		Payment: d.payment,
	}
	if err := d.failureCause(); err != nil {
		v.Error = toProblem(err)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return cli.IOError(err, "")
	}
	return nil
}

// failureCause is what is wrong with the payload: the parse error, or else
// a template's that is not TLV; nil for a well-formed payload.
func (d *decoded) failureCause() error {
	if d.parseErr != nil {
		return d.parseErr
	}
	return d.tmplErr
}

type crcJSON struct {
	Found    string `json:"found"`
	Computed string `json:"computed"`
}

// writeTree prints the objects as aligned columns: the tag (indented by
// depth) and name, the length, the value.
func writeTree(w io.Writer, d *decoded) {
	width := labelWidth(d.nodes, 0)
	writeNodes(w, d.nodes, 0, width)
	fmt.Fprintf(w, "%-*s  %s\n", width+4, "CRC", crcVerdict(d.found, d.computed))
}

func labelWidth(nodes []node, depth int) int {
	w := 0
	for _, n := range nodes {
		w = max(w, 4*depth+3+len(n.name))
		if len(n.kids) > 0 {
			w = max(w, labelWidth(n.kids, depth+1))
		}
	}
	return w
}

func writeNodes(w io.Writer, nodes []node, depth, width int) {
	indent := strings.Repeat("    ", depth)
	for _, n := range nodes {
		label := indent + n.field.Tag.String() + " " + n.name
		if n.template && n.err == nil {
			fmt.Fprintf(w, "%-*s  %02d\n", width, label, n.field.Len())
			writeNodes(w, n.kids, depth+1, width)
			continue
		}
		fmt.Fprintf(w, "%-*s  %02d  %s\n", width, label, n.field.Len(), printable(n.field.Value))
		if n.err != nil {
			fmt.Fprintf(w, "%s    ! not TLV, shown as a value: %s: %s\n", indent, cli.Where(n.err), cli.EMVMessage(n.err))
		}
	}
}

func crcVerdict(found, computed string) string {
	switch {
	case found == "":
		return "not found, computed " + computed
	case found == computed:
		return "found " + found + ", computed " + computed + ": ok"
	case strings.EqualFold(found, computed):
		return "found " + found + ", computed " + computed + ": ok, but lowercase"
	}
	return "found " + found + ", computed " + computed + ": MISMATCH"
}

// printable keeps a value that a terminal shows as it is, and quotes one
// holding control or invisible characters, so an escape sequence hidden in a
// payload cannot act on the terminal.
func printable(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || (!unicode.IsPrint(r) && r != ' ') {
			return strconv.Quote(s)
		}
	}
	return s
}
