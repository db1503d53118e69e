// Package loopback serves a server on a free loopback port for the length
// of a test, so that every test which needs a live sandbox starts and
// stops it the same way.
package loopback

import (
	"context"
	"net"
	"sync"
	"testing"
)

// Server is what Serve runs: a sandbox.Server, for one.
type Server interface {
	Serve(ctx context.Context, ln net.Listener) error
	Close() error
}

// Serve starts s on 127.0.0.1 at a free port and returns the address it
// listens on ("127.0.0.1:port") and a function that stops it: it cancels
// Serve, waits for it to return and closes s, reporting either's error to
// tb. The stop runs at tb's cleanup if the test has not run it; it does its
// work once however often it is called. If no port can be had, Serve
// closes s and fails tb.
func Serve(tb testing.TB, s Server) (addr string, stop func()) {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.Close()
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-served; err != nil {
				tb.Errorf("Serve: %v", err)
			}
			if err := s.Close(); err != nil {
				tb.Errorf("Close: %v", err)
			}
		})
	}
	tb.Cleanup(stop)
	return ln.Addr().String(), stop
}
