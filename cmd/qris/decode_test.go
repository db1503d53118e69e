package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TOKO CONTOH", "TOKO CONTOH"},
		{"北京 Café", "北京 Café"},
		{"A\x1b[31mB", `"A\x1b[31mB"`},
		{"tab\there", `"tab\there"`},
		{"zero\u200bwidth", `"zero\u200bwidth"`},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// A payload can carry an escape sequence in a value; the tree quotes it
// instead of sending it to the terminal.
func TestDecodeQuotesControlCharacters(t *testing.T) {
	const base = "000201" + "010211" + "021100000000000" + "52040000" + "5303360" + "5802ID" + "5903A\x1bB" + "6001B" + "6304"
	var out, errb bytes.Buffer
	e := &cli.Env{Stdout: &out, Stderr: &errb}
	// Build the payload with its CRC through the command itself.
	if code := cli.Run(e, commands, []string{"crc", base}); code != cli.ExitOK {
		t.Fatalf("crc: exit %d: %s", code, errb.String())
	}
	p := base + strings.TrimSpace(out.String())
	out.Reset()
	if code := cli.Run(e, commands, []string{"decode", p}); code != cli.ExitOK {
		t.Fatalf("decode: exit %d: %s", code, errb.String())
	}
	if strings.Contains(out.String(), "\x1b") || !strings.Contains(out.String(), `"A\x1bB"`) {
		t.Fatalf("the tree holds a raw escape or no quoted value:\n%s", out.String())
	}
}

func TestCRCVerdict(t *testing.T) {
	tests := []struct{ found, computed, want string }{
		{"99F7", "99F7", "found 99F7, computed 99F7: ok"},
		{"99f7", "99F7", "found 99f7, computed 99F7: ok, but lowercase"},
		{"ABCD", "99F7", "found ABCD, computed 99F7: MISMATCH"},
		{"", "99F7", "not found, computed 99F7"},
	}
	for _, tt := range tests {
		if got := crcVerdict(tt.found, tt.computed); got != tt.want {
			t.Errorf("crcVerdict(%q, %q) = %q, want %q", tt.found, tt.computed, got, tt.want)
		}
	}
}
