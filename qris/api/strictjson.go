package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// decodeStrict fills v (a pointer to a struct, or to a slice of structs)
// from data, refusing what
// encoding/json lets through: unknown or differently-cased field names,
// duplicate fields, trailing data, numbers with fractions where integers
// belong. A first pass walks the tokens against v's type so that every
// error names its field by JSON path; the second pass is a plain
// json.Decoder that only binds values the first pass has vetted.
func decodeStrict(data []byte, v any) error {
	if err := vet(data, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// vet accepts only what Decode accepts, so this is a bug in vet;
		// report it as malformed input rather than panic.
		return &FieldError{Err: fmt.Errorf("%w: %v", ErrMalformed, err)}
	}
	return nil
}

// readBody reads at most limit bytes, so that a hostile peer cannot make
// the decoder buffer without bound.
func readBody(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &FieldError{Err: fmt.Errorf("%w: reading body: %v", ErrMalformed, err)}
	}
	if int64(len(data)) > limit {
		return nil, &FieldError{Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)}
	}
	return data, nil
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
)

// vet checks data against the shape of t without binding anything.
func vet(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err == io.EOF {
		return &FieldError{Err: fmt.Errorf("%w: empty body", ErrMalformed)}
	}
	if err != nil {
		return malformed(err)
	}
	// The top level is an object, or for UnmarshalStrict an array of them.
	open, want, vetRest := json.Delim('{'), "object", func() error { return vetObject(dec, t, "") }
	if t.Kind() == reflect.Slice {
		open, want, vetRest = json.Delim('['), "array", func() error { return vetArray(dec, t.Elem()) }
	}
	if tok != open {
		return &FieldError{Err: fmt.Errorf("%w: want a JSON %s, got %s", ErrMalformed, want, describe(tok))}
	}
	if err := vetRest(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &FieldError{Err: ErrTrailingData}
	}
	return nil
}

func malformed(err error) error {
	return &FieldError{Err: fmt.Errorf("%w: %s", ErrMalformed, strings.TrimPrefix(err.Error(), "json: "))}
}

// vetObject checks the members of an object whose '{' has been read.
func vetObject(dec *json.Decoder, t reflect.Type, path string) error {
	seen := make(map[string]bool)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return malformed(err)
		}
		key, _ := tok.(string) // the decoder only yields strings in key position
		p := key
		if path != "" {
			p = path + "." + key
		}
		if seen[key] {
			return &FieldError{Field: p, Err: ErrDuplicateField}
		}
		seen[key] = true
		ft, ok := fieldType(t, key)
		if !ok {
			return &FieldError{Field: p, Err: ErrUnknownField}
		}
		if err := vetValue(dec, ft, p); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return malformed(err)
	}
	return nil
}

// vetArray checks the elements of a top-level array whose '[' has been
// read; each element's path is its index, [0], [1] and so on.
func vetArray(dec *json.Decoder, elem reflect.Type) error {
	for i := 0; dec.More(); i++ {
		if err := vetValue(dec, elem, "["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return malformed(err)
	}
	return nil
}

// vetValue checks the next value against t. JSON null is accepted wherever
// encoding/json accepts it (it leaves the zero value, which Validate then
// judges), except for types with their own UnmarshalJSON, which decide.
func vetValue(dec *json.Decoder, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return malformed(err)
		}
		u, _ := reflect.New(t).Interface().(json.Unmarshaler)
		if err := u.UnmarshalJSON(raw); err != nil {
			if t == timeType {
				err = fmt.Errorf("%w: %s", ErrBadTime, raw)
			}
			return &FieldError{Field: path, Err: err}
		}
		return nil
	}
	tok, err := dec.Token()
	if err != nil {
		return malformed(err)
	}
	if tok == nil {
		return nil
	}
	want := ""
	switch t.Kind() {
	case reflect.Struct:
		if tok == json.Delim('{') {
			return vetObject(dec, t, path)
		}
		want = "an object"
	case reflect.String:
		if _, ok := tok.(string); ok {
			return nil
		}
		want = "a string"
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return nil
		}
		want = "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := tok.(json.Number); ok {
			return checkInteger(string(n), t.Bits(), path)
		}
		want = "a number"
	default:
		// Every field of Request and Response is one of the kinds above.
		return &FieldError{Field: path, Err: fmt.Errorf("%w: %s fields are not supported", ErrWrongType, t.Kind())}
	}
	return &FieldError{Field: path, Err: fmt.Errorf("%w: want %s, got %s", ErrWrongType, want, describe(tok))}
}

// checkInteger accepts only integer literals that fit in bits: a payment
// amount written as 10000.5 or 1e4 is refused rather than rounded.
func checkInteger(lit string, bits int, path string) error {
	if strings.ContainsAny(lit, ".eE") {
		return &FieldError{Field: path, Err: fmt.Errorf("%w: %s (write an integer, with no fraction or exponent)", ErrNotWhole, lit)}
	}
	if _, err := strconv.ParseInt(lit, 10, bits); err != nil {
		return &FieldError{Field: path, Err: fmt.Errorf("%w: %s does not fit in %d bits", ErrOutOfRange, lit, bits)}
	}
	return nil
}

// fieldType finds the field of struct t whose JSON name is exactly key.
// encoding/json would also match a differently-cased key; the contract's
// names are case-sensitive, so this does not.
func fieldType(t reflect.Type, key string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, true
		}
	}
	return nil, false
}

// describe names a token's JSON kind for error messages.
func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "string " + strconv.Quote(v)
	case json.Number:
		return "number " + string(v)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "null"
	}
	return fmt.Sprint(tok)
}
