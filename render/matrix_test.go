package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/internal/qrcheck"
)

// TestMatrixShape: at every level and quiet zone, a matrix has the size,
// quiet zone, finder and timing patterns of a QR code.
func TestMatrixShape(t *testing.T) {
	content := "00020101021126640017ID.CO.DANAMON.WWW"
	for _, level := range []Level{Low, Medium, Quartile, High} {
		for _, qz := range []int{0, NoQuietZone, 1, 4, 10} {
			m, err := Matrix(content, Options{Level: level, QuietZone: qz})
			if err != nil {
				t.Fatal(err)
			}
			q := qz
			switch qz {
			case 0:
				q = DefaultQuietZone
			case NoQuietZone:
				q = 0
			}
			t.Run(fmt.Sprintf("level %v qz %d", level, qz), func(t *testing.T) { qrcheck.Matrix(t, m, q) })
		}
	}
}

func TestMatrixLevelsGrow(t *testing.T) {
	content := gatewayContent(t)
	prev := 0
	for _, l := range []Level{Low, Medium, Quartile, High} {
		m, err := Matrix(content, Options{Level: l})
		if err != nil {
			t.Fatal(err)
		}
		if len(m) < prev {
			t.Errorf("level %v gives %d modules, fewer than the weaker level's %d", l, len(m), prev)
		}
		prev = len(m)
	}
}

func TestMatrixContentErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		o       Options
		want    error
		detail  string
	}{
		{"empty", "", Options{}, ErrEmpty, "give the text"},
		{"fits only at L", strings.Repeat("a", 2500), Options{}, ErrTooLong, "level L holds it"},
		{"fits at Q, asked H", strings.Repeat("a", 1500), Options{Level: High}, ErrTooLong, "level Q holds it"},
		{"fits at M, asked Q", strings.Repeat("a", 2000), Options{Level: Quartile}, ErrTooLong, "level M holds it"},
		{"bytes over any level", strings.Repeat("a", 3000), Options{Level: Low}, ErrTooLong, "shorten the content"},
		{"digits over any level", strings.Repeat("7", maxContent+1), Options{Level: Low}, ErrTooLong, "shorten"},
		{"huge", strings.Repeat("x", 10<<20), Options{}, ErrTooLong, "10485760 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Matrix(tt.content, tt.o)
			wantErr(t, err, "Matrix", tt.want)
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("message %q does not say %q", err, tt.detail)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
	// The largest content of each kind still fits at L.
	for _, c := range []string{strings.Repeat("7", maxContent), strings.Repeat("A", 4296), strings.Repeat("a", 2953)} {
		if _, err := Matrix(c, Options{Level: Low}); err != nil {
			t.Errorf("%d characters: %v", len(c), err)
		}
	}
}

// The same errors come from every producer, named after it.
func TestContentErrorsEveryProducer(t *testing.T) {
	for _, p := range producers {
		wantErr(t, p.run("", Options{}), p.op, ErrEmpty)
		wantErr(t, p.run(strings.Repeat("a", 3000), Options{}), p.op, ErrTooLong)
	}
}
