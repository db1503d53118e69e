package api_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// Errors without an answer say what failed and where, in words, and
// still unwrap to what the http.Client met.

func TestUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	host := strings.TrimPrefix(base, "http://")
	s := &noSleep{}
	_, err := api.NewClient("k", "t", api.WithBaseURL(base), api.WithSleep(s.sleep)).CreateQRIS(context.Background(), request("INV-x"))
	if want := "could not reach " + host + ": connection refused (4 tries)"; err == nil || err.Error() != want {
		t.Fatalf("err %v, want %q", err, want)
	}
	var ge *api.Error
	var ue *url.Error
	var op *net.OpError
	if errors.As(err, &ge) || !errors.As(err, &ue) || !errors.As(err, &op) || !errors.Is(err, syscall.ECONNREFUSED) || s.count() != 3 {
		t.Errorf("err %v after %d waits: want no *api.Error, a *url.Error, a *net.OpError and ECONNREFUSED after 3", err, s.count())
	}
}

// hangUp is a server that reads each request and closes the connection:
// after writing nothing, or (with partial) after the start of an answer.
func hangUp(t *testing.T, partial bool) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if partial {
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte(`{"responseCode":200`))
			w.(http.Flusher).Flush()
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestNoAnswer(t *testing.T) {
	base := hangUp(t, false)
	host := strings.TrimPrefix(base, "http://")
	c := api.NewClient("k", "t", api.WithBaseURL(base), api.WithRetry(api.RetryPolicy{Attempts: 2}), api.WithSleep((&noSleep{}).sleep))
	_, err := c.Transactions(context.Background(), api.Query{})
	if want := "no answer from " + host + ": the connection closed (2 tries)"; err == nil || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("err %v does not unwrap to the *url.Error", err)
	}
}

func TestAnswerBreaksOff(t *testing.T) {
	base := hangUp(t, true)
	host := strings.TrimPrefix(base, "http://")
	c := api.NewClient("k", "t", api.WithBaseURL(base), api.WithRetry(api.RetryPolicy{Attempts: 1}))
	_, err := c.Transactions(context.Background(), api.Query{})
	if want := host + "'s answer broke off: the connection closed"; err == nil || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
}

func TestTryTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	host := strings.TrimPrefix(srv.URL, "http://")
	c := api.NewClient("k", "t", api.WithBaseURL(srv.URL), api.WithRetry(api.RetryPolicy{Attempts: 1}),
		api.WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}))
	_, err := c.Transactions(context.Background(), api.Query{})
	var ne net.Error
	if want := "no answer from " + host + ": timed out"; err == nil || err.Error() != want || !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("err %v, want %q, a net.Error that timed out", err, want)
	}
}

func TestCallGivenUp(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	host := strings.TrimPrefix(base, "http://")

	// The context ends while waiting to try again.
	ctx, cancel := context.WithCancel(context.Background())
	c := api.NewClient("k", "t", api.WithBaseURL(base), api.WithSleep(func(context.Context, time.Duration) error {
		cancel()
		return context.Canceled
	}))
	_, err := c.Transactions(ctx, api.Query{})
	if want := "gave up calling " + host + ": canceled (last: could not reach " + host + ": connection refused)"; err == nil || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v is not context.Canceled", err)
	}

	// The context's deadline has passed before the first try.
	ctx, cancel = context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	_, err = api.NewClient("k", "t", api.WithBaseURL(base)).Transactions(ctx, api.Query{})
	if want := "gave up calling " + host + ": timed out"; err == nil || err.Error() != want || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want %q and context.DeadlineExceeded", err, want)
	}
}

func TestBadBaseURL(t *testing.T) {
	s := &noSleep{}
	_, err := api.NewClient("k", "t", api.WithBaseURL("http://[::1"), api.WithSleep(s.sleep)).Transactions(context.Background(), api.Query{})
	var ue *url.Error
	if want := `the gateway's address "http://[::1" is not a URL: missing ']' in host`; err == nil || err.Error() != want || !errors.As(err, &ue) || s.count() != 0 {
		t.Errorf("err %v after %d waits, want %q at once, wrapping the *url.Error", err, s.count(), want)
	}
}
