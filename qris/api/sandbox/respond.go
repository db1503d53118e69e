package sandbox

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/qriskit/qriskit/qris/api"
)

// The error codes the sandbox answers with: the gateway's documented
// ones (api.md), as the api package names them, and the sandbox's own, for
// failures the gateway's documentation does not list.
const (
	codeCreateFailed        = api.CodeCreateFailed        // 400
	codeUnauthorized        = api.CodeUnauthorized        // 401 bad credentials, 403 caller's IP not allowed
	codeProductAccess       = api.CodeProductAccess       // 401
	codeInsufficientBalance = api.CodeInsufficientBalance // 402
	codePaymentInactive     = api.CodePaymentInactive     // 403
	codeTransactionNotFound = api.CodeTransactionNotFound // 404
	codeDuplicateReference  = api.CodeDuplicateReference  // 409
	codeRequestInvalid      = api.CodeRequestInvalid      // 422
	codePaymentInternal     = api.CodePaymentInternal     // 429

	codeRouteNotFound      = "ROUTE_NOT_FOUND"     // 404
	codeMethodNotAllowed   = "METHOD_NOT_ALLOWED"  // 405
	codeTransactionSettled = "TRANSACTION_SETTLED" // 409 on pay
	codeTransactionExpired = "TRANSACTION_EXPIRED" // 409 on pay
	codeRequestTooLarge    = "REQUEST_TOO_LARGE"   // 413
	codeInternalError      = "INTERNAL_ERROR"      // 500
	codeServiceUnavailable = "SERVICE_UNAVAILABLE" // 503
)

// envelope is the contract's success shape (api.Response), with any
// payload, so the sandbox-only routes answer the same way.
type envelope struct {
	ResponseCode    int    `json:"responseCode"`
	ResponseMessage string `json:"responseMessage"`
	ResponseData    any    `json:"responseData,omitempty"`
}

// errorEnvelope is every failure's answer: the HTTP status repeated in
// responseCode, a sentence, the error code, every field at fault, and for
// a duplicate reference the transaction that already holds it.
type errorEnvelope struct {
	ResponseCode    int          `json:"responseCode"`
	ResponseMessage string       `json:"responseMessage"`
	ErrorCode       string       `json:"errorCode"`
	Errors          []fieldFault `json:"errors"`
	TransactionID   string       `json:"transactionId,omitempty"`
}

// invalid is 422 REQUEST_INVALID for err, an *api.FieldError or an
// api.FieldErrors (or several), listing every field at fault; the message
// names them all too.
func invalid(errs ...error) *apiError {
	e := &apiError{status: http.StatusUnprocessableEntity, code: codeRequestInvalid}
	var parts []string
	for _, err := range errs {
		var list api.FieldErrors
		var one *api.FieldError
		switch {
		case errors.As(err, &list):
			for _, fe := range list {
				e.fields = append(e.fields, fieldFault{Field: fe.Field, Message: fe.Err.Error()})
			}
		case errors.As(err, &one):
			e.fields = append(e.fields, fieldFault{Field: one.Field, Message: one.Err.Error()})
		default:
			e.fields = append(e.fields, fieldFault{Message: err.Error()})
		}
	}
	for _, f := range e.fields {
		name := f.Field
		if name == "" {
			name = "body"
		}
		parts = append(parts, name+": "+f.Message)
	}
	e.msg = "the request is invalid: " + strings.Join(parts, "; ")
	return e
}

// internal hides the cause from the client (it is logged) so that a
// sandbox bug never leaks file paths or SQL into a response.
func (s *Server) internal(r *http.Request, what string, err error) *apiError {
	s.log.Error(what, "method", r.Method, "path", r.URL.Path, "err", err)
	return errorf(http.StatusInternalServerError, codeInternalError, "internal error: %s", what)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(errorEnvelope{ResponseCode: status, ResponseMessage: "internal error: encoding the response",
			ErrorCode: codeInternalError, Errors: []fieldFault{}})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

func writeEnvelope(w http.ResponseWriter, status int, msg string, data any) {
	writeJSON(w, status, envelope{ResponseCode: status, ResponseMessage: msg, ResponseData: data})
}

func writeError(w http.ResponseWriter, e *apiError) {
	fields := e.fields
	if fields == nil {
		fields = []fieldFault{}
	}
	writeJSON(w, e.status, errorEnvelope{ResponseCode: e.status, ResponseMessage: e.msg, ErrorCode: e.code,
		Errors: fields, TransactionID: e.txnID})
}
