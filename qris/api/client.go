package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The gateway's environments, for [WithBaseURL]. Every path sits under
// /api ({HOST}/qris, {HOST}/transactions).
const (
	SandboxURL    = "https://api.sandbox.sengo.id/api"
	ProductionURL = "https://api.sengo.id/api"
)

// DefaultUserAgent is the User-Agent a [Client] sends unless
// [WithUserAgent] says otherwise.
const DefaultUserAgent = "qriskit (+https://github.com/qriskit/qriskit)"

// Client calls the gateway's API: [Client.CreateQRIS],
// [Client.Transactions] and [Client.All]. It signs every call as the
// gateway documents ([Sign]), retries what may succeed later (see
// [RetryPolicy]), reads answers tolerantly and verifies what it creates.
//
// A call the gateway refused fails with an *[Error]. One that got no
// answer says what failed and where ("could not reach api.sengo.id:
// connection refused", "no answer from ...: timed out") and wraps the
// underlying error, for errors.As with *url.Error or *net.OpError and
// errors.Is with syscall.ECONNREFUSED or context.DeadlineExceeded.
// A Client is safe for concurrent use; its zero value is not usable, call
// [NewClient].
type Client struct {
	key, token     string
	base           string
	hc             *http.Client
	userAgent      string
	retry          RetryPolicy
	now            func() time.Time
	sleep          func(context.Context, time.Duration) error
	verify         VerifyOptions
	returnProblems bool
	maxPages       int
}

// Option configures a [Client].
type Option func(*Client)

// NewClient returns a client for the API key and secret token the
// gateway issued. Without options it calls the gateway's sandbox
// ([SandboxURL]) through an http.Client with a 30-second timeout a try,
// with [RetryPolicy]'s defaults.
func NewClient(key, token string, opts ...Option) *Client {
	c := &Client{
		key: key, token: token,
		base:      SandboxURL,
		hc:        &http.Client{Timeout: 30 * time.Second},
		userAgent: DefaultUserAgent,
		now:       time.Now,
		sleep:     sleepContext,
		maxPages:  DefaultMaxPages,
	}
	for _, o := range opts {
		o(c)
	}
	c.retry = c.retry.withDefaults()
	return c
}

// WithBaseURL sets the API's base: [SandboxURL], [ProductionURL], or any
// other, such as a local sandbox's "http://127.0.0.1:8080/api". A
// trailing '/' is dropped.
func WithBaseURL(base string) Option {
	return func(c *Client) { c.base = strings.TrimRight(base, "/") }
}

// WithHTTPClient sets the http.Client the calls go through (its Timeout
// bounds each try, the context the whole call).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithRetry sets the retry policy; RetryPolicy{Attempts: 1} turns retries
// off.
func WithRetry(p RetryPolicy) Option { return func(c *Client) { c.retry = p } }

// WithClock sets the clock that judges expiry (A09) and says which day
// "today" is in Jakarta; tests set it, programs leave time.Now.
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithSleep sets how the client waits between tries. It must return
// ctx.Err() when ctx ends first; tests pass one that records and returns.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) { c.sleep = sleep }
}

// WithVerifyOptions sets what [Client.CreateQRIS] verifies an answer
// against beyond the request: the merchant's static QRIS (A15), the QRIS
// validation options, the image scanner. Its Request and Now are the
// call's request and the client's clock, whatever o says.
func WithVerifyOptions(o VerifyOptions) Option { return func(c *Client) { c.verify = o } }

// ReturnProblems makes [Client.CreateQRIS] return a transaction that
// fails verification, with what verification found in its Problems,
// instead of a *[VerificationError]. Use it to show the problems or to
// decide per rule; the caller then owns the decision to show the code.
func ReturnProblems() Option { return func(c *Client) { c.returnProblems = true } }

// WithMaxPages bounds how many pages [Client.All] reads
// ([DefaultMaxPages] unless set).
func WithMaxPages(n int) Option { return func(c *Client) { c.maxPages = n } }

// RetryPolicy says which calls are tried again and how long to wait.
//
// A try is repeated after a transport error (no answer, a connection
// reset, a dropped answer) and after a 429 or 5xx answer; any other
// answer is final. The wait before retry n is BaseDelay·2^(n-1), capped
// at MaxDelay, of which a random part (up to half) is taken off so that
// many clients do not retry in step; a Retry-After in seconds lengthens
// it, up to MaxDelay. The call's context bounds the whole.
//
// Creating is safe to retry: see [Client.CreateQRIS].
type RetryPolicy struct {
	// Attempts is the number of tries in all, the first included; 0
	// means 4, and 1 turns retries off.
	Attempts int
	// BaseDelay is the wait before the first retry; 0 means 250ms.
	BaseDelay time.Duration
	// MaxDelay caps each wait; 0 means 5s.
	MaxDelay time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Attempts <= 0 {
		p.Attempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 250 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 5 * time.Second
	}
	p.MaxDelay = max(p.MaxDelay, p.BaseDelay)
	return p
}

// delay is the wait before retry n (1 for the first retry).
func (p RetryPolicy) delay(n int, retryAfter time.Duration) time.Duration {
	d := p.BaseDelay
	for i := 1; i < n && d < p.MaxDelay; i++ {
		d = min(d, p.MaxDelay/2) * 2 // no overflow, whatever the policy
	}
	d = min(d, p.MaxDelay)
	d -= rand.N(d/2 + 1)
	return min(max(d, retryAfter), p.MaxDelay)
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// answer is a final answer to a call: a 2xx or an error status that is
// not worth retrying.
type answer struct {
	status int
	body   []byte
	// tries counts the tries made; above 1, an earlier try may have
	// reached the gateway.
	tries int
}

// call sends one signed request, trying again as the policy says. body
// is nil for a GET, which signs the key alone. A final error status comes
// back as an *Error; tries is set whatever the outcome.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body []byte, limit int64) (answer, error) {
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	if _, err := url.Parse(u); err != nil {
		return answer{}, badBase(c.base, err) // no try would do better
	}
	sig := Sign(c.key, c.token, body)
	var last error
	for try := 1; ; try++ {
		a, retryAfter, err := c.try(ctx, method, u, sig, body, limit)
		a.tries = try
		if err == nil {
			if a.status >= 200 && a.status < 300 {
				return a, nil
			}
			ge := parseError(a.status, a.body)
			if !ge.retryable() {
				return a, ge
			}
			err = ge
		} else if ctx.Err() != nil {
			return a, gaveUp(c.base, ctx.Err(), try, err)
		} else if errors.Is(err, ErrTooLarge) {
			return a, err
		}
		last = err
		if try >= c.retry.Attempts {
			break
		}
		if err := c.sleep(ctx, c.retry.delay(try, retryAfter)); err != nil {
			return a, gaveUp(c.base, err, try, last)
		}
	}
	var ge *Error
	if errors.As(last, &ge) {
		return answer{tries: c.retry.Attempts}, ge
	}
	if c.retry.Attempts == 1 {
		return answer{tries: 1}, last
	}
	return answer{tries: c.retry.Attempts}, fmt.Errorf("%w (%d tries)", last, c.retry.Attempts)
}

// badBase is the error of a base URL that does not parse.
func badBase(base string, err error) error {
	return &transportError{fmt.Sprintf("the gateway's address %q is not a URL: %v", base, innermost(err)), err}
}

// gaveUp is the error of a call that stopped because its context ended
// (err) after tries tries, the last of which failed with last.
func gaveUp(base string, err error, tries int, last error) error {
	msg := "gave up calling " + hostOf(base) + ": " + reason(err)
	if tries > 1 {
		msg += fmt.Sprintf(" after %d tries", tries)
	}
	if last != nil && !errors.Is(last, err) {
		msg += " (last: " + last.Error() + ")"
	}
	return &transportError{msg, err}
}

// try makes one HTTP request. An error means no complete answer came.
func (c *Client) try(ctx context.Context, method, u, sig string, body []byte, limit int64) (answer, time.Duration, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return answer{}, 0, badBase(c.base, err)
	}
	req.Header.Set(HeaderClientKey, c.key)
	req.Header.Set(HeaderClientToken, c.token)
	req.Header.Set(HeaderSignature, sig)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return answer{}, 0, sendFailed(req.URL.Host, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return answer{}, 0, readFailed(req.URL.Host, err)
	}
	if int64(len(data)) > limit {
		return answer{}, 0, fmt.Errorf("the gateway's answer is %w: more than %d bytes", ErrTooLarge, limit)
	}
	var retryAfter time.Duration
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		retryAfter = time.Duration(s) * time.Second
	}
	return answer{status: resp.StatusCode, body: data}, retryAfter, nil
}
