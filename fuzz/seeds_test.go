package fuzz

import (
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// seeds returns every payload of the shared corpus and the spec vectors.
func seeds(t testing.TB) []string {
	t.Helper()
	return testcorpus.Payloads(t)
}
