package emv

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/internal/testcorpus"
)

// withCRC appends "6304" and the right checksum to body.
func withCRC(body string) string { return body + "6304" + CRC(body+"6304") }

const gatewayContent = "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"

func TestParseErrors(t *testing.T) {
	long := withCRC("0002015999" + strings.Repeat("A", 99) + "6099" + strings.Repeat("B", 99) + "6199" + strings.Repeat("C", 99) + "6299" + strings.Repeat("D", 99) + "6499" + strings.Repeat("E", 99))
	tests := []struct {
		name   string
		in     string
		err    error
		offset int
		tag    string
	}{
		{"empty", "", ErrEmpty, 0, ""},
		{"too long", long, ErrTooLong, 0, ""},
		{"too long before any work", strings.Repeat("\xff", 4*MaxLength+1), ErrTooLong, 0, ""},
		{"bad utf8", "000201" + "59\xff", ErrUTF8, 8, ""},
		{"bad utf8 after multibyte", "0002015902é\xfe", ErrUTF8, 11, ""},
		{"truncated header", "000201590", ErrTruncated, 6, ""},
		{"truncated header inside", "0002015", ErrTruncated, 6, ""},
		{"tag not digits", "0002015A03abc", ErrTagSyntax, 6, ""},
		{"length not digits", "00020159A3abc", ErrLengthSyntax, 6, "59"},
		{"length 00", "0002015900", ErrLengthSyntax, 6, "59"},
		{"overrun", "0002015910abc", ErrOverrun, 6, "59"},
		{"overrun counts characters", "0002015904日本語", ErrOverrun, 6, "59"},
		{"duplicate", "0002015901X5901Y", ErrDuplicate, 11, "59"},
		{"crc missing", "0002015901X", ErrCRCMissing, 11, "63"},
		{"crc not last", "00020163041234" + "5901X", ErrCRCNotLast, 6, "63"},
		{"crc wrong length", "000201630312A", ErrCRCLength, 6, "63"},
		{"crc not hex", "0002016304G123", ErrCRCSyntax, 6, "63"},
		{"crc multibyte", "0002016304é123", ErrCRCSyntax, 6, "63"},
		{"crc mismatch", "0002015901X63040000", ErrCRCMismatch, 11, "63"},
		{"crc lowercase", withCRC("0002015901X")[:15] + strings.ToLower(withCRC("0002015901X")[15:]), ErrCRCCase, 11, "63"},
	}
	// Make sure the lowercase case really has a lowercase hex letter.
	if s := withCRC("0002015901X"); strings.ToLower(s) == s {
		t.Fatalf("fixture %s has no hex letter", s)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if !errors.Is(err, tt.err) {
				t.Fatalf("got %v, want %v", err, tt.err)
			}
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("%T is not *Error", err)
			}
			if pe.Offset != tt.offset || pe.Tag != tt.tag {
				t.Fatalf("offset %d tag %q, want %d %q (%v)", pe.Offset, pe.Tag, tt.offset, tt.tag, err)
			}
			if errors.Is(err, ErrNotTLV) {
				t.Fatal("a root error must not match ErrNotTLV")
			}
			if !strings.Contains(err.Error(), "offset") {
				t.Fatalf("message %q does not name the offset", err)
			}
		})
	}
}

func TestCRCMismatchReportsBoth(t *testing.T) {
	s := withCRC("0002015901X")
	bad := s[:len(s)-4] + "0000"
	_, err := Parse(bad)
	var pe *Error
	if !errors.As(err, &pe) || pe.Found != "0000" || pe.Computed != s[len(s)-4:] {
		t.Fatalf("got %#v", err)
	}
	if !strings.Contains(err.Error(), "0000") || !strings.Contains(err.Error(), s[len(s)-4:]) {
		t.Fatalf("message %q lacks found and computed", err)
	}
}

func TestLenientOptions(t *testing.T) {
	s := withCRC("0002015901X")
	low := s[:len(s)-4] + strings.ToLower(s[len(s)-4:])
	if _, err := (Parser{AllowLowercaseCRC: true}).Parse(low); err != nil {
		t.Fatalf("lenient lowercase: %v", err)
	}
	body := "000201"
	for tag := 26; tag < 33; tag++ { // 7 × 99 characters: over 512
		body += Tag(tag).String() + "99" + strings.Repeat("x", 99)
	}
	long := withCRC(body)
	if _, err := Parse(long); !errors.Is(err, ErrTooLong) {
		t.Fatalf("strict long: %v", err)
	}
	if _, err := (Parser{AllowLong: true}).Parse(long); err != nil {
		t.Fatalf("lenient long: %v", err)
	}
}

func TestPartialResult(t *testing.T) {
	p, err := Parse("0002015901X59")
	if !errors.Is(err, ErrTruncated) {
		t.Fatal(err)
	}
	if fs := p.Fields(); len(fs) != 2 || fs[1].Value != "X" {
		t.Fatalf("partial fields %v", fs)
	}
}

func TestOrderAndUnknownKept(t *testing.T) {
	p, err := Parse(gatewayContent)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, f := range p.Fields() {
		tags = append(tags, f.Tag.String())
	}
	if got := strings.Join(tags, " "); got != "00 01 26 51 62 53 54 60 52 59 58 61 63" {
		t.Fatalf("order %s", got)
	}
	if p.CRC() != "36F3" {
		t.Fatalf("CRC() = %q", p.CRC())
	}
	f, ok := p.Lookup(62, 99, 1)
	if !ok || f.Value != "315464448" || f.Path() != "62.99.01" || f.Depth() != 2 {
		t.Fatalf("Lookup(62,99,1) = %+v %v path %s", f, ok, f.Path())
	}
	if f.Offset != strings.Index(gatewayContent, "0109315464448") {
		t.Fatalf("offset %d", f.Offset)
	}
	if _, ok := p.Lookup(62, 42); ok {
		t.Fatal("Lookup of an absent tag succeeded")
	}
	if _, ok := p.Lookup(59, 1); ok {
		t.Fatal("Lookup through a primitive that is not TLV succeeded")
	}
	if _, ok := p.Lookup(); ok {
		t.Fatal("empty Lookup succeeded")
	}
}

func TestMultibyte(t *testing.T) {
	s := withCRC("0002016412" + "0002ZH0102北京")
	p, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Get(64)
	if f.Len() != 12 || len(f.Value) != 16 {
		t.Fatalf("len %d bytes %d", f.Len(), len(f.Value))
	}
	in, err := f.Template()
	if err != nil {
		t.Fatal(err)
	}
	if in[1].Value != "北京" || in[1].Offset != 16 {
		t.Fatalf("%+v", in[1])
	}
	c, _ := p.Get(63)
	if c.Offset != 22 {
		t.Fatalf("CRC offset %d, want 22 (characters, not bytes)", c.Offset)
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name   string
		value  string // content of root template 62, starting at offset 10
		err    error
		offset int
		tag    string
	}{
		{"overrun", "0109abc", ErrOverrun, 10, "62.01"},
		{"tag syntax", "X103abc", ErrTagSyntax, 10, "62"},
		{"length syntax", "01X3abc", ErrLengthSyntax, 10, "62.01"},
		{"truncated", "0103abc05", ErrTruncated, 17, "62"},
		{"duplicate", "0101a0101b", ErrDuplicate, 15, "62.01"},
		{"length 00", "0100", ErrLengthSyntax, 10, "62.01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withCRC("000201" + "62" + Tag(len(tt.value)).String() + tt.value)
			p, err := Parse(s)
			if err != nil {
				t.Fatalf("root must parse: %v", err)
			}
			f, _ := p.Get(62)
			_, err = f.Template()
			if !errors.Is(err, tt.err) || !errors.Is(err, ErrNotTLV) {
				t.Fatalf("got %v, want %v and ErrNotTLV", err, tt.err)
			}
			var pe *Error
			errors.As(err, &pe)
			if pe.Offset != tt.offset || pe.Tag != tt.tag {
				t.Fatalf("offset %d tag %q, want %d %q", pe.Offset, pe.Tag, tt.offset, tt.tag)
			}
		})
	}
	// Three levels down, the path names every level.
	s := withCRC("000201" + "6214" + "9910" + "0002AB" + "01X1")
	p, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Lookup(62, 99)
	_, err = f.Template()
	var pe *Error
	if !errors.As(err, &pe) || pe.Tag != "62.99.01" || pe.Offset != 20 || !errors.Is(err, ErrLengthSyntax) {
		t.Fatalf("deep error %#v", err)
	}
}

func TestParseIntoReuses(t *testing.T) {
	var p Payload
	ps := Parser{}
	if err := ps.ParseInto(&p, gatewayContent); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := ps.ParseInto(&p, gatewayContent); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("ParseInto allocates %.0f times on reuse", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() {
		if _, err := Parse(gatewayContent); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 1 {
		t.Fatalf("Parse allocates %.0f times", allocs)
	}
}

func TestTagHelpers(t *testing.T) {
	if Tag(7).String() != "07" || Tag(99).String() != "99" || Tag(100).String() != "??" {
		t.Fatal("Tag.String")
	}
	for _, c := range []struct {
		in string
		ok bool
		t  Tag
	}{{"00", true, 0}, {"63", true, 63}, {"6", false, 0}, {"6a", false, 0}, {"/0", false, 0}, {"633", false, 0}} {
		got, ok := ParseTag(c.in)
		if ok != c.ok || got != c.t {
			t.Errorf("ParseTag(%q) = %v %v", c.in, got, ok)
		}
	}
}

func TestCRCHelpers(t *testing.T) {
	if CRC("123456789") != "29B1" {
		t.Fatalf("check value %s", CRC("123456789"))
	}
	if Checksum([]byte("123456789")) != 0x29B1 {
		t.Fatal("Checksum")
	}
	want := gatewayContent[len(gatewayContent)-4:]
	body := gatewayContent[:len(gatewayContent)-8]
	for _, in := range []string{gatewayContent, body, body + "6304", body + "6304FFFF", body + "6304zz"} {
		if in == body+"6304zz" {
			// "6304zz" is not a whole CRC object: the sum covers it all plus a new header.
			if got := ExpectedCRC(in); got != CRC(in+"6304") {
				t.Fatalf("ExpectedCRC(%q) = %s", in[len(in)-8:], got)
			}
			continue
		}
		if got := ExpectedCRC(in); got != want {
			t.Fatalf("ExpectedCRC(...%s) = %s, want %s", in[len(in)-8:], got, want)
		}
	}
	// A last value that ends in "6304" (and four more) is data, not a CRC
	// header: the payload has no 63 yet, and a built one must parse.
	for _, in := range []string{"00020159046304", "000201590863041234"} {
		got := ExpectedCRC(in)
		if got != CRC(in+"6304") {
			t.Errorf("ExpectedCRC(%q) = %s, want %s", in, got, CRC(in+"6304"))
		}
		if _, err := Parse(in + "6304" + got); err != nil {
			t.Errorf("%q with its expected CRC: %v", in, err)
		}
	}
}

func TestParseFieldsUsesCallerStorage(t *testing.T) {
	// The array is declared inside the measured function, so a ParseFields
	// that let dst escape would move it to the heap on every run.
	allocs := testing.AllocsPerRun(100, func() {
		var buf [16]Field
		p, err := Parser{}.ParseFields(buf[:0], gatewayContent)
		if err != nil || len(p.Fields()) != 13 || &p.Fields()[0] != &buf[0] {
			t.Fatalf("%v %d", err, len(p.Fields()))
		}
	})
	if allocs != 0 {
		t.Fatalf("ParseFields allocates %.0f times with room enough", allocs)
	}
	var buf [16]Field
	// Too little room: it grows, like append, and still parses.
	p, err := Parser{}.ParseFields(buf[:0:4], gatewayContent)
	if err != nil || len(p.Fields()) != 13 {
		t.Fatalf("small buffer: %v", err)
	}
	if p, err := (Parser{}).ParseFields(nil, gatewayContent); err != nil || len(p.Fields()) != 13 {
		t.Fatalf("nil buffer: %v", err)
	}
}

// TestIsTLV: IsTLV agrees with Template on every kind of fault and on
// random runs of headers, lengths and values, ASCII or not.
func TestIsTLV(t *testing.T) {
	fixed := []string{
		"", "0002ID", "0002ID0103ABC", "0002ID010", "0A02ID", "000AID", "0000", "0005ID",
		"0003ID", "0002ID0002ID", "9901A9901B", "3501A9901B", "0:02ID", "0102北京", "0103北京", "0102北京0",
	}
	for _, s := range fixed {
		_, err := (Field{Value: s}).Template()
		if got := IsTLV(s); got != (err == nil) {
			t.Errorf("IsTLV(%q) = %v, Template error %v", s, got, err)
		}
	}
	tags := []string{"00", "01", "99", "0A", "64"}
	lens := []string{"00", "01", "02", "03", "0A", "1"}
	vals := []string{"", "x", "xy", "xyz", "é", "北京"}
	r := rand.New(rand.NewPCG(1, 2))
	var outcomes [2]int
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(tags[r.IntN(len(tags))])
			b.WriteString(lens[r.IntN(len(lens))])
			b.WriteString(vals[r.IntN(len(vals))])
		}
		s := b.String()
		_, err := (Field{Value: s}).Template()
		if got := IsTLV(s); got != (err == nil) {
			t.Fatalf("IsTLV(%q) = %v, Template error %v", s, got, err)
		}
		outcomes[btoi(err == nil)]++
	}
	if outcomes[0] < 500 || outcomes[1] < 500 {
		t.Errorf("random runs: %d refused, %d accepted; both should be common", outcomes[0], outcomes[1])
	}
	if n := testing.AllocsPerRun(100, func() { IsTLV(gatewayContent) }); n != 0 {
		t.Errorf("IsTLV allocates %.0f times", n)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestTemplateOfParsedField: a parsed object remembers that its value is
// ASCII, so reading it as a template skips that check; an object built by
// hand (or by another package) with the same value, offset and tag reads
// the same objects, at every depth, in every corpus payload (ASCII or not).
func TestTemplateOfParsedField(t *testing.T) {
	var walked int
	var visit func(fs Fields)
	visit = func(fs Fields) {
		for _, f := range fs {
			got, gerr := f.AppendTemplate(nil)
			bare := Field{Value: f.Value, Offset: f.Offset, Tag: f.Tag, parents: f.parents}
			want, werr := bare.AppendTemplate(nil)
			if fmt.Sprint(gerr) != fmt.Sprint(werr) || len(got) != len(want) {
				t.Fatalf("%s: %d objects, %v; by hand %d, %v", f.Path(), len(got), gerr, len(want), werr)
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Value != w.Value || g.Offset != w.Offset || g.Tag != w.Tag || g.Path() != w.Path() {
					t.Fatalf("%s: object %d is %+v, by hand %+v", f.Path(), i, g, w)
				}
			}
			if gerr == nil {
				walked++
				visit(got)
			}
		}
	}
	multibyte := false
	for _, c := range testcorpus.Corpus(t) {
		p, err := Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(c.Payload)
		if err != nil {
			continue
		}
		multibyte = multibyte || !isASCII(c.Payload)
		visit(p.Fields())
	}
	if walked < 100 || !multibyte {
		t.Fatalf("only %d templates read (multi-byte payload seen: %v)", walked, multibyte)
	}
}

// TestPrintable: Payload.Printable and Payload.ASCII say what the
// characters are, whether the parse succeeded or not, and are reset by
// each ParseInto.
func TestPrintable(t *testing.T) {
	tab := withCRC("000201" + "5907Toko\tKu")
	accent := withCRC("000201" + "5904Café")
	del := withCRC("000201" + "5904Tok\x7f")
	for _, c := range []struct {
		s                string
		printable, ascii bool
		fails            bool
	}{
		{gatewayContent, true, true, false},
		{tab, false, true, false},
		{accent, false, false, false},
		{del, false, true, false},
		{gatewayContent[:len(gatewayContent)-1] + "0", true, true, true}, // wrong checksum
		{"0002010102", true, true, true},                                 // truncated
		{"000201\x00", false, true, true},
		{"000201\xff", false, false, true}, // not UTF-8
		{"", false, false, true},
		{strings.Repeat("0", 4*MaxLength+1), false, false, true}, // refused unread
	} {
		var p Payload
		// A printable payload first: the flags must not survive into the next.
		if err := (Parser{}).ParseInto(&p, gatewayContent); err != nil || !p.Printable() || !p.ASCII() {
			t.Fatalf("gateway example: %v, printable %v, ASCII %v", err, p.Printable(), p.ASCII())
		}
		err := Parser{}.ParseInto(&p, c.s)
		if (err != nil) != c.fails || p.Printable() != c.printable || p.ASCII() != c.ascii {
			t.Errorf("%.20q: error %v, printable %v, ASCII %v; want failure %v, printable %v, ASCII %v",
				c.s, err, p.Printable(), p.ASCII(), c.fails, c.printable, c.ascii)
		}
		pl, _ := Parser{SkipCRC: true}.ParseFields(nil, c.s)
		if pl.Printable() != c.printable || pl.ASCII() != c.ascii {
			t.Errorf("%.20q with SkipCRC: printable %v, ASCII %v", c.s, pl.Printable(), pl.ASCII())
		}
	}
}

// TestLookupAllocs: Lookup reads each level into a buffer of its own, so
// following a path allocates nothing however often it is called.
func TestLookupAllocs(t *testing.T) {
	p, err := Parse(gatewayContent)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := p.Lookup(62, 99, 1)
	if !ok || f.Path() != "62.99.01" {
		t.Fatalf("Lookup(62, 99, 1) = %v, %v", f.Path(), ok)
	}
	if n := testing.AllocsPerRun(100, func() { f, ok = p.Lookup(62, 99, 1) }); n != 0 {
		t.Fatalf("Lookup allocates %v times", n)
	}
}

// TestLengthBounds: a payload of exactly MaxLength characters parses and
// one more is ErrTooLong; with AllowLong the bound is MaxLongLength, counted
// in characters (multi-byte ones too); the Builder keeps the same bounds.
func TestLengthBounds(t *testing.T) {
	// payload returns a valid payload of n characters and its objects
	// before 63, the filler values made of r.
	type object struct {
		tag   Tag
		value string
	}
	payload := func(n int, r string) (string, []object) {
		objs := []object{{0, "01"}}
		tag := Tag(2)
		for left := n - 6 - 8; left > 0; tag++ {
			if tag == CRCTag {
				tag++
			}
			v := min(99, left-4)
			if rest := left - 4 - v; rest > 0 && rest < 5 {
				v -= 5 // leave room for one more whole object
			}
			objs = append(objs, object{tag, strings.Repeat(r, v)})
			left -= 4 + v
		}
		var b strings.Builder
		for _, o := range objs {
			fmt.Fprintf(&b, "%s%02d%s", o.tag, utf8.RuneCountInString(o.value), o.value)
		}
		return withCRC(b.String()), objs
	}
	for _, c := range []struct {
		n     int
		r     string
		ps    Parser
		build Builder
	}{
		{MaxLength, "x", Parser{}, Builder{}},
		{MaxLongLength, "x", Parser{AllowLong: true}, Builder{AllowLong: true}},
		{MaxLongLength, "語", Parser{AllowLong: true}, Builder{AllowLong: true}},
	} {
		for _, n := range []int{c.n, c.n + 1} {
			s, objs := payload(n, c.r)
			if got := utf8.RuneCountInString(s); got != n {
				t.Fatalf("test payload of %d characters has %d", n, got)
			}
			_, err := c.ps.Parse(s)
			if n <= c.n && err != nil {
				t.Errorf("%d characters of %q, AllowLong %v: %v", n, c.r, c.ps.AllowLong, err)
			}
			if n > c.n && !errors.Is(err, ErrTooLong) {
				t.Errorf("%d characters of %q, AllowLong %v: %v, want ErrTooLong", n, c.r, c.ps.AllowLong, err)
			}
			// The Builder, given the same objects, agrees.
			b := c.build
			for _, o := range objs {
				b.Add(o.tag, o.value)
			}
			built, berr := b.Payload()
			if n <= c.n && (berr != nil || built != s) {
				t.Errorf("Builder, %d characters of %q: %v", n, c.r, berr)
			}
			if n > c.n && !errors.Is(berr, ErrTooLong) {
				t.Errorf("Builder, %d characters of %q: %v, want ErrTooLong", n, c.r, berr)
			}
		}
	}
	// A value of 99 three-byte characters is within bounds.
	var b Builder
	b.Add(64, strings.Repeat("語", 99))
	if _, err := b.Payload(); err != nil {
		t.Fatalf("99 characters of 3 bytes: %v", err)
	}
}

// TestDeepNesting: templates nest to any depth and each level still reads;
// Path and Depth name the innermost three enclosing templates, as their
// docs say.
func TestDeepNesting(t *testing.T) {
	var b Builder
	b.Add(0, "01")
	b.AddTemplate(26, func(c *Builder) {
		c.AddTemplate(27, func(c *Builder) {
			c.AddTemplate(28, func(c *Builder) {
				c.AddTemplate(29, func(c *Builder) { c.Add(5, "deep") })
			})
		})
	})
	s, err := b.Payload()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path  []Tag
		name  string
		depth int
	}{
		{[]Tag{26, 27}, "26.27", 1},
		{[]Tag{26, 27, 28}, "26.27.28", 2},
		{[]Tag{26, 27, 28, 29}, "26.27.28.29", 3},
		{[]Tag{26, 27, 28, 29, 5}, "27.28.29.05", 3}, // 26 dropped
	} {
		f, ok := p.Lookup(c.path...)
		if !ok || f.Path() != c.name || f.Depth() != c.depth {
			t.Errorf("Lookup%v = %q depth %d, %v; want %q depth %d", c.path, f.Path(), f.Depth(), ok, c.name, c.depth)
		}
	}
	if f, _ := p.Lookup(26, 27, 28, 29, 5); f.Value != "deep" {
		t.Errorf("the innermost value reads %q", f.Value)
	}
}

// TestHeaderErrorsCountCharacters: a header fault counts and quotes
// characters, not bytes, at the root and inside a template.
func TestHeaderErrorsCountCharacters(t *testing.T) {
	tests := []struct {
		in     string
		sent   error
		tag    string
		detail string
	}{
		{"000201ああ", ErrTruncated, "", "need 4 header characters, 2 left"},
		{"000201あ", ErrTruncated, "", "need 4 header characters, 1 left"},
		{"000201ああああ", ErrTagSyntax, "", `found "ああ"`},
		{"0002010あああ", ErrTagSyntax, "", `found "0あ"`},
		{"00020101ああ", ErrLengthSyntax, "01", `found "ああ"`},
		{"000201010あ", ErrLengthSyntax, "01", `found "0あ"`},
		{"000201\ufffd\ufffd\ufffd\ufffd", ErrTagSyntax, "", "found \"\ufffd\ufffd\""},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tt.sent) || e.Tag != tt.tag || e.Detail != tt.detail {
			t.Errorf("Parse(%q): %v (tag %q, detail %q); want %v, tag %q, %s", tt.in, err, e.Tag, e.Detail, tt.sent, tt.tag, tt.detail)
		}
		if e != nil && e.Offset != 6 {
			t.Errorf("Parse(%q): offset %d, want 6", tt.in, e.Offset)
		}
	}
	p, err := Parse(withCRC("0002016209" + "0102ab01あ"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Get(62)
	_, err = f.Template()
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTruncated) || e.Tag != "62" || e.Detail != "need 4 header characters, 3 left" || e.Offset != 16 {
		t.Errorf("62's template: %v; want truncated at 16, 3 characters left", err)
	}
}
