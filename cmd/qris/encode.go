package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/internal/jsonmsg"
)

func encodeCommand() *cli.Command {
	return &cli.Command{
		Name:    "encode",
		Args:    "[FILE|-]",
		Summary: "build a payload from decode's JSON, with a fresh CRC",
		About: `
Reads the JSON that 'qris decode --json' prints and writes the payload it
describes, in the order given, with lengths and the CRC computed. Only
"fields" is read: each object has "tag" and either "value" or, for a
template, "fields". "name", "crc", "payment" and "error" are ignored, and so
is a root object with tag 63, since encode writes the CRC itself.

For every well-formed payload P, 'qris decode --json P | qris encode' prints
P again. To change a payload, decode it, edit the JSON, and encode it.

Exit status 1 when the JSON does not describe a payload (a tag that is not
two digits, an empty value, a duplicate tag, a value longer than 99
characters...).`,
		Examples: []string{
			"qris decode --json P | qris encode",
			"# change the merchant city\nqris decode --json P > p.json; $EDITOR p.json; qris encode p.json",
		},
		Define: func(fs *flag.FlagSet) func(*cli.Env, []string) error {
			out := fs.String("o", "", "write to `FILE` instead of standard output")
			return func(e *cli.Env, args []string) error {
				b, name, err := e.FileArg("encode", args, cli.MaxFileInput)
				if err != nil {
					return err
				}
				p, err := encodeJSON(b)
				if err != nil {
					return &cli.ExitError{Code: cli.ExitInvalid, Msg: name + ": " + cli.Describe(err), Err: err,
						Hint: "the input is the JSON 'qris decode --json' prints; see 'qris help encode'"}
				}
				return e.WriteLine(*out, p)
			}
		},
	}
}

// encodeInput is the part of decode's JSON that encode reads. The other
// members decode writes are accepted and ignored; anything else is refused,
// so a misspelt "feilds" is not silently dropped.
type encodeInput struct {
	Fields  []encodeField   `json:"fields"`
	CRC     json.RawMessage `json:"crc"`
	Payment json.RawMessage `json:"payment"`
	Error   json.RawMessage `json:"error"`
}

type encodeField struct {
	Tag    string          `json:"tag"`
	Name   json.RawMessage `json:"name"`
	Value  *string         `json:"value"`
	Fields []encodeField   `json:"fields"`
	Error  json.RawMessage `json:"error"`
}

// Sentinels for JSON that does not describe a payload; emv's builder
// errors cover the rest.
var (
	errNoFields   = errors.New(`no "fields": nothing to encode`)
	errValueOrSub = errors.New(`an object needs "value" or, for a template, "fields", not both`)
	errBadTag     = errors.New(`"tag" is not two digits 00..99`)
)

// encodeJSON builds the payload that decode's JSON describes.
func encodeJSON(b []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var in encodeInput
	if err := dec.Decode(&in); err != nil {
		return "", fmt.Errorf("not decode's JSON: %s", jsonmsg.Describe(err, ""))
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", errors.New("not decode's JSON: more after the first object")
	}
	if len(in.Fields) == 0 {
		return "", errNoFields
	}
	bld := emv.Builder{AllowLong: true}
	var err error
	for i, f := range in.Fields {
		if f.Tag == "63" && f.Value != nil && f.Fields == nil {
			continue
		}
		if err = addField(&bld, f, fmt.Sprintf("fields[%d]", i)); err != nil {
			return "", err
		}
	}
	return bld.Payload()
}

// addField writes one object; where names it in the JSON for messages
// about the JSON itself, which the builder's offsets cannot.
func addField(b *emv.Builder, f encodeField, where string) error {
	tag, ok := emv.ParseTag(f.Tag)
	if !ok || len(f.Tag) != 2 {
		return fmt.Errorf("%s: %w, got %q", where, errBadTag, f.Tag)
	}
	if (f.Value == nil) == (f.Fields == nil) {
		return fmt.Errorf("%s (tag %s): %w", where, f.Tag, errValueOrSub)
	}
	if f.Value != nil {
		b.Add(tag, *f.Value)
		return nil
	}
	var inner error
	b.AddTemplate(tag, func(c *emv.Builder) {
		for i, sub := range f.Fields {
			if inner = addField(c, sub, fmt.Sprintf("%s.fields[%d]", where, i)); inner != nil {
				return
			}
		}
	})
	if inner != nil {
		return inner
	}
	return b.Err()
}
