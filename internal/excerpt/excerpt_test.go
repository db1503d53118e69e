package excerpt

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestOf(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven char", 10, "eleven ..."},
		{"ああああああああああああ", 10, "あああああああ..."},
		{"ab\xffcd", 10, "ab\uFFFDcd"},
		{strings.Repeat("黐", 40) + "\xe9", 40, strings.Repeat("黐", 37) + "..."},
	} {
		got := Of(c.in, c.n)
		if got != c.want {
			t.Errorf("Of(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > c.n {
			t.Errorf("Of(%q, %d) = %q: not UTF-8 or over %d characters", c.in, c.n, got, c.n)
		}
	}
}
