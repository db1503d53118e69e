package qris

import (
	"fmt"
	"slices"
	"testing"
	"unicode"
)

// TestDescribeRune: the buffer-built names of characters read as fmt
// would write them.
func TestDescribeRune(t *testing.T) {
	for _, r := range []rune{0, 1, '\t', 0x7F, 'é', '|', 0xA0, 0x2028, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF} {
		want := fmt.Sprintf("U+%04X", r)
		if unicode.IsPrint(r) {
			want = fmt.Sprintf("%q (U+%04X)", r, r)
		}
		var v validator
		if got := v.describeRune(r); got != want {
			t.Errorf("describeRune(%U) = %q, want %q", r, got, want)
		}
	}
}

// TestProblemTextsStay: the texts of one run are views of its buffer; a
// later run, or more texts in the same one, never changes them.
func TestProblemTextsStay(t *testing.T) {
	payloads := layoutPayloads(t)
	first := make([][]Problem, len(payloads))
	strings := make([][]string, len(payloads))
	for i, s := range payloads {
		first[i] = Validate(s, valStrict)
		for _, p := range first[i] {
			strings[i] = append(strings[i], p.String())
		}
	}
	many := 0
	for i, s := range payloads {
		again := Validate(s, valStrict)
		if !slices.Equal(again, first[i]) {
			t.Errorf("%.50s...: a second run gave %v, the first %v", s, again, first[i])
		}
		for k, p := range first[i] {
			if p.String() != strings[i][k] {
				t.Errorf("%.50s...: problem %d changed from %q to %q", s, k, strings[i][k], p.String())
			}
		}
		if len(first[i]) >= 8 {
			many++
		}
	}
	if many == 0 {
		t.Error("no payload had enough problems to grow the buffer")
	}
}
