package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris/api"
)

// BenchmarkClientCreate measures a create against the in-memory fake on
// loopback, client and fake in one process: validate, json_encode, sign,
// HTTP, the fake's own work (signature check, strict decode, dynamic
// QRIS), the tolerant read and verification (the fake sends no image, so
// nothing is scanned).
func BenchmarkClientCreate(b *testing.B) {
	srv := httptest.NewServer(fakegateway.New("k", "t"))
	defer srv.Close()
	c := api.NewClient("k", "t", api.WithBaseURL(srv.URL+"/api"))
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
