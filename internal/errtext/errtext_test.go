package errtext

import (
	"errors"
	"slices"
	"testing"
)

func TestJoin(t *testing.T) {
	for _, c := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"render", "PNG", "bad options", "", ""}, "render: PNG: bad options"},
		{[]string{"", "not an image", "", "unexpected EOF"}, "not an image: unexpected EOF"},
		{[]string{"qris", "tag 54", "invalid amount", "found \"1,5\""}, "qris: tag 54: invalid amount: found \"1,5\""},
	} {
		if got := Join(c.parts...); got != c.want {
			t.Errorf("Join(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

func TestOfAndUnwrap(t *testing.T) {
	a, b := errors.New("a"), errors.New("b")
	if Of(nil) != "" || Of(a) != "a" {
		t.Errorf("Of: %q, %q", Of(nil), Of(a))
	}
	if got := Unwrap(a, nil); !slices.Equal(got, []error{a}) {
		t.Errorf("Unwrap(a, nil) = %v", got)
	}
	if got := Unwrap(a, b); !slices.Equal(got, []error{a, b}) {
		t.Errorf("Unwrap(a, b) = %v", got)
	}
}
