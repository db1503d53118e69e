package testcorpus

import (
	"os"
	"testing"
)

// TestPath: from this package's directory, two below the root, Path finds
// the root's testdata.
func TestPath(t *testing.T) {
	got, err := os.Stat(Path(t, "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.Stat("../../testdata/corpus.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(got, want) {
		t.Fatalf("Path found %v, not the root's testdata", got.Name())
	}
}

// TestCorpus: every line is read, each with its payload and provenance,
// and the labels the readers rely on are there.
func TestCorpus(t *testing.T) {
	es := Corpus(t)
	if len(es) != 128 {
		t.Fatalf("%d entries, want 128", len(es))
	}
	var valid, problems, notes int
	for i, e := range es {
		if e.Payload == "" || e.Scheme == "" || e.Source == "" {
			t.Fatalf("entry %d lacks payload, scheme or source: %+v", i+1, e)
		}
		if e.Valid {
			valid++
		}
		if len(e.Problems) > 0 {
			problems++
		}
		if e.Note != "" {
			notes++
		}
	}
	if valid == 0 || valid == len(es) || problems == 0 || notes == 0 {
		t.Fatalf("labels not read: %d valid, %d with problems, %d with notes", valid, problems, notes)
	}
}

// TestVectors: ids are unique, the map holds each once, and Payloads is
// the corpus then the vectors.
func TestVectors(t *testing.T) {
	vs := Vectors(t)
	m := VectorMap(t)
	if len(m) != len(vs) {
		t.Fatalf("%d vectors, %d distinct ids", len(vs), len(m))
	}
	for _, v := range vs {
		if v.ID == "" || v.Payload == "" || m[v.ID] != v.Payload {
			t.Fatalf("vector %+v", v)
		}
	}
	ps := Payloads(t)
	es := Corpus(t)
	if len(ps) != len(es)+len(vs) || ps[0] != es[0].Payload || ps[len(ps)-1] != vs[len(vs)-1].Payload {
		t.Fatalf("Payloads: %d, want the %d entries then the %d vectors", len(ps), len(es), len(vs))
	}
}

func TestGatewayExample(t *testing.T) {
	s := GatewayExample(t)
	if cs := Contents(t); len(cs) != len(Corpus(t))+1 || cs[len(cs)-1] != s {
		t.Fatalf("Contents: %d texts, the last not the gateway example", len(cs))
	}
	if s[:6] != "000201" || s[len(s)-8:len(s)-4] != "6304" {
		t.Fatalf("gateway example %q is not a payload", s)
	}
}
