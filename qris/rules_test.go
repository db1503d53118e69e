package qris

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// One test per checklist rule, named after its id. Each builds payloads with
// emv.Builder (so the CRC is right and only the intended defect is there),
// checks that the rule fires with the expected tag, offset and severity, that
// nothing else fires, and that it stays quiet on good payloads.

// valObj is a data object of a test fixture: a primitive (val) or a
// template (sub).
type valObj struct {
	tag emv.Tag
	val string
	sub []valObj
}

// valBase is vector S1 as objects: a valid static QRIS.
func valBase() []valObj {
	return []valObj{
		{tag: 0, val: "01"},
		{tag: 1, val: "11"},
		{tag: 26, sub: []valObj{
			{tag: 0, val: "ID.CO.EXAMPLE.WWW"},
			{tag: 1, val: "936099990000000017"},
			{tag: 2, val: "EX0000001"},
			{tag: 3, val: "UMI"},
		}},
		{tag: 51, sub: []valObj{
			{tag: 0, val: "ID.CO.QRIS.WWW"},
			{tag: 2, val: "ID1020000000001"},
			{tag: 3, val: "UMI"},
		}},
		{tag: 52, val: "5812"},
		{tag: 53, val: "360"},
		{tag: 58, val: "ID"},
		{tag: 59, val: "TOKO CONTOH"},
		{tag: 60, val: "JAKARTA"},
		{tag: 61, val: "10110"},
		{tag: 62, sub: []valObj{{tag: 7, val: "A01"}}},
	}
}

// valDynamic is valBase made dynamic: 01 = 12 and an amount.
func valDynamic() []valObj {
	return valSet(valSet(valBase(), "01", "12"), "54", "15000")
}

func valPath(path string) []emv.Tag {
	var tags []emv.Tag
	for _, p := range strings.Split(path, ".") {
		t, ok := emv.ParseTag(p)
		if !ok {
			panic("bad path " + path)
		}
		tags = append(tags, t)
	}
	return tags
}

// valEdit returns a copy of objs with the object at path replaced by o (or
// removed when o is nil); an absent object is added at the end of its
// template, or at the root in tag order.
func valEdit(objs []valObj, path []emv.Tag, o *valObj) []valObj {
	out := slices.Clone(objs)
	i := slices.IndexFunc(out, func(x valObj) bool { return x.tag == path[0] })
	if len(path) > 1 {
		if i < 0 {
			out = append(out, valObj{tag: path[0], sub: []valObj{}})
			i = len(out) - 1
		}
		out[i].sub = valEdit(out[i].sub, path[1:], o)
		return out
	}
	switch {
	case o == nil && i >= 0:
		return slices.Delete(out, i, i+1)
	case o == nil:
		return out
	case i >= 0:
		out[i] = *o
		return out
	}
	j := slices.IndexFunc(out, func(x valObj) bool { return x.tag > o.tag })
	if j < 0 || len(objs) == 0 || objs[0].tag != 0 {
		return append(out, *o)
	}
	return slices.Insert(out, j, *o)
}

func valSet(objs []valObj, path, val string) []valObj {
	p := valPath(path)
	return valEdit(objs, p, &valObj{tag: p[len(p)-1], val: val})
}

func valSetT(objs []valObj, path string, sub ...valObj) []valObj {
	p := valPath(path)
	return valEdit(objs, p, &valObj{tag: p[len(p)-1], sub: sub})
}

func valDel(objs []valObj, path string) []valObj { return valEdit(objs, valPath(path), nil) }

// valBuild writes objs with emv.Builder and returns the payload.
func valBuild(t testing.TB, objs []valObj) string {
	t.Helper()
	var add func(b *emv.Builder, objs []valObj)
	add = func(b *emv.Builder, objs []valObj) {
		for _, o := range objs {
			if o.sub != nil {
				sub := o.sub
				b.AddTemplate(o.tag, func(c *emv.Builder) { add(c, sub) })
			} else {
				b.Add(o.tag, o.val)
			}
		}
	}
	b := emv.Builder{AllowLong: true}
	add(&b, objs)
	s, err := b.Payload()
	if err != nil {
		t.Fatalf("building fixture: %v", err)
	}
	return s
}

// valOffset returns the offset of the object at path in payload s.
func valOffset(t testing.TB, s, path string) int {
	t.Helper()
	pl, err := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.Parse(s)
	if err != nil && len(pl.Fields()) == 0 {
		t.Fatalf("fixture does not parse: %v", err)
	}
	f, ok := pl.Lookup(valPath(path)...)
	if !ok {
		t.Fatalf("fixture has no %s", path)
	}
	return f.Offset
}

// valReplace swaps old for new in s once and recomputes the CRC: for
// defects the Builder refuses to write (a duplicate, 00 out of place).
func valReplace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("fixture has no %q", old)
	}
	s = strings.Replace(s[:len(s)-4], old, new, 1)
	return s + emv.ExpectedCRC(s+"0000")
}

// valCase is a payload on which a rule fires.
type valCase struct {
	name    string
	payload string
	opts    Options
	tag     string
	at      int
	sev     Severity // SeverityError when zero
	others  []string // other rules the payload also breaks
}

// valGood is a payload on which a rule does not fire.
type valGood struct {
	name    string
	payload string
	opts    Options
}

func valRun(t *testing.T, rule string, bad []valCase, good []valGood) {
	t.Helper()
	if _, ok := LookupRule(rule); !ok {
		t.Fatalf("rule %s is not in the table", rule)
	}
	for _, c := range bad {
		ps := Validate(c.payload, c.opts)
		want := c.sev
		if want == 0 {
			want = SeverityError
		}
		found := false
		for _, p := range ps {
			if p.Rule == rule && p.Tag == c.tag && p.Offset == c.at {
				found = true
				if p.Severity != want {
					t.Errorf("%s: %s is a %s, want %s", c.name, rule, p.Severity, want)
				}
				if p.Message == "" {
					t.Errorf("%s: empty message", c.name)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s at tag %s offset %d in %v", c.name, rule, c.tag, c.at, ps)
		}
		got := map[string]bool{}
		for _, p := range ps {
			got[p.Rule] = true
		}
		wantRules := map[string]bool{rule: true}
		for _, r := range c.others {
			wantRules[r] = true
		}
		for r := range got {
			if !wantRules[r] {
				t.Errorf("%s: unexpected %s in %v", c.name, r, ps)
			}
		}
		for r := range wantRules {
			if !got[r] {
				t.Errorf("%s: missing %s in %v", c.name, r, ps)
			}
		}
	}
	for _, g := range good {
		for _, p := range Validate(g.payload, g.opts) {
			if p.Rule == rule {
				t.Errorf("%s: %s fired on a good payload: %v", g.name, rule, p)
			}
		}
	}
}

var (
	valEMV    = Options{Profile: ProfileEMV}
	valStrict = Options{Strict: true}
)

func TestR01(t *testing.T) {
	base := valBuild(t, valBase())
	badUTF8 := base[:30] + "\xff" + base[31:]
	accented := valBuild(t, valSet(valBase(), "26.05", "Café"))
	at := valOffset(t, accented, "26.05") + 4 + 3
	valRun(t, "R01", []valCase{
		{name: "empty", payload: "", tag: "", at: 0},
		{name: "invalid UTF-8", payload: badUTF8, tag: "", at: 30},
		{name: "non-ASCII in 26", payload: accented, tag: "26", at: at},
		{name: "non-ASCII in 26, EMV", payload: accented, opts: valEMV, tag: "26", at: at},
	}, []valGood{
		{name: "base", payload: base},
		// S-format values may hold any character.
		{name: "é in 64.01", payload: valBuild(t, valSetT(valBase(), "64", valObj{tag: 0, val: "id"}, valObj{tag: 1, val: "Café Contoh"}))},
		{name: "é in 62.50.01", payload: valBuild(t, valSetT(valBase(), "62.50", valObj{tag: 0, val: "COM.EXAMPLE"}, valObj{tag: 1, val: "Café"}))},
	})
}

func TestR02(t *testing.T) {
	base := valBuild(t, valBase())
	badLen := strings.Replace(base, "5802ID", "58X2ID", 1)
	overrun := base[:len(base)-8] + "6399"
	valRun(t, "R02", []valCase{
		{name: "length not digits", payload: badLen, tag: "58", at: valOffset(t, base, "58")},
		{name: "value past the end", payload: overrun, tag: "63", at: len(base) - 8},
		{name: "header cut short", payload: "000201010", tag: "", at: 6},
		{name: "tag not digits", payload: "0002010A", tag: "", at: 6},
		{name: "length 00", payload: "0000", tag: "00", at: 0},
	}, []valGood{{name: "base", payload: base}})
}

func TestR03(t *testing.T) {
	leftover := valBuild(t, valSet(valBase(), "62", "0703A011"))
	nested := valBuild(t, valSetT(valBase(), "62.50", valObj{tag: 0, val: "COM.EXAMPLE"}, valObj{tag: 1, val: "X"}))
	nested = valReplace(t, nested, "0101X", "01X1X")
	valRun(t, "R03", []valCase{
		{name: "62 with a leftover", payload: leftover, tag: "62", at: valOffset(t, leftover, "62") + 4 + 7},
		{name: "62 with a leftover, EMV", payload: leftover, opts: valEMV, tag: "62", at: valOffset(t, leftover, "62") + 4 + 7},
		{name: "62.50 with a bad length", payload: nested, tag: "62.50.01", at: valOffset(t, nested, "62.50") + 4 + 15},
		{name: "26 as a primitive", payload: valBuild(t, valSet(valBase(), "26", "ID.CO.EXAMPLE.WWW")), tag: "26", at: 16},
	}, []valGood{{name: "base", payload: valBuild(t, valBase())}})
}

func TestR04(t *testing.T) {
	base := valBuild(t, valBase())
	twice := valReplace(t, base, "6007JAKARTA", "5909TOKO LAIN6007JAKARTA")
	inner := valBuild(t, valSet(valBase(), "62", "0703A010703A02"))
	valRun(t, "R04", []valCase{
		{name: "59 twice", payload: twice, tag: "59", at: strings.Index(twice, "5909")},
		{name: "62.07 twice", payload: inner, tag: "62.07", at: valOffset(t, inner, "62") + 4 + 7},
	}, []valGood{{name: "base", payload: base}})
}

func TestR05(t *testing.T) {
	base := valBuild(t, valBase())
	swapped := valReplace(t, base, "000201010211", "010211000201")
	valRun(t, "R05", []valCase{
		{name: "01 before 00", payload: swapped, tag: "00", at: 0},
		{name: "no 00", payload: valBuild(t, valDel(valBase(), "00")), tag: "00", at: 0},
		{name: "00 is 02", payload: valBuild(t, valSet(valBase(), "00", "02")), tag: "00", at: 0},
		{name: "00 is 1", payload: valBuild(t, valSet(valBase(), "00", "1")), tag: "00", at: 0, opts: valEMV},
	}, []valGood{{name: "base", payload: base}})
}

func TestR06(t *testing.T) {
	base := valBuild(t, valBase())
	crcAt := len(base) - 8
	body := strings.Replace(base[:crcAt], "5802ID", "", 1)
	valRun(t, "R06", []valCase{
		{name: "not hex", payload: base[:len(base)-4] + "M2B3", tag: "63", at: crcAt},
		{name: "length 05", payload: base[:crcAt] + "6305ABCDE", tag: "63", at: crcAt},
		{name: "missing", payload: base[:crcAt], tag: "63", at: crcAt},
		{name: "not last", payload: body + "6304ABCD5802ID", tag: "63", at: len(body)},
	}, []valGood{{name: "base", payload: base}})
}

func TestR07(t *testing.T) {
	base := valBuild(t, valBase())
	wrong := base[:len(base)-4] + "0000"
	// A wrong checksum does not hide the other problems.
	bad52 := valBuild(t, valSet(valBase(), "52", "58A2"))
	bad52 = bad52[:len(bad52)-4] + "0000"
	valRun(t, "R07", []valCase{
		{name: "wrong", payload: wrong, tag: "63", at: len(base) - 8},
		{name: "wrong, and 52 bad", payload: bad52, tag: "63", at: len(bad52) - 8, others: []string{"R13"}},
	}, []valGood{{name: "base", payload: base}})
	ps := Validate(wrong, Options{})
	if want := "CRC is 0000 but the payload's checksum is " + base[len(base)-4:]; ps[0].Message != want {
		t.Errorf("message %q, want %q", ps[0].Message, want)
	}
}

func TestR08(t *testing.T) {
	base := valBuild(t, valBase()) // CRC 99F7, as vector S1
	lower := base[:len(base)-4] + strings.ToLower(base[len(base)-4:])
	if lower == base {
		t.Fatal("fixture CRC has no letter")
	}
	valRun(t, "R08", []valCase{
		{name: "lowercase, strict", payload: lower, opts: valStrict, tag: "63", at: len(base) - 8, sev: SeverityWarning},
		{name: "lowercase, strict EMV", payload: lower, opts: Options{Profile: ProfileEMV, Strict: true}, tag: "63", at: len(base) - 8, sev: SeverityWarning},
	}, []valGood{
		{name: "lowercase, lenient", payload: lower},
		{name: "uppercase, strict", payload: base, opts: valStrict},
	})
}

func TestR09(t *testing.T) {
	objs := valBase()
	for tag := emv.Tag(80); tag < 86; tag++ {
		objs = valSetT(objs, tag.String(), valObj{tag: 0, val: "COM.EXAMPLE.WWW"}, valObj{tag: 1, val: strings.Repeat("x", 70)})
	}
	long := valBuild(t, objs)
	if len(long) <= 512 {
		t.Fatalf("fixture is %d characters", len(long))
	}
	valRun(t, "R09", []valCase{
		{name: "lenient", payload: long, tag: "", at: 0, sev: SeverityWarning},
		{name: "strict", payload: long, opts: valStrict, tag: "", at: 0},
		{name: "EMV", payload: long, opts: valEMV, tag: "", at: 0, sev: SeverityWarning},
		{name: "beyond any QR", payload: strings.Repeat("0", 20000), tag: "", at: 0},
		{name: "beyond any QR, by characters", payload: strings.Repeat("é", 4300), tag: "", at: 0},
	}, []valGood{{name: "base", payload: valBuild(t, valBase()), opts: valStrict}})
}

func TestR10(t *testing.T) {
	bad := valBuild(t, valSet(valBase(), "01", "13"))
	valRun(t, "R10", []valCase{
		{name: "13", payload: bad, tag: "01", at: 6},
		{name: "1", payload: valBuild(t, valSet(valBase(), "01", "1")), tag: "01", at: 6, opts: valEMV},
	}, []valGood{
		{name: "11", payload: valBuild(t, valBase())},
		{name: "absent, EMV", payload: valBuild(t, valDel(valBase(), "01")), opts: valEMV},
	})
}

func TestR11(t *testing.T) {
	none := valDel(valDel(valBase(), "26"), "51")
	valRun(t, "R11", []valCase{
		{name: "none, EMV", payload: valBuild(t, none), opts: valEMV, tag: "", at: 0},
		{name: "none, QRIS", payload: valBuild(t, none), tag: "", at: 0, others: []string{"Q04"}},
	}, []valGood{
		{name: "a primitive 02", payload: valBuild(t, valSet(none, "02", "4000123456789012")), opts: valEMV},
	})
}

func TestR12(t *testing.T) {
	noGUID := valBuild(t, valDel(valBase(), "26.00"))
	bigGUID := valBuild(t, valSet(valBase(), "26.00", strings.Repeat("A", 33)))
	only46 := valBuild(t, valSetT(valDynamic(), "46", valObj{tag: 1, val: "X"}))
	valRun(t, "R12", []valCase{
		{name: "26 without 00, EMV", payload: noGUID, opts: valEMV, tag: "26.00", at: 12},
		{name: "26.00 of 33, EMV", payload: bigGUID, opts: valEMV, tag: "26.00", at: 16},
		// QRIS reports 26..45 as Q06 and 51 as Q09; 46..50 stay R12.
		{name: "46 without 00, QRIS", payload: only46, tag: "46.00", at: valOffset(t, only46, "46")},
	}, []valGood{
		{name: "base, EMV", payload: valBuild(t, valBase()), opts: valEMV},
		{name: "26 without 00, QRIS", payload: noGUID},
	})
}

func TestR13(t *testing.T) {
	base := valBuild(t, valBase())
	at := valOffset(t, base, "52")
	valRun(t, "R13", []valCase{
		{name: "letter", payload: valBuild(t, valSet(valBase(), "52", "58A2")), tag: "52", at: at},
		{name: "3 digits", payload: valBuild(t, valSet(valBase(), "52", "581")), tag: "52", at: at},
		{name: "missing", payload: valBuild(t, valDel(valBase(), "52")), tag: "52", at: 0},
	}, []valGood{{name: "base", payload: base}})
}

func TestR14(t *testing.T) {
	base := valBuild(t, valBase())
	at := valOffset(t, base, "53")
	valRun(t, "R14", []valCase{
		{name: "letters", payload: valBuild(t, valSet(valBase(), "53", "IDR")), tag: "53", at: at},
		{name: "2 digits", payload: valBuild(t, valSet(valBase(), "53", "36")), tag: "53", at: at},
		{name: "missing", payload: valBuild(t, valDel(valBase(), "53")), tag: "53", at: 0},
	}, []valGood{{name: "base", payload: base}})
}

func TestR15(t *testing.T) {
	at := valOffset(t, valBuild(t, valDynamic()), "54")
	amount := func(v string) string { return valBuild(t, valSet(valDynamic(), "54", v)) }
	valRun(t, "R15", []valCase{
		{name: "zero", payload: amount("0"), tag: "54", at: at},
		{name: "zero with decimals", payload: amount("0.00"), tag: "54", at: at},
		{name: "comma, EMV", payload: amount("12,50"), opts: valEMV, tag: "54", at: at},
		{name: "two dots, EMV", payload: amount("1.000.00"), opts: valEMV, tag: "54", at: at},
		{name: "leading dot, EMV", payload: amount(".5"), opts: valEMV, tag: "54", at: at},
		{name: "14 characters", payload: amount("12345678901234"), tag: "54", at: at},
	}, []valGood{
		{name: "98", payload: amount("98")},
		{name: "98.", payload: amount("98.")},
		{name: "98.73", payload: amount("98.73")},
		{name: "3 decimals, EMV", payload: amount("98.735"), opts: valEMV},
	})
	ps := Validate(amount("12,50"), valEMV)
	if want := `amount "12,50" is not a number: use digits and at most one '.'`; len(ps) != 1 || ps[0].Message != want {
		t.Errorf("got %v, want message %q", ps, want)
	}
}

func TestR16(t *testing.T) {
	p := valBuild(t, valSet(valDynamic(), "55", "04"))
	at := valOffset(t, p, "55")
	valRun(t, "R16", []valCase{
		{name: "04", payload: p, tag: "55", at: at},
		{name: "letter", payload: valBuild(t, valSet(valDynamic(), "55", "0A")), tag: "55", at: at},
	}, []valGood{{name: "01", payload: valBuild(t, valSet(valDynamic(), "55", "01"))}})
}

func TestR17(t *testing.T) {
	fixed := valSet(valSet(valDynamic(), "55", "02"), "56", "1000")
	noFee := valBuild(t, valDel(fixed, "56"))
	withPct := valBuild(t, valSet(valSet(fixed, "55", "03"), "57", "5"))
	alone := valBuild(t, valDel(fixed, "55"))
	fee := func(v string) string { return valBuild(t, valSet(fixed, "56", v)) }
	at56 := valOffset(t, fee("1000"), "56")
	valRun(t, "R17", []valCase{
		{name: "55=02 without 56", payload: noFee, tag: "56", at: valOffset(t, noFee, "55")},
		{name: "56 with 55=03", payload: withPct, tag: "56", at: valOffset(t, withPct, "56")},
		{name: "56 without 55", payload: alone, tag: "56", at: valOffset(t, alone, "56")},
		{name: "zero", payload: fee("0"), tag: "56", at: at56},
		{name: "comma, EMV", payload: fee("1,5"), opts: valEMV, tag: "56", at: at56},
	}, []valGood{{name: "55=02 with 56", payload: fee("1000")}})
}

func TestR18(t *testing.T) {
	pct := valSet(valSet(valDynamic(), "55", "03"), "57", "2.5")
	noPct := valBuild(t, valDel(pct, "57"))
	withFixed := valBuild(t, valSet(valSet(pct, "55", "02"), "56", "100"))
	value := func(v string) string { return valBuild(t, valSet(pct, "57", v)) }
	at57 := valOffset(t, value("2.5"), "57")
	valRun(t, "R18", []valCase{
		{name: "55=03 without 57", payload: noPct, tag: "57", at: valOffset(t, noPct, "55")},
		{name: "57 with 55=02", payload: withFixed, tag: "57", at: valOffset(t, withFixed, "57")},
		{name: "100, EMV", payload: value("100"), opts: valEMV, tag: "57", at: at57},
		{name: "0.001, EMV", payload: value("0.001"), opts: valEMV, tag: "57", at: at57},
		{name: "99.995, EMV", payload: value("99.995"), opts: valEMV, tag: "57", at: at57},
		{name: "percent sign, EMV", payload: value("2.5%"), opts: valEMV, tag: "57", at: at57},
		{name: "6 characters", payload: value("2.5000"), tag: "57", at: at57},
	}, []valGood{
		{name: "2.5", payload: value("2.5")},
		{name: "99.99", payload: value("99.99")},
		{name: "0.01", payload: value("0.01")},
		{name: "2.555, EMV", payload: value("2.555"), opts: valEMV},
	})
}

func TestR19(t *testing.T) {
	at := valOffset(t, valBuild(t, valBase()), "58")
	valRun(t, "R19", []valCase{
		{name: "lowercase", payload: valBuild(t, valSet(valBase(), "58", "id")), tag: "58", at: at},
		{name: "3 letters", payload: valBuild(t, valSet(valBase(), "58", "IDN")), tag: "58", at: at},
		{name: "missing", payload: valBuild(t, valDel(valBase(), "58")), tag: "58", at: 0},
	}, []valGood{{name: "ID", payload: valBuild(t, valBase())}})
}

func TestR20(t *testing.T) {
	long := valBuild(t, valSet(valBase(), "59", strings.Repeat("N", 26)))
	valRun(t, "R20", []valCase{
		{name: "missing", payload: valBuild(t, valDel(valBase(), "59")), tag: "59", at: 0},
		{name: "26, EMV", payload: long, opts: valEMV, tag: "59", at: valOffset(t, long, "59")},
		{name: "26, EMV strict", payload: long, opts: Options{Profile: ProfileEMV, Strict: true}, tag: "59", at: valOffset(t, long, "59")},
	}, []valGood{
		{name: "25", payload: valBuild(t, valSet(valBase(), "59", strings.Repeat("N", 25))), opts: valEMV},
		// QRIS reports the length as Q22.
		{name: "26, QRIS", payload: long},
	})
}

func TestR21(t *testing.T) {
	long := valBuild(t, valSet(valBase(), "60", strings.Repeat("C", 16)))
	valRun(t, "R21", []valCase{
		{name: "missing", payload: valBuild(t, valDel(valBase(), "60")), tag: "60", at: 0},
		{name: "16", payload: long, tag: "60", at: valOffset(t, long, "60")},
	}, []valGood{{name: "15", payload: valBuild(t, valSet(valBase(), "60", strings.Repeat("C", 15)))}})
}

func TestR22(t *testing.T) {
	long := valBuild(t, valSet(valBase(), "61", strings.Repeat("1", 11)))
	valRun(t, "R22", []valCase{
		{name: "11, EMV", payload: long, opts: valEMV, tag: "61", at: valOffset(t, long, "61")},
	}, []valGood{
		{name: "absent, EMV", payload: valBuild(t, valDel(valBase(), "61")), opts: valEMV},
		{name: "10, EMV", payload: valBuild(t, valSet(valBase(), "61", strings.Repeat("1", 10))), opts: valEMV},
	})
}

func TestR23(t *testing.T) {
	sub := func(path, v string) string { return valBuild(t, valSet(valBase(), path, v)) }
	mm := sub("62.09", "MM")
	bill := sub("62.01", strings.Repeat("B", 26))
	tax := sub("62.10", strings.Repeat("T", 21))
	channel := sub("62.11", "AB")
	noGUID := valBuild(t, valSetT(valBase(), "62.50", valObj{tag: 1, val: "X"}))
	noGUID99 := valBuild(t, valSetT(valBase(), "62.99", valObj{tag: 1, val: "X"}))
	at := func(p, path string) int { return valOffset(t, p, path) }
	valRun(t, "R23", []valCase{
		{name: "09 MM, EMV", payload: mm, opts: valEMV, tag: "62.09", at: at(mm, "62.09")},
		{name: "09 X, EMV", payload: sub("62.09", "AX"), opts: valEMV, tag: "62.09", at: at(mm, "62.09")},
		{name: "01 of 26, EMV", payload: bill, opts: valEMV, tag: "62.01", at: at(bill, "62.01")},
		{name: "10 of 21", payload: tax, tag: "62.10", at: at(tax, "62.10")},
		{name: "11 of 2", payload: channel, tag: "62.11", at: at(channel, "62.11")},
		{name: "50 without 00", payload: noGUID, tag: "62.50.00", at: at(noGUID, "62.50")},
		{name: "99 without 00, EMV", payload: noGUID99, opts: valEMV, tag: "62.99.00", at: at(noGUID99, "62.99")},
	}, []valGood{
		{name: "09 AME", payload: sub("62.09", "AME")},
		{name: "01 ***", payload: sub("62.01", "***")},
		{name: "10 and 11", payload: valBuild(t, valSet(valSet(valBase(), "62.10", "01.234.567"), "62.11", "211"))},
		// QRIS reports 01..09 as Q17/Q18.
		{name: "09 MM, QRIS", payload: mm},
	})
}

func TestR24(t *testing.T) {
	lang := func(subs ...valObj) string { return valBuild(t, valSetT(valBase(), "64", subs...)) }
	noName := lang(valObj{tag: 0, val: "id"})
	noLang := lang(valObj{tag: 1, val: "Toko"})
	digits := lang(valObj{tag: 0, val: "1d"}, valObj{tag: 1, val: "Toko"})
	city := lang(valObj{tag: 0, val: "id"}, valObj{tag: 1, val: "Toko"}, valObj{tag: 2, val: strings.Repeat("ü", 16)})
	at := func(p, path string) int { return valOffset(t, p, path) }
	valRun(t, "R24", []valCase{
		{name: "no 01", payload: noName, tag: "64.01", at: at(noName, "64")},
		{name: "no 00", payload: noLang, tag: "64.00", at: at(noLang, "64")},
		{name: "00 not letters", payload: digits, tag: "64.00", at: at(digits, "64.00")},
		{name: "02 of 16", payload: city, opts: valEMV, tag: "64.02", at: at(city, "64.02")},
	}, []valGood{{name: "vector S5 shape", payload: lang(valObj{tag: 0, val: "ID"}, valObj{tag: 1, val: "Café Contoh"}, valObj{tag: 2, val: "Jakarta Pusat"})}})
}

func TestR25(t *testing.T) {
	p := valBuild(t, valSetT(valBase(), "80", valObj{tag: 1, val: "X"}))
	valRun(t, "R25", []valCase{
		{name: "80 without 00", payload: p, tag: "80.00", at: valOffset(t, p, "80")},
		{name: "80 without 00, EMV", payload: p, opts: valEMV, tag: "80.00", at: valOffset(t, p, "80")},
	}, []valGood{{name: "80 with 00", payload: valBuild(t, valSetT(valBase(), "80", valObj{tag: 0, val: "COM.EXAMPLE"}))}})
}

func TestR26(t *testing.T) {
	root := valBuild(t, valSet(valBase(), "65", "X"))
	in62 := valBuild(t, valSet(valBase(), "62.20", "X"))
	zero62 := valBuild(t, valSet(valBase(), "62.00", "ph.example"))
	in64 := valBuild(t, valSetT(valBase(), "64", valObj{tag: 0, val: "id"}, valObj{tag: 1, val: "Toko"}, valObj{tag: 3, val: "X"}))
	w := SeverityWarning
	valRun(t, "R26", []valCase{
		{name: "root 65", payload: root, tag: "65", at: valOffset(t, root, "65"), sev: w},
		{name: "62.20", payload: in62, tag: "62.20", at: valOffset(t, in62, "62.20"), sev: w},
		{name: "62.00", payload: zero62, opts: valEMV, tag: "62.00", at: valOffset(t, zero62, "62.00"), sev: w},
		{name: "64.03", payload: in64, tag: "64.03", at: valOffset(t, in64, "64.03"), sev: w},
	}, []valGood{{name: "62.10 (EMV v1.1)", payload: valBuild(t, valSet(valBase(), "62.10", "TAX"))}})
}

func TestR27(t *testing.T) {
	accent := valBuild(t, valSet(valBase(), "59", "Café"))
	tab := valBuild(t, valSet(valBase(), "60", "JAKARTA\tPUSAT"))
	visa := valBuild(t, valSet(valBase(), "02", "4000\x7f"))
	valRun(t, "R27", []valCase{
		{name: "é in 59", payload: accent, tag: "59", at: valOffset(t, accent, "59") + 4 + 3},
		{name: "tab in 60, EMV", payload: tab, opts: valEMV, tag: "60", at: valOffset(t, tab, "60") + 4 + 7},
		{name: "DEL in 02", payload: visa, tag: "02", at: valOffset(t, visa, "02") + 4 + 4},
	}, []valGood{{name: "printable punctuation", payload: valBuild(t, valSet(valBase(), "59", "Merc'hant & Co. ~#"))}})
}

func TestQ01(t *testing.T) {
	my := valBuild(t, valSet(valBase(), "58", "MY"))
	valRun(t, "Q01", []valCase{
		{name: "MY", payload: my, tag: "58", at: valOffset(t, my, "58")},
	}, []valGood{
		{name: "MY, EMV", payload: my, opts: valEMV},
		{name: "malformed 58 is R19's", payload: valBuild(t, valSet(valBase(), "58", "my"))},
	})
}

func TestQ02(t *testing.T) {
	myr := valBuild(t, valSet(valBase(), "53", "458"))
	valRun(t, "Q02", []valCase{
		{name: "458 with ID", payload: myr, tag: "53", at: valOffset(t, myr, "53")},
	}, []valGood{
		{name: "458, EMV", payload: myr, opts: valEMV},
		{name: "458 with MY", payload: valBuild(t, valSet(valSet(valBase(), "53", "458"), "58", "MY"))},
	})
}

func TestQ03(t *testing.T) {
	p := valBuild(t, valDel(valBase(), "61"))
	valRun(t, "Q03", []valCase{
		{name: "no 61", payload: p, tag: "61", at: valOffset(t, p, "58")},
	}, []valGood{
		{name: "no 61, EMV", payload: p, opts: valEMV},
		{name: "no 61 with MY", payload: valBuild(t, valSet(valDel(valBase(), "61"), "58", "MY"))},
	})
}

func TestQ04(t *testing.T) {
	p := valBuild(t, valDel(valBase(), "51"))
	valRun(t, "Q04", []valCase{
		{name: "static without 51", payload: p, tag: "51", at: 6},
	}, []valGood{
		{name: "static without 51, EMV", payload: p, opts: valEMV},
		{name: "dynamic without 51", payload: valBuild(t, valDel(valDynamic(), "51"))},
	})
}

func TestQ05(t *testing.T) {
	only46 := valSetT(valDel(valDel(valDynamic(), "26"), "51"), "46", valObj{tag: 0, val: "ID.CO.EXAMPLE.WWW"})
	p := valBuild(t, only46)
	valRun(t, "Q05", []valCase{
		{name: "only 46", payload: p, tag: "46", at: valOffset(t, p, "46")},
	}, []valGood{
		{name: "only 46, EMV", payload: p, opts: valEMV},
		{name: "dynamic with 26 only", payload: valBuild(t, valDel(valDynamic(), "51"))},
	})
}

func TestQ06(t *testing.T) {
	sub := func(path, v string) string { return valBuild(t, valSet(valBase(), path, v)) }
	noID := valBuild(t, valDel(valBase(), "26.02"))
	bad := func(name, path, v string) valCase {
		p := sub(path, v)
		return valCase{name: name, payload: p, tag: path, at: valOffset(t, p, path)}
	}
	valRun(t, "Q06", []valCase{
		{name: "no 02", payload: noID, tag: "26.02", at: 12},
		{name: "no 00", payload: valBuild(t, valDel(valBase(), "26.00")), tag: "26.00", at: 12},
		{name: "no 01", payload: valBuild(t, valDel(valBase(), "26.01")), tag: "26.01", at: 12},
		{name: "no 03", payload: valBuild(t, valDel(valBase(), "26.03")), tag: "26.03", at: 12},
		bad("00 an AID", "26.00", "A000000677010111"),
		bad("00 with an empty label", "26.00", "ID..QRIS"),
		bad("00 of 33", "26.00", strings.Repeat("A", 30)+".ID"),
		bad("01 with a letter", "26.01", "93609999000000001X"),
		bad("01 of 20", "26.01", "93609999000000000017"),
		bad("02 of 16", "26.02", strings.Repeat("E", 16)),
	}, []valGood{
		{name: "00 is \"00\"", payload: sub("26.00", "00")},
		{name: "lowercase domain", payload: sub("26.00", "id.ovo")},
		{name: "no 02, EMV", payload: noID, opts: valEMV},
	})
}

func TestQ07(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "26.01", "123456789012345678"))
	short := valBuild(t, valSet(valBase(), "26.01", "9360123"))
	valRun(t, "Q07", []valCase{
		{name: "no 9360", payload: p, tag: "26.01", at: valOffset(t, p, "26.01")},
		{name: "shorter than an NNS", payload: short, tag: "26.01", at: valOffset(t, short, "26.01")},
	}, []valGood{
		{name: "no 9360, EMV", payload: p, opts: valEMV},
		{name: "19 digits", payload: valBuild(t, valSet(valBase(), "26.01", "9360091812345678901"))},
	})
}

func TestQ08(t *testing.T) {
	c26 := valBuild(t, valSet(valBase(), "26.03", "XYZ"))
	c51 := valBuild(t, valSet(valBase(), "51.03", "umi"))
	long := valBuild(t, valSet(valBase(), "26.03", "UMIX"))
	valRun(t, "Q08", []valCase{
		{name: "26.03 XYZ", payload: c26, tag: "26.03", at: valOffset(t, c26, "26.03")},
		{name: "51.03 lowercase", payload: c51, tag: "51.03", at: valOffset(t, c51, "51.03")},
		{name: "26.03 of 4", payload: long, tag: "26.03", at: valOffset(t, long, "26.03")},
	}, []valGood{
		{name: "XYZ, EMV", payload: c26, opts: valEMV},
		{name: "PSO and BLU", payload: valBuild(t, valSet(valSet(valBase(), "26.03", "PSO"), "51.03", "BLU"))},
		{name: "51 without 03", payload: valBuild(t, valDel(valBase(), "51.03"))},
	})
}

func TestQ09(t *testing.T) {
	noNMID := valBuild(t, valDel(valBase(), "51.02"))
	noGUID := valBuild(t, valDel(valBase(), "51.00"))
	pan := valBuild(t, valSet(valBase(), "51.01", "9360ABCD"))
	long := valBuild(t, valSet(valBase(), "51.02", "ID10200000000012"))
	valRun(t, "Q09", []valCase{
		{name: "no 02", payload: noNMID, tag: "51.02", at: valOffset(t, noNMID, "51")},
		{name: "no 00", payload: noGUID, tag: "51.00", at: valOffset(t, noGUID, "51")},
		{name: "01 with letters", payload: pan, tag: "51.01", at: valOffset(t, pan, "51.01")},
		{name: "02 of 16", payload: long, tag: "51.02", at: valOffset(t, long, "51.02")},
	}, []valGood{
		{name: "no 02, EMV", payload: noNMID, opts: valEMV},
		{name: "01 digits", payload: valBuild(t, valSet(valBase(), "51.01", "936009180000000001"))},
	})
}

func TestQ10(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "51.00", "ID.OR.GPNQR.WWW"))
	valRun(t, "Q10", []valCase{
		{name: "GPNQR", payload: p, tag: "51.00", at: valOffset(t, p, "51.00"), sev: SeverityWarning},
	}, []valGood{{name: "GPNQR, EMV", payload: p, opts: valEMV}})
}

func TestQ11(t *testing.T) {
	short := valBuild(t, valSet(valBase(), "51.02", "ID12345"))
	noID := valBuild(t, valSet(valBase(), "51.02", "000000000000000"))
	w := SeverityWarning
	valRun(t, "Q11", []valCase{
		{name: "short", payload: short, tag: "51.02", at: valOffset(t, short, "51.02"), sev: w},
		{name: "no ID", payload: noID, tag: "51.02", at: valOffset(t, noID, "51.02"), sev: w},
	}, []valGood{{name: "short, EMV", payload: short, opts: valEMV}})
}

func TestQ12(t *testing.T) {
	name := valBuild(t, valSet(valBase(), "59", "TOKO|CONTOH"))
	id := valBuild(t, valSet(valBase(), "26.02", "EX|01"))
	bill := valBuild(t, valSet(valBase(), "62.01", "INV|1"))
	valRun(t, "Q12", []valCase{
		{name: "59", payload: name, tag: "59", at: valOffset(t, name, "59") + 4 + 4},
		{name: "26.02", payload: id, tag: "26.02", at: valOffset(t, id, "26.02") + 4 + 2},
		{name: "62.01, strict", payload: bill, opts: valStrict, tag: "62.01", at: valOffset(t, bill, "62.01") + 4 + 3},
	}, []valGood{
		{name: "59, EMV", payload: name, opts: valEMV},
		{name: "62.01, lenient", payload: bill},
	})
}

func TestQ13(t *testing.T) {
	amount := func(v string) string { return valBuild(t, valSet(valDynamic(), "54", v)) }
	fee := valBuild(t, valSet(valSet(valDynamic(), "55", "02"), "56", "1.5.0"))
	at := valOffset(t, amount("1"), "54")
	valRun(t, "Q13", []valCase{
		{name: "3 decimals", payload: amount("1000.005"), tag: "54", at: at},
		{name: "comma", payload: amount("1000,00"), tag: "54", at: at},
		{name: "thousands dot", payload: amount("1.000.000"), tag: "54", at: at},
		{name: "space", payload: amount("1 000"), tag: "54", at: at},
		{name: "56 with two dots", payload: fee, tag: "56", at: valOffset(t, fee, "56")},
	}, []valGood{
		{name: "1000.00", payload: amount("1000.00")},
		{name: "1000.", payload: amount("1000.")},
		{name: "3 decimals, EMV", payload: amount("1000.005"), opts: valEMV},
	})
}

func TestQ14(t *testing.T) {
	pct := func(v string) string { return valBuild(t, valSet(valSet(valDynamic(), "55", "03"), "57", v)) }
	at := valOffset(t, pct("1"), "57")
	valRun(t, "Q14", []valCase{
		{name: "3 decimals", payload: pct("2.555"), tag: "57", at: at},
		{name: "100", payload: pct("100"), tag: "57", at: at},
		{name: "zero", payload: pct("0.00"), tag: "57", at: at},
		{name: "percent sign", payload: pct("5%"), tag: "57", at: at},
	}, []valGood{
		{name: "00.01", payload: pct("00.01")},
		{name: "99.99", payload: pct("99.99")},
		{name: "2.555, EMV", payload: pct("2.555"), opts: valEMV},
	})
}

func TestQ15(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "01", "12"))
	valRun(t, "Q15", []valCase{
		{name: "dynamic without 54", payload: p, tag: "01", at: 6, sev: SeverityWarning},
	}, []valGood{
		{name: "dynamic with 54", payload: valBuild(t, valDynamic())},
		{name: "EMV", payload: p, opts: valEMV},
	})
}

func TestQ16(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "54", "15000"))
	valRun(t, "Q16", []valCase{
		{name: "static with 54", payload: p, tag: "54", at: valOffset(t, p, "54"), sev: SeverityWarning},
		{name: "static with 54, strict", payload: p, opts: valStrict, tag: "54", at: valOffset(t, p, "54"), sev: SeverityWarning},
	}, []valGood{{name: "EMV", payload: p, opts: valEMV}})
}

func TestQ17(t *testing.T) {
	sub := func(v string) string { return valBuild(t, valSet(valBase(), "62.09", v)) }
	at := valOffset(t, sub("A"), "62.09")
	valRun(t, "Q17", []valCase{
		{name: "MM", payload: sub("MM"), tag: "62.09", at: at},
		{name: "lowercase", payload: sub("ame"), tag: "62.09", at: at},
		{name: "4 characters", payload: sub("AMEA"), tag: "62.09", at: at},
	}, []valGood{
		{name: "EA", payload: sub("EA")},
		{name: "MM, EMV", payload: sub("MM"), opts: valEMV},
	})
}

func TestQ18(t *testing.T) {
	sub := func(path, v string) string { return valBuild(t, valSet(valBase(), path, v)) }
	long := sub("62.05", strings.Repeat("R", 26))
	accent := sub("62.03", "Café")
	valRun(t, "Q18", []valCase{
		{name: "05 of 26", payload: long, tag: "62.05", at: valOffset(t, long, "62.05")},
		{name: "03 with é", payload: accent, tag: "62.03", at: valOffset(t, accent, "62.03") + 4 + 3},
	}, []valGood{
		{name: "***", payload: sub("62.01", "***")},
		{name: "05 of 26, EMV", payload: long, opts: valEMV},
	})
}

func TestQ19(t *testing.T) {
	prop := func(subs ...valObj) string { return valBuild(t, valSetT(valBase(), "62", subs...)) }
	noData := prop(valObj{tag: 99, sub: []valObj{{tag: 0, val: "00"}}})
	noGUID := prop(valObj{tag: 99, sub: []valObj{{tag: 1, val: "315464448"}}})
	tooLong := prop(valObj{tag: 99, sub: []valObj{{tag: 0, val: "ABCD"}, {tag: 1, val: strings.Repeat("p", 81)}}})
	at := func(p string) int { return valOffset(t, p, "62.99") }
	valRun(t, "Q19", []valCase{
		{name: "no 01", payload: noData, tag: "62.99.01", at: at(noData)},
		{name: "no 00", payload: noGUID, tag: "62.99.00", at: at(noGUID)},
		{name: "93 characters", payload: tooLong, tag: "62.99", at: at(tooLong)},
	}, []valGood{
		{name: "gateway shape", payload: prop(valObj{tag: 7, val: "A01"}, valObj{tag: 99, sub: []valObj{{tag: 0, val: "00"}, {tag: 1, val: "315464448"}}})},
		{name: "91 characters", payload: prop(valObj{tag: 99, sub: []valObj{{tag: 0, val: "00"}, {tag: 1, val: strings.Repeat("p", 81)}}})},
		{name: "no 01, EMV", payload: noData, opts: valEMV},
	})
}

// TestQ20: the mPAN check digit is never checked, as the spec digest
// decides: real mPANs fail every Luhn variant.
func TestQ20(t *testing.T) {
	r, _ := LookupRule("Q20")
	if r.Severity != 0 || r.StrictSeverity != 0 {
		t.Errorf("Q20 reports %v/%v, want nothing", r.Severity, r.StrictSeverity)
	}
	// 936099990000000017 and 936099990000000018: one of them fails Luhn.
	valRun(t, "Q20", nil, []valGood{
		{name: "...17", payload: valBuild(t, valBase()), opts: valStrict},
		{name: "...18", payload: valBuild(t, valSet(valBase(), "26.01", "936099990000000018")), opts: valStrict},
	})
}

func TestQ21(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "61", "123456"))
	letters := valBuild(t, valSet(valBase(), "61", "1O110"))
	w := SeverityWarning
	valRun(t, "Q21", []valCase{
		{name: "6 digits", payload: p, tag: "61", at: valOffset(t, p, "61"), sev: w},
		{name: "a letter", payload: letters, tag: "61", at: valOffset(t, letters, "61"), sev: w},
	}, []valGood{{name: "6 digits, EMV", payload: p, opts: valEMV}})
}

func TestQ22(t *testing.T) {
	p := valBuild(t, valSet(valBase(), "59", strings.Repeat("N", 26)))
	at := valOffset(t, p, "59")
	valRun(t, "Q22", []valCase{
		{name: "lenient", payload: p, tag: "59", at: at, sev: SeverityWarning},
		{name: "strict", payload: p, opts: valStrict, tag: "59", at: at},
	}, []valGood{
		{name: "25", payload: valBuild(t, valSet(valBase(), "59", strings.Repeat("N", 25))), opts: valStrict},
		{name: "EMV", payload: p, opts: valEMV},
	})
	if ps := Validate(p, Options{}); !Valid(ps) {
		t.Errorf("lenient mode must accept a long name: %v", ps)
	}
	if ps := Validate(p, valStrict); Valid(ps) {
		t.Errorf("strict mode must refuse a long name: %v", ps)
	}
}

func TestX01(t *testing.T) {
	p := valBuild(t, valSet(valDynamic(), "54", "015000"))
	valRun(t, "X01", []valCase{
		{name: "strict", payload: p, opts: valStrict, tag: "54", at: valOffset(t, p, "54"), sev: SeverityWarning},
	}, []valGood{
		{name: "lenient", payload: p},
		{name: "EMV strict", payload: p, opts: Options{Profile: ProfileEMV, Strict: true}},
		{name: "0.50", payload: valBuild(t, valSet(valDynamic(), "54", "0.50")), opts: valStrict},
	})
	ps := Validate(p, valStrict)
	if want := `amount "015000" has leading zeros: write "15000"`; len(ps) != 1 || ps[0].Message != want {
		t.Errorf("got %v, want %q", ps, want)
	}
}

// TestRuleTests makes sure every rule of the table has its test above.
func TestRuleTests(t *testing.T) {
	src, err := readOwnSource("rules_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !strings.Contains(src, "func Test"+r.ID+"(t *testing.T)") {
			t.Errorf("rule %s has no Test%s", r.ID, r.ID)
		}
	}
}

func readOwnSource(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

// valPromptPay is a PromptPay credit transfer to a mobile number, as
// promptparse writes it: no 52, 59 or 60.
func valPromptPay() []valObj {
	return []valObj{
		{tag: 0, val: "01"},
		{tag: 1, val: "11"},
		{tag: 29, sub: []valObj{{tag: 0, val: "A000000677010111"}, {tag: 1, val: "0066812345678"}}},
		{tag: 53, val: "764"},
		{tag: 58, val: "TH"},
	}
}

// valVietQR is a VietQR transfer to an account, as vietqr-ts builds it.
func valVietQR() []valObj {
	return []valObj{
		{tag: 0, val: "01"},
		{tag: 1, val: "11"},
		{tag: 38, sub: []valObj{
			{tag: 0, val: "A000000727"},
			{tag: 1, sub: []valObj{{tag: 0, val: "970403"}, {tag: 1, val: "0011012345678"}}},
			{tag: 2, val: "QRIBFTTA"},
		}},
		{tag: 53, val: "704"},
		{tag: 58, val: "VN"},
	}
}

var (
	valPP = Options{Profile: ProfilePromptPay}
	valVN = Options{Profile: ProfileVietQR}
)

func TestP01(t *testing.T) {
	sg := valBuild(t, valSet(valPromptPay(), "58", "SG"))
	usd := valBuild(t, valSet(valVietQR(), "53", "840"))
	valRun(t, "P01", []valCase{
		{name: "PromptPay in SG", payload: sg, opts: valPP, tag: "58", at: valOffset(t, sg, "58")},
		{name: "VietQR in dollars", payload: usd, opts: valVN, tag: "53", at: valOffset(t, usd, "53")},
	}, []valGood{
		{name: "PromptPay", payload: valBuild(t, valPromptPay()), opts: valPP},
		{name: "VietQR", payload: valBuild(t, valVietQR()), opts: valVN},
		{name: "EMV has no country", payload: sg, opts: Options{Profile: ProfileEMV}},
		// Under auto, a PromptPay account in SG is no PromptPay payload.
		{name: "auto", payload: sg, opts: Options{Profile: ProfileAuto}},
	})
	// A malformed 58 is R19's alone.
	if ps := Validate(valBuild(t, valSet(valPromptPay(), "58", "th")), valPP); len(ps) != 1 || ps[0].Rule != "R19" {
		t.Errorf("lowercase country: %v, want R19 only", ps)
	}
}

func TestP02(t *testing.T) {
	noAccount := valBuild(t, valSetT(valDel(valPromptPay(), "29"), "31", valObj{tag: 0, val: "A000000333010101"}))
	wrongGUID := valBuild(t, valSet(valPromptPay(), "29.00", "A000000677010114"))
	noProxy := valBuild(t, valDel(valPromptPay(), "29.01"))
	shortMobile := valBuild(t, valSet(valPromptPay(), "29.01", "0812345678"))
	bill := valBuild(t, valSetT(valDel(valPromptPay(), "29"), "30",
		valObj{tag: 0, val: "A000000677010112"}, valObj{tag: 1, val: "099999999999990"}))
	noBIN := valBuild(t, valSetT(valVietQR(), "38.01", valObj{tag: 1, val: "0011012345678"}))
	service := valBuild(t, valSet(valVietQR(), "38.02", "QRPUSH00"))
	noService := valBuild(t, valDel(valVietQR(), "38.02"))
	message := valBuild(t, valSet(valPromptPay(), "81", "0048"))
	badMessage := valBuild(t, valSet(valPromptPay(), "81", "48"))
	valRun(t, "P02", []valCase{
		{name: "no PromptPay account", payload: noAccount, opts: valPP, tag: "29", at: 0},
		{name: "another GUID in 29", payload: wrongGUID, opts: valPP, tag: "29.00", at: valOffset(t, wrongGUID, "29.00")},
		{name: "no proxy", payload: noProxy, opts: valPP, tag: "29.01", at: valOffset(t, noProxy, "29")},
		{name: "mobile not 13 digits", payload: shortMobile, opts: valPP, tag: "29.01", at: valOffset(t, shortMobile, "29.01")},
		{name: "bill payment without reference 1", payload: bill, opts: valPP, tag: "30.02", at: valOffset(t, bill, "30")},
		{name: "VietQR without BIN", payload: noBIN, opts: valVN, tag: "38.01.00", at: valOffset(t, noBIN, "38.01")},
		{name: "VietQR service code", payload: service, opts: valVN, tag: "38.02", at: valOffset(t, service, "38.02")},
		{name: "VietQR without service code", payload: noService, opts: valVN, tag: "38.02", at: valOffset(t, noService, "38")},
		{name: "TrueMoney message too short", payload: badMessage, opts: valPP, tag: "81", at: valOffset(t, badMessage, "81")},
		{name: "under auto", payload: shortMobile, opts: Options{Profile: ProfileAuto}, tag: "29.01", at: valOffset(t, shortMobile, "29.01")},
	}, []valGood{
		{name: "PromptPay", payload: valBuild(t, valPromptPay()), opts: valPP},
		{name: "bill payment", payload: valBuild(t, valSetT(valDel(valPromptPay(), "29"), "30",
			valObj{tag: 0, val: "A000000677010112"}, valObj{tag: 1, val: "099999999999990"}, valObj{tag: 2, val: "INV01"})), opts: valPP},
		{name: "TrueMoney message", payload: message, opts: valPP},
		{name: "VietQR", payload: valBuild(t, valVietQR()), opts: valVN},
		{name: "VietQR to a card", payload: valBuild(t, valSet(valSet(valVietQR(), "38.02", "QRIBFTTC"), "38.01.01", "9704031101234567")), opts: valVN},
		{name: "EMV", payload: shortMobile, opts: Options{Profile: ProfileEMV}},
	})
	// A template that does not parse is R03's alone: not also "no account".
	broken := valReplace(t, valBuild(t, valPromptPay()), "29370016", "2937X016")
	for _, p := range Validate(broken, valPP) {
		if p.Rule == "P02" {
			t.Errorf("broken 29: %v", p)
		}
	}
	// Under EMV, 81 is a template again.
	if ps := Validate(message, Options{Profile: ProfileEMV}); !slices.ContainsFunc(ps, func(p Problem) bool { return p.Rule == "R03" || p.Rule == "R25" }) {
		t.Errorf("EMV takes 81 as a template: %v", ps)
	}
}
