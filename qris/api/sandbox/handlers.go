package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/qriskit/qriskit/qris/api"
)

// maxDiscard bounds how much of an oversized body is read and thrown away
// so that the 413 reaches the client: closing a connection with unread
// data makes the peer's kernel reset it, and the client would see a reset
// instead of the answer. Beyond this the answer is sent with
// Connection: close and the rest is left unread.
const maxDiscard = 8 << 20

// routes wires the endpoints. The contract's paths are under /api, as the
// gateway's environments are; each API route is also served without the
// /api prefix, the paths older sandboxes used. Each path also gets a
// catch-all that answers 405 in the error envelope, since the mux's own
// 405 is plain text.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	allow := map[string]string{}
	route := func(method, path string, h apiHandler) {
		for _, p := range []string{"/api" + path, path} {
			mux.HandleFunc(method+" "+p, s.open(s.apiCall(h)))
			allow[p] = method
		}
	}
	route("POST", "/qris", s.create)
	route("GET", "/transactions", s.list)
	route("GET", "/qris/{id}", s.get)
	route("POST", "/qris/{id}/pay", s.pay)
	route("GET", "/qris/{id}/callbacks", s.callbacks)
	mux.HandleFunc("GET /qris/{id}/page", s.open(s.page))
	mux.HandleFunc("GET /qris/{id}/image.png", s.open(s.imagePNG))
	allow["/qris/{id}/page"], allow["/qris/{id}/image.png"] = "GET", "GET"
	for path, method := range allow {
		if method == "GET" {
			method = "GET, HEAD"
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", method)
			writeError(w, errorf(http.StatusMethodNotAllowed, codeMethodNotAllowed, "method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, method))
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errorf(http.StatusNotFound, codeRouteNotFound, "no route %s %s (the API is under /api: POST /api/qris, GET /api/transactions)", r.Method, r.URL.Path))
	})
	return s.logged(mux)
}

// apiHandler handles an authenticated API call and returns the
// responseData of a 200 answer or an error. Returning dropAnswer closes
// the connection without answering.
type apiHandler func(r *http.Request, c client, body []byte) (any, *apiError)

// dropAnswer is what a handler returns to send no answer at all.
type dropAnswer struct{}

// open answers 503 once Close has begun, since the store may be gone, and
// otherwise passes the request to h.
func (s *Server) open(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.closing.Load() {
			writeError(w, errorf(http.StatusServiceUnavailable, codeServiceUnavailable, "the sandbox is shutting down"))
			return
		}
		h(w, r)
	}
}

// apiCall reads the body (bounded), authenticates the caller over its
// bytes, and writes the envelope. The body is JSON whatever its
// Content-Type says: the gateway's own PHP example sends none, so curl
// labels it a form.
func (s *Server) apiCall(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, aerr := readBody(w, r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		c, over, aerr := s.authenticate(r, body)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		if over != "" {
			w.Header().Set(HeaderSignatureOver, over)
		}
		data, aerr := h(r, c, body)
		switch {
		case aerr != nil:
			writeError(w, aerr)
		case data == dropAnswer{}:
			s.log.Info("fault: dropped the connection without answering", "path", r.URL.Path)
			drop(w)
		default:
			writeEnvelope(w, http.StatusOK, "success", data)
		}
	}
}

// readBody reads at most MaxBodyBytes. A longer body is read on, up to
// maxDiscard, and thrown away, so that its 413 arrives as an answer.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, errorf(http.StatusUnprocessableEntity, codeRequestInvalid, "the body could not be read: %v", err).withField("", "unreadable")
	}
	if len(body) <= MaxBodyBytes {
		return body, nil
	}
	if n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, maxDiscard)); n >= maxDiscard {
		w.Header().Set("Connection", "close")
	}
	return nil, errorf(http.StatusRequestEntityTooLarge, codeRequestTooLarge, "the body is larger than %d bytes", MaxBodyBytes).
		withField("", fmt.Sprintf("more than %d bytes", MaxBodyBytes))
}

// parseCreate decodes and validates a create's body, reporting every
// field at fault: invalid UTF-8 (refused, not replaced with U+FFFD as
// encoding/json would), then the strict decoder's finding, then every
// rule Request.Validate checks.
func parseCreate(body []byte) (api.Request, *apiError) {
	if bad := invalidUTF8(body); len(bad) > 0 {
		return api.Request{}, invalid(bad...)
	}
	req, err := api.ParseRequest(body)
	if err != nil {
		return api.Request{}, invalid(err)
	}
	verr := req.Validate()
	if verr == nil {
		return req, nil
	}
	var list api.FieldErrors
	if errors.As(verr, &list) && !hasMember(body, "amount") {
		// An absent amount decodes as 0; say what is wrong in the
		// request's words.
		list = append(api.FieldErrors(nil), list...)
		for i, fe := range list {
			if fe.Field == "amount" {
				list[i] = &api.FieldError{Field: "amount", Err: api.ErrMissing}
			}
		}
		verr = list
	}
	return api.Request{}, invalid(verr)
}

// hasMember reports whether the body's object has a non-null member name
// (the strict decoder has already refused other spellings of it).
func hasMember(body []byte, name string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	v, ok := m[name]
	return ok && string(v) != "null"
}

// invalidUTF8 names each member whose text is not valid UTF-8 (or the
// body, when no member can be named).
func invalidUTF8(body []byte) []error {
	if utf8.Valid(body) {
		return nil
	}
	bad := func(field string) error {
		return &api.FieldError{Field: field, Err: fmt.Errorf("%w: not valid UTF-8", api.ErrBadText)}
	}
	type level struct {
		object bool
		n      int
		name   string
	}
	var stack []level
	path := func() string {
		var parts []string
		for _, l := range stack {
			if l.name != "" {
				parts = append(parts, l.name)
			}
		}
		return strings.Join(parts, ".")
	}
	var errs []error
	seen := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(body))
	prev := int64(0)
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		raw := body[prev:dec.InputOffset()]
		prev = dec.InputOffset()
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if top.object && top.n%2 == 0 {
				top.name, _ = tok.(string)
			} else if !top.object {
				top.name = fmt.Sprintf("[%d]", top.n)
			}
			top.n++
		}
		if !utf8.Valid(raw) {
			if p := path(); !seen[p] {
				seen[p] = true
				errs = append(errs, bad(p))
			}
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, level{object: d == '{'})
		}
	}
	if len(errs) == 0 {
		errs = append(errs, bad(""))
	}
	return errs
}

// create is POST /api/qris.
func (s *Server) create(r *http.Request, c client, body []byte) (any, *apiError) {
	req, aerr := parseCreate(body)
	if aerr != nil {
		return nil, aerr
	}
	fee := s.fee.Fee(req.Amount)
	if req.Amount+fee > api.MaxAmount {
		return nil, invalid(&api.FieldError{Field: "amount", Err: fmt.Errorf("%w: %d plus the fee of %d is more than %d, the largest amount a QRIS code can carry",
			api.ErrOutOfRange, req.Amount, fee, api.MaxAmount)})
	}
	fault, faulty := s.faultFor(req.Amount)
	if faulty && fault.Status != 0 {
		return nil, errorf(fault.Status, fault.Code, "%s", fault.Message)
	}
	if faulty && fault.Slow {
		t := time.NewTimer(s.cfg.FaultDelay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return nil, errorf(http.StatusServiceUnavailable, codeServiceUnavailable, "the caller went away during the slow-answer fault")
		}
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return nil, s.internal(r, "making a transaction id", err)
	}
	content, err := s.dynamic(s.cfg.Merchant, s.cfg.FeePayer.Payable(req.Amount, fee), api.ReferenceLabel(id.String()))
	if err != nil {
		return nil, s.internal(r, "making the dynamic QRIS", err)
	}
	image, err := s.image(content)
	if err != nil {
		return nil, s.internal(r, "rendering the QR image", err)
	}
	expiry := s.cfg.DefaultExpiry
	if req.ExpiryMinutes != nil {
		expiry = time.Duration(*req.ExpiryMinutes) * time.Minute
	}
	now := s.now()
	t := txn{
		ID: id.String(), ClientKey: c.Key, Reference: req.Reference,
		Amount: req.Amount, Fee: fee, Total: req.Amount + fee, FeePayer: s.cfg.FeePayer,
		Status: api.StatusPending, ViewName: req.ViewName, Callback: req.AdditionalInfo.Callback,
		Content: content, Image: image,
		CreatedAt: now, ExpiresAt: now.Truncate(time.Second).Add(expiry),
	}
	if err := s.store.insert(r.Context(), t); err != nil {
		if errors.Is(err, errDuplicate) {
			e := errorf(http.StatusConflict, codeDuplicateReference, "reference %q is already used by client %q", req.Reference, c.Key).
				withField("reference", "already used")
			if existing, err := s.store.byReference(r.Context(), c.Key, req.Reference); err == nil {
				e.txnID = existing
			} else {
				s.log.Error("finding the transaction of a duplicate reference", "err", err)
			}
			return nil, e
		}
		return nil, s.internal(r, "storing the transaction", err)
	}
	if faulty && fault.Drop {
		return dropAnswer{}, nil
	}
	return s.view(r, t, true), nil
}

// lookup loads transaction {id}. An API call passes its client's key:
// another client's transaction is reported as missing, not forbidden, so
// ids do not leak across clients. The public routes pass "".
func (s *Server) lookup(r *http.Request, key string) (txn, *apiError) {
	id := r.PathValue("id")
	t, err := s.store.get(r.Context(), id, s.now())
	if errors.Is(err, errNotFound) || (err == nil && key != "" && t.ClientKey != key) {
		return txn{}, notFound(id)
	}
	if err != nil {
		return txn{}, s.internal(r, "reading the transaction", err)
	}
	return t, nil
}

func notFound(id string) *apiError {
	return errorf(http.StatusNotFound, codeTransactionNotFound, "no transaction %q", id).withField("id", "no such transaction")
}

// get is GET /api/qris/{id}, the sandbox's own lookup (the gateway's is
// the transactions list).
func (s *Server) get(r *http.Request, c client, _ []byte) (any, *apiError) {
	t, e := s.lookup(r, c.Key)
	if e != nil {
		return nil, e
	}
	return s.view(r, t, true), nil
}

// payRequest is the optional body of POST /api/qris/{id}/pay.
type payRequest struct {
	// Status is the outcome to simulate: success (the default) or failed.
	Status string `json:"status"`
	// Callbacks is how the notification is sent: once (the default),
	// duplicate (the same notification twice) or out-of-order (the final
	// one, then a stale one with the status before payment).
	Callbacks string `json:"callbacks"`
	// AfterExpiry pays the transaction after its expiredDate: an expired
	// one is paid anyway, and a pending one has its expiredDate moved into
	// the past first.
	AfterExpiry bool `json:"afterExpiry"`
}

// The values of payRequest.Callbacks.
const (
	callbacksOnce       = "once"
	callbacksDuplicate  = "duplicate"
	callbacksOutOfOrder = "out-of-order"
)

// staleDelay is how long after the final notification the stale one of
// callbacks "out-of-order" is due, so that it arrives second.
const staleDelay = 300 * time.Millisecond

// pay is POST /api/qris/{id}/pay, the sandbox's stand-in for a payer.
func (s *Server) pay(r *http.Request, c client, body []byte) (any, *apiError) {
	p := payRequest{}
	if len(bytes.TrimSpace(body)) > 0 {
		if bad := invalidUTF8(body); len(bad) > 0 {
			return nil, invalid(bad...)
		}
		if err := api.UnmarshalStrict(body, &p); err != nil {
			return nil, invalid(err)
		}
	}
	var errs api.FieldErrors
	switch p.Status {
	case "":
		p.Status = string(api.StatusSuccess)
	case string(api.StatusSuccess), string(api.StatusFailed):
	default:
		errs = append(errs, &api.FieldError{Field: "status", Err: fmt.Errorf("%q is not an outcome of a payment: want success or failed", p.Status)})
	}
	switch p.Callbacks {
	case "":
		p.Callbacks = callbacksOnce
	case callbacksOnce, callbacksDuplicate, callbacksOutOfOrder:
	default:
		errs = append(errs, &api.FieldError{Field: "callbacks", Err: fmt.Errorf("%q: want once, duplicate or out-of-order", p.Callbacks)})
	}
	if len(errs) > 0 {
		return nil, invalid(errs)
	}
	id := r.PathValue("id")
	t, err := s.store.settle(r.Context(), id, c.Key, api.Status(p.Status), s.now(), p.AfterExpiry, func(before, after txn) ([]queued, error) {
		final, err := api.MarshalPHP(s.view(r, after, false))
		if err != nil {
			return nil, err
		}
		switch p.Callbacks {
		case callbacksDuplicate:
			return []queued{{body: final}, {body: final}}, nil
		case callbacksOutOfOrder:
			stale, err := api.MarshalPHP(s.view(r, before, false))
			return []queued{{body: final}, {body: stale, delay: staleDelay}}, err
		}
		return []queued{{body: final}}, nil
	})
	switch {
	case errors.Is(err, errNotFound):
		return nil, notFound(id)
	case errors.Is(err, errExpired):
		return nil, errorf(http.StatusConflict, codeTransactionExpired, "transaction %s expired at %s (pay it with {\"afterExpiry\":true} to simulate a late payment)",
			id, t.ExpiresAt.In(jakarta).Format(time.RFC3339)).withField("id", "expired")
	case errors.Is(err, errSettled):
		return nil, errorf(http.StatusConflict, codeTransactionSettled, "transaction %s is already %s", id, t.Status).withField("id", "already "+string(t.Status))
	case err != nil:
		return nil, s.internal(r, "settling the transaction", err)
	}
	s.callback.wake()
	return s.view(r, t, true), nil
}

// callbackView is one callback in GET /api/qris/{id}/callbacks.
type callbackView struct {
	URL           string        `json:"url"`
	State         string        `json:"state"`
	Attempts      []attemptView `json:"attempts"`
	NextAttemptAt *time.Time    `json:"nextAttemptAt,omitempty"`
}

type attemptView struct {
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	DurationMS int64     `json:"durationMs"`
	StatusCode int       `json:"statusCode,omitempty"`
	Error      string    `json:"error,omitempty"`
}

// callbacks is GET /api/qris/{id}/callbacks (sandbox only): every
// notification sent for the transaction and each attempt at it.
func (s *Server) callbacks(r *http.Request, c client, _ []byte) (any, *apiError) {
	t, e := s.lookup(r, c.Key)
	if e != nil {
		return nil, e
	}
	cs, err := s.store.callbacksOf(r.Context(), t.ID)
	if err != nil {
		return nil, s.internal(r, "reading callbacks", err)
	}
	out := struct {
		Callbacks []callbackView `json:"callbacks"`
	}{Callbacks: []callbackView{}}
	for _, cb := range cs {
		v := callbackView{URL: cb.URL, State: cb.State, Attempts: []attemptView{}}
		if cb.State == "pending" {
			next := cb.NextAttemptAt.In(jakarta)
			v.NextAttemptAt = &next
		}
		for _, a := range cb.AttemptLog {
			v.Attempts = append(v.Attempts, attemptView{
				Attempt: a.N, At: a.StartedAt.In(jakarta), DurationMS: a.Duration.Milliseconds(),
				StatusCode: a.StatusCode, Error: a.Err,
			})
		}
		out.Callbacks = append(out.Callbacks, v)
	}
	return out, nil
}

// view is the transaction as responseData. Callbacks leave the image out:
// the payer has already paid, and a notification should stay small.
func (s *Server) view(r *http.Request, t txn, withImage bool) *api.Transaction {
	v := &api.Transaction{
		ID: t.ID, MerchantRef: t.Reference, Status: t.Status, FeePayer: t.FeePayer,
		Amount: t.Amount, Fee: t.Fee, TotalAmount: t.Total,
		ExpiredDate:    t.ExpiresAt.In(jakarta),
		AdditionalInfo: api.AdditionalInfo{Callback: t.Callback},
		QRIS:           api.QRIS{Content: t.Content, URL: s.baseURL(r) + "/qris/" + t.ID + "/page"},
	}
	if withImage {
		v.QRIS.Image = t.Image
	}
	return v
}

// baseURL is Config.BaseURL, or the root the request came in on.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}
