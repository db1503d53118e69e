package sandbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// The gateway's QRIS page's PHP example, pointed at the sandbox: curl
// with the body as a string and no Content-Type (so curl sends
// application/x-www-form-urlencoded), the three headers filled in. The
// request goes over a raw connection, byte for byte as curl writes it,
// once with the signature over the body as sent and once over
// json_encode(json_decode($body)).
func TestPHPExampleRequest(t *testing.T) {
	body, err := os.ReadFile("../testdata/api-example-request.json") // the gateway's example, unchanged
	if err != nil {
		t.Fatal(err)
	}
	reencoded, err := api.ReencodePHP(body)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http:\/\/your-site-callback.com\/notify"}}`; string(reencoded) != want {
		t.Fatalf("json_encode of the example: %s", reencoded)
	}
	l := startLive(t, Config{DB: MemoryDB, Dynamic: fakeDynamic, Image: fakeImage})
	for i, c := range []struct {
		signed []byte
		over   string
	}{{body, "raw"}, {reencoded, "json_encode"}} {
		ref := fmt.Sprintf("REFF%03d", 12+i)
		sent := bytes.Replace(body, []byte("REFF012"), []byte(ref), 1)
		signed := bytes.Replace(c.signed, []byte("REFF012"), []byte(ref), 1)
		host := strings.TrimPrefix(l.base, "http://")
		req := "POST /api/qris HTTP/1.1\r\n" +
			"Host: " + host + "\r\n" +
			"User-Agent: curl/7.88.1\r\n" +
			"Accept: */*\r\n" +
			"X-Client-Key: " + DemoClientKey + "\r\n" +
			"X-Client-Token: " + DemoClientToken + "\r\n" +
			"X-Signature: " + api.Sign(DemoClientKey, DemoClientToken, signed) + "\r\n" +
			fmt.Sprintf("Content-Length: %d\r\n", len(sent)) +
			"Content-Type: application/x-www-form-urlencoded\r\n" +
			"\r\n" + string(sent)
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != 200 || resp.Header.Get(HeaderSignatureOver) != c.over {
			t.Fatalf("signed over %s: %d %s %v", c.over, resp.StatusCode, got, resp.Header)
		}
		r, err := api.DecodeResponse(bytes.NewReader(got))
		if err != nil || r.ResponseData.MerchantRef != ref || r.ResponseData.Amount != 10000 || r.ResponseData.AdditionalInfo.Callback != "http://your-site-callback.com/notify" {
			t.Errorf("answer %s: %v", got, err)
		}
	}
}

// A body over MaxBodyBytes is answered 413 (read and thrown away, so the
// answer arrives rather than a reset), and the connection stays usable.
func TestTooLargeIsAnAnswer(t *testing.T) {
	l := startLive(t, Config{DB: MemoryDB, Dynamic: fakeDynamic, Image: fakeImage})
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	for _, size := range []int{MaxBodyBytes + 1, 1 << 20, maxDiscard} {
		body := `{"reference":"` + strings.Repeat("a", size) + `"}`
		req, _ := http.NewRequest("POST", l.base+"/api/qris", strings.NewReader(body))
		sign(req, demo, body)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%d bytes: no answer: %v", len(body), err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("%d bytes: %d %s", len(body), resp.StatusCode, got)
		}
		checkError(t, resp.Header, got, 413, "REQUEST_TOO_LARGE", "larger than 65536 bytes")
		// The same connection (one per host) carries the next call.
		body = requestBody(fmt.Sprintf("AFTER-%d", size), 1000, "")
		req, _ = http.NewRequest("POST", l.base+"/api/qris", strings.NewReader(body))
		sign(req, demo, body)
		resp, err = client.Do(req)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("the call after %d bytes: %v %v", size, resp, err)
		}
		resp.Body.Close()
	}
}

func TestFaultAmounts(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Faults = true })
	for _, f := range FaultAmounts() {
		if f.Slow || f.Drop {
			continue
		}
		t.Run(fmt.Sprint(f.Amount), func(t *testing.T) {
			w := h.call(&demo, "POST", "/api/qris", requestBody(fmt.Sprintf("F-%d", f.Amount), f.Amount, ""))
			e := mustFail(t, w, f.Status, f.Code, f.Message)
			if e.TransactionID != "" {
				t.Errorf("an injected error names transaction %s", e.TransactionID)
			}
		})
	}
	// Nothing was stored, and the same amounts under another reference
	// fail the same way: faults follow the amount.
	if n, _ := h.s.store.count(t.Context()); n != 0 {
		t.Errorf("injected errors stored %d transactions", n)
	}
	// A request that is invalid is refused as invalid, whatever its
	// amount: faults come after validation.
	mustFail(t, h.call(&demo, "POST", "/api/qris", `{"amount":4001}`), 422, "REQUEST_INVALID", "reference: missing")
	// Round amounts are never magic.
	h.create(demo, "ROUND", 4000)

	// Off (the default), the magic amounts are amounts.
	off := newHarness(t, nil)
	for _, f := range FaultAmounts() {
		off.create(demo, fmt.Sprintf("F-%d", f.Amount), f.Amount)
	}
}

func TestFaultSlow(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Faults = true; c.FaultDelay = 150 * time.Millisecond })
	start := time.Now()
	tx := h.create(demo, "SLOW", FaultSlow)
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("the slow fault answered after %v, before its delay", waited)
	}
	if tx.Amount != FaultSlow || tx.Status != api.StatusPending {
		t.Errorf("slow create %+v", tx)
	}
	if d := newHarness(t, func(c *Config) { c.Faults = true }); d.s.cfg.FaultDelay != DefaultFaultDelay {
		t.Errorf("default delay %v", d.s.cfg.FaultDelay)
	}
}

// post sends a signed create over real HTTP and returns the status and
// body, or the transport error.
func post(client *http.Client, base string, c Client, body string) (int, []byte, error) {
	req, err := http.NewRequest("POST", base+"/api/qris", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	sign(req, c, body)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// The lost answer: 50 concurrent creates whose first answer is dropped
// after the transaction was stored, each retried with the same
// reference. Every retry meets 409 DUPLICATE_REFERENCE naming the stored
// transaction, and the store holds exactly one transaction a reference.
func TestLostAnswer(t *testing.T) {
	const tries = 50
	l := startLive(t, Config{DB: t.TempDir() + "/lost.db", Dynamic: fakeDynamic, Image: fakeImage, Faults: true})
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: tries}}
	defer client.CloseIdleConnections()
	ids := make([]string, tries)
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	parallel(tries, tries, func(i int) {
		body := requestBody(fmt.Sprintf("LOST-%02d", i), FaultDrop, "")
		code, b, err := post(client, l.base, demo, body)
		if err == nil {
			fail("try %d: the first answer was not dropped: %d %s", i, code, b)
			return
		}
		// The retry, as a client that lost the answer sends it.
		for attempt := 0; ; attempt++ {
			code, b, err = post(client, l.base, demo, body)
			if err == nil || attempt == 3 {
				break
			}
		}
		if err != nil || code != http.StatusConflict {
			fail("try %d: retry %d %s %v", i, code, b, err)
			return
		}
		var e errorAnswer
		if err := json.Unmarshal(b, &e); err != nil || e.ErrorCode != "DUPLICATE_REFERENCE" || e.TransactionID == "" {
			fail("try %d: retry answered %s (%v)", i, b, err)
			return
		}
		ids[i] = e.TransactionID
	})
	for _, f := range failures {
		t.Error(f)
	}
	if n, err := l.s.store.count(t.Context()); err != nil || n != tries {
		t.Fatalf("the store holds %d transactions (%v), want %d", n, err, tries)
	}
	for i, id := range ids {
		got, err := l.s.store.byReference(t.Context(), demo.Key, fmt.Sprintf("LOST-%02d", i))
		if err != nil || got != id {
			t.Errorf("reference LOST-%02d: stored %s (%v), the 409 named %s", i, got, err, id)
		}
	}
}

// Callback faults, chosen in the pay request: the same notification
// twice, a stale one after the final one, and a payment after expiry.
func TestCallbackFaults(t *testing.T) {
	t.Run("duplicate", func(t *testing.T) {
		rc := newReceiver(t, 200)
		h := newHarness(t, nil)
		tx := h.payWithCallback(rc.URL, `{"callbacks":"duplicate"}`)
		calls := waitCalls(t, rc, 2)
		if !bytes.Equal(calls[0].body, calls[1].body) {
			t.Errorf("the duplicates differ:\n%s\n%s", calls[0].body, calls[1].body)
		}
		for _, c := range calls {
			checkNotification(t, c, tx.ID, api.StatusSuccess)
		}
		if cbs := h.callbacks(tx.ID); len(cbs) != 2 {
			t.Errorf("%d callbacks recorded, want 2", len(cbs))
		}
	})
	t.Run("out of order", func(t *testing.T) {
		rc := newReceiver(t, 200)
		h := newHarness(t, nil)
		tx := h.payWithCallback(rc.URL, `{"status":"failed","callbacks":"out-of-order"}`)
		calls := waitCalls(t, rc, 2)
		checkNotification(t, calls[0], tx.ID, api.StatusFailed)
		checkNotification(t, calls[1], tx.ID, api.StatusPending) // stale, and last
	})
	t.Run("after expiry", func(t *testing.T) {
		rc := newReceiver(t, 200)
		h := newHarness(t, nil)
		body := `{"reference":"LATE","amount":10000,"viewName":"V","additionalInfo":{"callback":"` + rc.URL + `"}}`
		tx := mustOK(t, h.call(&demo, "POST", "/api/qris", body))
		h.clock.Advance(31 * time.Minute)
		mustFail(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""), 409, "TRANSACTION_EXPIRED", `{"afterExpiry":true}`)
		paid := mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", `{"afterExpiry":true}`))
		if paid.Status != api.StatusSuccess || !paid.ExpiredDate.Equal(tx.ExpiredDate) {
			t.Errorf("late payment %+v", paid)
		}
		got := checkNotification(t, waitCalls(t, rc, 1)[0], tx.ID, api.StatusSuccess)
		if !got.ExpiredDate.Before(h.clock.Now()) {
			t.Errorf("the late notification's expiredDate %v is not in the past", got.ExpiredDate)
		}
	})
	t.Run("after expiry, not yet expired", func(t *testing.T) {
		rc := newReceiver(t, 200)
		h := newHarness(t, nil)
		tx := h.payWithCallback(rc.URL, `{"afterExpiry":true}`)
		got := checkNotification(t, waitCalls(t, rc, 1)[0], tx.ID, api.StatusSuccess)
		if !got.ExpiredDate.Before(h.clock.Now()) || !got.ExpiredDate.Before(tx.ExpiredDate) {
			t.Errorf("expiredDate %v: want it moved before now (%v)", got.ExpiredDate, h.clock.Now())
		}
		// Settled is settled, late or not.
		mustFail(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", `{"afterExpiry":true}`), 409, "TRANSACTION_SETTLED", "already success")
	})
}

// waitCalls waits up to 10 s for the receiver to have n calls, then a
// little more to be sure no further one comes.
func waitCalls(t *testing.T, rc *receiver, n int) []delivered {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(rc.calls()) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d callbacks, want %d", len(rc.calls()), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(staleDelay + 100*time.Millisecond)
	calls := rc.calls()
	if len(calls) != n {
		t.Fatalf("%d callbacks, want %d", len(calls), n)
	}
	return calls
}

// checkNotification checks a callback's signature (api.Sign over the
// bytes received, keyed by the client's token), that its body is
// json_encode's form, and its transaction.
func checkNotification(t *testing.T, c delivered, id string, status api.Status) api.Transaction {
	t.Helper()
	if c.header.Get(HeaderClientKey) != demo.Key || !api.CheckSignature(demo.Key, demo.Token, c.body, c.header.Get(HeaderSignature)) {
		t.Errorf("callback not signed for the demo client: %v", c.header)
	}
	if again, err := api.ReencodePHP(c.body); err != nil || !bytes.Equal(again, c.body) {
		t.Errorf("callback body is not json_encode's form:\n%s\n%s", c.body, again)
	}
	var tx api.Transaction
	if err := api.UnmarshalStrict(c.body, &tx); err != nil || tx.ID != id || tx.Status != status {
		t.Errorf("callback %s: %v; want %s %s", c.body, err, id, status)
	}
	return tx
}

// The same over a raw connection that writes the whole request before it
// reads: a server that stops reading early makes this writer's kernel
// meet a reset.
func TestTooLargeRawConnection(t *testing.T) {
	l := startLive(t, Config{DB: MemoryDB, Dynamic: fakeDynamic, Image: fakeImage})
	host := strings.TrimPrefix(l.base, "http://")
	for _, size := range []int{1 << 20, maxDiscard - 100} {
		body := `{"reference":"` + strings.Repeat("a", size) + `"}`
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		conn.SetDeadline(time.Now().Add(15 * time.Second))
		head := fmt.Sprintf("POST /api/qris HTTP/1.1\r\nHost: %s\r\nX-Client-Key: %s\r\nX-Client-Token: %s\r\nX-Signature: %s\r\nContent-Length: %d\r\n\r\n",
			host, demo.Key, demo.Token, api.Sign(demo.Key, demo.Token, []byte(body)), len(body))
		if _, err := io.WriteString(conn, head+body); err != nil {
			t.Fatalf("%d bytes: writing: %v", len(body), err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%d bytes: reading the answer: %v", len(body), err)
		}
		got, err := io.ReadAll(resp.Body)
		conn.Close()
		if err != nil || resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("%d bytes: %d %s %v", len(body), resp.StatusCode, got, err)
		}
	}
}
