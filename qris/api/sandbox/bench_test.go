package sandbox

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// BenchmarkCreate measures POST /api/qris through the handler: strict decode,
// validation, QRIS conversion, PNG rendering and a durable SQLite insert
// (synchronous=FULL), from parallel callers. creates/s is the figure to
// quote.
func BenchmarkCreate(b *testing.B) {
	s, err := New(Config{DB: filepath.Join(b.TempDir(), "bench.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := s.Handler()
	var seq atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := requestBody(fmt.Sprintf("BENCH-%d", seq.Add(1)), 10000, "")
			r := httptest.NewRequest("POST", "/api/qris", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			sign(r, demo, body)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Errorf("status %d: %s", w.Code, w.Body)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "creates/s")
}
