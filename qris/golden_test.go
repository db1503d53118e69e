package qris

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/golden (corpus.golden keeps its findings)")

const goldenPath = "testdata/golden/corpus.golden"

// goldenEntry is one line of ../testdata/corpus.jsonl, with the labels an
// independent checker gave it (structure and CRC only).
type goldenEntry = testcorpus.Entry

// goldenRecord is one payload of the golden file.
type goldenRecord struct {
	key     string // "corpus 17", "vector N1", "gateway example"
	scheme  string
	about   []string // source, labels: facts, not judged
	payload string
}

func goldenCorpus(t *testing.T) []goldenEntry { return testcorpus.Corpus(t) }

// goldenVectors reads ../testdata/spec-vectors.txt in file order.
func goldenVectors(t *testing.T) (ids []string, payloads map[string]string) {
	t.Helper()
	payloads = map[string]string{}
	for _, v := range testcorpus.Vectors(t) {
		ids = append(ids, v.ID)
		payloads[v.ID] = v.Payload
	}
	if len(ids) < 27 {
		t.Fatalf("spec-vectors.txt has %d vectors", len(ids))
	}
	return ids, payloads
}

func goldenRecords(t *testing.T) []goldenRecord {
	var recs []goldenRecord
	ids, vs := goldenVectors(t)
	for _, id := range ids {
		recs = append(recs, goldenRecord{key: "vector " + id, scheme: "qris", about: []string{"source: spec digest examples.md"}, payload: vs[id]})
	}
	recs = append(recs, goldenRecord{key: "gateway example", scheme: "qris", about: []string{"source: api-example-response.json responseData.qris.content"}, payload: modelGateway(t)})
	for i, e := range goldenCorpus(t) {
		about := []string{"source: " + e.Source}
		label := fmt.Sprintf("labels: tlv_ok=%t crc_ok=%t valid=%t", e.TLVOK, e.CRCOK, e.Valid)
		if len(e.Problems) > 0 {
			label += " problems=" + strings.Join(e.Problems, " | ")
		}
		about = append(about, label)
		if e.Note != "" {
			about = append(about, "note: "+e.Note)
		}
		recs = append(recs, goldenRecord{key: "corpus " + strconv.Itoa(i+1), scheme: e.Scheme, about: about, payload: e.Payload})
	}
	return recs
}

// goldenLine formats problems as "error R07 63@195", one per line, or
// "clean".
func goldenProblems(ps []Problem) []string {
	if len(ps) == 0 {
		return []string{"clean"}
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		tag := p.Tag
		if tag == "" {
			tag = "-"
		}
		out[i] = fmt.Sprintf("%s %s %s@%d", p.Severity, p.Rule, tag, p.Offset)
	}
	return out
}

// writeGoldenSet writes the problems of one set: "name: clean", or "name:"
// and one problem a line.
func writeGoldenSet(b *bytes.Buffer, name string, ps []Problem) {
	lines := goldenProblems(ps)
	if len(lines) == 1 {
		fmt.Fprintf(b, "%s: %s\n", name, lines[0])
		return
	}
	fmt.Fprintf(b, "%s:\n", name)
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
}

// goldenFindings reads the findings of an existing golden file, by key.
func goldenFindings(b []byte) map[string][]string {
	m := map[string][]string{}
	var key string
	for _, line := range strings.Split(string(b), "\n") {
		if k, ok := strings.CutPrefix(line, "== "); ok {
			key = k
			continue
		}
		if f, ok := strings.CutPrefix(line, "finding: "); ok && key != "" {
			m[key] = append(m[key], f)
		}
	}
	return m
}

// needsFinding says whether a record's outcome must be explained: any
// problem under the EMV profile, and any problem under QRIS for a payload
// that claims to be QRIS. A payload of another scheme breaks QRIS rules by
// nature.
func needsFinding(r goldenRecord, qris, strict, emvProfile []Problem) bool {
	return len(emvProfile) > 0 || (r.scheme == "qris" && (len(qris) > 0 || len(strict) > 0))
}

func renderGolden(t *testing.T, recs []goldenRecord, findings map[string][]string) ([]byte, []string) {
	var b bytes.Buffer
	var missing []string
	b.WriteString(`# Expected validation of every payload in testdata: the spec digest's vectors,
# the gateway's example and each line of corpus.jsonl (1-based), under
#   qris:   Options{} (QRIS profile, lenient)
#   strict: Options{Strict: true} ("same" when equal to qris)
#   emv:    Options{Profile: ProfileEMV} (lenient)
# Each problem is "severity rule tag@offset". "finding:" lines explain why a
# payload breaks rules; they are written by hand and kept by
#   go test ./qris -run Golden -update
# which rewrites everything else.
`)
	for _, r := range recs {
		q := Validate(r.payload, Options{})
		s := Validate(r.payload, Options{Strict: true})
		e := Validate(r.payload, Options{Profile: ProfileEMV})
		fmt.Fprintf(&b, "\n== %s\n", r.key)
		fmt.Fprintf(&b, "scheme: %s\n", r.scheme)
		for _, a := range r.about {
			b.WriteString(a + "\n")
		}
		b.WriteString("payload: " + r.payload + "\n")
		writeSet := func(name string, ps []Problem) { writeGoldenSet(&b, name, ps) }
		writeSet("qris", q)
		if slices.Equal(q, s) {
			b.WriteString("strict: same\n")
		} else {
			writeSet("strict", s)
		}
		writeSet("emv", e)
		f := findings[r.key]
		for _, l := range f {
			b.WriteString("finding: " + l + "\n")
		}
		if len(f) == 0 && needsFinding(r, q, s, e) {
			missing = append(missing, r.key)
		}
	}
	return b.Bytes(), missing
}

// TestGolden compares the outcome of every payload in testdata with the
// golden file, and asks for a finding wherever a payload breaks a rule.
func TestGolden(t *testing.T) {
	recs := goldenRecords(t)
	old, err := os.ReadFile(goldenPath)
	if err != nil && !*updateGolden {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	got, missing := renderGolden(t, recs, goldenFindings(old))
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if !bytes.Equal(got, old) {
		t.Errorf("%s differs from the validator's outcome:\n%s\n(run go test ./qris -run Golden -update and review the diff)", goldenPath, firstDiff(old, got))
	}
	for _, k := range missing {
		t.Errorf("%s breaks rules but has no finding: explain it in %s", k, goldenPath)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  file: %s\n  now:  %s", i+1, x, y)
		}
	}
	return "(no line differs)"
}

// goldenLabelOverrides lists corpus lines where the structural verdict
// (R02 and the checksum rules R06/R07) differs from the checker's labels,
// with why; emv's TestCorpus agrees.
var goldenLabelOverrides = map[int]string{
	// Labelled valid, but "6200" is an empty template 62: EMV lengths are
	// 01..99.
	124: "length 00 at offset 92",
}

// TestGoldenLabels checks the corpus labels against the validator's
// structural verdict: a payload labelled TLV and CRC ok gets no R02, R06
// or R07, and one labelled otherwise gets one of them.
func TestGoldenLabels(t *testing.T) {
	for i, e := range goldenCorpus(t) {
		line := i + 1
		ps := Validate(e.Payload, Options{Profile: ProfileEMV})
		structural := slices.ContainsFunc(ps, func(p Problem) bool {
			return p.Rule == "R02" || p.Rule == "R06" || p.Rule == "R07"
		})
		labelledOK := e.TLVOK && e.CRCOK
		if _, ok := goldenLabelOverrides[line]; ok {
			if !structural || !labelledOK {
				t.Errorf("line %d: override no longer needed: %v", line, ps)
			}
			continue
		}
		if labelledOK == structural {
			t.Errorf("line %d (%s): labels tlv_ok=%t crc_ok=%t, problems %v", line, e.Scheme, e.TLVOK, e.CRCOK, ps)
		}
	}
}
