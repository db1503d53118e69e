package main

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// blockLines reads all of r with a block reader of the given size and
// returns its lines, "!" for one too long, and the read error.
func blockLines(r io.Reader, size int) ([]string, error) {
	br := newBlockReader(r, size)
	var got []string
	var block []byte
	for more := true; more; {
		var long bool
		var err error
		block, long, more, err = br.next(block)
		if long {
			got = append(got, "!")
		}
		for line := range bytes.Lines(block) {
			got = append(got, string(trimEOL(line)))
		}
		if err != nil {
			return got, err
		}
	}
	return got, nil
}

func TestBlockReaderLines(t *testing.T) {
	long := strings.Repeat("x", 40)
	tests := []struct {
		in   string
		want []string // "!" marks a line too long
	}{
		{in: "", want: nil},
		{in: "a", want: []string{"a"}},
		{in: "a\n", want: []string{"a"}},
		{in: "a\r\nb\n\nc", want: []string{"a", "b", "", "c"}},
		{in: "a\n" + long + "\nb\n", want: []string{"a", "!", "b"}},
		{in: long, want: []string{"!"}},
		{in: long + "\n", want: []string{"!"}},
		{in: strings.Repeat("y", 15) + "\n", want: []string{strings.Repeat("y", 15)}},
	}
	for _, tt := range tests {
		for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in))} {
			got, err := blockLines(r, 16)
			if err != nil {
				t.Fatalf("%q: %v", tt.in, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestBlockReaderError(t *testing.T) {
	boom := errors.New("boom")
	// The whole lines before the failure are kept, the cut one dropped.
	got, err := blockLines(io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(boom)), 16)
	if !errors.Is(err, boom) || !slices.Equal(got, []string{"a"}) {
		t.Fatalf("got %q, %v; want [a], boom", got, err)
	}
}
