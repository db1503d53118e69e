package api_test

import (
	"testing"

	"github.com/qriskit/qriskit/qris/api"
)

func TestReferenceLabel(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"66e934f6-f5d6-4f1c-8f3e-2f9c1a7b5d40", "66e934f6f5d64f1c"},
		{"66E934F6-F5D6-4F1C-8F3E-2F9C1A7B5D40", "66E934F6F5D64F1C"},
		{"0123456789abcdef", "0123456789abcdef"},
		{"0123-4567-89ab-cdef0", "0123456789abcdef"},
		{"short-id", "shortid"},
		{"----", ""},
		{"", ""},
	} {
		if got := api.ReferenceLabel(tc.id); got != tc.want {
			t.Errorf("ReferenceLabel(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}
