package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The gateway's documented error codes, for errors.Is against an *[Error]
// (its Is method maps Error.Code to these). UNAUTHORIZED comes with 401
// (bad credentials) or 403 (a caller outside the project's IP ranges);
// Error.StatusCode tells them apart.
var (
	ErrCreateFailed        = errors.New("the switching service failed to create the transaction (CREATE_FAILED)")
	ErrUnauthorized        = errors.New("not authorized (UNAUTHORIZED)")
	ErrProductAccess       = errors.New("no access to the product (PRODUCT_ACCESS_ERROR)")
	ErrInsufficientBalance = errors.New("insufficient balance (INSUFFICIENT_BALANCE)")
	ErrPaymentInactive     = errors.New("payment inactive (PAYMENT_INACTIVE_ERROR)")
	ErrTransactionNotFound = errors.New("transaction not found (TRANSACTION_NOT_FOUND)")
	ErrDuplicateReference  = errors.New("reference already used (DUPLICATE_REFERENCE)")
	ErrRequestInvalid      = errors.New("request invalid (REQUEST_INVALID)")
	ErrPaymentInternal     = errors.New("payment internal error (PAYMENT_INTERNAL_ERROR)")
)

// The codes as the gateway writes them.
const (
	CodeCreateFailed        = "CREATE_FAILED"
	CodeUnauthorized        = "UNAUTHORIZED"
	CodeProductAccess       = "PRODUCT_ACCESS_ERROR"
	CodeInsufficientBalance = "INSUFFICIENT_BALANCE"
	CodePaymentInactive     = "PAYMENT_INACTIVE_ERROR"
	CodeTransactionNotFound = "TRANSACTION_NOT_FOUND"
	CodeDuplicateReference  = "DUPLICATE_REFERENCE"
	CodeRequestInvalid      = "REQUEST_INVALID"
	CodePaymentInternal     = "PAYMENT_INTERNAL_ERROR"
)

func sentinelOf(code string) error {
	switch code {
	case CodeCreateFailed:
		return ErrCreateFailed
	case CodeUnauthorized:
		return ErrUnauthorized
	case CodeProductAccess:
		return ErrProductAccess
	case CodeInsufficientBalance:
		return ErrInsufficientBalance
	case CodePaymentInactive:
		return ErrPaymentInactive
	case CodeTransactionNotFound:
		return ErrTransactionNotFound
	case CodeDuplicateReference:
		return ErrDuplicateReference
	case CodeRequestInvalid:
		return ErrRequestInvalid
	case CodePaymentInternal:
		return ErrPaymentInternal
	}
	return nil
}

// Error is a call the gateway refused: a status outside 2xx, or a 2xx
// whose envelope's responseCode says otherwise.
//
// The gateway does not document the shape of an error body, so
// [Client] reads it leniently. From a JSON object it takes the code from
// errorCode, code or error (the first that looks like a code: capitals,
// digits and '_'), the message from responseMessage, message or error,
// per-field problems from errors ([{"field","message"}]) and, for
// DUPLICATE_REFERENCE, the existing transaction from transactionId. An
// "error" that is itself an object is read the same way. Any other body
// (plain text, HTML from a proxy) becomes the Message, cut to 200
// characters; an empty one leaves the HTTP status text. Body always keeps
// the bytes as received.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the gateway's error code (DUPLICATE_REFERENCE, ...); empty
	// when the body carries none. No code is guessed from the status.
	Code string
	// Message is the gateway's message.
	Message string
	// Fields lists the fields at fault, when the body names them.
	Fields []ErrorField
	// TransactionID is the existing transaction a DUPLICATE_REFERENCE
	// names, when the body names it.
	TransactionID string
	// Body is the answer's body as received.
	Body []byte
}

// ErrorField is one field an error body names.
type ErrorField struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error says what the gateway answered, in one line.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the gateway answered %d", e.StatusCode)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	for _, f := range e.Fields {
		b.WriteString("; " + f.Field + ": " + f.Message)
	}
	if e.TransactionID != "" {
		b.WriteString(" (existing transaction " + e.TransactionID + ")")
	}
	return b.String()
}

// Is reports whether target is the sentinel of e.Code (see
// [ErrDuplicateReference] and the others).
func (e *Error) Is(target error) bool {
	s := sentinelOf(e.Code)
	return s != nil && s == target
}

// retryable reports whether the same call may succeed later: a 429 or a
// 5xx.
func (e *Error) retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// parseError reads an error answer leniently; see [Error].
func parseError(status int, body []byte) *Error {
	e := &Error{StatusCode: status, Body: body}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) == nil && m != nil {
		e.readObject(m)
	} else if text := strings.TrimSpace(string(body)); text != "" && utf8.ValidString(text) {
		if r := []rune(text); len(r) > 200 {
			text = string(r[:197]) + "..."
		}
		e.Message = text
	}
	if e.Message == "" && e.Code == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

func (e *Error) readObject(m map[string]json.RawMessage) {
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
		e.readObject(inner)
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
