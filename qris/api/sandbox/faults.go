package sandbox

import (
	"net/http"
	"slices"
)

// Fault is what a magic amount makes a create do when [Config].Faults is
// on: answer a documented error (Status and Code set), or behave badly in
// a way a client must survive (Slow, Drop).
type Fault struct {
	// Amount is the request's amount that triggers the fault.
	Amount int64
	// Status and Code are the error answered, when the fault is one.
	Status int
	Code   string
	// Message is the answer's responseMessage.
	Message string
	// Slow makes the create wait Config.FaultDelay, then succeed.
	Slow bool
	// Drop stores the transaction, then closes the connection without an
	// answer: the lost answer a retry must recover from (the retry meets
	// 409 DUPLICATE_REFERENCE with the stored transaction's id).
	Drop bool
}

// The amounts of the faults that are not errors.
const (
	FaultSlow int64 = 9001
	FaultDrop int64 = 9002
)

// faults is the fault table. An error amount is its HTTP status followed
// by a digit (1 for the first code of that status, 2 for the second); no
// round amount is magic.
var faults = []Fault{
	{Amount: 4001, Status: http.StatusBadRequest, Code: codeCreateFailed, Message: "the switching service failed to create the request; try again"},
	{Amount: 4011, Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: "authorization failed: provide valid credentials"},
	{Amount: 4012, Status: http.StatusUnauthorized, Code: codeProductAccess, Message: "this client has no access to the QRIS product"},
	{Amount: 4021, Status: http.StatusPaymentRequired, Code: codeInsufficientBalance, Message: "insufficient balance"},
	{Amount: 4031, Status: http.StatusForbidden, Code: codeUnauthorized, Message: "not permitted from the caller's location or IP address"},
	{Amount: 4032, Status: http.StatusForbidden, Code: codePaymentInactive, Message: "the QRIS payment method is inactive for this client"},
	{Amount: 4041, Status: http.StatusNotFound, Code: codeTransactionNotFound, Message: "the transaction could not be found"},
	{Amount: 4091, Status: http.StatusConflict, Code: codeDuplicateReference, Message: "the reference is already used (injected: no transaction holds it)"},
	{Amount: 4221, Status: http.StatusUnprocessableEntity, Code: codeRequestInvalid, Message: "the request is invalid (injected)"},
	{Amount: 4291, Status: http.StatusTooManyRequests, Code: codePaymentInternal, Message: "too many requests; try again later"},
	{Amount: 5001, Status: http.StatusInternalServerError, Code: codeInternalError, Message: "internal error (injected)"},
	{Amount: 5031, Status: http.StatusServiceUnavailable, Code: codeServiceUnavailable, Message: "the gateway is unavailable (injected)"},
	{Amount: FaultSlow, Slow: true},
	{Amount: FaultDrop, Drop: true},
}

// FaultAmounts returns the fault table, in amount order, for
// documentation and tests.
func FaultAmounts() []Fault { return slices.Clone(faults) }

// faultFor returns the fault amount triggers, if faults are on.
func (s *Server) faultFor(amount int64) (Fault, bool) {
	if !s.cfg.Faults {
		return Fault{}, false
	}
	i := slices.IndexFunc(faults, func(f Fault) bool { return f.Amount == amount })
	if i < 0 {
		return Fault{}, false
	}
	return faults[i], true
}

// drop closes the connection without answering. Under net/http's server
// the connection is hijacked and closed; where that is impossible (HTTP/2,
// a recorder), the handler aborts, which net/http also turns into a closed
// connection with no answer.
func drop(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}
