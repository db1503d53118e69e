package emv

import (
	"errors"
	"regexp"
	"strconv"
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// rebuild writes fs again with a Builder, templates as primitives (their
// values are kept verbatim), and returns the payload.
func rebuild(fs Fields) (string, error) {
	var b Builder
	b.AllowLong = true
	for _, f := range fs {
		if f.Tag != CRCTag {
			b.Add(f.Tag, f.Value)
		}
	}
	return b.Payload()
}

var (
	reCRC     = regexp.MustCompile(`^CRC (\S+), computed ([0-9A-F]{4})$`)
	reAtChar  = regexp.MustCompile(`at char (\d+)`)
	reLabelFx = []struct {
		re  *regexp.Regexp
		err error
	}{
		{regexp.MustCompile(`^TLV: non-numeric tag`), ErrTagSyntax},
		{regexp.MustCompile(`^TLV: non-numeric length`), ErrLengthSyntax},
		{regexp.MustCompile(`^TLV: tag \d\d length \d+ overruns`), ErrOverrun},
		{regexp.MustCompile(`^TLV: truncated header`), ErrTruncated},
	}
)

// labelOverrides lists the corpus lines (1-based) where the checker's label
// is wrong, with what is right and why.
var labelOverrides = map[int]struct {
	err    error
	offset int
	why    string
}{
	// The checker read length "00" as an empty value and went on to a later
	// fault; EMV §4.4 allows lengths 01..99 only, so the first fault is the
	// very first object.
	99: {ErrLengthSyntax, 0, `"0000" at offset 0: length 00`},
	// Labelled valid, but it carries "6200": an empty template 62, which EMV
	// forbids twice over (length 00, and 62 needs at least one object).
	124: {ErrLengthSyntax, 92, `"6200" at offset 92`},
}

// TestCorpus checks every real payload against its labels: valid ones parse
// and re-encode byte for byte; invalid ones fail with the error, offset and
// checksum values the label gives.
func TestCorpus(t *testing.T) {
	// The parse's default storage (16 objects) and qris's inline layout (24)
	// are sized by the corpus's largest payload: 17 root objects.
	most := 0
	for _, e := range testcorpus.Corpus(t) {
		if p, err := (Parser{AllowLong: true, AllowLowercaseCRC: true}).Parse(e.Payload); err == nil {
			most = max(most, len(p.Fields()))
		}
	}
	if most != 17 {
		t.Errorf("the corpus's largest payload has %d root objects; the comments sizing storage say 17", most)
	}
	for i, e := range testcorpus.Corpus(t) {
		name := strconv.Itoa(i+1) + "-" + e.Scheme
		t.Run(name, func(t *testing.T) {
			p, err := Parser{AllowLong: true}.Parse(e.Payload)
			if o, ok := labelOverrides[i+1]; ok {
				var pe *Error
				if !errors.As(err, &pe) || !errors.Is(err, o.err) || pe.Offset != o.offset {
					t.Fatalf("got %v, want %v at offset %d (%s)", err, o.err, o.offset, o.why)
				}
				return
			}
			if e.Valid {
				if err != nil {
					t.Fatalf("labelled valid, got %v", err)
				}
				if p.String() != e.Payload {
					t.Fatal("String() differs from the input")
				}
				got, err := rebuild(p.Fields())
				if err != nil {
					t.Fatalf("rebuild: %v", err)
				}
				if got != e.Payload {
					t.Fatalf("rebuild differs:\n got %s\nwant %s", got, e.Payload)
				}
				return
			}
			if err == nil {
				t.Fatalf("labelled invalid (%v), parsed clean", e.Problems)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not *Error", err)
			}
			first := e.Problems[0]
			if m := reCRC.FindStringSubmatch(first); m != nil {
				if !errors.Is(err, ErrCRCMismatch) && !errors.Is(err, ErrCRCSyntax) {
					t.Fatalf("label %q, got %v", first, err)
				}
				if pe.Found != m[1] || pe.Computed != m[2] {
					t.Fatalf("found/computed = %s/%s, label says %s/%s", pe.Found, pe.Computed, m[1], m[2])
				}
				if len(p.Fields()) == 0 || p.Fields()[len(p.Fields())-1].Tag != CRCTag {
					t.Fatal("a checksum error must come with every object read")
				}
				return
			}
			for _, fx := range reLabelFx {
				if fx.re.MatchString(first) {
					if !errors.Is(err, fx.err) {
						t.Fatalf("label %q, got %v", first, err)
					}
					if m := reAtChar.FindStringSubmatch(first); m != nil && strconv.Itoa(pe.Offset) != m[1] {
						t.Fatalf("offset %d, label says %s (%s)", pe.Offset, m[1], first)
					}
					return
				}
			}
			t.Fatalf("no rule for label %q (error %v)", first, err)
		})
	}
}

// TestSpecVectors runs the digest's own vectors: structure and checksum only
// (profile rules such as R05 or R17 belong to package qris).
func TestSpecVectors(t *testing.T) {
	want := map[string]error{
		"S6": ErrCRCCase, "N5": ErrDuplicate, "P1": ErrCRCMismatch, "P5": ErrCRCSyntax,
	}
	vs := testcorpus.VectorMap(t)
	if len(vs) < 27 {
		t.Fatalf("%d vectors", len(vs))
	}
	for id, s := range vs {
		_, err := Parse(s)
		if w := want[id]; w != nil {
			if !errors.Is(err, w) {
				t.Errorf("%s: got %v, want %v", id, err, w)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	if _, err := (Parser{AllowLowercaseCRC: true}).Parse(vs["S6"]); err != nil {
		t.Errorf("S6 lenient: %v", err)
	}
}
