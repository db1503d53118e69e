package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/qriskit/qriskit/internal/excerpt"
)

// parseError reads an error answer leniently; see [Error].
func parseError(status int, body []byte) *Error {
	e := &Error{StatusCode: status, Body: body}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) == nil && m != nil {
		readErrorObject(e, m)
	} else if text := strings.TrimSpace(string(body)); text != "" && utf8.ValidString(text) {
		e.Message = excerpt.Of(text, 200)
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

// readErrorObject fills e from an error body that is a JSON object; see
// [Error] for the keys it reads.
func readErrorObject(e *Error, m map[string]json.RawMessage) {
	for _, k := range []string{"errorCode", "code", "error"} {
		if s, ok := jsonString(m[k]); ok && e.Code == "" && looksLikeCode(s) {
			e.Code = s
		}
	}
	for _, k := range []string{"responseMessage", "message", "error"} {
		if s, ok := jsonString(m[k]); ok && e.Message == "" && s != e.Code {
			e.Message = s
		}
	}
	var fields []ErrorField
	if json.Unmarshal(m["errors"], &fields) == nil {
		for _, f := range fields {
			if f.Field != "" || f.Message != "" {
				e.Fields = append(e.Fields, f)
			}
		}
	}
	if s, ok := jsonString(m["transactionId"]); ok {
		e.TransactionID = s
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(m["error"], &inner) == nil && inner != nil {
		readErrorObject(e, inner)
	}
}

// jsonString reads raw as a JSON string, or a number as its text.
func jsonString(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, s != ""
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// looksLikeCode tells a code (DUPLICATE_REFERENCE) from a message
// ("Unauthorized"), both of which APIs put in "error".
func looksLikeCode(s string) bool {
	if s == "" {
		return false
	}
	letter := false
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '_':
		default:
			return false
		}
	}
	return letter
}
