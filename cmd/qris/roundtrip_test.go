package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// corpusPath is the project's corpus of real and hand-made payloads, one
// JSON object a line.
const corpusPath = "../../testdata/corpus.jsonl"

type corpusRow struct {
	Payload string `json:"payload"`
	Valid   bool   `json:"valid"`
}

func readCorpus(t testing.TB) []corpusRow {
	t.Helper()
	f, err := os.Open(corpusPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r corpusRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", corpusPath, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s holds no payload", corpusPath)
	}
	return rows
}

// TestCorpusRoundTrip runs the built command over every corpus payload:
// 'qris decode --json P | qris encode' prints exactly P whenever P's root
// objects and CRC are right, even when a template inside is not TLV (decode
// keeps it as a value). decode exits 0 exactly when, besides, every
// template parses: every template of the payload's profile, which opens a
// VietQR 38.01 and leaves a PromptPay 81 a value.
func TestCorpusRoundTrip(t *testing.T) {
	rows := readCorpus(t)
	roundTrips := 0
	for i, r := range rows {
		p, parseErr := cli.ReadParser().Parse(r.Payload)
		_, tmplErr := tree(p.Fields(), nil, qris.DetectProfile(r.Payload), "")
		js, err := exec.Command("qris", "decode", "--json", r.Payload).Output()
		if wantOK := parseErr == nil && tmplErr == nil; (err == nil) != wantOK {
			t.Errorf("line %d: decode: %v; want success %v (parse: %v, templates: %v)", i+1, err, wantOK, parseErr, tmplErr)
			continue
		}
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != cli.ExitInvalid) {
			t.Errorf("line %d: decode: %v, want exit status 1", i+1, err)
			continue
		}
		if parseErr != nil {
			continue
		}
		encode := exec.Command("qris", "encode")
		encode.Stdin = bytes.NewReader(js)
		out, err := encode.Output()
		if err != nil {
			t.Errorf("line %d: encode: %v", i+1, err)
			continue
		}
		if got := strings.TrimSuffix(string(out), "\n"); got != r.Payload {
			t.Errorf("line %d: round trip\n got %s\nwant %s", i+1, got, r.Payload)
			continue
		}
		roundTrips++
	}
	// Most of the corpus is well-formed; a parser that refused everything
	// would pass the loop above vacuously.
	if valid := countValid(rows); roundTrips < valid*9/10 {
		t.Errorf("only %d round trips over %d payloads the corpus calls valid", roundTrips, valid)
	}
}

// TestCorpusCRCMismatchRepair: for a payload whose only fault is its CRC,
// decode exits 1 but its JSON encodes to the payload with the right CRC.
func TestCorpusCRCMismatchRepair(t *testing.T) {
	n := 0
	for i, r := range readCorpus(t) {
		_, err := cli.ReadParser().Parse(r.Payload)
		if err == nil || !strings.Contains(err.Error(), emv.ErrCRCMismatch.Error()) {
			continue
		}
		n++
		js, _ := exec.Command("qris", "decode", "--json", r.Payload).Output()
		encode := exec.Command("qris", "encode")
		encode.Stdin = bytes.NewReader(js)
		out, err := encode.Output()
		want := r.Payload[:len(r.Payload)-4] + emv.ExpectedCRC(r.Payload)
		if err != nil || strings.TrimSpace(string(out)) != want {
			t.Errorf("line %d: repair gave %q, %v; want %s", i+1, out, err, want)
		}
	}
	if n == 0 {
		t.Error("the corpus holds no payload with a wrong CRC to repair")
	}
}

func countValid(rows []corpusRow) int {
	n := 0
	for _, r := range rows {
		if r.Valid {
			n++
		}
	}
	return n
}
