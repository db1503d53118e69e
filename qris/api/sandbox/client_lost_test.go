package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// The lost answer through api.Client, under 50 concurrent tries: each
// create's first answer is dropped after the transaction was stored
// ([FaultDrop]); the client's retry meets DUPLICATE_REFERENCE and finds
// the transaction it made, so every create returns the one transaction
// the sandbox holds for its reference, and no reference gets two.
func TestClientLostAnswerConcurrent(t *testing.T) {
	const tries = 50
	l := startLive(t, Config{DB: t.TempDir() + "/lost.db", Faults: true})
	c := api.NewClient(demo.Key, demo.Token, api.WithBaseURL(l.base+"/api"),
		api.WithRetry(api.RetryPolicy{Attempts: 4, BaseDelay: 5 * time.Millisecond, MaxDelay: 50 * time.Millisecond}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req := func(ref string) api.Request {
		return api.Request{Reference: ref, Amount: FaultDrop, ViewName: "Toko Contoh",
			AdditionalInfo: api.AdditionalInfo{Callback: "http://127.0.0.1:1/notify"}}
	}

	// 50 creates at once, each with its own reference.
	got := make([]*api.Transaction, tries)
	errs := make([]error, tries)
	parallel(tries, tries, func(i int) {
		got[i], errs[i] = c.CreateQRIS(ctx, req(fmt.Sprintf("LOST-%02d", i)))
	})
	for i := range tries {
		ref := fmt.Sprintf("LOST-%02d", i)
		if errs[i] != nil {
			t.Errorf("%s: %v", ref, errs[i])
			continue
		}
		id, err := l.s.store.byReference(ctx, demo.Key, ref)
		if err != nil || got[i].ID != id || got[i].MerchantRef != ref {
			t.Errorf("%s: the client returned %s (%s), the sandbox holds %s (%v)", ref, got[i].ID, got[i].MerchantRef, id, err)
		}
		if w := strings.Join(got[i].Extra.Warnings, "\n"); !strings.Contains(w, "its answer was lost") {
			t.Errorf("%s: the warnings do not say the answer was lost: %q", ref, w)
		}
	}
	if n, err := l.s.store.count(ctx); err != nil || n != tries {
		t.Fatalf("the sandbox holds %d transactions (%v), want %d", n, err, tries)
	}

	// 50 creates at once of one reference: one is stored, and its
	// answer dropped; the maker gets it back, every other try is told
	// the reference is used, by that transaction.
	var mu sync.Mutex
	var made []string
	dups := 0
	parallel(tries, tries, func(i int) {
		tx, err := c.CreateQRIS(ctx, req("LOST-SHARED"))
		var ge *api.Error
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			made = append(made, tx.ID)
		case errors.As(err, &ge) && errors.Is(err, api.ErrDuplicateReference) && ge.TransactionID != "":
			dups++
			made = append(made, ge.TransactionID)
		default:
			t.Errorf("try %d: %v", i, err)
		}
	})
	id, err := l.s.store.byReference(ctx, demo.Key, "LOST-SHARED")
	if err != nil {
		t.Fatalf("LOST-SHARED: %v", err)
	}
	for _, m := range made {
		if m != id {
			t.Errorf("a try names transaction %s, the sandbox holds %s", m, id)
		}
	}
	if len(made) != tries || dups != tries-1 {
		t.Errorf("%d tries named a transaction, %d of them as a duplicate; want %d and %d", len(made), dups, tries, tries-1)
	}
	if n, err := l.s.store.count(ctx); err != nil || n != tries+1 {
		t.Errorf("the sandbox holds %d transactions (%v), want %d", n, err, tries+1)
	}
}
