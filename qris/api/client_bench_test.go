package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

// BenchmarkClientCreate measures a create on loopback, client and server
// in one process, one call at a time: validate, json_encode, sign, HTTP,
// the server's work, the tolerant read and verification.
//
//   - fake: the in-memory fake (signature check, strict decode, dynamic
//     QRIS); it sends no image, so nothing is scanned.
//   - sandbox: the sandbox as qris serve runs it, on a database file
//     (strict decode, QRIS conversion, PNG rendering, a durable SQLite
//     insert), whose image the client scans and compares with the
//     content.
func BenchmarkClientCreate(b *testing.B) {
	b.Run("fake", func(b *testing.B) {
		srv := httptest.NewServer(fakegateway.New("k", "t"))
		defer srv.Close()
		benchCreates(b, api.NewClient("k", "t", api.WithBaseURL(srv.URL+"/api")))
	})
	b.Run("sandbox", func(b *testing.B) {
		s, err := sandbox.New(sandbox.Config{DB: filepath.Join(b.TempDir(), "bench.db")})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()
		benchCreates(b, api.NewClient(sandbox.DemoClientKey, sandbox.DemoClientToken, api.WithBaseURL(srv.URL+"/api")))
	})
}

func benchCreates(b *testing.B, c *api.Client) {
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		if _, err := c.CreateQRIS(context.Background(), request(fmt.Sprintf("bench-%d", n))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "creates/s")
}
