package sandbox

import (
	"bytes"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// Bounds of the load test: counts are fixed, and every request has the
// client's timeout, so the test ends on its own.
const (
	loadCreates = 1000
	loadClients = 16
	loadSameRef = 100
)

// TestLoad: 1,000 creates from 16 concurrent clients give 1,000 distinct
// transactions with no error; after a restart on the same database all
// 1,000 are still there; 100 concurrent creates with one reference give
// exactly one transaction.
func TestLoad(t *testing.T) {
	db := filepath.Join(t.TempDir(), "load.db")
	cfg := Config{DB: db} // the real conversion and rendering
	l := startLive(t, cfg)

	start := time.Now()
	ids := make([]string, loadCreates)
	var failures atomic.Int64
	var firstErr sync.Once
	parallel(loadCreates, loadClients, func(i int) {
		tx, err := l.tryCreate(fmt.Sprintf("LOAD-%04d", i), int64(1000+i))
		if err != nil {
			failures.Add(1)
			firstErr.Do(func() { t.Errorf("create %d: %v", i, err) })
			return
		}
		ids[i] = tx.ID
	})
	elapsed := time.Since(start)
	t.Logf("%d creates from %d clients in %v: %.0f creates/s", loadCreates, loadClients, elapsed.Round(time.Millisecond),
		float64(loadCreates)/elapsed.Seconds())
	if n := failures.Load(); n != 0 {
		t.Fatalf("%d of %d creates failed", n, loadCreates)
	}
	distinct := make(map[string]int, loadCreates)
	for i, id := range ids {
		if j, dup := distinct[id]; dup {
			t.Fatalf("creates %d and %d got the same id %s", j, i, id)
		}
		distinct[id] = i
	}

	// Restart on the same file: everything committed is still there.
	l.stop()
	l = startLive(t, cfg)
	if n, err := l.s.store.count(t.Context()); err != nil || n != loadCreates {
		t.Fatalf("after restart the database holds %d transactions (%v), want %d", n, err, loadCreates)
	}
	parallel(loadCreates, loadClients, func(i int) {
		code, b, err := l.do(demo, "GET", "/api/qris/"+ids[i], "")
		if err != nil || code != 200 {
			failures.Add(1)
			firstErr.Do(func() { t.Errorf("GET %d after restart: %d %s %v", i, code, b, err) })
			return
		}
		resp, err := api.DecodeResponse(bytes.NewReader(b))
		if err != nil || resp.ResponseData.MerchantRef != fmt.Sprintf("LOAD-%04d", i) || resp.ResponseData.Amount != int64(1000+i) {
			failures.Add(1)
			firstErr.Do(func() { t.Errorf("GET %d after restart: %v %s", i, err, b) })
		}
	})
	if n := failures.Load(); n != 0 {
		t.Fatalf("%d lookups failed after restart", n)
	}

	// One reference, many clients at once: the database lets one through.
	var won, conflicts atomic.Int64
	parallel(loadSameRef, loadSameRef, func(i int) {
		code, b, err := l.do(demo, "POST", "/api/qris", requestBody("SAME-REF", 5000, ""))
		switch {
		case err != nil:
			t.Errorf("same-reference create %d: %v", i, err)
		case code == http.StatusOK:
			won.Add(1)
		case code == http.StatusConflict:
			conflicts.Add(1)
		default:
			t.Errorf("same-reference create %d: %d %s", i, code, b)
		}
	})
	if won.Load() != 1 || conflicts.Load() != loadSameRef-1 {
		t.Errorf("%d succeeded and %d conflicted, want 1 and %d", won.Load(), conflicts.Load(), loadSameRef-1)
	}
	if n, err := l.s.store.count(t.Context()); err != nil || n != loadCreates+1 {
		t.Errorf("database holds %d transactions (%v), want %d", n, err, loadCreates+1)
	}

	// A burst leaves the client's pool with connections it opened and never
	// used; shutting down must not wait for them.
	stopStart := time.Now()
	l.stop()
	if d := time.Since(stopStart); d > 2*time.Second {
		t.Errorf("graceful stop took %v after a burst of connections", d)
	}
}

// tryCreate is a create that reports instead of failing the test, for
// use from many goroutines.
func (l *live) tryCreate(ref string, amount int64) (*api.Transaction, error) {
	code, b, err := l.do(demo, "POST", "/api/qris", requestBody(ref, amount, ""))
	if err != nil {
		return nil, err
	}
	if code != 200 {
		return nil, fmt.Errorf("status %d: %s", code, b)
	}
	resp, err := api.DecodeResponse(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return resp.ResponseData, nil
}

// parallel runs f(0..n-1) on workers goroutines.
func parallel(n, workers int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
