package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

const (
	cbKey   = "client-key"
	cbToken = "client-token"
)

// cbBody is a callback body in the responseData shape.
func cbBody(id string, status Status) []byte {
	return []byte(`{"id":"` + id + `","merchantRef":"INV-1","status":"` + string(status) + `","feePayer":"customer",` +
		`"amount":10000,"fee":85,"totalAmount":10085,"expiredDate":"2025-03-23T10:24:58+07:00",` +
		`"additionalInfo":{"callback":"https:\/\/shop.example\/notify"},"qris":{"content":"000201","url":""}}`)
}

// cbRequest is a POST of body signed over sigBody with key and token, the
// way the sandbox sends it.
func cbRequest(body, sigBody []byte, key, token string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/notify", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(HeaderClientKey, key)
	r.Header.Set(HeaderSignature, Sign(key, token, sigBody))
	return r
}

// signed is a correctly signed POST of body.
func signed(body []byte) *http.Request { return cbRequest(body, body, cbKey, cbToken) }

// serve runs one request through h.
func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// recorder is a handler function that records what it is given and fails
// while fail says so.
type recorder struct {
	mu    sync.Mutex
	calls []Transaction
	body  [][]byte
	fail  func(t Transaction) error
	delay time.Duration
}

func (rec *recorder) fn(ctx context.Context, t Transaction) error {
	if rec.delay > 0 {
		time.Sleep(rec.delay)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.calls = append(rec.calls, t)
	rec.body = append(rec.body, CallbackBody(ctx))
	if rec.fail != nil {
		return rec.fail(t)
	}
	return nil
}

func (rec *recorder) n() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.calls)
}

// want checks an answer's status and its text.
func want(t *testing.T, w *httptest.ResponseRecorder, code int, text string) {
	t.Helper()
	if w.Code != code || !strings.Contains(w.Body.String(), text) {
		t.Errorf("answer %d %q, want %d containing %q", w.Code, w.Body.String(), code, text)
	}
}

func TestCallbackHandlerAccepts(t *testing.T) {
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn)
	body := cbBody("8c6f2b1e-4d3a-4e5f-9a7b-1c2d3e4f5a6b", StatusSuccess)
	w := serve(h, signed(body))
	want(t, w, http.StatusOK, "ok")
	if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if rec.n() != 1 {
		t.Fatalf("fn called %d times", rec.n())
	}
	var wantTx Transaction
	if err := json.Unmarshal(body, &wantTx); err != nil {
		t.Fatal(err)
	}
	got := rec.calls[0]
	if !got.ExpiredDate.Equal(wantTx.ExpiredDate) || got.ExpiredDate.Format(time.RFC3339) != "2025-03-23T10:24:58+07:00" {
		t.Errorf("expiredDate %v", got.ExpiredDate)
	}
	got.ExpiredDate, wantTx.ExpiredDate = time.Time{}, time.Time{}
	x := got.Extra
	got.Extra = nil
	if got != wantTx {
		t.Errorf("fn got %+v\nwant %+v", got, wantTx)
	}
	if x == nil || !bytes.Equal(x.Raw, body) || x.Unknown != nil || x.Warnings != nil {
		t.Errorf("a clean callback's Extra = %+v, want the body and nothing to report", x)
	}
	if !bytes.Equal(rec.body[0], body) {
		t.Errorf("CallbackBody = %s", rec.body[0])
	}
	if CallbackBody(context.Background()) != nil {
		t.Error("CallbackBody outside a handler is not nil")
	}
	// Without X-Client-Key: the signature covers the key anyway.
	r := signed(cbBody("tx-2", StatusSuccess))
	r.Header.Del(HeaderClientKey)
	want(t, serve(h, r), http.StatusOK, "ok")
}

func TestCallbackHandlerRefuses(t *testing.T) {
	body := cbBody("tx-1", StatusSuccess)
	big := append(bytes.Repeat([]byte(" "), MaxCallbackBytes), body...)
	cases := []struct {
		name string
		req  func() *http.Request
		code int
		text string
	}{
		{"wrong signature", func() *http.Request { return cbRequest(body, body, cbKey, "other-token") },
			401, "wrong signature"},
		{"signed with another key", func() *http.Request {
			r := cbRequest(body, body, "other-key", cbToken)
			r.Header.Set(HeaderClientKey, cbKey)
			return r
		}, 401, "wrong signature"},
		{"another key's header", func() *http.Request { return cbRequest(body, body, "other-key", cbToken) },
			401, "X-Client-Key names another key"},
		{"missing signature", func() *http.Request {
			r := signed(body)
			r.Header.Del(HeaderSignature)
			return r
		}, 401, "no X-Signature header"},
		{"signature not hex", func() *http.Request {
			r := signed(body)
			r.Header.Set(HeaderSignature, "not-hex")
			return r
		}, 401, "wrong signature"},
		{"tampered body", func() *http.Request {
			return cbRequest(bytes.Replace(body, []byte("10000"), []byte("90000"), 1), body, cbKey, cbToken)
		}, 401, "wrong signature"},
		{"token sent instead of a signature", func() *http.Request {
			r := signed(body)
			r.Header.Del(HeaderSignature)
			r.Header.Set(HeaderClientToken, cbToken)
			return r
		}, 401, "no X-Signature header"},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, "/notify", nil) },
			405, "POST"},
		{"PUT, signed", func() *http.Request {
			r := signed(body)
			r.Method = http.MethodPut
			return r
		}, 405, "POST"},
		{"oversized", func() *http.Request { return signed(big) }, 413, "longer than"},
		{"oversized, no length", func() *http.Request {
			r := signed(big)
			r.Body = io.NopCloser(bytes.NewReader(big)) // hides the length
			r.ContentLength = -1
			return r
		}, 413, "longer than"},
		{"oversized and unsigned", func() *http.Request {
			r := signed(big)
			r.Header.Del(HeaderSignature)
			return r
		}, 413, "longer than"},
		{"malformed JSON", func() *http.Request { return signed([]byte(`{"id":"tx-1","status":"success"`)) },
			400, "malformed JSON"},
		{"empty body", func() *http.Request { return signed(nil) }, 400, "malformed JSON"},
		{"trailing data", func() *http.Request { return signed([]byte(`{"id":"a","status":"success"} {}`)) },
			400, "malformed JSON"},
		{"array", func() *http.Request { return signed([]byte(`[{"id":"tx-1","status":"success"}]`)) },
			400, "not a JSON object"},
		{"no id", func() *http.Request { return signed([]byte(`{"status":"success"}`)) }, 400, "no id"},
		{"id not text", func() *http.Request { return signed([]byte(`{"id":12,"status":"success"}`)) }, 400, "no id"},
		{"no status", func() *http.Request { return signed([]byte(`{"id":"tx-1"}`)) }, 400, "no status"},
		{"empty status", func() *http.Request { return signed([]byte(`{"id":"tx-1","status":""}`)) }, 400, "no status"},
		{"malformed and unsigned", func() *http.Request {
			r := signed([]byte(`{`))
			r.Header.Set(HeaderSignature, Sign(cbKey, cbToken, []byte(`{}`)))
			return r
		}, 401, "wrong signature"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := &recorder{}
			w := serve(NewCallbackHandler(cbKey, cbToken, rec.fn), c.req())
			want(t, w, c.code, c.text)
			if rec.n() != 0 {
				t.Errorf("fn called for a refused callback")
			}
			if c.code == 405 && w.Header().Get("Allow") != "POST" {
				t.Errorf("Allow %q", w.Header().Get("Allow"))
			}
		})
	}
}

func TestCallbackMaxBodyBytes(t *testing.T) {
	body := cbBody("tx-1", StatusSuccess)
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn, WithMaxBodyBytes(int64(len(body))))
	want(t, serve(h, signed(body)), http.StatusOK, "ok")
	want(t, serve(h, signed(append(body, ' '))), http.StatusRequestEntityTooLarge, fmt.Sprint(len(body)))
}

func TestCallbackSignedBody(t *testing.T) {
	// A body that json_encode would write differently: white space, a
	// slash, non-ASCII text, a float written with a trailing zero.
	body := []byte("{\n  \"id\": \"tx-1\", \"status\": \"success\",\n  \"viewName\": \"Toko Ané\", \"fee\": 85.50,\n" +
		"  \"additionalInfo\": {\"callback\": \"https://shop.example/notify\"}\n}\n")
	php := []byte(`{"id":"tx-1","status":"success","viewName":"Toko An\u00e9","fee":85.5,` +
		`"additionalInfo":{"callback":"https:\/\/shop.example\/notify"}}`)
	if got, err := reencodePHP(body); err != nil || !bytes.Equal(got, php) {
		t.Fatalf("reencodePHP = %s, %v", got, err)
	}
	for _, c := range []struct {
		signed     SignedBody
		raw, phpOK bool
	}{
		{SignedEither, true, true},
		{SignedRaw, true, false},
		{SignedPHP, false, true},
	} {
		for _, over := range []struct {
			name string
			b    []byte
			ok   bool
		}{{"raw", body, c.raw}, {"json_encode", php, c.phpOK}} {
			rec := &recorder{}
			h := NewCallbackHandler(cbKey, cbToken, rec.fn, WithSignedBody(c.signed))
			w := serve(h, cbRequest(body, over.b, cbKey, cbToken))
			if code := map[bool]int{true: 200, false: 401}[over.ok]; w.Code != code || rec.n() != map[bool]int{true: 1}[over.ok] {
				t.Errorf("reading %d, signed over %s: %d %q, fn called %d times; want %d",
					c.signed, over.name, w.Code, w.Body, rec.n(), code)
			}
		}
	}
	// Another header name: the default one is then not read.
	h := NewCallbackHandler(cbKey, cbToken, (&recorder{}).fn, WithSignatureHeader("X-Callback-Signature"))
	r := signed(body)
	want(t, serve(h, r), http.StatusUnauthorized, "no X-Callback-Signature header")
	r = signed(body)
	r.Header.Set("X-Callback-Signature", r.Header.Get(HeaderSignature))
	r.Header.Del(HeaderSignature)
	want(t, serve(h, r), http.StatusOK, "ok")
}

// TestReencodePHP holds the json_encode reading to what real PHP wrote:
// testdata/callback-reencode.php made the vectors.
func TestReencodePHP(t *testing.T) {
	f, err := os.Open("testdata/callback-reencode.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		var v struct {
			Body       string          `json:"body"`
			JSONEncode json.RawMessage `json:"json_encode"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		n++
		got, err := reencodePHP([]byte(v.Body))
		if string(v.JSONEncode) == "false" {
			if err == nil {
				t.Errorf("%s: reencodePHP = %s, want an error (json_encode fails)", v.Body, got)
			}
			continue
		}
		var wantText string
		if err := json.Unmarshal(v.JSONEncode, &wantText); err != nil {
			t.Fatal(err)
		}
		if err != nil || string(got) != wantText {
			t.Errorf("%s:\n got %s, %v\nwant %s", v.Body, got, err, wantText)
		}
	}
	if err := sc.Err(); err != nil || n < 9 {
		t.Fatalf("read %d vectors: %v", n, err)
	}
	for _, bad := range []string{`{"id":"a`, "{\"id\":\"\xff\"}", ``, `{} {}`} {
		if got, err := reencodePHP([]byte(bad)); err == nil {
			t.Errorf("reencodePHP(%q) = %s, want an error", bad, got)
		}
	}
}

func TestPHPNumber(t *testing.T) {
	// Each pair as PHP 8.2 prints json_encode(json_decode(in)).
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "0.0": "0", "-0.0": "-0", "1e-400": "0", "-1.5e-7": "-1.5e-7",
		"123.456": "123.456", "9223372036854775807": "9223372036854775807",
		"9223372036854775808": "9.223372036854776e+18", "-9223372036854775808": "-9223372036854775808",
		"-9223372036854775809": "-9.223372036854776e+18", "1e16": "10000000000000000", "1e17": "1.0e+17",
		"0.0001": "0.0001", "0.00001": "1.0e-5", "5e-324": "5.0e-324",
		"1.7976931348623157e308": "1.7976931348623157e+308", "1E+2": "100", "10000.50": "10000.5",
	} {
		got, err := phpNumber(nil, in)
		if err != nil || string(got) != want {
			t.Errorf("phpNumber(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
	if _, err := phpNumber(nil, "1e400"); err == nil {
		t.Error("phpNumber(1e400) did not fail")
	}
}

func TestCallbackTolerant(t *testing.T) {
	body := []byte(`{"id":"tx-1","status":"refunded","feePayer":"platform","amount":"10000","fee":85,` +
		`"expiredDate":"tomorrow","paidAt":"2025-03-23T10:00:00+07:00","qris":{"content":"000201","extra":[1]},` +
		`"additionalInfo":{"callback":"https:\/\/shop.example\/n","channel":"x"}}`)
	rec := &recorder{}
	want(t, serve(NewCallbackHandler(cbKey, cbToken, rec.fn), signed(body)), http.StatusOK, "ok")
	if rec.n() != 1 {
		t.Fatalf("fn called %d times", rec.n())
	}
	wantTx := Transaction{ID: "tx-1", Status: "refunded", FeePayer: "platform", Fee: 85,
		AdditionalInfo: AdditionalInfo{Callback: "https://shop.example/n"}, QRIS: QRIS{Content: "000201"}}
	got := rec.calls[0]
	x := got.Extra
	got.Extra = nil
	if got != wantTx {
		t.Errorf("fn got %+v\nwant %+v", got, wantTx)
	}
	// What could not be read, or is not the contract's, is kept and said.
	if x == nil {
		t.Fatal("no Extra")
	}
	for k, v := range map[string]string{"amount": `"10000"`, "expiredDate": `"tomorrow"`, "paidAt": `"2025-03-23T10:00:00+07:00"`,
		"qris.extra": `[1]`, "additionalInfo.channel": `"x"`} {
		if string(x.Unknown[k]) != v {
			t.Errorf("Unknown[%s] = %s, want %s", k, x.Unknown[k], v)
		}
	}
	if w := strings.Join(x.Warnings, "\n"); !strings.Contains(w, `status "refunded" is not one the contract lists`) ||
		!strings.Contains(w, `amount "10000" is not a whole number`) || !strings.Contains(w, "unknown field paidAt kept") {
		t.Errorf("warnings:\n%s", w)
	}
}

// TestCallbackNames: names match as encoding/json matches them, ignoring
// case, and a name read so is said.
func TestCallbackNames(t *testing.T) {
	rec := &recorder{}
	body := []byte(`{"ID":"tx-1","Status":"success","AMOUNT":10000}`)
	want(t, serve(NewCallbackHandler(cbKey, cbToken, rec.fn), signed(body)), http.StatusOK, "ok")
	if rec.n() != 1 {
		t.Fatalf("fn called %d times", rec.n())
	}
	got := rec.calls[0]
	if got.ID != "tx-1" || got.Status != StatusSuccess || got.Amount != 10000 {
		t.Errorf("fn got %+v", got)
	}
	if w := strings.Join(got.Extra.Warnings, "\n"); !strings.Contains(w, "field ID read as id") || !strings.Contains(w, "field AMOUNT read as amount") {
		t.Errorf("warnings:\n%s", w)
	}
}

func TestCallbackDuplicates(t *testing.T) {
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn)
	want(t, serve(h, signed(cbBody("tx-1", StatusPending))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-1", StatusPending))), 200, "duplicate")
	want(t, serve(h, signed(cbBody("tx-1", StatusSuccess))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-1", StatusSuccess))), 200, "duplicate")
	want(t, serve(h, signed(cbBody("tx-2", StatusSuccess))), 200, "ok")
	// A refused delivery is not remembered.
	want(t, serve(h, cbRequest(cbBody("tx-3", StatusSuccess), nil, cbKey, cbToken)), 401, "wrong signature")
	want(t, serve(h, signed(cbBody("tx-3", StatusSuccess))), 200, "ok")
	if rec.n() != 4 {
		t.Errorf("fn called %d times, want 4", rec.n())
	}
}

func TestCallbackConcurrentDuplicates(t *testing.T) {
	var active, most atomic.Int32
	rec := &recorder{}
	fn := func(ctx context.Context, tx Transaction) error {
		n := active.Add(1)
		defer active.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond) // widen the window a second delivery could slip through
		return rec.fn(ctx, tx)
	}
	h := NewCallbackHandler(cbKey, cbToken, fn)
	body := cbBody("tx-1", StatusSuccess)
	codes := make(chan int, 20)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { codes <- serve(h, signed(body)).Code })
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != 200 {
			t.Errorf("a delivery got %d", c)
		}
	}
	if rec.n() != 1 || most.Load() != 1 {
		t.Errorf("fn called %d times, %d at once; want once", rec.n(), most.Load())
	}
	if n := len(h.locks.locks); n != 0 {
		t.Errorf("%d locks left behind", n)
	}
}

func TestCallbackDifferentIDsConcurrent(t *testing.T) {
	// fn for tx-a, once entered, waits until fn for tx-b has run:
	// serialising all callbacks would keep tx-b waiting behind tx-a until
	// the timeout.
	aEntered, bDone := make(chan struct{}), make(chan struct{})
	fn := func(ctx context.Context, tx Transaction) error {
		if tx.ID == "tx-b" {
			close(bDone)
			return nil
		}
		close(aEntered)
		select {
		case <-bDone:
			return nil
		case <-time.After(5 * time.Second):
			return errors.New("tx-b never ran")
		}
	}
	h := NewCallbackHandler(cbKey, cbToken, fn)
	a := make(chan int)
	go func() { a <- serve(h, signed(cbBody("tx-a", StatusSuccess))).Code }()
	<-aEntered
	want(t, serve(h, signed(cbBody("tx-b", StatusSuccess))), 200, "ok")
	if code := <-a; code != 200 {
		t.Errorf("tx-a answered %d: callbacks for different ids did not run concurrently", code)
	}
}

func TestCallbackFunctionFails(t *testing.T) {
	failures := 1
	rec := &recorder{fail: func(Transaction) error {
		if failures > 0 {
			failures--
			return errors.New("database down")
		}
		return nil
	}}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn)
	body := cbBody("tx-1", StatusSuccess)
	w := serve(h, signed(body))
	want(t, w, http.StatusInternalServerError, "deliver again")
	if strings.Contains(w.Body.String(), "database") {
		t.Errorf("the answer shows the function's error: %q", w.Body)
	}
	want(t, serve(h, signed(body)), 200, "ok")
	want(t, serve(h, signed(body)), 200, "duplicate")
	if rec.n() != 2 {
		t.Errorf("fn called %d times, want 2 (the failure and the redelivery)", rec.n())
	}
}

func TestCallbackOutOfOrder(t *testing.T) {
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn)
	// A final status is never stepped back to pending.
	want(t, serve(h, signed(cbBody("tx-1", StatusSuccess))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-1", StatusPending))), 200, "stale")
	// Pending first, then final: both are news.
	want(t, serve(h, signed(cbBody("tx-2", StatusPending))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-2", StatusExpired))), 200, "ok")
	// A final status after another, or one the contract does not list, is
	// passed on: it is new, and the function decides.
	want(t, serve(h, signed(cbBody("tx-1", StatusFailed))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-1", "refunded"))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-1", StatusPending))), 200, "stale")
	var got []string
	for _, c := range rec.calls {
		got = append(got, c.ID+" "+string(c.Status))
	}
	if w := "tx-1 success,tx-2 pending,tx-2 expired,tx-1 failed,tx-1 refunded"; strings.Join(got, ",") != w {
		t.Errorf("fn got %v, want %s", got, w)
	}
}

// fakeGateway answers status checks from a table of transactions.
type fakeGateway struct {
	mu    sync.Mutex
	txs   map[string]Transaction
	err   error
	calls int
}

func (g *fakeGateway) check(_ context.Context, t Transaction) (Transaction, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls++
	if g.err != nil {
		return Transaction{}, g.err
	}
	got, ok := g.txs[t.ID]
	if !ok {
		return Transaction{}, errors.New("transaction not found")
	}
	return got, nil
}

func TestCallbackStatusCheck(t *testing.T) {
	g := &fakeGateway{txs: map[string]Transaction{
		"tx-paid":    {ID: "tx-paid", Status: StatusSuccess, Amount: 10000, Fee: 85, TotalAmount: 10085},
		"tx-pending": {ID: "tx-pending", Status: StatusPending},
		"tx-moved":   {ID: "tx-other", Status: StatusSuccess},
		"tx-blank":   {ID: "tx-blank"},
	}}
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn, WithStatusCheck(g.check))

	// Confirmed: fn gets the gateway's record, not the body's.
	want(t, serve(h, signed(cbBody("tx-paid", StatusSuccess))), 200, "ok")
	if rec.n() != 1 || rec.calls[0] != g.txs["tx-paid"] {
		t.Fatalf("fn got %+v, want the gateway's record", rec.calls)
	}
	// A duplicate is dropped before asking the gateway.
	want(t, serve(h, signed(cbBody("tx-paid", StatusSuccess))), 200, "duplicate")
	if g.calls != 1 {
		t.Errorf("gateway asked %d times, want 1", g.calls)
	}
	// A late pending callback whose transaction the gateway says is paid is
	// a duplicate of the success already handled.
	want(t, serve(h, signed(cbBody("tx-paid", StatusPending))), 200, "stale")
	// The gateway still says pending: not trusted yet, delivered again later.
	want(t, serve(h, signed(cbBody("tx-pending", StatusSuccess))), 503, "still says pending")
	// Unknown to the gateway, a failing gateway, an answer for another id.
	want(t, serve(h, signed(cbBody("tx-forged", StatusSuccess))), 502, "cannot confirm")
	want(t, serve(h, signed(cbBody("tx-moved", StatusSuccess))), 502, "another transaction")
	want(t, serve(h, signed(cbBody("tx-blank", StatusSuccess))), 502, "no status")
	g.err = errors.New("timeout")
	want(t, serve(h, signed(cbBody("tx-paid", StatusFailed))), 502, "cannot confirm")
	if rec.n() != 1 {
		t.Errorf("fn called %d times, want 1", rec.n())
	}

	// A pending body for a transaction the gateway says is paid: fn gets
	// success, and the success callback that follows is a duplicate.
	g.err = nil
	g.txs["tx-late"] = Transaction{ID: "tx-late", Status: StatusSuccess}
	want(t, serve(h, signed(cbBody("tx-late", StatusPending))), 200, "ok")
	want(t, serve(h, signed(cbBody("tx-late", StatusSuccess))), 200, "duplicate")
	if rec.n() != 2 || rec.calls[1].Status != StatusSuccess {
		t.Errorf("fn got %+v", rec.calls)
	}
}

// brokenStore fails as told.
type brokenStore struct {
	CallbackStore
	handledErr, markErr error
}

func (s brokenStore) Handled(ctx context.Context, id string) ([]Status, error) {
	if s.handledErr != nil {
		return nil, s.handledErr
	}
	return s.CallbackStore.Handled(ctx, id)
}

func (s brokenStore) Mark(ctx context.Context, id string, st Status) error {
	if s.markErr != nil {
		return s.markErr
	}
	return s.CallbackStore.Mark(ctx, id, st)
}

func TestCallbackStoreFails(t *testing.T) {
	rec := &recorder{}
	h := NewCallbackHandler(cbKey, cbToken, rec.fn,
		WithCallbackStore(brokenStore{CallbackStore: NewMemoryCallbackStore(0), handledErr: errors.New("down")}))
	want(t, serve(h, signed(cbBody("tx-1", StatusSuccess))), 500, "cannot read")
	if rec.n() != 0 {
		t.Error("fn called although duplicates could not be checked")
	}
	store := NewMemoryCallbackStore(0)
	h = NewCallbackHandler(cbKey, cbToken, rec.fn,
		WithCallbackStore(brokenStore{CallbackStore: store, markErr: errors.New("down")}))
	want(t, serve(h, signed(cbBody("tx-1", StatusSuccess))), 500, "cannot record")
	if rec.n() != 1 {
		t.Errorf("fn called %d times, want 1", rec.n())
	}
	if got, _ := store.Handled(context.Background(), "tx-1"); len(got) != 0 {
		t.Errorf("store holds %v", got)
	}
}

func TestMemoryCallbackStore(t *testing.T) {
	ctx := context.Background()
	s := NewMemoryCallbackStore(2)
	for _, m := range []struct {
		id string
		st Status
	}{{"a", StatusPending}, {"a", StatusSuccess}, {"a", StatusSuccess}, {"b", StatusSuccess}} {
		if err := s.Mark(ctx, m.id, m.st); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := s.Handled(ctx, "a")
	if fmt.Sprint(got) != "[pending success]" {
		t.Errorf("Handled(a) = %v", got)
	}
	got[0] = "changed" // a copy: the store must not change
	if again, _ := s.Handled(ctx, "a"); again[0] != StatusPending {
		t.Error("Handled returned the store's own slice")
	}
	// A third transaction pushes out the oldest, a, but not b.
	s.Mark(ctx, "c", StatusFailed)
	for id, want := range map[string]string{"a": "[]", "b": "[success]", "c": "[failed]", "x": "[]"} {
		if got, _ := s.Handled(ctx, id); fmt.Sprint(got) != want {
			t.Errorf("Handled(%s) = %v, want %s", id, got, want)
		}
	}
	s.Mark(ctx, "d", StatusFailed)
	s.Mark(ctx, "e", StatusFailed)
	for id, want := range map[string]string{"b": "[]", "c": "[]", "d": "[failed]", "e": "[failed]"} {
		if got, _ := s.Handled(ctx, id); fmt.Sprint(got) != want {
			t.Errorf("after d, e: Handled(%s) = %v, want %s", id, got, want)
		}
	}
	if m := s.(*memoryStore); len(m.handled) != 2 || len(m.order) != 2 {
		t.Errorf("store holds %d transactions in a ring of %d", len(m.handled), len(m.order))
	}
}

func TestNewCallbackHandlerWithoutFunction(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	NewCallbackHandler(cbKey, cbToken, nil)
}

func TestCallbackWaiterGivesUp(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan struct{})
	h := NewCallbackHandler(cbKey, cbToken, func(ctx context.Context, tx Transaction) error {
		close(entered)
		<-release
		return nil
	})
	body := cbBody("tx-1", StatusSuccess)
	first := make(chan int)
	go func() { first <- serve(h, signed(body)).Code }()
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	want(t, serve(h, signed(body).WithContext(ctx)), 503, "gave up waiting")
	close(release)
	if code := <-first; code != 200 {
		t.Errorf("first delivery %d", code)
	}
	if n := len(h.locks.locks); n != 0 {
		t.Errorf("%d locks left behind", n)
	}
}

// BenchmarkCallbackHandler measures callbacks handled per second in
// process: "new" verifies, decodes and calls the function for a callback
// not seen before (a store that remembers nothing), "duplicate" drops a
// redelivery, and "json_encode" verifies a signature over the re-encoded
// body, the slow reading.
func BenchmarkCallbackHandler(b *testing.B) {
	body := cbBody("8c6f2b1e-4d3a-4e5f-9a7b-1c2d3e4f5a6b", StatusSuccess)
	spaced := bytes.ReplaceAll(body, []byte(","), []byte(", "))
	php, err := reencodePHP(spaced)
	if err != nil {
		b.Fatal(err)
	}
	nop := func(context.Context, Transaction) error { return nil }
	for _, c := range []struct {
		name          string
		body, sigOver []byte
		store         CallbackStore
	}{
		{"new", body, body, forgetful{}},
		{"duplicate", body, body, nil},
		{"json_encode", spaced, php, forgetful{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var opts []CallbackOption
			if c.store != nil {
				opts = append(opts, WithCallbackStore(c.store))
			}
			h := NewCallbackHandler(cbKey, cbToken, nop, opts...)
			sig := Sign(cbKey, cbToken, c.sigOver)
			r := httptest.NewRequest(http.MethodPost, "/notify", nil)
			r.Header.Set(HeaderClientKey, cbKey)
			r.Header.Set(HeaderSignature, sig)
			rd := bytes.NewReader(nil)
			r.Body = io.NopCloser(rd)
			r.ContentLength = int64(len(c.body))
			serve(h, signed(body)) // the duplicate case's first delivery
			b.ReportAllocs()
			for b.Loop() {
				rd.Reset(c.body)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("answer %d %s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "callbacks/s")
		})
	}
}

// forgetful is a store that remembers nothing, so that every delivery of
// one body is handled as new.
type forgetful struct{}

func (forgetful) Handled(context.Context, string) ([]Status, error) { return nil, nil }
func (forgetful) Mark(context.Context, string, Status) error        { return nil }

// randomJSON writes a random JSON value as a sender other than PHP might:
// white space anywhere, strings with raw and escaped non-ASCII, slashes and
// control characters, numbers in every notation, repeated keys.
func randomJSON(r *rand.Rand, b *strings.Builder, depth int) {
	space := func() {
		if r.Intn(3) == 0 {
			b.WriteString([]string{" ", "\n", "\t ", "\r\n  "}[r.Intn(4)])
		}
	}
	space()
	switch k := r.Intn(10); {
	case k < 2 && depth < 4:
		b.WriteByte('{')
		keys := []string{"id", "status", "amount", "a/b", "é", ""}
		for i := range r.Intn(5) {
			if i > 0 {
				b.WriteByte(',')
			}
			space()
			randomString(r, b, keys[r.Intn(len(keys))])
			space()
			b.WriteByte(':')
			randomJSON(r, b, depth+1)
		}
		space()
		b.WriteByte('}')
	case k < 4 && depth < 4:
		b.WriteByte('[')
		for i := range r.Intn(4) {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(r, b, depth+1)
		}
		space()
		b.WriteByte(']')
	case k < 6:
		pool := []rune("aZ09 /\\\"\t\u001féü北😀\u2028<>&'")
		var s []rune
		for range r.Intn(8) {
			s = append(s, pool[r.Intn(len(pool))])
		}
		randomString(r, b, string(s))
	case k < 8:
		b.WriteString([]string{"0", "-0", "10000", "-12", "10000.0", "85.50", "1e4", "1E+2", "-1.5e-7",
			"0.00001", "1e17", "1e16", "9223372036854775807", "9223372036854775808", "3.14159265358979323846",
			"123456789012345678901", "5e-324", "0.0001"}[r.Intn(18)])
	default:
		b.WriteString([]string{"true", "false", "null"}[r.Intn(3)])
	}
	space()
}

// randomString writes s as a JSON string, each character either as it is
// (when JSON allows) or escaped, in either case of hex.
func randomString(r *rand.Rand, b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteString(`\` + string(c))
		case c == '/' && r.Intn(2) == 0:
			b.WriteString(`\/`)
		case c < 0x20 || (c > 0x7e && r.Intn(2) == 0):
			for _, u := range utf16.Encode([]rune{c}) {
				h := fmt.Sprintf(`\u%04x`, u)
				if r.Intn(2) == 0 {
					h = `\u` + strings.ToUpper(h[2:])
				}
				b.WriteString(h)
			}
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
}

// unescapedSlash reports whether b has a '/' not written as json_encode
// writes it, "\/".
func unescapedSlash(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++ // skips the escaped character: \/ is how json_encode writes a slash
		case '/':
			return true
		}
	}
	return false
}

func TestPropertyReencodePHP(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 1000
	params.Rng.Seed(20261202)
	props := gopter.NewProperties(params)
	genBody := func(p *gopter.GenParameters) *gopter.GenResult {
		var b strings.Builder
		randomJSON(p.Rng, &b, 0)
		return gopter.NewGenResult(b.String(), gopter.NoShrinker)
	}
	props.Property("json_encode's form is compact ASCII, means what the body means, and is its own form", prop.ForAll(
		func(body string) bool {
			out, err := reencodePHP([]byte(body))
			if err != nil {
				t.Logf("%s: %v", body, err)
				return false
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, out); err != nil || !bytes.Equal(compact.Bytes(), out) {
				t.Logf("%s: not compact JSON: %s", body, out)
				return false
			}
			for _, c := range out {
				if c >= utf8.RuneSelf {
					t.Logf("%s: not ASCII: %s", body, out)
					return false
				}
			}
			if unescapedSlash(out) {
				t.Logf("%s: an unescaped slash: %s", body, out)
				return false
			}
			var a, b any
			if json.Unmarshal([]byte(body), &a) != nil || json.Unmarshal(out, &b) != nil || !reflect.DeepEqual(a, b) {
				t.Logf("%s: means %v, its form %s means %v", body, a, out, b)
				return false
			}
			again, err := reencodePHP(out)
			if err != nil || !bytes.Equal(again, out) {
				t.Logf("%s: form %s, its form %s, %v", body, out, again, err)
				return false
			}
			return true
		}, gopter.Gen(genBody)))
	props.TestingRun(t)
}
