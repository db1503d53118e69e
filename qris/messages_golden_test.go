package qris

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"
)

const messagesGoldenPath = "testdata/golden/messages.golden"

// TestMessagesGolden holds every problem, message included, of every
// payload in testdata under each profile, lenient and strict: the texts
// the rules write, which corpus.golden and profiles.golden leave out.
// Rewritten by
//
//	go test ./qris -run MessagesGolden -update
func TestMessagesGolden(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`# Every problem, with its message, of each payload of corpus.golden under
# each profile (ProfileNames), lenient then strict ("same" when equal).
# Each problem is "severity rule tag@offset: message". Rewritten by
#   go test ./qris -run MessagesGolden -update
`)
	for _, r := range goldenRecords(t) {
		fmt.Fprintf(&b, "\n== %s\n", r.key)
		for _, name := range ProfileNames() {
			p, err := ParseProfile(name)
			if err != nil {
				t.Fatal(err)
			}
			lenient := Validate(r.payload, Options{Profile: p})
			strict := Validate(r.payload, Options{Profile: p, Strict: true})
			writeMessages(&b, name, lenient)
			if slices.Equal(lenient, strict) {
				fmt.Fprintf(&b, "%s strict: same\n", name)
			} else {
				writeMessages(&b, name+" strict", strict)
			}
		}
	}
	got := b.Bytes()
	if *updateGolden {
		if err := os.WriteFile(messagesGoldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(messagesGoldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, old) {
		t.Errorf("%s differs from the validator's outcome:\n%s\n(run go test ./qris -run MessagesGolden -update and review the diff)", messagesGoldenPath, firstDiff(old, got))
	}
}

func writeMessages(b *bytes.Buffer, name string, ps []Problem) {
	if len(ps) == 0 {
		fmt.Fprintf(b, "%s: clean\n", name)
		return
	}
	fmt.Fprintf(b, "%s:\n", name)
	for _, p := range ps {
		tag := p.Tag
		if tag == "" {
			tag = "-"
		}
		fmt.Fprintf(b, "  %s %s %s@%d: %s\n", p.Severity, p.Rule, tag, p.Offset, p.Message)
	}
}
