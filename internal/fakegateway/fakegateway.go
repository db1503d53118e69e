// Package fakegateway is a small in-memory stand-in for the payment
// gateway's API, for tests of the client and the command on loopback:
// POST /api/qris and GET /api/transactions as the contract documents
// them, signed as api.Sign signs, with the error envelope the sandbox
// answers. It is not the sandbox (qris/api/sandbox): it stores nothing on
// disk, links no SQLite and knows only the faults the tests need.
//
// Faults are chosen by the request's reference prefix, so that a test
// script can ask for them:
//
//	drop-…          the first answer is lost: the transaction is stored,
//	                then the connection is closed without an answer
//	flaky-…         the first try gets 503 (plain text), later ones work
//	down-…          every try gets 500 (plain text)
//	broke-…         402 INSUFFICIENT_BALANCE
//	wrong-amount-…  the content charges one rupiah more than is owed (A04)
package fakegateway

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
)

// Merchant is the static QRIS every transaction's content derives from.
const Merchant = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

// Fee is the flat fee the customer pays on every transaction.
const Fee = 85

var jakarta = time.FixedZone("WIB", 7*60*60)

// Gateway is the fake. Set its fields before serving.
type Gateway struct {
	Key, Token string
	// PageSize is the list's page size (default 10).
	PageSize int
	// Now is the gateway's clock (default time.Now).
	Now func() time.Time

	// Creates and Lists count the calls that reached each handler.
	Creates, Lists atomic.Int64

	mu    sync.Mutex
	txns  []api.Transaction // in creation order
	byRef map[string]int
	tries map[string]int // create tries per reference
	// created is each transaction's creation date (Y-m-d, Jakarta).
	created map[string]string
}

// New returns a fake for one client.
func New(key, token string) *Gateway {
	return &Gateway{Key: key, Token: token}
}

// Start serves g on a loopback port until the test ends and returns the
// API base URL (http://127.0.0.1:PORT/api).
func (g *Gateway) Start(cleanup func(func())) string {
	srv := httptest.NewServer(g)
	cleanup(srv.Close)
	return srv.URL + "/api"
}

// Stored returns how many transactions hold reference.
func (g *Gateway) Stored(reference string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, t := range g.txns {
		if t.MerchantRef == reference {
			n++
		}
	}
	return n
}

// Len is the number of stored transactions.
func (g *Gateway) Len() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.txns)
}

func (g *Gateway) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// ServeHTTP routes the two documented calls.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/api/qris":
		g.Creates.Add(1)
		g.create(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/api/transactions":
		g.Lists.Add(1)
		g.list(w, r)
	default:
		fail(w, http.StatusNotFound, "NOT_FOUND", "no route "+r.Method+" "+r.URL.Path, nil)
	}
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// fail writes the sandbox's error envelope.
func fail(w http.ResponseWriter, status int, code, msg string, fields []fieldError, extra ...any) {
	body := map[string]any{"responseCode": status, "responseMessage": msg, "errorCode": code}
	if fields != nil {
		body["errors"] = fields
	}
	for i := 0; i+1 < len(extra); i += 2 {
		body[extra[i].(string)] = extra[i+1]
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func (g *Gateway) authorized(w http.ResponseWriter, r *http.Request, body []byte) bool {
	if r.Header.Get(api.HeaderClientKey) != g.Key || r.Header.Get(api.HeaderClientToken) != g.Token {
		fail(w, http.StatusUnauthorized, api.CodeUnauthorized, "authorization failed: provide valid credentials", nil)
		return false
	}
	if !api.CheckSignature(g.Key, g.Token, body, r.Header.Get(api.HeaderSignature)) {
		fail(w, http.StatusUnauthorized, api.CodeUnauthorized, "the signature does not match", nil)
		return false
	}
	return true
}

func (g *Gateway) create(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, api.MaxRequestBytes))
	if err != nil {
		return
	}
	if !g.authorized(w, r, body) {
		return
	}
	req, err := api.ParseRequest(body)
	if err == nil {
		err = req.Validate()
	}
	if err != nil {
		var fields []fieldError
		var fes api.FieldErrors
		var fe *api.FieldError
		switch {
		case errors.As(err, &fes):
			for _, f := range fes {
				fields = append(fields, fieldError{f.Field, f.Err.Error()})
			}
		case errors.As(err, &fe):
			fields = append(fields, fieldError{fe.Field, fe.Err.Error()})
		}
		fail(w, http.StatusUnprocessableEntity, api.CodeRequestInvalid, "the request is invalid", fields)
		return
	}
	ref := req.Reference

	g.mu.Lock()
	if g.tries == nil {
		g.tries = make(map[string]int)
		g.byRef = make(map[string]int)
		g.created = make(map[string]string)
	}
	g.tries[ref]++
	try := g.tries[ref]
	g.mu.Unlock()

	switch {
	case strings.HasPrefix(ref, "down-"):
		http.Error(w, "upstream down", http.StatusInternalServerError)
		return
	case strings.HasPrefix(ref, "flaky-") && try == 1:
		http.Error(w, "try again", http.StatusServiceUnavailable)
		return
	case strings.HasPrefix(ref, "broke-"):
		fail(w, http.StatusPaymentRequired, api.CodeInsufficientBalance, "insufficient balance", nil)
		return
	}

	g.mu.Lock()
	if i, dup := g.byRef[ref]; dup {
		id := g.txns[i].ID
		g.mu.Unlock()
		fail(w, http.StatusConflict, api.CodeDuplicateReference, "reference "+strconv.Quote(ref)+" is already used", []fieldError{{"reference", "already used"}}, "transactionId", id)
		return
	}
	t, err := g.build(req)
	if err != nil {
		g.mu.Unlock()
		fail(w, http.StatusBadRequest, api.CodeCreateFailed, err.Error(), nil)
		return
	}
	g.byRef[ref] = len(g.txns)
	g.created[t.ID] = g.now().In(jakarta).Format(time.DateOnly)
	g.txns = append(g.txns, t)
	g.mu.Unlock()

	if strings.HasPrefix(ref, "drop-") && try == 1 {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	writeData(w, t)
}

func (g *Gateway) build(req api.Request) (api.Transaction, error) {
	id := uuid.NewString()
	total := req.Amount + Fee
	charged := total
	if strings.HasPrefix(req.Reference, "wrong-amount-") {
		charged++
	}
	content, err := qris.ToDynamic(Merchant, qris.DynamicOptions{Amount: strconv.FormatInt(charged, 10), ReferenceLabel: api.ReferenceLabel(id)})
	if err != nil {
		return api.Transaction{}, fmt.Errorf("making the QRIS: %v", err)
	}
	minutes := 30
	if req.ExpiryMinutes != nil {
		minutes = *req.ExpiryMinutes
	}
	return api.Transaction{
		ID: id, MerchantRef: req.Reference, Status: api.StatusPending, FeePayer: api.FeePayerCustomer,
		Amount: req.Amount, Fee: Fee, TotalAmount: total,
		ExpiredDate:    g.now().In(jakarta).Add(time.Duration(minutes) * time.Minute).Truncate(time.Second),
		AdditionalInfo: req.AdditionalInfo,
		QRIS:           api.QRIS{Content: content},
	}, nil
}

func writeData(w http.ResponseWriter, data any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"responseCode": 200, "responseMessage": "success", "responseData": data})
}

// list answers one page: status (default success) and date (default
// today in Jakarta; a transaction's date is the day it was created on).
func (g *Gateway) list(w http.ResponseWriter, r *http.Request) {
	if !g.authorized(w, r, nil) {
		return
	}
	q := r.URL.Query()
	page, err := strconv.Atoi(q.Get("page"))
	if q.Get("page") == "" {
		page, err = 1, nil
	}
	status := q.Get("status")
	if status == "" {
		status = string(api.StatusSuccess)
	}
	date := q.Get("date")
	if date == "" {
		date = g.now().In(jakarta).Format(time.DateOnly)
	}
	var fields []fieldError
	if err != nil || page < 1 {
		fields = append(fields, fieldError{"page", "want a whole number from 1"})
	}
	if status != "pending" && status != "success" {
		fields = append(fields, fieldError{"status", "want pending or success"})
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		fields = append(fields, fieldError{"date", "want Y-m-d"})
	}
	if fields != nil {
		fail(w, http.StatusUnprocessableEntity, api.CodeRequestInvalid, "the request is invalid", fields)
		return
	}
	size := g.PageSize
	if size <= 0 {
		size = 10
	}
	g.mu.Lock()
	var match []api.Transaction
	for _, t := range g.txns {
		if string(t.Status) == status && g.created[t.ID] == date {
			match = append(match, t)
		}
	}
	g.mu.Unlock()
	out := []api.Transaction{}
	if from := (page - 1) * size; from < len(match) {
		out = match[from:min(from+size, len(match))]
	}
	writeData(w, out)
}
