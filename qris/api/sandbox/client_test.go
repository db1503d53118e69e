package sandbox

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// The api package's client against the sandbox: it creates, recovers a
// lost answer through the list, lists, and hears each documented error
// the fault table injects as the sentinel of its code.
func TestClientAgainstSandbox(t *testing.T) {
	clk := newClock()
	l := startLive(t, Config{DB: t.TempDir() + "/client.db", Faults: true, FaultDelay: 50 * time.Millisecond, Now: clk.Now})
	c := api.NewClient(demo.Key, demo.Token, api.WithBaseURL(l.base+"/api"), api.WithClock(clk.Now),
		api.WithRetry(api.RetryPolicy{Attempts: 3, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond}),
		api.WithVerifyOptions(api.VerifyOptions{Merchant: DemoMerchant}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req := func(ref string, amount int64) api.Request {
		return api.Request{Reference: ref, Amount: amount, ViewName: "Toko Contoh",
			AdditionalInfo: api.AdditionalInfo{Callback: "http://127.0.0.1:1/notify"}}
	}
	tx, err := c.CreateQRIS(ctx, req("C-1", 10000))
	if err != nil || tx.MerchantRef != "C-1" || tx.TotalAmount != 10085 {
		t.Fatalf("create: %+v, %v", tx, err)
	}
	// The lost answer: stored, dropped, retried, found.
	lost, err := c.CreateQRIS(ctx, req("C-LOST", FaultDrop))
	if err != nil {
		t.Fatalf("create with a lost answer: %v", err)
	}
	if id, err := l.s.store.byReference(ctx, demo.Key, "C-LOST"); err != nil || id != lost.ID {
		t.Errorf("the client returned %s, the sandbox holds %s (%v)", lost.ID, id, err)
	}
	if n, _ := l.s.store.count(ctx); n != 2 {
		t.Errorf("the sandbox holds %d transactions, want 2", n)
	}
	if _, err := c.CreateQRIS(ctx, req("C-SLOW", FaultSlow)); err != nil {
		t.Errorf("slow create: %v", err)
	}
	page, err := c.Transactions(ctx, api.Query{Status: api.StatusPending})
	if err != nil || len(page) != 3 {
		t.Errorf("list: %d transactions, %v", len(page), err)
	}
	for _, f := range FaultAmounts() {
		if f.Slow || f.Drop || f.Status >= 500 || f.Status == 429 {
			continue // the client retries those; their codes are not sentinels
		}
		_, err := c.CreateQRIS(ctx, req("C-F", f.Amount))
		var ge *api.Error
		if !errors.As(err, &ge) || ge.StatusCode != f.Status || ge.Code != f.Code {
			t.Errorf("amount %d: %v, want %d %s", f.Amount, err, f.Status, f.Code)
		}
	}
}
