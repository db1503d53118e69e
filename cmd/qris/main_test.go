package main

import (
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary be the qris command: testscript puts it on
// PATH as "qris", so scripts, and tests that exec "qris", run the real
// command in its own process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"qris": main})
}

// TestScripts runs the end-to-end scripts in testdata/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			// More than any QR code holds, even at level L.
			e.Setenv("LONG", strings.Repeat("QRIS", 800))
			return nil
		},
	})
}
