package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func TestCheckStatus(t *testing.T) {
	g, c, _ := newFake(t)
	ctx := context.Background()
	tx, err := c.CreateQRIS(ctx, request("INV-check"))
	if err != nil {
		t.Fatal(err)
	}
	body := *tx
	body.Extra = nil
	got, err := c.CheckStatus(ctx, body)
	if err != nil || got.ID != tx.ID || got.Status != api.StatusPending || got.Extra == nil {
		t.Fatalf("CheckStatus = %+v, %v", got, err)
	}
	// A callback saying success for what the gateway holds as pending gets
	// the gateway's record, pending.
	body.Status = api.StatusSuccess
	if got, err := c.CheckStatus(ctx, body); err != nil || got.Status != api.StatusPending {
		t.Errorf("success claimed: %+v, %v; want the pending record", got, err)
	}
	body.ID = "00000000-0000-4000-8000-000000000000"
	if _, err := c.CheckStatus(ctx, body); !errors.Is(err, api.ErrTransactionNotFound) {
		t.Errorf("unknown id: err = %v, want ErrTransactionNotFound", err)
	}
	// The list cannot filter failed transactions: the body is trusted.
	before := g.Lists.Load()
	body.Status = api.StatusFailed
	if got, err := c.CheckStatus(ctx, body); err != nil || got != body || g.Lists.Load() != before {
		t.Errorf("failed: %+v, %v, %d lists; want the body unchanged, no call", got, err, g.Lists.Load()-before)
	}
}

// TestCheckStatusCallback: the client's CheckStatus as the callback
// handler's status check, on a callback that claims a payment the gateway
// has not seen.
func TestCheckStatusCallback(t *testing.T) {
	_, c, _ := newFake(t)
	ctx := context.Background()
	tx, err := c.CreateQRIS(ctx, request("INV-cb"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []api.Transaction
	h := api.NewCallbackHandler(testKey, testToken, func(_ context.Context, t api.Transaction) error {
		seen = append(seen, t)
		return nil
	}, api.WithStatusCheck(c.CheckStatus))
	send := func(status api.Status) int {
		v := *tx
		v.Extra, v.Status = nil, status
		b, _ := json.Marshal(v)
		r := httptest.NewRequest(http.MethodPost, "/notify", strings.NewReader(string(b)))
		r.Header.Set(api.HeaderSignature, api.Sign(testKey, testToken, b))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	if code := send(api.StatusSuccess); code != http.StatusServiceUnavailable || len(seen) != 0 {
		t.Errorf("a forged success: %d, %d calls; want 503 and no call", code, len(seen))
	}
	if code := send(api.StatusPending); code/100 != 2 || len(seen) != 1 || seen[0].Extra == nil || seen[0].ExpiredDate.Before(time.Now()) {
		t.Errorf("pending: %d, %v; want 2xx and the gateway's record", code, seen)
	}
}
