package fuzz

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// seeds returns every payload of the shared corpus and the spec vectors.
func seeds(t testing.TB) []string {
	t.Helper()
	var out []string
	f, err := os.Open("../testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e struct {
			Payload string `json:"payload"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e.Payload)
	}
	b, err := os.ReadFile("../testdata/spec-vectors.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && line[0] != '#' {
			_, p, _ := strings.Cut(line, " ")
			out = append(out, p)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d seeds", len(out))
	}
	return out
}
