// Package jsonmsg says what encoding/json found wrong with a JSON input in
// the input's words (members, arrays, numbers), never in Go's (struct
// fields, types), for the messages of the packages that read JSON.
package jsonmsg

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Describe returns what err, an error of json.Unmarshal or json.Decoder,
// says about the value read; path is that value's place in the input
// ("responseData"), or "" for the whole input. Other errors are returned
// as they are.
func Describe(err error, path string) string {
	whole := "the input"
	if path != "" {
		whole = strconv.Quote(path)
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "not valid JSON at byte " + strconv.FormatInt(se.Offset, 10) + ": " + se.Error()
	case errors.As(err, &te):
		where := whole
		if te.Field != "" && path != "" {
			where = strconv.Quote(path + "." + te.Field)
		} else if te.Field != "" {
			where = strconv.Quote(te.Field)
		}
		found, lit, outOfRange := strings.Cut(te.Value, " ") // "number 300" for one out of range
		if outOfRange {
			return where + " is " + lit + ", out of range"
		}
		return where + " is " + article(found) + ", want " + kind(te.Type)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the JSON ends before it is complete"
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return "unknown member " + name
	}
	if lit, ok := strings.CutPrefix(msg, "json: invalid number literal, trying to unmarshal "); ok {
		lit = strings.TrimSuffix(lit, " into Number")
		if s, err := strconv.Unquote(lit); err == nil {
			lit = s
		}
		return "want a number, found " + lit
	}
	if rest, ok := strings.CutPrefix(msg, "json: "); ok {
		return rest
	}
	return msg
}

// Kind names the JSON value that b, valid JSON, holds: "an object",
// "an array", "a string", "a number", "true or false" or "null".
func Kind(b []byte) string {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "":
		return "empty"
	case s[0] == '{':
		return "an object"
	case s[0] == '[':
		return "an array"
	case s[0] == '"':
		return "a string"
	case s[0] == 't' || s[0] == 'f':
		return "true or false"
	case s[0] == 'n':
		return "null"
	}
	return "a number"
}

// article names a JSON kind as encoding/json writes it ("number", "bool").
func article(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "bool":
		return "true or false"
	case "":
		return "a value"
	}
	return "a " + v
}

// kind names the JSON value a Go type reads.
func kind(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeFor[json.Number]() {
		return "a number"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another value"
}
