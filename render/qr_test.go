package render

import (
	"strings"
	"testing"
)

// MinVersion is the version exactly when the content fits in it, and the
// smallest that holds the content when it does not; Matrix draws what
// Encode chose.
func TestMinVersion(t *testing.T) {
	for v := 1; v <= 40; v++ {
		c, err := Encode("hello", Options{MinVersion: v, Level: High})
		if err != nil || c.Version != v || c.Size() != 4*v+17 {
			t.Fatalf("MinVersion %d: %+v, %v", v, c, err)
		}
		m, err := Matrix("hello", Options{MinVersion: v, QuietZone: NoQuietZone, Level: High})
		if err != nil {
			t.Fatal(err)
		}
		for y := range m {
			for x := range m {
				if m[y][x] != c.Dark(x, y) {
					t.Fatalf("MinVersion %d: Matrix differs from Encode at (%d,%d)", v, x, y)
				}
			}
		}
	}
	content := gatewayContent(t)
	for _, min := range []int{0, 1, 9} {
		if c, err := Encode(content, Options{MinVersion: min}); err != nil || c.Version != 9 {
			t.Errorf("MinVersion %d: %+v, %v; want version 9", min, c, err)
		}
	}
	// Version 40 at H holds 1273 bytes; MinVersion cannot make room.
	_, err := Encode(strings.Repeat("a", 1274), Options{MinVersion: 40, Level: High})
	wantErr(t, err, "Encode", ErrTooLong)
	if !strings.Contains(err.Error(), "level Q holds it") {
		t.Errorf("message %q does not offer level Q", err)
	}
}

// Dark answers false outside the symbol, and Code records the level asked.
func TestCodeOutside(t *testing.T) {
	c, err := Encode("hi", Options{Level: Quartile})
	if err != nil {
		t.Fatal(err)
	}
	if c.Level != Quartile || c.Mask < 0 || c.Mask > 7 {
		t.Errorf("level %v mask %d", c.Level, c.Mask)
	}
	if !c.Dark(0, 0) || !c.Dark(c.Size()-1, 0) {
		t.Error("finder corners are light")
	}
	for _, p := range [][2]int{{-1, 0}, {0, -1}, {c.Size(), 0}, {0, c.Size()}} {
		if c.Dark(p[0], p[1]) {
			t.Errorf("Dark%v outside the symbol", p)
		}
	}
}
