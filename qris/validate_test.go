package qris

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/qriskit/qriskit/emv"
)

// valRules is the sorted set of rule ids in ps, with "W" after a warning.
func valRules(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		id := p.Rule
		if p.Severity == SeverityWarning {
			id += "W"
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// TestSpecVectors runs the spec digest's vectors: each negative one breaks
// exactly its rule, the valid ones are clean (S6 per mode), and the public
// ones give what their notes in the golden file explain.
func TestSpecVectors(t *testing.T) {
	_, vs := goldenVectors(t)
	strictEMV := Options{Profile: ProfileEMV, Strict: true}
	tests := []struct {
		id                 string
		qris, strict, emvP []string
	}{
		{id: "S1"}, {id: "S2"}, {id: "S3"}, {id: "S4"}, {id: "S5"},
		{id: "S6", strict: []string{"R08W"}},
		{id: "V1"}, {id: "V2"}, {id: "V3"}, {id: "V4"},
		{id: "N1", qris: []string{"R17"}, strict: []string{"R17"}, emvP: []string{"R17"}},
		{id: "N2", qris: []string{"R17"}, strict: []string{"R17"}, emvP: []string{"R17"}},
		{id: "N3", qris: []string{"Q04"}, strict: []string{"Q04"}},
		{id: "N4", qris: []string{"Q03"}, strict: []string{"Q03"}},
		{id: "N5", qris: []string{"R04"}, strict: []string{"R04"}, emvP: []string{"R04"}},
		{id: "N6", qris: []string{"Q13"}, strict: []string{"Q13"}, emvP: []string{"R15"}},
		{id: "N7", qris: []string{"R15"}, strict: []string{"R15"}, emvP: []string{"R15"}},
		{id: "N8", qris: []string{"Q12"}, strict: []string{"Q12"}},
		{id: "N9", qris: []string{"Q08"}, strict: []string{"Q08"}},
		{id: "N10", qris: []string{"Q17"}, strict: []string{"Q17"}, emvP: []string{"R23"}},
		{id: "N11", qris: []string{"R05"}, strict: []string{"R05"}, emvP: []string{"R05"}},
		{id: "P1", qris: []string{"R07"}, strict: []string{"R07"}, emvP: []string{"R07"}},
		{id: "P2", qris: []string{"Q22W"}, strict: []string{"Q22"}, emvP: []string{"R20"}},
		{id: "P3"}, {id: "P4"},
		{id: "P5", qris: []string{"R06"}, strict: []string{"R06"}, emvP: []string{"R06"}},
		{id: "P6", qris: []string{"Q01", "Q04"}, strict: []string{"Q01", "Q04"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.id] = true
		s, ok := vs[tt.id]
		if !ok {
			t.Errorf("no vector %s", tt.id)
			continue
		}
		for _, m := range []struct {
			o    Options
			want []string
		}{{Options{}, tt.qris}, {valStrict, tt.strict}, {valEMV, tt.emvP}} {
			if got := valRules(Validate(s, m.o)); !slices.Equal(got, m.want) {
				t.Errorf("%s %+v: got %v, want %v", tt.id, m.o, got, m.want)
			}
		}
		// Strict EMV adds R08 to S6 and nothing else to the valid ones.
		if tt.id[0] == 'S' || tt.id[0] == 'V' {
			want := []string(nil)
			if tt.id == "S6" {
				want = []string{"R08W"}
			}
			if got := valRules(Validate(s, strictEMV)); !slices.Equal(got, want) {
				t.Errorf("%s strict EMV: got %v, want %v", tt.id, got, want)
			}
		}
	}
	for id := range vs {
		if !seen[id] {
			t.Errorf("vector %s has no expectation", id)
		}
	}
}

// TestGatewayExample: the gateway's example content is clean in every mode.
func TestGatewayExample(t *testing.T) {
	s := modelGateway(t)
	for _, o := range []Options{{}, valStrict, valEMV, {Profile: ProfileEMV, Strict: true}} {
		if ps := Validate(s, o); ps != nil {
			t.Errorf("%+v: %v", o, ps)
		}
	}
}

// valParse parses s as Validate does.
func valParse(s string) (emv.Payload, error) {
	return emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(s)
}

// valAllPayloads is every payload of testdata plus the gateway example.
func valAllPayloads(t *testing.T) []string {
	ids, vs := goldenVectors(t)
	var out []string
	for _, id := range ids {
		out = append(out, vs[id])
	}
	out = append(out, modelGateway(t))
	for _, e := range goldenCorpus(t) {
		out = append(out, e.Payload)
	}
	return out
}

var valModes = []Options{{}, valStrict, valEMV, {Profile: ProfileEMV, Strict: true}}

// TestValidatePayloadMatchesValidate: on a payload that parses, the two
// entry points agree.
func TestValidatePayloadMatchesValidate(t *testing.T) {
	n := 0
	for _, s := range valAllPayloads(t) {
		pl, err := valParse(s)
		if err != nil {
			continue
		}
		n++
		for _, o := range valModes {
			if a, b := Validate(s, o), ValidatePayload(&pl, o); !slices.Equal(a, b) {
				t.Errorf("%+v %.40s...: Validate %v, ValidatePayload %v", o, s, a, b)
			}
		}
	}
	if n < 80 {
		t.Fatalf("only %d payloads parsed", n)
	}
}

// TestValidatePayloadAllocs: a clean payload costs no allocation, in any
// mode.
func TestValidatePayloadAllocs(t *testing.T) {
	_, vs := goldenVectors(t)
	for _, s := range []string{modelGateway(t), vs["S1"], vs["S3"], vs["S4"], vs["S5"], vs["V1"], vs["V4"]} {
		pl, err := valParse(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range valModes {
			var ps []Problem
			if n := testing.AllocsPerRun(50, func() { ps = ValidatePayload(&pl, o) }); n != 0 || ps != nil {
				t.Errorf("%+v %.40s...: %v allocations, problems %v", o, s, n, ps)
			}
		}
	}
}

// TestProblemsInvariants holds for every payload and mode: problems sorted
// by offset, rules from the table that apply to the profile, severities as
// the table gives them (R09 beyond any QR is an error in both modes),
// messages present, and Valid agreeing with the severities.
func TestProblemsInvariants(t *testing.T) {
	for _, s := range valAllPayloads(t) {
		for _, o := range valModes {
			ps := Validate(s, o)
			if !slices.IsSortedFunc(ps, func(a, b Problem) int { return a.Offset - b.Offset }) {
				t.Errorf("%+v %.40s...: not sorted: %v", o, s, ps)
			}
			hasErr := false
			for _, p := range ps {
				r, ok := LookupRule(p.Rule)
				if !ok {
					t.Errorf("%v: rule not in the table", p)
					continue
				}
				if r.Profile == ProfileQRIS && o.Profile == ProfileEMV {
					t.Errorf("%+v: QRIS rule under EMV: %v", o, p)
				}
				want := r.Severity
				if o.Strict {
					want = r.StrictSeverity
				}
				if p.Severity != want {
					t.Errorf("%+v: %v has severity %v, table says %v", o, p, p.Severity, want)
				}
				if p.Message == "" || p.Offset < 0 || p.Offset > utf8.RuneCountInString(s) || (p.Tag != "" && !isTagPath(p.Tag)) {
					t.Errorf("%+v: malformed %#v", o, p)
				}
				hasErr = hasErr || p.Severity == SeverityError
			}
			if Valid(ps) == hasErr {
				t.Errorf("Valid = %v with %v", Valid(ps), ps)
			}
		}
	}
}

func TestValid(t *testing.T) {
	w := Problem{Rule: "Q10", Severity: SeverityWarning}
	e := Problem{Rule: "R07", Severity: SeverityError}
	for _, tt := range []struct {
		ps   []Problem
		want bool
	}{{nil, true}, {[]Problem{w}, true}, {[]Problem{w, e}, false}, {[]Problem{e}, false}} {
		if got := Valid(tt.ps); got != tt.want {
			t.Errorf("Valid(%v) = %v", tt.ps, got)
		}
	}
}

func TestRulesTable(t *testing.T) {
	rules := Rules()
	var ids []string
	for i := 1; i <= 27; i++ {
		ids = append(ids, "R"+twoDigits(i))
	}
	for i := 1; i <= 22; i++ {
		ids = append(ids, "Q"+twoDigits(i))
	}
	ids = append(ids, "X01", "P01", "P02")
	if len(rules) != len(ids) {
		t.Fatalf("%d rules, want %d", len(rules), len(ids))
	}
	for i, r := range rules {
		if r.ID != ids[i] {
			t.Errorf("rule %d is %s, want %s", i, r.ID, ids[i])
		}
		if r.Summary == "" || r.Source == "" {
			t.Errorf("%s lacks a summary or source", r.ID)
		}
		// R and P rules apply under every profile (P checks only what a
		// profile's table defines), Q and X under QRIS only.
		if want := ProfileEMV; r.ID[0] != 'R' && r.ID[0] != 'P' {
			want = ProfileQRIS
			if r.Profile != want {
				t.Errorf("%s has profile %v", r.ID, r.Profile)
			}
		} else if r.Profile != want {
			t.Errorf("%s has profile %v", r.ID, r.Profile)
		}
		if got, ok := LookupRule(r.ID); !ok || got != r {
			t.Errorf("LookupRule(%s) = %v, %v", r.ID, got, ok)
		}
	}
	rules[0].ID = "changed"
	if Rules()[0].ID != "R01" {
		t.Error("Rules returns the table itself")
	}
	if _, ok := LookupRule("R99"); ok {
		t.Error("LookupRule(R99) found something")
	}
	// The decisions on the spec's two-mode rules.
	for id, sev := range map[string][2]Severity{
		"R08": {0, SeverityWarning},
		"R09": {SeverityWarning, SeverityError},
		"Q22": {SeverityWarning, SeverityError},
		"Q20": {0, 0},
		"X01": {0, SeverityWarning},
	} {
		if r, _ := LookupRule(id); r.Severity != sev[0] || r.StrictSeverity != sev[1] {
			t.Errorf("%s: %v/%v, want %v/%v", id, r.Severity, r.StrictSeverity, sev[0], sev[1])
		}
	}
}

func twoDigits(i int) string { return emv.Tag(i).String() }

// TestValidatePayloadEmpty: the zero Payload is an empty payload.
func TestValidatePayloadEmpty(t *testing.T) {
	ps := ValidatePayload(&emv.Payload{}, Options{})
	if len(ps) != 1 || ps[0].Rule != "R01" || ps[0].Severity != SeverityError {
		t.Errorf("got %v", ps)
	}
}

// TestValidateOddInputs: nothing panics, and what is broken is an error.
func TestValidateOddInputs(t *testing.T) {
	inputs := []string{
		"", "0", "00", "000", "0000", "000201", "6304", "63040000", "0002016304",
		"\xff\xfe", "00020\x00", "ｑｒｉｓ", strings.Repeat("9", 600),
		"0002010102116304", "000201" + strings.Repeat("6299", 10),
	}
	for _, s := range valAllPayloads(t) {
		// Every prefix of a real payload, and the payload with its last
		// character doubled.
		for i := 0; i < len(s); i += 7 {
			inputs = append(inputs, s[:i])
		}
		inputs = append(inputs, s+s[len(s)-1:])
	}
	for _, s := range inputs {
		for _, o := range valModes {
			if ps := Validate(s, o); Valid(ps) {
				t.Errorf("%+v %q: valid, %v", o, s, ps)
			}
		}
	}
}

// TestSubstitutionProperty: any single-character substitution in a valid
// payload yields at least one error (the CRC's, or the structure's), save
// changing the case of a hex letter of the CRC, which lenient mode accepts
// by design (R08).
func TestSubstitutionProperty(t *testing.T) {
	_, vs := goldenVectors(t)
	valids := []string{vs["S1"], vs["S2"], vs["S3"], vs["S4"], vs["S5"], vs["V1"], vs["V2"], vs["V3"], vs["V4"], modelGateway(t)}
	params := gopter.DefaultTestParametersWithSeed(20260325)
	params.MinSuccessfulTests = 3000
	props := gopter.NewProperties(params)
	props.Property("a substituted character makes an error", prop.ForAll(
		func(k, pos int, r rune) bool {
			s := []rune(valids[k%len(valids)])
			i := pos % len(s)
			if s[i] == r {
				return true
			}
			crcCase := i >= len(s)-4 && strings.EqualFold(string(s[i]), string(r))
			s[i] = r
			ps := Validate(string(s), Options{})
			if crcCase {
				return Valid(ps)
			}
			return !Valid(ps)
		},
		gen.IntRange(0, 1<<20), gen.IntRange(0, 1<<20),
		gen.OneGenOf(gen.RuneRange(0x20, 0x7E), gen.RuneRange(0, 0x7FF), gen.Rune()),
	))
	props.TestingRun(t)
}

// BenchmarkValidatePayload checks the gateway's example content, parsed
// once: compare its ns/op with emv's BenchmarkCRC over the same bytes.
func BenchmarkValidatePayload(b *testing.B) {
	for _, m := range []struct {
		name string
		o    Options
	}{{"qris", Options{}}, {"emv", valEMV}} {
		b.Run(m.name, func(b *testing.B) {
			b.ReportAllocs()
			pl, err := valParse(valGatewayContent)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(valGatewayContent)))
			for b.Loop() {
				if ps := ValidatePayload(&pl, m.o); ps != nil {
					b.Fatal(ps)
				}
			}
		})
	}
}

// BenchmarkValidate is parse and validate of the same content.
func BenchmarkValidate(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(valGatewayContent)))
	for b.Loop() {
		if ps := Validate(valGatewayContent, Options{}); ps != nil {
			b.Fatal(ps)
		}
	}
}

// valGatewayContent is responseData.qris.content of
// ../testdata/api-example-response.json; TestGatewayContent keeps it equal.
const valGatewayContent = "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"

func TestGatewayContent(t *testing.T) {
	if got := modelGateway(t); got != valGatewayContent {
		t.Errorf("the benchmark's content is stale:\n%s", got)
	}
}

// valBroken are payloads each parse fails on in its own way, beside the
// corpus's: every branch of the parse error's report, and a checksum error
// on more root objects than Validate holds in place.
func valBroken() []string {
	var many strings.Builder
	many.WriteString("000201010211")
	for tag := 20; tag < 40; tag++ {
		many.WriteString(twoDigits(tag) + "01X")
	}
	many.WriteString("6304ABCD")
	return []string{
		"",
		"0002\xff1",
		strings.Repeat("0", 5*emv.MaxLongLength),
		"000201010211630",
		"00020101021100020163041234",
		"0002010102115303360630412G4",
		"00020101021163041234",
		"000201010211630312",
		"0002010102116302AB",
		"000201010211630412345303360",
		"000201010211",
		"AB020101021163041234",
		"000201010211540A",
		many.String(),
	}
}

// TestValidateParsedMatchesValidate: given the outcome of the parse Validate
// does, whether it failed or not, ValidateParsed reports what Validate does,
// with a Payload reused from line to line as a bulk caller reuses it.
func TestValidateParsedMatchesValidate(t *testing.T) {
	ps := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var pl emv.Payload
	failed := 0
	for _, s := range append(valAllPayloads(t), valBroken()...) {
		err := ps.ParseInto(&pl, s)
		if err != nil {
			failed++
		}
		for _, o := range valModes {
			if a, b := Validate(s, o), ValidateParsed(&pl, err, o); !slices.Equal(a, b) {
				t.Errorf("%+v %.40q...: Validate %v, ValidateParsed %v", o, s, a, b)
			}
		}
	}
	if failed < len(valBroken()) {
		t.Fatalf("only %d payloads failed to parse", failed)
	}
}

// TestValidateParsedForeignError: an error that is not the parser's is
// reported as the payload's structure failing (R02), and nothing else.
func TestValidateParsedForeignError(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"plain", io.ErrUnexpectedEOF},
		{"wrapped", fmt.Errorf("reading: %w", io.ErrUnexpectedEOF)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pl, _ := valParse("00020101021163041234")
			ps := ValidateParsed(&pl, tc.err, Options{})
			if len(ps) != 1 || ps[0].Rule != "R02" || ps[0].Severity != SeverityError || ps[0].Message != tc.err.Error() {
				t.Errorf("got %v", ps)
			}
		})
	}
}

// TestScratchMatchesValidate: one Scratch reused for every payload, in
// every mode, reports what Validate does, and nil for a clean payload.
func TestScratchMatchesValidate(t *testing.T) {
	ps := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var sc Scratch
	var pl emv.Payload
	clean, invalid := 0, 0
	for _, s := range append(valAllPayloads(t), valBroken()...) {
		err := ps.ParseInto(&pl, s)
		for _, o := range valModes {
			want := Validate(s, o)
			got := sc.ValidateParsed(&pl, err, o)
			if !slices.Equal(got, want) || (want == nil) != (got == nil) {
				t.Errorf("%+v %.40q...: Validate %v, Scratch.ValidateParsed %v", o, s, want, got)
			}
			if want == nil {
				clean++
			} else {
				invalid++
			}
		}
	}
	if clean < 50 || invalid < 50 {
		t.Fatalf("%d clean and %d invalid results: too few of one", clean, invalid)
	}
}

// TestScratchAllocs: once a Scratch has held a payload's problems, the
// same problems again cost no allocation, whether the root parse failed
// (a checksum, a header, an empty payload) or the rules found them.
func TestScratchAllocs(t *testing.T) {
	ps := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	for _, s := range []string{
		"",
		"00020101021163041234",
		"000201010211540A",
		"0002010102116302AB",
		"000201010211630412345303360",
		// Parses, but is no QRIS: the rules report it.
		"0002010102115303360540512.505802ID5902AB6002CD6304" + emv.CRC("0002010102115303360540512.505802ID5902AB6002CD6304"),
	} {
		var pl emv.Payload
		err := ps.ParseInto(&pl, s)
		var sc Scratch
		if sc.ValidateParsed(&pl, err, Options{}) == nil {
			t.Fatalf("%q: no problem", s)
		}
		if n := testing.AllocsPerRun(50, func() { sc.ValidateParsed(&pl, err, Options{}) }); n != 0 {
			t.Errorf("%q: %v allocations", s, n)
		}
	}
}

// TestScratchReuse: a call writes over the problems the previous call
// returned, in the same memory, which is what makes it free; the zero
// Scratch and a used one give equal results.
func TestScratchReuse(t *testing.T) {
	ps := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var pl emv.Payload
	err := ps.ParseInto(&pl, "00020101021163041234")
	var sc Scratch
	first := sc.ValidateParsed(&pl, err, Options{})
	want := slices.Clone(first)
	second := sc.ValidateParsed(&pl, err, Options{})
	if !slices.Equal(second, want) {
		t.Fatalf("second call: %v, want %v", second, want)
	}
	if &first[0] != &second[0] {
		t.Error("the second call did not reuse the first's problems")
	}
}

// TestScratchProblemsStay: a Problem kept from one call on a Scratch, and
// a map keyed on its message, are unchanged after the next call validates
// other input with other problems.
func TestScratchProblemsStay(t *testing.T) {
	ps := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var sc Scratch
	var pl emv.Payload
	err := ps.ParseInto(&pl, "00020101021163041234")
	first := sc.ValidateParsed(&pl, err, Options{})
	if len(first) == 0 {
		t.Fatal("no problem")
	}
	kept := first[0]
	msg := strings.Clone(kept.Message)
	byMessage := map[string]int{kept.Message: 1}
	for _, s := range []string{"000201010211540A", "0002010102115303360540512.505802ID5902AB6002CD6304" + emv.CRC("0002010102115303360540512.505802ID5902AB6002CD6304"), ""} {
		err := ps.ParseInto(&pl, s)
		if sc.ValidateParsed(&pl, err, Options{}) == nil {
			t.Fatalf("%q: no problem", s)
		}
		if kept.Message != msg || byMessage[msg] != 1 {
			t.Fatalf("after validating %q the kept message reads %q (was %q), map lookup %d", s, kept.Message, msg, byMessage[msg])
		}
	}
}

// TestFinishSortsStably: problems come out by offset, those at one offset
// in the order the checks found them, by the insertion sort of a few and
// the library sort of many.
func TestFinishSortsStably(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5, 32, 33, 200} {
		var v validator
		for i := range n {
			v.problems = append(v.problems, Problem{Offset: (i * 7919) % 13, Message: strconv.Itoa(i)})
		}
		got := v.finish()
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			ai, _ := strconv.Atoi(a.Message)
			bi, _ := strconv.Atoi(b.Message)
			if a.Offset > b.Offset || (a.Offset == b.Offset && ai > bi) {
				t.Fatalf("n=%d: %+v before %+v", n, a, b)
			}
		}
		if len(got) != n {
			t.Fatalf("n=%d: %d problems", n, len(got))
		}
	}
}

// TestQuoteMatchesStrconv: the validator's quoting is strconv.Quote's.
func TestQuoteMatchesStrconv(t *testing.T) {
	for _, s := range []string{"", "12,50", `a"b`, `a\b`, "tab\there", "é", "\x7f", "\xff", " ~", "北京", "|"} {
		var v validator
		if got, want := v.quote(s), strconv.Quote(s); got != want {
			t.Errorf("quote(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestPrintableFromParse: the validator takes "every character printable"
// and "no multi-byte character" from the parse (emv.Payload.Printable and
// ASCII) instead of scanning for them. Over every corpus payload and spec
// vector, with a '|' put in where there is room and under both profiles
// and modes, it reports what it reports with neither flag set (every
// value checked on its own, lengths counted in runes), and so does
// Payment.Validate.
func TestPrintableFromParse(t *testing.T) {
	var payloads []string
	for _, e := range modelCorpus(t) {
		payloads = append(payloads, e.Payload)
	}
	for _, p := range modelVectors(t) {
		payloads = append(payloads, p)
	}
	// Pipes, in a merchant ID and in a name (Q12's business), with the
	// checksum made right again.
	const sticker = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"
	for _, piped := range []string{
		strings.Replace(sticker, "0209EX0000001", "0209EX000|001", 1),
		strings.Replace(sticker, "5911TOKO CONTOH", "5911TOKO|CONTOH", 1),
	} {
		body := piped[:len(piped)-4]
		payloads = append(payloads, body+emv.CRC(body))
	}
	printable := 0
	for _, s := range payloads {
		pl, _ := validateParser().ParseFields(nil, s)
		if pl.Printable() {
			printable++
		}
		for _, o := range []Options{{}, {Strict: true}, {Profile: ProfileEMV}} {
			// A validator with clean and ascii unset checks each value.
			var v validator
			v.raw, v.o = s, o
			all, err := validateParser().ParseFields(nil, s)
			v.more = all.Fields()
			want := fmt.Sprint(v.check(err))
			if got := fmt.Sprint(Validate(s, o)); got != want {
				t.Fatalf("%q %+v:\n got %s\nwant %s", s, o, got, want)
			}
			if p, err := DecodeLenient(s); err == nil {
				if got := fmt.Sprint(p.Validate(o)); got != want {
					t.Fatalf("%q %+v, Payment.Validate:\n got %s\nwant %s", s, o, got, want)
				}
			}
		}
	}
	if printable < 50 || printable == len(payloads) {
		t.Fatalf("%d of %d payloads printable: the test needs both kinds", printable, len(payloads))
	}
}

// TestValidatePayloadSkipCRC: a payload parsed with SkipCRC reaches the
// validator with a 63 of 4 characters that need not be hex digits; R06
// reports them, and a right checksum passes.
func TestValidatePayloadSkipCRC(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	body := s1[:len(s1)-4]
	ps := emv.Parser{SkipCRC: true}
	tests := []struct {
		name, crc, rule string
	}{
		{"right", s1[len(s1)-4:], ""},
		{"not hex", "ZZZZ", "R06"},
		{"multi-byte", "éééé", "R06"},
		{"lowercase", strings.ToLower(s1[len(s1)-4:]), "R08"},
	}
	for _, tt := range tests {
		pl, err := ps.Parse(body + tt.crc)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := ValidatePayload(&pl, Options{Strict: true})
		switch {
		case tt.rule == "" && got != nil:
			t.Errorf("%s: %v", tt.name, got)
		case tt.rule != "" && (len(got) != 1 || got[0].Rule != tt.rule || got[0].Tag != "63"):
			t.Errorf("%s: %v, want one %s on 63", tt.name, got, tt.rule)
		}
	}
}

// TestStructureMessagesSayItOnce: a bad ID or length is described once,
// not by the sentinel and again by a hint.
func TestStructureMessagesSayItOnce(t *testing.T) {
	for in, want := range map[string]string{
		"000201012I":  `the payload is not a run of ID-length-value objects: length is not two digits 01..99 (found "2I")`,
		"0002010X11":  `the payload is not a run of ID-length-value objects: tag is not two digits (found "0X")`,
		"00020101021": `the payload is not a run of ID-length-value objects: value runs past the end (length 2, 1 characters left); the length counts the value's characters`,
	} {
		ps := Validate(in, Options{})
		if len(ps) == 0 || ps[0].Rule != "R02" || ps[0].Message != want {
			t.Errorf("Validate(%q): %v\nwant R02: %s", in, ps, want)
		}
	}
}
