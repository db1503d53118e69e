package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/qriskit/qriskit/internal/excerpt"
)

// The client and the callback handler read transactions tolerantly, with
// one reader: a field the contract does not define, a status it does not
// list, a value of the wrong type never fail a payment flow; each is kept
// and reported in Transaction.Extra. The strict decoders (DecodeResponse)
// and VerifyResponse do not share this code: they exist to refuse and to
// report.
//
// Names match as encoding/json matches them: the contract's spelling
// first, then ignoring case (Unicode simple folding, so "ID" is id), and
// a field sent twice keeps the last value that could be read. That is
// how a Go integrator's own json.Unmarshal would read the same body; a
// name read ignoring case, a field sent twice, and everything else the
// contract does not expect are said in Extra.Warnings.

// envelope is {"responseCode", "responseMessage", "responseData"} read
// without refusing anything.
type envelope struct {
	code    int
	hasCode bool
	data    json.RawMessage
	fields  map[string]json.RawMessage
}

// readEnvelope reads a 2xx answer's envelope. The error wraps
// ErrNotResponse when the body is not a JSON object, and is the *Error
// the answer stands for when its responseCode is not 2xx.
func readEnvelope(a answer) (envelope, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(a.body, &m); err != nil || m == nil {
		return envelope{}, fmt.Errorf("%w: the gateway's answer %s", ErrNotResponse, excerpt.Of(string(a.body), 40))
	}
	e := envelope{fields: m, data: m["responseData"]}
	e.code, e.hasCode = responseCodeOf(m["responseCode"])
	if e.hasCode && (e.code < 200 || e.code >= 300) {
		ge := parseError(a.status, a.body)
		ge.StatusCode = e.code
		return envelope{}, ge
	}
	return e, nil
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// responseTransaction reads responseData, or one item of the list's, as
// the client does; the error wraps ErrNotResponse.
func responseTransaction(raw json.RawMessage) (Transaction, error) {
	t, err := readTransaction(raw)
	if err != nil {
		return Transaction{}, fmt.Errorf("%w: responseData is %s, not an object", ErrNotResponse, excerpt.Of(string(raw), 40))
	}
	return t, nil
}

// readTransaction reads one transaction tolerantly (see above). Only
// malformed JSON ([ErrMalformed], trailing data included) and a value
// that is not an object (errNotObject) are errors. Extra.Raw is a copy of
// raw.
func readTransaction(raw []byte) (Transaction, error) {
	if !json.Valid(raw) {
		return Transaction{}, ErrMalformed
	}
	if raw = bytes.TrimSpace(raw); raw[0] != '{' {
		return Transaction{}, errNotObject
	}
	t := Transaction{Extra: &Extra{Raw: bytes.Clone(raw)}}
	r := tolerantReader{x: t.Extra}
	r.object("", raw, []field{
		{"id", r.str(&t.ID)},
		{"merchantRef", r.str(&t.MerchantRef)},
		{"status", r.enum((*string)(&t.Status), func(s string) bool { return Status(s).Valid() }, statuses.names())},
		{"feePayer", r.enum((*string)(&t.FeePayer), func(s string) bool { return FeePayer(s).Valid() }, feePayers.names())},
		{"amount", r.int(&t.Amount)},
		{"fee", r.int(&t.Fee)},
		{"totalAmount", r.int(&t.TotalAmount)},
		{"expiredDate", r.time(&t.ExpiredDate)},
		{"additionalInfo", r.nested([]field{
			{"callback", r.str(&t.AdditionalInfo.Callback)},
		})},
		{"qris", r.nested([]field{
			{"content", r.str(&t.QRIS.Content)},
			{"image", r.str(&t.QRIS.Image)},
			{"url", r.str(&t.QRIS.URL)},
		})},
	})
	return t, nil
}

// A field is one name the contract defines in an object and how to read
// its value, given the value's path as sent. Null leaves a field as it
// was, as encoding/json does.
type field struct {
	name string
	read func(path string, v json.RawMessage)
}

// tolerantReader reads values into a transaction, reporting into x.
type tolerantReader struct{ x *Extra }

func (r tolerantReader) warn(format string, args ...any) {
	r.x.Warnings = append(r.x.Warnings, fmt.Sprintf(format, args...))
}

func (r tolerantReader) keep(path string, v json.RawMessage) {
	if r.x.Unknown == nil {
		r.x.Unknown = make(map[string]json.RawMessage)
	}
	r.x.Unknown[path] = v
}

func (r tolerantReader) cannot(path string, v json.RawMessage, why string) {
	r.keep(path, v)
	r.warn("%s %s is %s; kept as sent", path, excerpt.Of(string(v), 40), why)
}

// object reads the members of the JSON object raw (valid JSON) in the
// order sent, each into the field its name matches; path is the object's
// own path ("" at the top).
func (r tolerantReader) object(path string, raw json.RawMessage, fields []field) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.Token() // '{'
	seen := make(map[string]bool, len(fields))
	for dec.More() {
		tok, _ := dec.Token()
		key := tok.(string) // raw is valid JSON: keys are strings
		var v json.RawMessage
		dec.Decode(&v)
		p := key
		if path != "" {
			p = path + "." + key
		}
		f := match(fields, key)
		if f == nil {
			r.keep(p, v)
			r.warn("unknown field %s kept", p)
			continue
		}
		if key != f.name {
			r.warn("field %s read as %s", p, f.name)
		}
		if seen[f.name] {
			r.warn("field %s sent more than once; the last value that could be read is used", p)
		}
		seen[f.name] = true
		if !isNull(v) {
			f.read(p, v)
		}
	}
}

// match returns the field named key, or else the first whose name equals
// key ignoring case, or nil: encoding/json's rule.
func match(fields []field, key string) *field {
	for i := range fields {
		if fields[i].name == key {
			return &fields[i]
		}
	}
	for i := range fields {
		if strings.EqualFold(fields[i].name, key) {
			return &fields[i]
		}
	}
	return nil
}

// str reads a JSON string.
func (r tolerantReader) str(dst *string) func(string, json.RawMessage) {
	return func(path string, v json.RawMessage) {
		if err := json.Unmarshal(v, dst); err != nil {
			r.cannot(path, v, "not a string")
		}
	}
}

// enum reads a string that should be one of the contract's values (said
// by valid, listed in names); another is kept as sent and reported.
func (r tolerantReader) enum(dst *string, valid func(string) bool, names string) func(string, json.RawMessage) {
	return func(path string, v json.RawMessage) {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			r.cannot(path, v, "not a string")
			return
		}
		*dst = s
		if !valid(s) {
			r.warn("%s %q is not one the contract lists (%s); kept as sent", path, s, names)
		}
	}
}

// int reads a whole number.
func (r tolerantReader) int(dst *int64) func(string, json.RawMessage) {
	return func(path string, v json.RawMessage) {
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			r.cannot(path, v, "not a whole number")
			return
		}
		*dst = n
	}
}

// time reads an RFC 3339 time, keeping its offset.
func (r tolerantReader) time(dst *time.Time) func(string, json.RawMessage) {
	return func(path string, v json.RawMessage) {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			r.cannot(path, v, "not a string")
			return
		}
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			r.cannot(path, v, "not an RFC 3339 time")
			return
		}
		*dst = tm
	}
}

// nested reads an object whose members are fields.
func (r tolerantReader) nested(fields []field) func(string, json.RawMessage) {
	return func(path string, v json.RawMessage) {
		if v[0] != '{' {
			r.cannot(path, v, "not an object")
			return
		}
		r.object(path, v, fields)
	}
}

// responseCodeOf reads an envelope's responseCode, a number or a numeric
// string; ok is false when there is none.
func responseCodeOf(raw json.RawMessage) (int, bool) {
	s, ok := jsonString(raw)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
