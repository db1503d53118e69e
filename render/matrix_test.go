package render

import (
	"strings"
	"testing"
	"time"
)

// finder is the 7×7 position pattern every QR code has in three corners.
var finder = []string{
	"#######",
	"#.....#",
	"#.###.#",
	"#.###.#",
	"#.###.#",
	"#.....#",
	"#######",
}

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
			n := len(m)
			core := n - 2*q
			if core < 21 || core > 177 || (core-21)%4 != 0 {
				t.Fatalf("level %v qz %d: core %d modules is no QR version", level, qz, core)
			}
			for y, row := range m {
				if len(row) != n {
					t.Fatalf("row %d has %d modules, want %d", y, len(row), n)
				}
				for x, dark := range row {
					inQuiet := x < q || y < q || x >= n-q || y >= n-q
					if inQuiet && dark {
						t.Fatalf("level %v qz %d: dark module (%d,%d) in the quiet zone", level, qz, x, y)
					}
				}
			}
			// The three finder patterns sit just inside the quiet zone.
			for _, corner := range [][2]int{{q, q}, {n - q - 7, q}, {q, n - q - 7}} {
				for dy, line := range finder {
					for dx, c := range line {
						if m[corner[1]+dy][corner[0]+dx] != (c == '#') {
							t.Fatalf("level %v qz %d: finder at %v wrong at (%d,%d)", level, qz, corner, dx, dy)
						}
					}
				}
			}
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
