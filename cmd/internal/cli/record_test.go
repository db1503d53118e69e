package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris"
)

func TestAppendJSONString(t *testing.T) {
	tests := []string{
		"", "plain", `quote " and \ backslash`, "tab\tnew\nline\rcr",
		"\x00\x01\x1f\x7f", "<html> & 'x'", "北京 Café", "\u2028\u2029",
		"bad \xff utf8 \xc3", "\U0001F600",
	}
	for _, s := range tests {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s is not JSON: %v", s, got, err)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if back != want {
			t.Errorf("%q: %s reads back as %q, want %q", s, got, back, want)
		}
		if !utf8.Valid(got) || bytes.ContainsAny(got, "\n\r\u2028") {
			t.Errorf("%q: %q would break a JSON line", s, got)
		}
	}
}

// jsonOracle is encoding/json's encoding of s without HTML escaping, which
// appendJSONString must match byte for byte. The short forms \b and \f that
// encoding/json writes are left out of the comparison: s must hold neither.
func jsonOracle(t testing.TB, s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// TestAppendJSONStringMatchesEncodingJSON puts each character that needs
// care at every position of strings around the eight-byte words the plain
// runs are scanned by, so that no word boundary hides one.
func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	specials := []string{`"`, `\`, "\x00", "\x1f", "\n", "\r", "\t", "\x7f", " ", "~",
		"é", "北", "\U0001F600", "\u2028", "\u2029", "\xff", "\xc3", "\xe2\x80"}
	n := 0
	for size := 0; size <= 19; size++ {
		for at := 0; at <= size; at++ {
			for _, sp := range specials {
				s := strings.Repeat("a", at) + sp + strings.Repeat("z", size-at)
				if got, want := string(appendJSONString([]byte("x"), s)), "x"+jsonOracle(t, s); got != want {
					t.Fatalf("%q: got %s, want %s", s, got, want)
				}
				n++
			}
		}
	}
	// Backspace and form feed keep the \u form the records always had.
	for s, want := range map[string]string{"\b": `"\u0008"`, "a\fb": `"a\u000cb"`} {
		if got := string(appendJSONString(nil, s)); got != want {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
	if n < 3000 {
		t.Fatalf("only %d strings checked", n)
	}
}

// TestPlainPrefix: the scan stops at the first byte JSON escapes, whatever
// the byte, wherever it stands, in strings of every length up to 17, and
// whether or not a special byte follows it.
func TestPlainPrefix(t *testing.T) {
	for n := range 18 {
		if got := plainPrefix(strings.Repeat("m", n)); got != n {
			t.Fatalf("%d plain bytes: got %d", n, got)
		}
		for c := range 256 {
			plain := c >= 0x20 && c < 0x80 && c != '"' && c != '\\'
			for at := range n {
				for _, after := range []byte{'m', '"', 0x01, 0xC3} {
					b := bytes.Repeat([]byte{'m'}, n)
					b[at] = byte(c)
					want := at
					if at+1 < n {
						b[n-1] = after
						if plain {
							want = n - 1
							if after == 'm' {
								want = n
							}
						}
					} else if plain {
						want = n
					}
					if got := plainPrefix(string(b)); got != want {
						t.Fatalf("%q: got %d, want %d", b, got, want)
					}
				}
			}
		}
	}
}

// FuzzAppendJSONString holds appendJSONString to encoding/json on any
// input (with \b and \f mapped away, see jsonOracle).
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain text here", `a "quoted" \ word`, "caf\xc3\xa9 \xff\u2028", "01234567\x1f89"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.NewReplacer("\b", "\x01", "\f", "\x02").Replace(s)
		if got, want := string(appendJSONString(nil, s)), jsonOracle(t, s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

// appendRecord writes by hand what encoding/json would write for the same
// record, so a consumer cannot tell the two apart.
func TestAppendRecordMatchesEncodingJSON(t *testing.T) {
	problems := []qris.Problem{
		{Rule: "R15", Tag: "54", Offset: 142, Severity: qris.SeverityError, Message: `amount "1,5" is not a number`},
		{Rule: "Q10", Tag: "51.00", Offset: 80, Severity: qris.SeverityWarning, Message: "GUID <x> & café"},
	}
	for _, tt := range []struct {
		line     int
		valid    bool
		problems []qris.Problem
	}{
		{7, true, nil},
		{0, true, []qris.Problem{}},
		{12, false, problems},
	} {
		type rec struct {
			Line     int            `json:"line,omitempty"`
			Valid    bool           `json:"valid"`
			Problems []qris.Problem `json:"problems"`
		}
		ps := tt.problems
		if ps == nil {
			ps = []qris.Problem{}
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rec{tt.line, tt.valid, ps}); err != nil {
			t.Fatal(err)
		}
		if got := AppendRecord(nil, tt.line, tt.valid, tt.problems); string(got) != want.String() {
			t.Errorf("record\n got %s\nwant %s", got, want.String())
		}
	}
}

// appendJSONString is appendJSONChars with the quotes, to compare with
// encoding/json's strings.
func appendJSONString(b []byte, s string) []byte {
	return append(appendJSONChars(append(b, '"'), s), '"')
}
