package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// envelope is the contract's response shape (api.Response), with any
// payload, so the sandbox-only routes answer the same way.
type envelope struct {
	ResponseCode    int    `json:"responseCode"`
	ResponseMessage string `json:"responseMessage"`
	ResponseData    any    `json:"responseData,omitempty"`
}

// apiError is an error answer: the HTTP status, repeated in responseCode,
// and the message for responseMessage.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return strconv.Itoa(e.status) + " " + e.msg }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

// internal hides the cause from the client (it is logged) so that a
// sandbox bug never leaks file paths or SQL into a response.
func (s *Server) internal(r *http.Request, what string, err error) *apiError {
	s.log.Error(what, "method", r.Method, "path", r.URL.Path, "err", err)
	return errorf(http.StatusInternalServerError, "internal error: %s", what)
}

func writeEnvelope(w http.ResponseWriter, status int, msg string, data any) {
	body, err := json.Marshal(envelope{ResponseCode: status, ResponseMessage: msg, ResponseData: data})
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(envelope{ResponseCode: status, ResponseMessage: "internal error: encoding the response"})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeEnvelope(w, e.status, e.msg, nil)
}
