// Package qrcheck holds a QR code's matrix to what every QR code has,
// whatever its content: a size of a real version, a light quiet zone, the
// three finder patterns and the timing patterns. The render package's
// tests and its fuzz target share it.
package qrcheck

import "testing"

// finder is the 7×7 position pattern every QR code has in three corners.
var finder = [7]string{
	"#######",
	"#.....#",
	"#.###.#",
	"#.###.#",
	"#.###.#",
	"#.....#",
	"#######",
}

// Matrix fails tb unless m, dark modules true, is a square QR code of some
// version 1..40 inside a light quiet zone q modules wide, with its finder
// and timing patterns in place.
func Matrix(tb testing.TB, m [][]bool, q int) {
	tb.Helper()
	n := len(m)
	core := n - 2*q
	if core < 21 || core > 177 || (core-21)%4 != 0 {
		tb.Fatalf("%d modules with a quiet zone of %d: no QR version", n, q)
	}
	for y, row := range m {
		if len(row) != n {
			tb.Fatalf("row %d has %d modules, want %d", y, len(row), n)
		}
		for x, dark := range row {
			if dark && (x < q || y < q || x >= n-q || y >= n-q) {
				tb.Fatalf("dark module (%d,%d) in the quiet zone", x, y)
			}
		}
	}
	// The three finder patterns sit just inside the quiet zone.
	for _, c := range [][2]int{{q, q}, {n - q - 7, q}, {q, n - q - 7}} {
		for dy, line := range finder {
			for dx, want := range line {
				if m[c[1]+dy][c[0]+dx] != (want == '#') {
					tb.Fatalf("finder at %v wrong at (%d,%d)", c, dx, dy)
				}
			}
		}
	}
	// Row and column 6 of the code alternate between the finders.
	for i := 8; i < core-8; i++ {
		if m[q+6][q+i] != (i%2 == 0) || m[q+i][q+6] != (i%2 == 0) {
			tb.Fatalf("timing pattern wrong at %d", i)
		}
	}
}
