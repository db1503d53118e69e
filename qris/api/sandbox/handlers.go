package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/qriskit/qriskit/qris/api"
)

// routes wires the endpoints. Each path also gets a catch-all that answers
// 405 in the contract's envelope, since the mux's own 405 is plain text.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	route := func(pattern string, h http.HandlerFunc) { mux.HandleFunc(pattern, s.open(h)) }
	route("POST /qris", s.apiCall(s.create))
	route("GET /qris/{id}", s.apiCall(s.get))
	route("POST /qris/{id}/pay", s.apiCall(s.pay))
	route("GET /qris/{id}/callbacks", s.apiCall(s.callbacks))
	route("GET /qris/{id}/page", s.page)
	route("GET /qris/{id}/image.png", s.imagePNG)
	for path, allow := range map[string]string{
		"/qris":                "POST",
		"/qris/{id}":           "GET, HEAD",
		"/qris/{id}/pay":       "POST",
		"/qris/{id}/callbacks": "GET, HEAD",
		"/qris/{id}/page":      "GET, HEAD",
		"/qris/{id}/image.png": "GET, HEAD",
	} {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeError(w, errorf(http.StatusMethodNotAllowed, "method %s not allowed on %s (allowed: %s)", r.Method, r.URL.Path, allow))
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, errorf(http.StatusNotFound, "no route %s %s", r.Method, r.URL.Path))
	})
	return s.logged(mux)
}

// apiHandler handles an authenticated API call and returns the
// responseData of a 200 answer or an error.
type apiHandler func(r *http.Request, c Client, body []byte) (any, *apiError)

// open answers 503 once Close has begun, since the store may be gone, and
// otherwise passes the request to h.
func (s *Server) open(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.closing.Load() {
			writeError(w, errorf(http.StatusServiceUnavailable, "the sandbox is shutting down"))
			return
		}
		h(w, r)
	}
}

// apiCall reads the body (capped), authenticates the caller over the raw
// bytes, and writes the envelope.
func (s *Server) apiCall(h apiHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeError(w, errorf(http.StatusRequestEntityTooLarge, "body larger than %d bytes", MaxBodyBytes))
			} else {
				writeError(w, errorf(http.StatusBadRequest, "reading the body: %v", err))
			}
			return
		}
		c, aerr := s.authenticate(r, body)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		data, aerr := h(r, c, body)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeEnvelope(w, http.StatusOK, "success", data)
	}
}

// requireJSON refuses a body that is not declared as JSON: a client that
// sends form data by mistake hears so, instead of a confusing parse error.
func requireJSON(r *http.Request) *apiError {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q: want application/json", ct)
	}
	return nil
}

func badRequest(err error) *apiError {
	return errorf(http.StatusBadRequest, "invalid request: %v", err)
}

// create is POST /qris.
func (s *Server) create(r *http.Request, c Client, body []byte) (any, *apiError) {
	if e := requireJSON(r); e != nil {
		return nil, e
	}
	req, err := api.ParseRequest(body)
	if err != nil {
		return nil, badRequest(err)
	}
	if err := req.Validate(); err != nil {
		return nil, badRequest(err)
	}
	fee := s.fee.Fee(req.Amount)
	if req.Amount+fee > api.MaxAmount {
		return nil, errorf(http.StatusBadRequest, "invalid request: amount: %d plus the fee of %d is more than %d, the largest amount a QRIS code can carry",
			req.Amount, fee, api.MaxAmount)
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
			return nil, errorf(http.StatusConflict, "reference %q is already used by client %q", req.Reference, c.Key)
		}
		return nil, s.internal(r, "storing the transaction", err)
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
		return txn{}, errorf(http.StatusNotFound, "no transaction %q", id)
	}
	if err != nil {
		return txn{}, s.internal(r, "reading the transaction", err)
	}
	return t, nil
}

// get is GET /qris/{id}.
func (s *Server) get(r *http.Request, c Client, _ []byte) (any, *apiError) {
	t, e := s.lookup(r, c.Key)
	if e != nil {
		return nil, e
	}
	return s.view(r, t, true), nil
}

// payRequest is the optional body of POST /qris/{id}/pay.
type payRequest struct {
	// Status is the outcome to simulate: success (the default) or failed.
	Status api.Status `json:"status"`
}

// pay is POST /qris/{id}/pay, the sandbox's stand-in for a payer paying.
func (s *Server) pay(r *http.Request, c Client, body []byte) (any, *apiError) {
	p := payRequest{Status: api.StatusSuccess}
	if len(bytes.TrimSpace(body)) > 0 {
		if e := requireJSON(r); e != nil {
			return nil, e
		}
		if err := api.UnmarshalStrict(body, &p); err != nil {
			return nil, badRequest(err)
		}
		if p.Status != api.StatusSuccess && p.Status != api.StatusFailed {
			return nil, errorf(http.StatusBadRequest, "invalid request: status: %q cannot be paid into (want success or failed)", p.Status)
		}
	}
	id := r.PathValue("id")
	t, err := s.store.settle(r.Context(), id, c.Key, p.Status, s.now(), func(t txn) ([]byte, error) {
		return json.Marshal(s.view(r, t, false))
	})
	switch {
	case errors.Is(err, errNotFound):
		return nil, errorf(http.StatusNotFound, "no transaction %q", id)
	case errors.Is(err, errExpired):
		return nil, errorf(http.StatusConflict, "transaction %s expired at %s", id, t.ExpiresAt.In(jakarta).Format(time.RFC3339))
	case errors.Is(err, errSettled):
		return nil, errorf(http.StatusConflict, "transaction %s is already %s", id, t.Status)
	case err != nil:
		return nil, s.internal(r, "settling the transaction", err)
	}
	s.callback.wake()
	return s.view(r, t, true), nil
}

// callbackView is one callback in GET /qris/{id}/callbacks.
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

// callbacks is GET /qris/{id}/callbacks (sandbox only): every
// notification sent for the transaction and each attempt at it.
func (s *Server) callbacks(r *http.Request, c Client, _ []byte) (any, *apiError) {
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
