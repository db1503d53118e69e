package sandbox

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrClients is wrapped by every error about the clients list.
var ErrClients = errors.New("invalid clients")

// ErrFeeRule is wrapped by every error from [ParseFeeRule].
var ErrFeeRule = errors.New("invalid fee rule")

// ErrDynamicMerchant is wrapped by New's error for a Config.Merchant that
// is a dynamic QRIS: every transaction's code is made from the merchant's
// static one.
var ErrDynamicMerchant = errors.New("the merchant QRIS is dynamic")

// merchantError is New's error for a merchant QRIS that cannot be made
// dynamic. It wraps the conversion's error and says it without the
// conversion's package name, which would stand mid-sentence.
type merchantError struct{ err error }

func (e *merchantError) Error() string {
	return "the merchant QRIS cannot be made dynamic: " + strings.TrimPrefix(e.err.Error(), "qris: ")
}

func (e *merchantError) Unwrap() error { return e.err }

// fieldFault is one entry of errors: the field (a JSON path, a header or
// a query parameter; "" for the body as a whole) and what is wrong.
type fieldFault struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// apiError is an error answer.
type apiError struct {
	status int
	code   string
	msg    string
	fields []fieldFault
	txnID  string
}

func (e *apiError) Error() string { return strconv.Itoa(e.status) + " " + e.code + " " + e.msg }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// withField adds a field at fault.
func (e *apiError) withField(field, msg string) *apiError {
	e.fields = append(e.fields, fieldFault{Field: field, Message: msg})
	return e
}

// permanentError is a failure no retry can fix.
type permanentError struct{ error }

// Store errors the handlers turn into status codes.
var (
	errNotFound  = errors.New("no such transaction")
	errDuplicate = errors.New("duplicate reference")
	errSettled   = errors.New("transaction already settled")
	errExpired   = errors.New("transaction expired")
)
