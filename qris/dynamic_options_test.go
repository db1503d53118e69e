package qris

import (
	"errors"
	"strings"
	"testing"
)

// TestReferenceDetail: a reference is refused for its first character
// outside printable ASCII (named as written, not as one of its bytes)
// before its length, and its length is told in characters.
func TestReferenceDetail(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	tests := []struct {
		name, ref, detail string
	}{
		{"12 é", strings.Repeat("é", 12), `holds 'é'`},
		{"13 é", strings.Repeat("é", 13), `holds 'é'`},
		{"long then é", strings.Repeat("x", 30) + "é", `holds 'é'`},
		{"pipe", "A|B", `holds '|'`},
		{"tab", "A\tB", `holds '\t'`},
		{"not UTF-8", "A\xffB", `holds the byte "\xff" (not UTF-8)`},
		{"26 ASCII", strings.Repeat("x", 26), "26 characters, the bound is 25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToDynamic(s1, DynamicOptions{Amount: "1", ReferenceLabel: tt.ref})
			var e *Error
			if !errors.Is(err, ErrReference) || !errors.As(err, &e) || got != "" {
				t.Fatalf("got %q, %v; want ErrReference", got, err)
			}
			if e.Tag != "62.05" || !strings.Contains(e.Detail, tt.detail) {
				t.Errorf("tag %q detail %q, want 62.05 and %q", e.Tag, e.Detail, tt.detail)
			}
		})
	}
	for _, ok := range []string{strings.Repeat("x", 25), " ~!", "***"} {
		if _, err := ToDynamic(s1, DynamicOptions{Amount: "1", BillNumber: ok}); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

// TestAmountOptionLength: DynamicOptions.Amount is bounded as given, leading
// zeros included, and written without them.
func TestAmountOptionLength(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	tests := []struct {
		amount, written string // written "" means refused
	}{
		{"0000000015000", "540515000"},
		{"00000000015000", ""},
		{"1234567890123", "54131234567890123"},
		{"1234567890.12", "54131234567890.12"},
		{"12345678901234", ""},
		{"015000.", "540515000"},
		{"000000015000.", "540515000"},
		{"0000000015000.", ""},
	}
	for _, tt := range tests {
		got, err := ToDynamic(s1, DynamicOptions{Amount: tt.amount})
		if tt.written == "" {
			var e *Error
			if !errors.Is(err, ErrAmount) || !errors.As(err, &e) || e.Tag != "54" || !strings.Contains(e.Detail, "longer than 13") {
				t.Errorf("%q: got %q, %v; want ErrAmount, longer than 13", tt.amount, got, err)
			}
			if _, perr := ParseAmount(tt.amount); perr == nil {
				t.Errorf("%q: ParseAmount accepts what ToDynamic refuses", tt.amount)
			}
			continue
		}
		if err != nil || !strings.Contains(got, "5303360"+tt.written+"58") {
			t.Errorf("%q: got %q, %v; want 54 written %s", tt.amount, got, err, tt.written)
		}
	}
}
