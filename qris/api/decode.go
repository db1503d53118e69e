package api

import (
	"fmt"
	"io"
	"reflect"
)

// Size limits of the strict decoders. The longest valid request, every
// text field at its bound and every character (field names too) escaped
// as long as JSON allows, is under 15 KB (about 14.7 KB); the rest of
// MaxRequestBytes is room for white space. A response carries a base64
// PNG as well.
const (
	MaxRequestBytes  = 64 << 10
	MaxResponseBytes = 4 << 20
)

// DecodeRequest reads one request body from r, at most [MaxRequestBytes],
// and decodes it strictly: the body must be exactly one JSON object with no
// trailing data, no unknown, differently-cased or duplicated field names,
// and integers written as integers. It does not apply the contract's
// rules; call [Request.Validate] for those.
//
// Errors are *[FieldError] values naming the offending field and wrapping
// [ErrMalformed], [ErrTooLarge], [ErrTrailingData], [ErrUnknownField],
// [ErrDuplicateField], [ErrWrongType], [ErrNotWhole] or [ErrOutOfRange].
func DecodeRequest(r io.Reader) (Request, error) { return decode[Request](r, MaxRequestBytes) }

// ParseRequest is [DecodeRequest] for a body already in memory, as a
// server that checks a signature over the raw bytes has it.
func ParseRequest(body []byte) (Request, error) { return parse[Request](body) }

// DecodeResponse reads one response body from r, at most
// [MaxResponseBytes], with the same strictness as [DecodeRequest]; an
// unknown status or fee payer is refused with [ErrUnknownStatus] or
// [ErrUnknownFeePayer] and expiredDate must be RFC 3339 ([ErrBadTime]).
func DecodeResponse(r io.Reader) (Response, error) { return decode[Response](r, MaxResponseBytes) }

// ParseResponse is [DecodeResponse] for a body already in memory.
func ParseResponse(body []byte) (Response, error) { return parse[Response](body) }

// decode reads at most limit bytes from r and parses them strictly.
func decode[T any](r io.Reader, limit int64) (T, error) {
	data, err := readBody(r, limit)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse[T](data)
}

// parse decodes body strictly into a T, returning the zero T on error so
// that no half-filled value escapes.
func parse[T any](body []byte) (T, error) {
	var v T
	if err := decodeStrict(body, &v); err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// UnmarshalStrict decodes body into v, a pointer to a struct, with the
// strictness of [DecodeRequest], for the bodies of other calls (a
// sandbox's own endpoints, a callback). v may also point to a slice of
// structs, for a body that is a JSON array of objects (a configuration
// file); error paths then start with the index, as in [0].key. Struct
// fields may be strings, booleans, integers, structs, pointers to those,
// or types with their own UnmarshalJSON; any other kind is refused with
// [ErrWrongType].
func UnmarshalStrict(body []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || !strictTarget(rv.Elem().Type()) {
		return &FieldError{Err: fmt.Errorf("%w: UnmarshalStrict needs a non-nil pointer to a struct or to a slice of structs, got %T", ErrWrongType, v)}
	}
	return decodeStrict(body, v)
}

// strictTarget reports whether UnmarshalStrict can decode into a t.
func strictTarget(t reflect.Type) bool {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}
