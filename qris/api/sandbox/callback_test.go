package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// receiver is a callback endpoint on loopback that answers each call with
// the next status of a script (the last one repeats) and keeps what it got.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	script []int
	hold   chan struct{} // when set, each call waits for it to close
	got    []delivered
	notify chan struct{}
}

type delivered struct {
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, script ...int) *receiver {
	rc := &receiver{script: script, notify: make(chan struct{}, 100)}
	rc.Server = httptest.NewServer(http.HandlerFunc(rc.serve))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	rc.got = append(rc.got, delivered{r.Header.Clone(), body})
	code := rc.script[min(len(rc.got), len(rc.script))-1]
	hold := rc.hold
	rc.mu.Unlock()
	rc.notify <- struct{}{}
	if hold != nil {
		select {
		case <-hold:
		case <-r.Context().Done():
			return
		}
	}
	if code == http.StatusFound {
		w.Header().Set("Location", "/elsewhere")
	}
	w.WriteHeader(code)
}

func (rc *receiver) calls() []delivered {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]delivered(nil), rc.got...)
}

// payWithCallback creates a transaction whose callback is url and pays it.
func (h *harness) payWithCallback(url, outcome string) *api.Transaction {
	h.t.Helper()
	body := `{"reference":"R-cb","amount":10000,"viewName":"V","additionalInfo":{"callback":"` + url + `"}}`
	tx := mustOK(h.t, h.call(&demo, "POST", "/api/qris", body))
	mustOK(h.t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", outcome))
	return tx
}

// waitState polls the callbacks route until the first callback reaches
// state, for at most 10 seconds.
func (h *harness) waitState(id, state string) callbackView {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cbs := h.callbacks(id)
		if len(cbs) == 1 && cbs[0].State == state {
			return cbs[0]
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("callback never reached %s: %+v", state, cbs)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCallbackDelivered(t *testing.T) {
	rc := newReceiver(t, 204)
	h := newHarness(t, nil)
	tx := h.payWithCallback(rc.URL+"/notify?shop=1", `{"status":"failed"}`)
	cb := h.waitState(tx.ID, "delivered")
	if len(cb.Attempts) != 1 || cb.Attempts[0].StatusCode != 204 || cb.Attempts[0].Error != "" || cb.NextAttemptAt != nil {
		t.Errorf("callback %+v", cb)
	}
	if cb.URL != rc.URL+"/notify?shop=1" {
		t.Errorf("url %q", cb.URL)
	}
	calls := rc.calls()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	c := calls[0]
	if c.header.Get(HeaderClientKey) != demo.Key || c.header.Get("Content-Type") != "application/json" ||
		c.header.Get("X-Callback-Attempt") != "1" || c.header.Get(HeaderClientToken) != "" {
		t.Errorf("headers %v", c.header)
	}
	if !api.CheckSignature(demo.Key, demo.Token, c.body, c.header.Get(HeaderSignature)) {
		t.Error("callback signature does not verify with the client's secret")
	}
	// The body is responseData, strictly: the transaction as settled,
	// without the image.
	var got api.Transaction
	if err := api.UnmarshalStrict(c.body, &got); err != nil {
		t.Fatalf("callback body %s: %v", c.body, err)
	}
	if got.ID != tx.ID || got.Status != api.StatusFailed || got.MerchantRef != "R-cb" || got.QRIS.Content != tx.QRIS.Content ||
		got.QRIS.Image != "" || got.QRIS.URL != tx.QRIS.URL || got.TotalAmount != 10085 {
		t.Errorf("callback body %+v", got)
	}
}

func TestCallbackRetries(t *testing.T) {
	tests := []struct {
		name     string
		script   []int
		attempts int
		state    string
		codes    []int
	}{
		{"succeeds on the third attempt", []int{500, 503, 200}, 5, "delivered", []int{500, 503, 200}},
		{"gives up after the last attempt", []int{500}, 3, "failed", []int{500, 500, 500}},
		{"a redirect is not a delivery", []int{302, 200}, 5, "delivered", []int{302, 200}},
		{"a 4xx is retried too", []int{404, 201}, 5, "delivered", []int{404, 201}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := newReceiver(t, tt.script...)
			h := newHarness(t, func(c *Config) { c.Callback.Attempts = tt.attempts })
			tx := h.payWithCallback(rc.URL, "")
			cb := h.waitState(tx.ID, tt.state)
			if len(cb.Attempts) != len(tt.codes) {
				t.Fatalf("%d attempts, want %d: %+v", len(cb.Attempts), len(tt.codes), cb)
			}
			for i, a := range cb.Attempts {
				if a.Attempt != i+1 || a.StatusCode != tt.codes[i] || (a.Error == "") != (a.StatusCode/100 == 2) {
					t.Errorf("attempt %d: %+v", i+1, a)
				}
				if i > 0 && a.At.Before(cb.Attempts[i-1].At) {
					t.Errorf("attempt %d recorded before attempt %d", i+1, i)
				}
			}
			if n := len(rc.calls()); n != len(tt.codes) {
				t.Errorf("receiver saw %d calls, want %d", n, len(tt.codes))
			}
			// Every retry is the same notification, signed the same way.
			calls := rc.calls()
			for i, c := range calls {
				if !bytes.Equal(c.body, calls[0].body) || !api.CheckSignature(demo.Key, demo.Token, c.body, c.header.Get(HeaderSignature)) {
					t.Errorf("retry %d differs or is badly signed", i+1)
				}
			}
		})
	}
}

func TestCallbackUnreachable(t *testing.T) {
	// A port that was just free: nothing listens there.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/notify"
	ln.Close()
	h := newHarness(t, func(c *Config) { c.Callback.Attempts = 2 })
	tx := h.payWithCallback(url, "")
	cb := h.waitState(tx.ID, "failed")
	for _, a := range cb.Attempts {
		if a.StatusCode != 0 || !strings.Contains(a.Error, "connect") {
			t.Errorf("attempt %+v: want a connection error and no status", a)
		}
	}
}

func TestCallbackTimeout(t *testing.T) {
	rc := newReceiver(t, 200)
	rc.hold = make(chan struct{}) // never answers
	defer close(rc.hold)
	h := newHarness(t, func(c *Config) {
		c.Callback.Attempts = 1
		c.Callback.Timeout = 50 * time.Millisecond
	})
	tx := h.payWithCallback(rc.URL, "")
	cb := h.waitState(tx.ID, "failed")
	if a := cb.Attempts[0]; !strings.Contains(a.Error, "deadline exceeded") || a.DurationMS < 50 {
		t.Errorf("attempt %+v: want a timeout after at least 50 ms", a)
	}
}

func TestCallbackUnknownClientGivesUp(t *testing.T) {
	rc := newReceiver(t, 500, 200)
	db := filepath.Join(t.TempDir(), "s.db")
	h := newHarness(t, func(c *Config) {
		c.DB = db
		c.Callback.Backoff = time.Hour // the first attempt fails and waits
		c.Clients = []Client{DemoClient()}
	})
	tx := h.payWithCallback(rc.URL, "")
	h.waitState(tx.ID, "pending")
	for len(h.callbacks(tx.ID)[0].Attempts) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := h.s.Close(); err != nil {
		t.Fatal(err)
	}
	// The client has gone from the configuration: the callback cannot be
	// signed any more, and says so.
	s, err := New(Config{DB: db, Clients: []Client{otherClient}, Dynamic: fakeDynamic, Image: fakeImage})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cbs, err := s.store.callbacksOf(t.Context(), tx.ID)
	if err != nil || len(cbs) != 1 || cbs[0].State != "pending" {
		t.Fatalf("after restart: %+v, %v", cbs, err)
	}
	if _, err := s.store.w.Exec(`UPDATE callbacks SET next_attempt_at = 0`); err != nil {
		t.Fatal(err)
	}
	s.callback.wake()
	deadline := time.Now().Add(10 * time.Second)
	for {
		cbs, err = s.store.callbacksOf(t.Context(), tx.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cbs[0].AttemptLog) == 2 && cbs[0].State != "pending" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no second attempt: %+v", cbs)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if a := cbs[0].AttemptLog[1]; !strings.Contains(a.Err, "no longer configured") {
		t.Errorf("second attempt %+v", a)
	}
	if cbs[0].State != "failed" {
		t.Errorf("state %s: no retry can sign it, so it must be given up at once", cbs[0].State)
	}
	if n := len(rc.calls()); n != 1 {
		t.Errorf("receiver saw %d calls, want 1 (the unsigned one must not be sent)", n)
	}
}

// Callbacks are queued in the database: a server stopped while one is
// still undelivered sends it after the next start.
func TestCallbackSurvivesRestart(t *testing.T) {
	rc := newReceiver(t, 200)
	rc.hold = make(chan struct{})
	db := filepath.Join(t.TempDir(), "s.db")
	cfg := func(c *Config) {
		c.DB = db
		c.ShutdownTimeout = 50 * time.Millisecond
		c.Callback.Backoff = 10 * time.Millisecond
	}
	h := newHarness(t, cfg)
	tx := h.payWithCallback(rc.URL, "")
	<-rc.notify // the first attempt is in flight and held

	start := time.Now()
	if err := h.s.Close(); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 50*time.Millisecond || waited > 5*time.Second {
		t.Errorf("Close waited %v for the attempt in flight, want about ShutdownTimeout (50ms)", waited)
	}
	close(rc.hold)

	h2 := newHarness(t, cfg)
	cb := h2.waitState(tx.ID, "delivered")
	if len(cb.Attempts) != 2 || cb.Attempts[0].StatusCode != 0 || cb.Attempts[0].Error == "" || cb.Attempts[1].StatusCode != 200 {
		t.Errorf("attempts %+v: want the abandoned one, then a delivery", cb.Attempts)
	}
}

// Close waits for an attempt that finishes within ShutdownTimeout.
func TestCloseWaitsForDelivery(t *testing.T) {
	rc := newReceiver(t, 200)
	rc.hold = make(chan struct{})
	db := filepath.Join(t.TempDir(), "s.db")
	h := newHarness(t, func(c *Config) { c.DB = db; c.ShutdownTimeout = 10 * time.Second })
	tx := h.payWithCallback(rc.URL, "")
	<-rc.notify
	go func() {
		time.Sleep(30 * time.Millisecond)
		close(rc.hold)
	}()
	if err := h.s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := New(Config{DB: db, Dynamic: fakeDynamic, Image: fakeImage})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cbs, err := s.store.callbacksOf(t.Context(), tx.ID)
	if err != nil || len(cbs) != 1 || cbs[0].State != "delivered" || len(cbs[0].AttemptLog) != 1 {
		t.Errorf("after Close: %+v, %v", cbs, err)
	}
}

func TestBackoff(t *testing.T) {
	c := CallbackConfig{Backoff: time.Second, MaxBackoff: 10 * time.Second}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	for i, w := range want {
		if got := c.delay(i + 1); got != w {
			t.Errorf("delay(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := c.delay(1000); got != 10*time.Second {
		t.Errorf("delay(1000) = %v: the doubling must stop at the cap", got)
	}
	d := CallbackConfig{}.withDefaults()
	if d.Attempts != 6 || d.Backoff != time.Second || d.MaxBackoff != 30*time.Second || d.Timeout != 10*time.Second || d.Workers != 4 || d.Client == nil {
		t.Errorf("defaults %+v", d)
	}
	if d := (CallbackConfig{Backoff: time.Minute, MaxBackoff: time.Second}).withDefaults(); d.MaxBackoff != time.Minute {
		t.Errorf("a cap below the first wait becomes the first wait, got %v", d.MaxBackoff)
	}
}

// The sandbox's callbacks pass api.CallbackHandler with its defaults:
// the same signature scheme, the same body shape. A duplicate is dropped
// by the handler and a stale pending after the final status is not
// handed on.
func TestCallbacksPassCallbackHandler(t *testing.T) {
	var mu sync.Mutex
	var got []api.Status
	handler := api.NewCallbackHandler(demo.Key, demo.Token, func(_ context.Context, tx api.Transaction) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, tx.Status)
		return nil
	})
	srv := httptest.NewServer(handler)
	defer srv.Close()
	h := newHarness(t, nil)
	for i, faults := range []string{`{"callbacks":"duplicate"}`, `{"callbacks":"out-of-order"}`} {
		body := fmt.Sprintf(`{"reference":"CB-%d","amount":10000,"viewName":"V","additionalInfo":{"callback":%q}}`, i, srv.URL)
		tx := mustOK(t, h.call(&demo, "POST", "/api/qris", body))
		mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", faults))
		deadline := time.Now().Add(10 * time.Second)
		for {
			cbs := h.callbacks(tx.ID)
			if len(cbs) == 2 && cbs[0].State == "delivered" && cbs[1].State == "delivered" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: callbacks %+v", faults, cbs)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != api.StatusSuccess || got[1] != api.StatusSuccess {
		t.Errorf("the handler's function saw %v, want one success a transaction", got)
	}
}
