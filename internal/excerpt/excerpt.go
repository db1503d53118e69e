// Package excerpt shortens a piece of input for quoting in a message.
package excerpt

import (
	"strings"
	"unicode/utf8"
)

// Of returns s if it holds at most n characters, else its first n-3
// characters and "...": cut between characters, never inside one, and
// with invalid bytes replaced by U+FFFD, so a message quoting it stays
// UTF-8. n is at least 4.
func Of(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	k := 0
	for i := range s {
		if k == n-3 {
			return s[:i] + "..."
		}
		k++
	}
	return s
}
