package sandbox

import (
	"path/filepath"
	"testing"
	"time"
)

// TestServerTimeouts holds the README's robustness figures to the code:
// the http.Server's timeouts and the default shutdown wait.
func TestServerTimeouts(t *testing.T) {
	s, err := New(Config{DB: filepath.Join(t.TempDir(), "t.db"), Dynamic: fakeDynamic, Image: fakeImage})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hs := s.httpServer()
	for _, tt := range []struct {
		name      string
		got, want time.Duration
	}{
		{"ReadHeaderTimeout", hs.ReadHeaderTimeout, 5 * time.Second},
		{"ReadTimeout", hs.ReadTimeout, 15 * time.Second},
		{"WriteTimeout", hs.WriteTimeout, 30 * time.Second},
		{"IdleTimeout", hs.IdleTimeout, 60 * time.Second},
		{"default ShutdownTimeout", s.cfg.ShutdownTimeout, 10 * time.Second},
	} {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if hs.Handler == nil {
		t.Error("the http.Server has no handler")
	}
}
