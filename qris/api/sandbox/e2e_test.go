package sandbox

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/internal/loopback"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/render/scan"
)

// live is a sandbox served by Serve on a loopback port, driven over real
// HTTP.
type live struct {
	t      *testing.T
	s      *Server
	base   string
	client *http.Client
	stop   func() // cancels Serve and waits for it
}

func startLive(t *testing.T, cfg Config) *live {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	addr, stop := loopback.Serve(t, s)
	l := &live{
		t: t, s: s, base: "http://" + addr,
		client: &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 32},
		},
	}
	l.stop = func() {
		stop()
		l.client.CloseIdleConnections()
	}
	t.Cleanup(l.stop)
	return l
}

// do sends a signed request and returns the status and body.
func (l *live) do(c Client, method, path, body string) (int, []byte, error) {
	req, err := http.NewRequest(method, l.base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	sign(req, c, body)
	resp, err := l.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// ok sends a signed request that must succeed and returns responseData.
func (l *live) ok(c Client, method, path, body string) *api.Transaction {
	l.t.Helper()
	code, b, err := l.do(c, method, path, body)
	if err != nil {
		l.t.Fatal(err)
	}
	if code != 200 {
		l.t.Fatalf("%s %s: %d %s", method, path, code, b)
	}
	resp, err := api.DecodeResponse(bytes.NewReader(b))
	if err != nil {
		l.t.Fatalf("%s %s: %v in %s", method, path, err, b)
	}
	return resp.ResponseData
}

func (l *live) get(path string) (int, string, []byte) {
	l.t.Helper()
	resp, err := l.client.Get(path)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		l.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// TestEndToEnd drives a real server over loopback: create, look up, open
// the payer's page and image, pay, receive the callback, and the expiry
// path.
func TestEndToEnd(t *testing.T) {
	rc := newReceiver(t, 200)
	clk := newClock()
	// The real conversion and rendering: Dynamic and Image left nil.
	l := startLive(t, Config{DB: t.TempDir() + "/sandbox.db", Now: clk.Now})

	body := fmt.Sprintf(`{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":%q}}`, rc.URL+"/notify")
	code, raw, err := l.do(demo, "POST", "/api/qris", body)
	if err != nil || code != 200 {
		t.Fatalf("create: %d %s %v", code, raw, err)
	}
	// The answer passes `qris verify` against the request and the merchant.
	req, err := api.ParseRequest([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	problems, err := api.VerifyResponse(raw, api.VerifyOptions{Request: &req, Merchant: DemoMerchant, Now: clk.Now()})
	if err != nil || len(problems) != 0 {
		t.Errorf("VerifyResponse: %v, %+v", err, problems)
	}
	resp, err := api.DecodeResponse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	created := resp.ResponseData
	checkTransaction(t, created, 10000, 85)
	if created.Status != api.StatusPending || created.MerchantRef != "REFF012" {
		t.Fatalf("created %+v", created)
	}
	if want := l.base + "/qris/" + created.ID + "/page"; created.QRIS.URL != want {
		t.Errorf("qris.url %q, want %q", created.QRIS.URL, want)
	}

	// The image scans back to the content, and the PNG route serves the
	// same bytes.
	png, err := base64.StdEncoding.DecodeString(created.QRIS.Image)
	if err != nil {
		t.Fatalf("qris.image is not base64: %v", err)
	}
	if got, err := scan.Bytes(png); err != nil || got != created.QRIS.Content {
		t.Errorf("scanning qris.image: %q, %v; want the content", got, err)
	}
	code, ct, served := l.get(l.base + "/qris/" + created.ID + "/image.png")
	if code != 200 || ct != "image/png" || !bytes.Equal(served, png) {
		t.Errorf("image.png: %d %s, %d bytes (qris.image has %d)", code, ct, len(served), len(png))
	}
	code, _, page := l.get(created.QRIS.URL)
	if code != 200 || !bytes.Contains(page, []byte("Waiting for payment")) {
		t.Errorf("payer page: %d %s", code, page)
	}

	got := l.ok(demo, "GET", "/api/qris/"+created.ID, "")
	if got.Status != api.StatusPending || got.QRIS.Content != created.QRIS.Content {
		t.Errorf("GET %+v", got)
	}

	paid := l.ok(demo, "POST", "/api/qris/"+created.ID+"/pay", "")
	if paid.Status != api.StatusSuccess {
		t.Fatalf("pay answered %s", paid.Status)
	}
	select {
	case <-rc.notify:
	case <-time.After(10 * time.Second):
		t.Fatal("no callback within 10 s")
	}
	cb := rc.calls()[0]
	if !api.CheckSignature(demo.Key, demo.Token, cb.body, cb.header.Get(HeaderSignature)) || cb.header.Get(HeaderClientKey) != demo.Key {
		t.Errorf("callback not signed for the demo client: %v", cb.header)
	}
	var note api.Transaction
	if err := api.UnmarshalStrict(cb.body, &note); err != nil || note.ID != created.ID || note.Status != api.StatusSuccess {
		t.Errorf("callback body %s: %v", cb.body, err)
	}
	code, _, page = l.get(created.QRIS.URL)
	if code != 200 || !bytes.Contains(page, []byte("Payment successful")) {
		t.Errorf("payer page after payment: %d", code)
	}

	// The expiry path: a transaction nobody pays.
	late := l.ok(demo, "POST", "/api/qris", strings.Replace(body, "REFF012", "REFF013", 1))
	clk.Advance(31 * time.Minute)
	if got := l.ok(demo, "GET", "/api/qris/"+late.ID, ""); got.Status != api.StatusExpired {
		t.Errorf("after 31 minutes: %s, want expired", got.Status)
	}
	if code, b, err := l.do(demo, "POST", "/api/qris/"+late.ID+"/pay", ""); err != nil || code != http.StatusConflict {
		t.Errorf("paying an expired transaction: %d %s %v", code, b, err)
	}
	code, _, page = l.get(late.QRIS.URL)
	if code != 200 || !bytes.Contains(page, []byte("Payment expired")) {
		t.Errorf("payer page after expiry: %d", code)
	}
	if n := len(rc.calls()); n != 1 {
		t.Errorf("receiver got %d callbacks, want 1", n)
	}

	// Serve stops cleanly when its context ends, and the port closes.
	l.stop()
	if _, _, err := l.do(demo, "GET", "/api/qris/"+created.ID, ""); err == nil {
		t.Error("the server still answers after stop")
	} else if !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "refused") {
		t.Logf("after stop: %v", err)
	}
}

// checkTransaction checks the contract's arithmetic on a created
// transaction, and that its content is a valid dynamic QRIS of the demo
// merchant charging the payable amount, with the id's reference label.
func checkTransaction(t *testing.T, tx *api.Transaction, amount, fee int64) {
	t.Helper()
	if tx.Amount != amount || tx.Fee != fee || tx.TotalAmount != amount+fee {
		t.Errorf("amounts %d + %d = %d, want %d + %d", tx.Amount, tx.Fee, tx.TotalAmount, amount, fee)
	}
	if _, off := tx.ExpiredDate.Zone(); off != 7*3600 {
		t.Errorf("expiredDate offset %d, want +07:00", off)
	}
	if problems := qris.Validate(tx.QRIS.Content, qris.Options{Strict: true}); len(problems) != 0 {
		t.Errorf("content %s has problems: %+v", tx.QRIS.Content, problems)
	}
	p, err := qris.Decode(tx.QRIS.Content)
	if err != nil {
		t.Fatalf("content %s: %v", tx.QRIS.Content, err)
	}
	payable := tx.FeePayer.Payable(tx.Amount, tx.Fee)
	label := strings.ReplaceAll(tx.ID, "-", "")[:16]
	if !p.IsDynamic() || !p.Amount.Equal(qris.Amount(strconv.FormatInt(payable, 10))) || p.AdditionalData.ReferenceLabel != label {
		t.Errorf("content: dynamic %v, amount %s, 62.05 %q; want dynamic, %d, %q", p.IsDynamic(), p.Amount, p.AdditionalData.ReferenceLabel, payable, label)
	}
	// The merchant is the demo merchant's, untouched.
	if p.MerchantName != "TOKO CONTOH" || p.National.NMID != "ID1020000000001" || p.AdditionalData.TerminalLabel != "A01" {
		t.Errorf("content changed the merchant: %+v", p)
	}
}

// The payable amount follows the fee payer: with the merchant paying, the
// code charges amount, not totalAmount.
func TestEndToEndMerchantPays(t *testing.T) {
	rule := FeeRule{PerMillion: 7000}
	l := startLive(t, Config{DB: MemoryDB, FeePayer: api.FeePayerMerchant, Fee: &rule})
	code, raw, err := l.do(demo, "POST", "/api/qris", requestBody("R1", 15072, ""))
	if err != nil || code != 200 {
		t.Fatalf("create: %d %s %v", code, raw, err)
	}
	if problems, err := api.VerifyResponse(raw, api.VerifyOptions{Merchant: DemoMerchant}); err != nil || len(problems) != 0 {
		t.Errorf("VerifyResponse: %v, %+v", err, problems)
	}
	resp, err := api.DecodeResponse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	tx := resp.ResponseData
	checkTransaction(t, tx, 15072, 106)
	if p, err := qris.Decode(tx.QRIS.Content); err != nil || p.Amount.String() != "15072" {
		t.Errorf("merchant pays: content amount %v, %v; want 15072", p.Amount, err)
	}
}
