package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris/api"
)

// BenchmarkClientCreate measures the client's side of a create against
// the in-memory fake on loopback: validate, json_encode, sign, HTTP,
// tolerant read and verification (the fake sends no image, so no scan).
func BenchmarkClientCreate(b *testing.B) {
	for _, mode := range []string{"sequential", "parallel"} {
		b.Run(mode, func(b *testing.B) {
			srv := httptest.NewServer(fakegateway.New("k", "t"))
			defer srv.Close()
			c := api.NewClient("k", "t", api.WithBaseURL(srv.URL+"/api"))
			var n atomic.Int64
			create := func() {
				req := request(fmt.Sprintf("bench-%s-%d", mode, n.Add(1)))
				if _, err := c.CreateQRIS(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			if mode == "parallel" {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						create()
					}
				})
			} else {
				for b.Loop() {
					create()
				}
			}
			b.ReportMetric(float64(n.Load())/b.Elapsed().Seconds(), "creates/s")
		})
	}
}
