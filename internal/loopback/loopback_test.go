package loopback

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

// httpServer serves one fixed answer until its context ends.
type httpServer struct {
	closed int
}

func (h *httpServer) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("up")) })}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (h *httpServer) Close() error { h.closed++; return nil }

// TestServe: the server answers on loopback until stopped, stop closes it
// once however often it runs, and nothing answers afterwards.
func TestServe(t *testing.T) {
	h := &httpServer{}
	addr, stop := Serve(t, h)
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host != "127.0.0.1" {
		t.Fatalf("address %q is not on loopback: %v", addr, err)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stop()
	stop()
	if h.closed != 1 {
		t.Fatalf("closed %d times, want once", h.closed)
	}
	if _, err := c.Get("http://" + addr + "/"); err == nil {
		t.Fatal("still answering after stop")
	}
}
