// Package testcorpus reads the module's shared test data, for the tests of
// every package: testdata/corpus.jsonl (real payloads, each with the labels
// an independent checker gave it), testdata/spec-vectors.txt (the spec's
// worked examples) and testdata/gateway-example.txt (the gateway's example
// content). It finds testdata/ beside go.mod, so a test reads the same
// files at any depth below the module root.
package testcorpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Entry is one line of corpus.jsonl.
type Entry struct {
	Payload string `json:"payload"`
	Scheme  string `json:"scheme"`
	Source  string `json:"source"`
	// TLVOK, CRCOK and CRCCase are the checker's verdicts: the structure
	// parses, the checksum is right, the checksum is right when case is
	// ignored.
	TLVOK   bool `json:"tlv_ok"`
	CRCOK   bool `json:"crc_ok"`
	CRCCase bool `json:"crc_ok_ignoring_case"`
	// Valid is the checker's verdict on the payload as a whole; Problems
	// says what it found wrong, Note anything else it recorded.
	Valid    bool     `json:"valid"`
	Problems []string `json:"problems"`
	Note     string   `json:"note"`
}

// Vector is one line of spec-vectors.txt: an id, a space, a payload.
type Vector struct {
	ID      string
	Payload string
}

// Path returns the path of name in the module's testdata directory.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "testdata", name)
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatalf("no go.mod above the test's directory, so no testdata/%s", name)
		}
		dir = up
	}
}

// Corpus returns every entry of corpus.jsonl, in file order.
func Corpus(tb testing.TB) []Entry {
	tb.Helper()
	path := Path(tb, "corpus.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			tb.Fatalf("%s line %d: %v", path, line, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) < 100 {
		tb.Fatalf("%s has %d entries, want the whole set", path, len(out))
	}
	return out
}

// Vectors returns the spec's vectors in file order.
func Vectors(tb testing.TB) []Vector {
	tb.Helper()
	path := Path(tb, "spec-vectors.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []Vector
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		id, p, _ := strings.Cut(line, " ")
		out = append(out, Vector{ID: id, Payload: p})
	}
	if len(out) < 20 {
		tb.Fatalf("%s has %d vectors, want the whole set", path, len(out))
	}
	return out
}

// VectorMap returns the spec's vectors by id.
func VectorMap(tb testing.TB) map[string]string {
	tb.Helper()
	m := map[string]string{}
	for _, v := range Vectors(tb) {
		m[v.ID] = v.Payload
	}
	return m
}

// GatewayExample returns the gateway's example content, the
// responseData.qris.content of its documented answer (284 characters).
func GatewayExample(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(Path(tb, "gateway-example.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	s := strings.TrimRight(string(b), "\n")
	if len(s) != 284 {
		tb.Fatalf("gateway example is %d characters, want 284", len(s))
	}
	return s
}

// CorpusPayloads returns every payload of the corpus, in file order.
func CorpusPayloads(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, e := range Corpus(tb) {
		out = append(out, e.Payload)
	}
	return out
}

// Contents returns every payload of the corpus, then the gateway example:
// the texts the QR tests draw and read back.
func Contents(tb testing.TB) []string {
	tb.Helper()
	return append(CorpusPayloads(tb), GatewayExample(tb))
}

// Payloads returns every payload of the corpus, then every vector's.
func Payloads(tb testing.TB) []string {
	tb.Helper()
	out := CorpusPayloads(tb)
	for _, v := range Vectors(tb) {
		out = append(out, v.Payload)
	}
	return out
}
