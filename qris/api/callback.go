package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxCallbackBytes is the default bound on a callback's body. A callback
// is one transaction, under a kilobyte, a few more with its QR code as a
// base64 PNG. The bound is kept low because checking a signature over the
// json_encode reading parses the whole body before anything is known
// about its sender.
const MaxCallbackBytes = 64 << 10

// DefaultCallbackStoreSize is how many transactions [NewMemoryCallbackStore]
// remembers when given a size below one.
const DefaultCallbackStoreSize = 65536

// SignedBody says which bytes a callback's signature covers. The gateway
// documents neither its callbacks nor, for requests, whether it signs the
// bytes it sends or json_encode of the body it decoded, so the handler
// accepts either by default.
type SignedBody int

const (
	// SignedEither accepts a signature over the raw body or over its
	// json_encode re-encoding. It is the zero value and the default:
	// both are HMACs under the same token, so accepting the second costs
	// a forger nothing it did not already need.
	SignedEither SignedBody = iota
	// SignedRaw accepts only a signature over the body's bytes as received
	// (what the sandbox sends).
	SignedRaw
	// SignedPHP accepts only a signature over what PHP's json_encode
	// writes for json_decode of the body: compact, fields in the order
	// sent, strings escaped as [MarshalPHP] escapes them, numbers as PHP
	// prints them (10000.50 as 10000.5).
	SignedPHP
)

// CallbackStore remembers which (transaction, status) pairs the handler's
// function has already handled, so that a redelivered callback is
// acknowledged without running it again. The handler serialises calls for
// one transaction id within a process; a store shared by several processes
// (a database table keyed by id and status) must tolerate two of them
// handling the same pair at once, which is why the function must be
// idempotent anyway.
type CallbackStore interface {
	// Handled returns the statuses already handled for the transaction id,
	// in any order; none for an id it does not know.
	Handled(ctx context.Context, id string) ([]Status, error)
	// Mark records that the transaction id was handled at status. The
	// handler calls it only after the function returned nil.
	Mark(ctx context.Context, id string, status Status) error
}

// CallbackOption configures a [CallbackHandler].
type CallbackOption func(*CallbackHandler)

// WithSignatureHeader names the header that carries the signature
// (default [HeaderSignature], X-Signature).
func WithSignatureHeader(name string) CallbackOption {
	return func(h *CallbackHandler) { h.sigHeader = name }
}

// WithSignedBody says which bytes the signature covers (default
// [SignedEither]).
func WithSignedBody(s SignedBody) CallbackOption {
	return func(h *CallbackHandler) { h.signed = s }
}

// WithCallbackStore replaces the in-memory store of handled callbacks, for
// example with one in the database the function writes to, so that
// duplicates are recognised across restarts and processes.
func WithCallbackStore(s CallbackStore) CallbackOption {
	return func(h *CallbackHandler) { h.store = s }
}

// WithMaxBodyBytes bounds a callback's body (default [MaxCallbackBytes]);
// a longer one is answered 413.
func WithMaxBodyBytes(n int64) CallbackOption {
	return func(h *CallbackHandler) { h.maxBody = n }
}

// WithStatusCheck makes the handler re-read the transaction from the
// gateway before trusting the body: check gets the transaction the body
// describes and returns the gateway's own record of it, and the function
// then receives that record instead. A check that fails is answered 502,
// and one that says a transaction is still pending when the body says
// otherwise is answered 503 (the gateway is behind, or the callback is not
// its own), so that the gateway delivers again.
//
// The gateway's only lookup is its transactions list (seven days kept,
// filtered by date and by status pending or success), so a check lists
// with the package's client the transactions of the callback's status on
// the days the transaction may fall on, from its expiredDate back, and
// returns the one whose id matches, or an error when none does. The list
// cannot filter failed or expired transactions; a check may return t
// unchanged for those, trusting the body where the gateway offers no
// second opinion.
func WithStatusCheck(check func(ctx context.Context, t Transaction) (Transaction, error)) CallbackOption {
	return func(h *CallbackHandler) { h.check = check }
}

// CallbackHandler is an http.Handler for the gateway's callbacks: it
// verifies each one, decodes the transaction, drops duplicates and passes
// the rest to the function given to [NewCallbackHandler]. It answers:
//
//   - 405 for a method other than POST;
//   - 413 for a body longer than the bound ([WithMaxBodyBytes]);
//   - 401 when the signature is missing or wrong, or X-Client-Key names
//     another key (the header may be absent: the signature covers the key
//     anyway);
//   - 400 when the body is not a transaction: malformed JSON, not an
//     object, or no id or no status;
//   - 200 when the function returned nil, or the callback is a duplicate
//     (its id and status were handled before) or stale (pending, for a
//     transaction already handled at another status: a transaction is
//     never stepped back to pending);
//   - 500 when the function or the store failed, and 502 or 503 when the
//     status check did ([WithStatusCheck]), so that the gateway retries.
//
// Every answer is a short line of plain text saying why.
//
// The signature is the gateway's request scheme ([Sign] with the handler's
// key and token) over the body, in the header [HeaderSignature]; the
// gateway documents neither for callbacks, so both are switchable
// ([WithSignatureHeader], [WithSignedBody]). X-Client-Token, if sent, is
// ignored: anyone can send a header. The scheme carries no timestamp, so
// a recorded callback can be replayed; duplicates are dropped, and
// [WithStatusCheck] makes a replay harmless.
//
// Decoding is tolerant, because a payment flow must not break on a field
// the gateway adds; it is the reader [Client] uses. A status or fee payer
// the contract does not list is passed through as it is; an unknown field,
// and a known one of the wrong type or an unreadable expiredDate (left
// zero), is kept in t.Extra.Unknown and said in t.Extra.Warnings. Names
// match as encoding/json matches them, ignoring case. Only id and status
// are required. [CallbackBody] gives the function the exact bytes
// received, for an audit log; they stay the callback's when a status
// check replaces t.
//
// Callbacks for one transaction id are handled one at a time, so twenty
// concurrent deliveries of the same callback run the function once;
// callbacks for different ids run concurrently. A callback is marked as
// handled only after the function returned nil, so the function runs again
// if the process dies between the two or the store cannot record it: it
// must be idempotent (an upsert keyed by id and status, for example). Its
// error is not shown to the gateway, which sees only that the callback was
// not handled: log it in the function.
//
// Make one with [NewCallbackHandler]; the zero value is not usable. It is
// safe for concurrent use.
type CallbackHandler struct {
	key, token string
	fn         func(ctx context.Context, t Transaction) error
	sigHeader  string
	signed     SignedBody
	store      CallbackStore
	maxBody    int64
	check      func(ctx context.Context, t Transaction) (Transaction, error)
	locks      keyedMutex
}

// NewCallbackHandler returns a handler that verifies callbacks signed with
// key and token and calls fn with the transaction each one describes. By
// default duplicates are remembered in a [NewMemoryCallbackStore] of
// [DefaultCallbackStoreSize] transactions. fn gets the request's context,
// which ends when the gateway hangs up. NewCallbackHandler panics if fn is
// nil, as http.HandleFunc does.
func NewCallbackHandler(key, token string, fn func(ctx context.Context, t Transaction) error, opts ...CallbackOption) *CallbackHandler {
	if fn == nil {
		panic("api: NewCallbackHandler without a function to call")
	}
	h := &CallbackHandler{
		key: key, token: token, fn: fn,
		sigHeader: HeaderSignature,
		maxBody:   MaxCallbackBytes,
	}
	for _, o := range opts {
		o(h)
	}
	if h.store == nil {
		h.store = NewMemoryCallbackStore(0)
	}
	return h
}

type bodyKey struct{}

// CallbackBody returns the body of the callback being handled, exactly as
// received and signed, to the function of a [CallbackHandler] (from the
// context it is given); nil elsewhere. The caller must not change it.
func CallbackBody(ctx context.Context) []byte {
	b, _ := ctx.Value(bodyKey{}).([]byte)
	return b
}

// ServeHTTP handles one callback; see [CallbackHandler] for the answers.
func (h *CallbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	code, msg := h.serve(r)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if code == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", http.MethodPost)
	}
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

func (h *CallbackHandler) serve(r *http.Request) (int, string) {
	if r.Method != http.MethodPost {
		return http.StatusMethodNotAllowed, "a callback is a POST"
	}
	if r.ContentLength > h.maxBody {
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("body longer than %d bytes", h.maxBody)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, h.maxBody+1))
	if err != nil {
		return http.StatusBadRequest, "cannot read the body"
	}
	if int64(len(body)) > h.maxBody {
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("body longer than %d bytes", h.maxBody)
	}
	if code, msg := h.authenticate(r.Header, body); code != 0 {
		return code, msg
	}
	t, err := readCallback(body)
	if err != nil {
		return http.StatusBadRequest, "not a transaction: " + err.Error()
	}
	ctx := context.WithValue(r.Context(), bodyKey{}, body)
	unlock, err := h.locks.lock(ctx, t.ID)
	if err != nil {
		return http.StatusServiceUnavailable, "gave up waiting for another delivery of this transaction"
	}
	defer unlock()
	return h.handle(ctx, t)
}

// authenticate returns 401 and why, or 0 when the callback is signed with
// the handler's key and token.
func (h *CallbackHandler) authenticate(hdr http.Header, body []byte) (int, string) {
	if k := hdr.Get(HeaderClientKey); k != "" && subtle.ConstantTimeCompare([]byte(k), []byte(h.key)) != 1 {
		return http.StatusUnauthorized, HeaderClientKey + " names another key"
	}
	sig := hdr.Get(h.sigHeader)
	if sig == "" {
		return http.StatusUnauthorized, "no " + h.sigHeader + " header"
	}
	if h.signed != SignedPHP && CheckSignature(h.key, h.token, body, sig) {
		return 0, ""
	}
	if h.signed != SignedRaw {
		if php, err := reencodePHP(body); err == nil && CheckSignature(h.key, h.token, php, sig) {
			return 0, ""
		}
	}
	return http.StatusUnauthorized, "wrong signature"
}

// handle drops a duplicate or stale callback, checks the status if asked
// to, calls the function and records the result. The caller holds t.ID's
// lock.
func (h *CallbackHandler) handle(ctx context.Context, t Transaction) (int, string) {
	handled, err := h.store.Handled(ctx, t.ID)
	if err != nil {
		return http.StatusInternalServerError, "cannot read which callbacks were handled"
	}
	if skip := redundant(handled, t.Status); skip != "" {
		return http.StatusOK, skip
	}
	if h.check != nil {
		got, err := h.check(ctx, t)
		switch {
		case err != nil:
			return http.StatusBadGateway, "cannot confirm the status with the gateway"
		case got.ID != t.ID:
			return http.StatusBadGateway, "the gateway's answer is for another transaction"
		case got.Status == "":
			return http.StatusBadGateway, "the gateway's answer has no status"
		case got.Status == StatusPending && t.Status != StatusPending:
			return http.StatusServiceUnavailable, "the gateway still says pending"
		}
		t = got
		if skip := redundant(handled, t.Status); skip != "" {
			return http.StatusOK, skip
		}
	}
	if err := h.fn(ctx, t); err != nil {
		return http.StatusInternalServerError, "not handled; deliver again"
	}
	if err := h.store.Mark(ctx, t.ID, t.Status); err != nil {
		return http.StatusInternalServerError, "handled, but cannot record it; deliver again"
	}
	return http.StatusOK, "ok"
}

// redundant says why a callback at status needs no handling, given the
// statuses already handled for its transaction, or "" when it does.
// Pending is where every transaction starts, so a pending callback after
// any other status was handled arrived late and would step the
// transaction back.
func redundant(handled []Status, status Status) string {
	if slices.Contains(handled, status) {
		return "duplicate"
	}
	if status == StatusPending && slices.ContainsFunc(handled, func(s Status) bool { return s != StatusPending }) {
		return "stale"
	}
	return ""
}

// readCallback reads a callback's transaction tolerantly (see
// [CallbackHandler]); id and status are required.
func readCallback(body []byte) (Transaction, error) {
	t, err := readTransaction(body)
	switch {
	case err != nil:
		return Transaction{}, err
	case t.ID == "":
		return Transaction{}, errNoID
	case t.Status == "":
		return Transaction{}, errNoStatus
	}
	return t, nil
}

// reencodePHP writes body as PHP's json_encode (default flags) writes
// what json_decode (default: objects stay objects) makes of it: compact,
// fields in the order sent, a repeated field's last value in its first
// place, strings escaped as [MarshalPHP] escapes them, integers that fit
// 64 bits as integers and every other number as PHP prints a float. A
// number too large for a float is an error, as json_encode fails on
// infinity.
func reencodePHP(body []byte) ([]byte, error) {
	// json_decode refuses invalid UTF-8 where encoding/json would change
	// it into U+FFFD.
	if !utf8.Valid(body) || !json.Valid(body) {
		return nil, ErrMalformed
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := phpDecode(dec)
	if err != nil {
		return nil, err
	}
	// Written as encoding/json writes it, compact and without HTML
	// escapes, then given json_encode's escapes in one pass, as MarshalPHP
	// does.
	w := phpWriter{out: bytes.NewBuffer(make([]byte, 0, len(body)))}
	w.enc = json.NewEncoder(w.out)
	w.enc.SetEscapeHTML(false)
	if err := w.value(v); err != nil {
		return nil, err
	}
	return phpEscape(w.out.Bytes())
}

// phpObject is a JSON object as PHP keeps it: fields in first-seen order.
type phpObject struct {
	keys   []string
	values map[string]any
}

// phpDecode reads the next value from dec (which has UseNumber): a
// string, json.Number, bool, nil, []any or *phpObject.
func phpDecode(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := &phpObject{values: make(map[string]any)}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key := k.(string) // the body is valid JSON: keys are strings
			v, err := phpDecode(dec)
			if err != nil {
				return nil, err
			}
			if _, seen := obj.values[key]; !seen {
				obj.keys = append(obj.keys, key)
			}
			obj.values[key] = v
		}
		_, err := dec.Token() // '}'
		return obj, err
	case json.Delim('['):
		list := []any{}
		for dec.More() {
			v, err := phpDecode(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token() // ']'
		return list, err
	}
	return tok, nil
}

// phpWriter writes phpDecode's values as compact JSON, strings as
// encoding/json escapes them.
type phpWriter struct {
	out *bytes.Buffer
	enc *json.Encoder // writes into out
}

func (w phpWriter) value(v any) error {
	switch v := v.(type) {
	case *phpObject:
		w.out.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				w.out.WriteByte(',')
			}
			if err := w.value(k); err != nil {
				return err
			}
			w.out.WriteByte(':')
			if err := w.value(v.values[k]); err != nil {
				return err
			}
		}
		w.out.WriteByte('}')
	case []any:
		w.out.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				w.out.WriteByte(',')
			}
			if err := w.value(e); err != nil {
				return err
			}
		}
		w.out.WriteByte(']')
	case string:
		if err := w.enc.Encode(v); err != nil {
			return err
		}
		w.out.Truncate(w.out.Len() - 1) // Encode's newline
	case json.Number:
		b, err := phpNumber(w.out.AvailableBuffer(), string(v))
		if err != nil {
			return err
		}
		w.out.Write(b)
	case bool:
		w.out.Write(strconv.AppendBool(w.out.AvailableBuffer(), v))
	default:
		w.out.WriteString("null")
	}
	return nil
}

// phpNumber appends the JSON number n as json_decode then json_encode
// write it: an integer that fits an int64 as an integer, anything else
// as a float with the shortest digits that read back the same, in
// positional notation when its decimal point falls within -3..17 digits
// of the first and as d.ddde±x otherwise (php_gcvt with
// serialize_precision -1).
func phpNumber(out []byte, n string) ([]byte, error) {
	if !strings.ContainsAny(n, ".eE") {
		if i, err := strconv.ParseInt(n, 10, 64); err == nil {
			return strconv.AppendInt(out, i, 10), nil
		}
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return nil, fmt.Errorf("number %s: PHP cannot encode infinity", n)
	}
	// Shortest digits and exponent: [-]d.ddde±xx.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	if e[0] == '-' {
		out = append(out, '-')
		e = e[1:]
	}
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	point := x + 1 // digits before the decimal point
	switch {
	case point < -3 || point > 17:
		out = append(out, digits[0], '.')
		if len(digits) == 1 {
			out = append(out, '0')
		} else {
			out = append(out, digits[1:]...)
		}
		out = append(out, 'e')
		if x >= 0 {
			out = append(out, '+')
		}
		return strconv.AppendInt(out, int64(x), 10), nil
	case point <= 0:
		out = append(out, "0."...)
		out = append(out, strings.Repeat("0", -point)...)
		return append(out, digits...), nil
	case len(digits) <= point:
		out = append(out, digits...)
		return append(out, strings.Repeat("0", point-len(digits))...), nil
	}
	out = append(out, digits[:point]...)
	out = append(out, '.')
	return append(out, digits[point:]...), nil
}

// keyedMutex serialises work per key while letting different keys run
// concurrently. An entry lives only while someone holds or waits for it.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	ch   chan struct{} // holds one token while the key is locked
	refs int           // holders and waiters
}

// lock waits until key is free or ctx is done, and returns the function
// that frees it.
func (m *keyedMutex) lock(ctx context.Context, key string) (func(), error) {
	m.mu.Lock()
	if m.locks == nil {
		m.locks = make(map[string]*keyedLock)
	}
	l := m.locks[key]
	if l == nil {
		l = &keyedLock{ch: make(chan struct{}, 1)}
		m.locks[key] = l
	}
	l.refs++
	m.mu.Unlock()

	release := func() {
		m.mu.Lock()
		if l.refs--; l.refs == 0 {
			delete(m.locks, key)
		}
		m.mu.Unlock()
	}
	select {
	case l.ch <- struct{}{}:
		return func() { <-l.ch; release() }, nil
	case <-ctx.Done():
		release()
		return nil, ctx.Err()
	}
}

// NewMemoryCallbackStore returns a [CallbackStore] in memory that
// remembers the last size transactions it marked
// ([DefaultCallbackStoreSize] when size is below one) and forgets the
// oldest first. A redelivery of a forgotten transaction runs the function
// again, as after a restart. It is safe for concurrent use.
func NewMemoryCallbackStore(size int) CallbackStore {
	if size < 1 {
		size = DefaultCallbackStoreSize
	}
	return &memoryStore{handled: make(map[string][]Status), order: make([]string, 0, min(size, 1024)), size: size}
}

// memoryStore forgets transactions in the order it first marked them: a
// ring of ids, the oldest at next once the ring is full.
type memoryStore struct {
	mu      sync.Mutex
	handled map[string][]Status
	order   []string
	next    int
	size    int
}

func (s *memoryStore) Handled(_ context.Context, id string) ([]Status, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.handled[id]), nil
}

func (s *memoryStore) Mark(_ context.Context, id string, status Status) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if got, ok := s.handled[id]; ok {
		if !slices.Contains(got, status) {
			s.handled[id] = append(got, status)
		}
		return nil
	}
	if len(s.order) < s.size {
		s.order = append(s.order, id)
	} else {
		delete(s.handled, s.order[s.next])
		s.order[s.next] = id
		s.next = (s.next + 1) % s.size
	}
	s.handled[id] = []Status{status}
	return nil
}
