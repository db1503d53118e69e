package qris

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// modelCorpusEntry is one line of ../testdata/corpus.jsonl: a real payload
// and the labels an independent checker gave it.
type modelCorpusEntry struct {
	Payload  string   `json:"payload"`
	Scheme   string   `json:"scheme"`
	Source   string   `json:"source"`
	TLVOK    bool     `json:"tlv_ok"`
	CRCOK    bool     `json:"crc_ok"`
	CRCCase  bool     `json:"crc_ok_ignoring_case"`
	Valid    bool     `json:"valid"`
	Problems []string `json:"problems"`
}

func modelCorpus(t testing.TB) []modelCorpusEntry {
	t.Helper()
	f, err := os.Open("../testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []modelCorpusEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e modelCorpusEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("corpus line %d: %v", len(out)+1, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("corpus has %d entries, want the whole set", len(out))
	}
	return out
}

// modelVectors reads ../testdata/spec-vectors.txt: an id, a space, a payload.
func modelVectors(t testing.TB) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../testdata/spec-vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		id, p, _ := strings.Cut(line, " ")
		m[id] = p
	}
	if len(m) < 20 {
		t.Fatalf("spec-vectors.txt has %d vectors", len(m))
	}
	return m
}
