package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// terminalRows turns Terminal's text back into module rows, ink = true.
func terminalRows(t *testing.T, text string) [][]bool {
	t.Helper()
	if !strings.HasSuffix(text, "\n") {
		t.Fatal("output does not end in a newline")
	}
	var rows [][]bool
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		upper := make([]bool, 0, utf8.RuneCountInString(line))
		lower := make([]bool, 0, cap(upper))
		for _, r := range line {
			u, l := false, false
			switch r {
			case '█':
				u, l = true, true
			case '▀':
				u = true
			case '▄':
				l = true
			case ' ':
			default:
				t.Fatalf("unexpected character %q in %q", r, line)
			}
			upper = append(upper, u)
			lower = append(lower, l)
		}
		rows = append(rows, upper, lower)
	}
	return rows
}

func TestTerminalMatchesMatrix(t *testing.T) {
	for _, o := range []Options{{}, {Invert: true}, {Level: High, QuietZone: NoQuietZone}, {QuietZone: 1, Invert: true}} {
		for i, content := range corpus(t) {
			m, err := Matrix(content, o)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Terminal(&buf, content, o); err != nil {
				t.Fatal(err)
			}
			rows := terminalRows(t, buf.String())
			n := len(m)
			// Two rows a line; the odd last line's lower half is a light pad.
			if len(rows) != n+1 {
				t.Fatalf("%d rows of text for %d modules", len(rows), n)
			}
			for y, row := range rows {
				if len(row) != n {
					t.Fatalf("text row %d is %d wide, want %d", y, len(row), n)
				}
				for x, ink := range row {
					dark := y < n && m[y][x]
					if ink != (dark != o.Invert) {
						t.Fatalf("payload %d %+v: module (%d,%d) ink %v, dark %v", i+1, o, x, y, ink, dark)
					}
				}
			}
		}
	}
}

// With Invert the quiet zone is ink, so a light-on-dark terminal shows a
// light border, which is what a camera needs to find the code.
func TestTerminalInvertBorder(t *testing.T) {
	var buf bytes.Buffer
	if err := Terminal(&buf, "hello", Options{Invert: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if lines[0] != strings.Repeat("█", 29) || lines[len(lines)-1] != strings.Repeat("█", 29) {
		t.Errorf("first and last lines are not solid: %q ... %q", lines[0], lines[len(lines)-1])
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "████") || !strings.HasSuffix(l, "████") {
			t.Fatalf("line %q does not start and end in four light modules", l)
		}
	}
}

func TestTerminalWriterErrors(t *testing.T) {
	err := Terminal(failWriter{errDisk}, "hello", Options{})
	wantErr(t, err, "Terminal", ErrWrite)
	if !errors.Is(err, errDisk) {
		t.Errorf("%v does not wrap the writer's error", err)
	}
	wantErr(t, Terminal(nil, "hello", Options{}), "Terminal", ErrOptions)
}
