package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// deliverer sends queued callbacks. One dispatcher goroutine claims due
// callbacks from the store and starts at most Workers attempts at a time;
// the queue lives in the database, so callbacks survive a restart.
type deliverer struct {
	store   *store
	cfg     CallbackConfig
	token   func(clientKey string) (string, bool)
	logf    func(msg string, args ...any)
	wakeC   chan struct{}
	stopC   chan struct{}
	done    chan struct{} // closed when the dispatcher has returned
	slots   chan struct{}
	flights sync.WaitGroup
	ctx     context.Context // cancelled to abandon attempts in flight
	cancel  context.CancelFunc
}

func newDeliverer(st *store, cfg CallbackConfig, token func(string) (string, bool), logf func(string, ...any)) *deliverer {
	ctx, cancel := context.WithCancel(context.Background())
	d := &deliverer{
		store: st, cfg: cfg, token: token, logf: logf,
		wakeC: make(chan struct{}, 1), stopC: make(chan struct{}), done: make(chan struct{}),
		slots: make(chan struct{}, cfg.Workers), ctx: ctx, cancel: cancel,
	}
	go d.run()
	return d
}

// wake tells the dispatcher to look for due callbacks now.
func (d *deliverer) wake() {
	select {
	case d.wakeC <- struct{}{}:
	default:
	}
}

// lease is how long a claimed callback is hidden from other claims: longer
// than any attempt can take.
func (d *deliverer) lease() time.Duration { return d.cfg.Timeout + 5*time.Second }

func (d *deliverer) run() {
	defer close(d.done)
	for {
		wait := d.dispatch()
		timer := time.NewTimer(wait)
		select {
		case <-d.stopC:
			timer.Stop()
			return
		case <-d.wakeC:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// dispatch starts attempts for due callbacks while slots are free and
// returns how long to sleep before looking again.
func (d *deliverer) dispatch() time.Duration {
	const idle = time.Minute // re-check now and then even if nothing woke us
	free := cap(d.slots) - len(d.slots)
	if free > 0 {
		due, err := d.store.claimDue(d.ctx, time.Now(), free, d.lease())
		if err != nil {
			d.logf("callback queue", "err", err)
			return time.Second
		}
		for _, c := range due {
			d.slots <- struct{}{}
			d.flights.Add(1)
			go func() {
				defer d.flights.Done()
				defer func() { <-d.slots; d.wake() }()
				d.attempt(c)
			}()
		}
	}
	if len(d.slots) == cap(d.slots) {
		return idle // a finishing attempt wakes us
	}
	next, ok, err := d.store.nextDue(d.ctx)
	if err != nil || !ok {
		return idle
	}
	return max(time.Until(next), time.Millisecond)
}

// attempt tries one delivery and records the outcome.
func (d *deliverer) attempt(c callback) {
	n := c.Attempts + 1
	start := time.Now()
	code, err := d.send(c, n)
	a := attempt{N: n, StartedAt: start, Duration: time.Since(start), StatusCode: code}
	state, next := "delivered", time.Now()
	if err != nil {
		a.Err = err.Error()
		state = "pending"
		next = next.Add(d.cfg.delay(n))
		var perm permanentError
		if n >= d.cfg.Attempts || errors.As(err, &perm) {
			state = "failed"
		}
	}
	// Record even while shutting down: a fresh context, since d.ctx may
	// be what just cancelled the attempt.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if rerr := d.store.recordAttempt(ctx, c.ID, a, state, next); rerr != nil {
		d.logf("callback record", "transaction", c.TransactionID, "attempt", n, "err", rerr)
	}
	d.logf("callback", "transaction", c.TransactionID, "url", c.URL, "attempt", n,
		"status", code, "state", state, "err", a.Err)
}

// send POSTs the body with the client's key and a signature made as the
// gateway documents requests' (api.Sign, keyed by the client's current
// token, over the key and the exact bytes sent). The contract does not
// document callbacks at all; this is the sandbox's assumption.
func (d *deliverer) send(c callback, n int) (int, error) {
	token, ok := d.token(c.ClientKey)
	if !ok {
		return 0, permanentError{fmt.Errorf("client %q is no longer configured, so the callback cannot be signed", c.ClientKey)}
	}
	ctx, cancel := context.WithTimeout(d.ctx, d.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(c.Body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "qriskit-sandbox")
	req.Header.Set(HeaderClientKey, c.ClientKey)
	req.Header.Set(HeaderSignature, api.Sign(c.ClientKey, token, c.Body))
	req.Header.Set("X-Callback-Attempt", fmt.Sprint(n))
	resp, err := d.cfg.Client.Do(req)
	if err != nil {
		return 0, err
	}
	// Drain a little so the connection can be reused, but never read an
	// unbounded answer.
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("receiver answered %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// stop ends the dispatcher, waits up to timeout for attempts in flight,
// then abandons the rest; an abandoned attempt is recorded as failed and
// stays queued, so the next start retries it.
func (d *deliverer) stop(timeout time.Duration) {
	close(d.stopC)
	<-d.done
	finished := make(chan struct{})
	go func() { d.flights.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(timeout):
		d.cancel()
		<-finished
	}
	d.cancel()
}
