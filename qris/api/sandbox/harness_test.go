package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// clock is a settable Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2025, 3, 23, 9, 54, 58, 250e6, jakarta)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fakeDynamic stands in for the QRIS conversion in handler tests: its
// output shows exactly which amount and label the handler asked for.
func fakeDynamic(static string, amount int64, label string) (string, error) {
	return fmt.Sprintf("DYN|%d|%s|%d", amount, label, len(static)), nil
}

func fakeImage(content string) (string, error) {
	return base64.StdEncoding.EncodeToString([]byte("PNG:" + content)), nil
}

var otherClient = Client{Key: "shop-2", Token: "token-2"}

// harness is a sandbox behind its handler, with a settable clock.
type harness struct {
	t     *testing.T
	s     *Server
	clock *clock
}

// newHarness starts a sandbox on a fresh database file with the fakes and
// two clients; edit adjusts the config first.
func newHarness(t *testing.T, edit func(*Config)) *harness {
	t.Helper()
	c := newClock()
	cfg := Config{
		DB:       filepath.Join(t.TempDir(), "sandbox.db"),
		Clients:  []Client{DemoClient(), otherClient},
		Dynamic:  fakeDynamic,
		Image:    fakeImage,
		Now:      c.Now,
		Callback: CallbackConfig{Backoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, Timeout: 2 * time.Second},
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &harness{t: t, s: s, clock: c}
}

// call sends a request signed as client (nil: unsigned, no headers).
func (h *harness) call(client *Client, method, path, body string) *httptest.ResponseRecorder {
	h.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if client != nil {
		sign(r, *client, body)
	}
	w := httptest.NewRecorder()
	h.s.Handler().ServeHTTP(w, r)
	return w
}

// sign sets the three headers for body as the gateway documents them.
func sign(r *http.Request, c Client, body string) {
	r.Header.Set(HeaderClientKey, c.Key)
	r.Header.Set(HeaderClientToken, c.Token)
	r.Header.Set(HeaderSignature, api.Sign(c.Key, c.Token, []byte(body)))
}

var demo = DemoClient()

func requestBody(ref string, amount int64, extra string) string {
	return fmt.Sprintf(`{"reference":%q,"amount":%d,%s"viewName":"Toko Contoh","additionalInfo":{"callback":"http://127.0.0.1:1/notify"}}`, ref, amount, extra)
}

// create makes a transaction and returns it.
func (h *harness) create(client Client, ref string, amount int64) *api.Transaction {
	h.t.Helper()
	w := h.call(&client, "POST", "/api/qris", requestBody(ref, amount, ""))
	return mustOK(h.t, w)
}

// mustOK decodes a 200 answer strictly and returns its responseData.
func mustOK(t *testing.T, w *httptest.ResponseRecorder) *api.Transaction {
	t.Helper()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d, body %s", w.Code, w.Body)
	}
	resp, err := api.DecodeResponse(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("decoding %s: %v", w.Body, err)
	}
	if resp.ResponseCode != 200 || resp.ResponseMessage != "success" || resp.ResponseData == nil {
		t.Fatalf("envelope %+v", resp)
	}
	return resp.ResponseData
}

// errorAnswer is the error envelope, decoded strictly.
type errorAnswer struct {
	ResponseCode    int          `json:"responseCode"`
	ResponseMessage string       `json:"responseMessage"`
	ErrorCode       string       `json:"errorCode"`
	Errors          []fieldFault `json:"errors"`
	TransactionID   string       `json:"transactionId"`
}

// mustFail checks an error answer: the status, the envelope repeating it,
// the error code, an errors list (empty or not), and a message containing
// want. It returns the envelope.
func mustFail(t *testing.T, w *httptest.ResponseRecorder, status int, code, want string) errorAnswer {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body %s", w.Code, status, w.Body)
	}
	return checkError(t, w.Header(), w.Body.Bytes(), status, code, want)
}

func checkError(t *testing.T, h http.Header, body []byte, status int, code, want string) errorAnswer {
	t.Helper()
	if ct := h.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var e errorAnswer
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	if !bytes.Contains(body, []byte(`"errors":[`)) {
		t.Errorf("no errors list in %s", body)
	}
	if e.ResponseCode != status || e.ErrorCode != code {
		t.Errorf("envelope %+v, want code %d and errorCode %s", e, status, code)
	}
	if !strings.Contains(e.ResponseMessage, want) {
		t.Errorf("message %q does not contain %q", e.ResponseMessage, want)
	}
	return e
}

func newRequest(method, path, body string) *http.Request {
	return httptest.NewRequest(method, path, strings.NewReader(body))
}

func serve(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

// callbacks lists the transaction's callbacks through the API.
func (h *harness) callbacks(id string) []callbackView {
	h.t.Helper()
	w := h.call(&demo, "GET", "/api/qris/"+id+"/callbacks", "")
	if w.Code != http.StatusOK {
		h.t.Fatalf("callbacks: status %d, body %s", w.Code, w.Body)
	}
	var env struct {
		ResponseCode    int    `json:"responseCode"`
		ResponseMessage string `json:"responseMessage"`
		ResponseData    struct {
			Callbacks []callbackView `json:"callbacks"`
		} `json:"responseData"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &env); err != nil {
		h.t.Fatalf("callbacks: %v in %s", err, w.Body)
	}
	return env.ResponseData.Callbacks
}
