package qris

import (
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// rowRules are the rule ids a row names: a check of its object may
// report these and no others.
func rowRules(o *Object) []string {
	var ids []string
	for _, id := range []string{o.Rule, o.QRISRule, o.CharRule, o.ExtraRule} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// guarding is the rule that guards o under opts, the value rowRules puts
// first: QRISRule under QRIS, when o has one.
func guarding(o *Object, opts Options) string {
	if opts.Profile == ProfileQRIS && o.QRISRule != "" {
		return o.QRISRule
	}
	return o.Rule
}

// charRuleOf is the rule a character outside o's format breaks.
func charRuleOf(o *Object, opts Options) string {
	if o.CharRule != "" {
		return o.CharRule
	}
	return guarding(o, opts)
}

// checkRowReport validates objs under opts and asserts that the problems
// at path are want, when want is a rule opts applies, or none otherwise,
// and that all of them are rules of the row o.
func checkRowReport(t *testing.T, objs []valObj, path string, o *Object, opts Options, want, what string) {
	t.Helper()
	s := valBuild(t, objs)
	r, ok := LookupRule(want)
	if !ok {
		t.Fatalf("%s: row names no rule %q", path, want)
	}
	applies := r.Profile == ProfileEMV || opts.Profile == r.Profile
	found := false
	for _, p := range Validate(s, opts) {
		if p.Tag != path {
			continue
		}
		if !strings.Contains(" "+strings.Join(rowRules(o), " ")+" ", " "+p.Rule+" ") {
			t.Errorf("%s %s under %v: %s reported, which its row (%v) does not name: %s", path, what, opts.Profile, p.Rule, rowRules(o), p.Message)
		}
		found = found || p.Rule == want
	}
	if found != applies {
		t.Errorf("%s %s under %v: reported %s = %v, want %v", path, what, opts.Profile, want, found, applies)
	}
}

// TestChecksReportTheirRow puts a value of the wrong length and one of the
// wrong characters in every object the table gives a rule, under QRIS and
// EMV, and a scheme's objects under its profile: each fault is reported
// under the rule the row names for it (the length under the guarding rule,
// but for the amounts, whose length is EMV's in every profile; a character
// under CharRule), and nothing at the object under a rule its row does not
// name. A check that wrote its own rule id would fail here.
func TestChecksReportTheirRow(t *testing.T) {
	type site struct {
		path string
		o    *Object
		base func() []valObj
		opts []Options
	}
	both := []Options{{}, {Profile: ProfileEMV}}
	var sites []site
	for i := range objects {
		r := &objects[i]
		if r.From == emv.CRCTag || (r.Rule == "" && !r.Template) {
			continue
		}
		if !r.Template {
			sites = append(sites, site{r.From.String(), r, feeBase(r.From), both})
			continue
		}
		for j := range r.Sub {
			s := &r.Sub[j]
			p := r.From.String() + "." + s.From.String()
			if s.Template {
				for k := range s.Sub {
					if ss := &s.Sub[k]; ss.Rule != "" {
						sites = append(sites, site{p + "." + ss.From.String(), ss, valBase, both})
					}
				}
			} else if s.Rule != "" {
				sites = append(sites, site{p, s, valBase, both})
			}
		}
	}
	pp := row(ProfilePromptPay)
	for i := range pp.accounts[0].objects[1:] {
		o := &pp.accounts[0].objects[1+i]
		sites = append(sites, site{"29." + o.From.String(), o, valPromptPay, []Options{valPP}})
	}
	sites = append(sites, site{"81", &pp.values[0], valPromptPay, []Options{valPP}})
	vq := row(ProfileVietQR).accounts[0].objects
	for i := range vq[1].Sub {
		o := &vq[1].Sub[i]
		sites = append(sites, site{"38.01." + o.From.String(), o, valVietQR, []Options{{Profile: ProfileVietQR}}})
	}
	sites = append(sites, site{"38.02", &vq[2], valVietQR, []Options{{Profile: ProfileVietQR}}})
	if len(sites) < 40 {
		t.Fatalf("only %d objects to check", len(sites))
	}

	for _, st := range sites {
		o := st.o
		tag := valPath(st.path)
		account := len(tag) > 1 && tag[0] >= 26 && tag[0] <= 51
		for _, opts := range st.opts {
			if o.Key == "rfu" {
				checkRowReport(t, valSet(st.base(), st.path, "X"), st.path, o, opts, guarding(o, opts), "(reserved)")
				continue
			}
			if o.Max < 99 {
				lenRule := guarding(o, opts)
				if len(tag) == 1 && (tag[0] >= 54 && tag[0] <= 57 && tag[0] != 55) {
					lenRule = o.Rule
				}
				long := strings.Repeat("1", o.Max+1)
				checkRowReport(t, valSet(st.base(), st.path, long), st.path, o, opts, lenRule, "too long")
			}
			bad := ""
			switch {
			case o.Format == Numeric:
				bad = "a" + strings.Repeat("1", o.Min-1)
			case o.Format == AlphanumericSpecial && !account:
				bad = "é" + strings.Repeat("A", max(o.Min-1, 1))
			}
			if bad != "" && len([]rune(bad)) <= o.Max {
				checkRowReport(t, valSet(st.base(), st.path, bad), st.path, o, opts, charRuleOf(o, opts), "with a bad character")
			}
		}
	}
}

// feeBase is the base payload for root object t: dynamic, with the tip
// indicator 56 and 57 go with, so that only t's own rules speak.
func feeBase(t emv.Tag) func() []valObj {
	switch t {
	case 54:
		return valDynamic
	case 56:
		return func() []valObj { return valSet(valDynamic(), "55", "02") }
	case 57:
		return func() []valObj { return valSet(valDynamic(), "55", "03") }
	}
	return valBase
}

// TestValueChecksReportTheirRow: the checks of a value's form, beyond its
// length and characters, report the rule of the row's column.
func TestValueChecksReportTheirRow(t *testing.T) {
	qris, emvOpts := Options{}, Options{Profile: ProfileEMV}
	strict := Options{Strict: true}
	for _, c := range []struct {
		path, value string
		column      string // "rule" (the guarding rule) or "extra"
		opts        Options
	}{
		{"00", "02", "rule", qris}, {"01", "13", "rule", emvOpts}, {"55", "04", "rule", qris},
		{"58", "id", "rule", emvOpts}, {"62.09", "ZZ", "rule", qris}, {"62.09", "ZZ", "rule", emvOpts},
		{"64.00", "1x", "rule", emvOpts}, {"26.03", "XXX", "rule", qris}, {"26.00", "BAD", "rule", qris},
		{"54", "1.2.3", "rule", qris}, {"54", "1.2.3", "rule", emvOpts}, {"54", "1.234", "rule", qris},
		{"57", "100", "rule", emvOpts}, {"26.01", "1234", "extra", qris}, {"51.00", "ID.CO.X.WWW", "extra", qris},
		{"51.02", "X", "extra", qris}, {"61", "1234", "extra", qris}, {"54", "0150", "extra", strict},
	} {
		o, ok := lookup(valPath(c.path)...)
		if !ok {
			t.Fatalf("no row for %s", c.path)
		}
		want := guarding(o, c.opts)
		if c.column == "extra" {
			want = o.ExtraRule
		}
		base := valBase
		if t := valPath(c.path); len(t) == 1 {
			base = feeBase(t[0])
		}
		checkRowReport(t, valSet(base(), c.path, c.value), c.path, o, c.opts, want, "= "+c.value)
	}
	// 63 in lowercase, strict mode: the CRC row's extra rule.
	s := valBuild(t, valSet(valBase(), "59", "TOKO CONTOH 1"))
	low := s[:len(s)-4] + strings.ToLower(s[len(s)-4:])
	if low == s {
		t.Fatalf("the fixture's CRC %s has no letter", s[len(s)-4:])
	}
	ps := Validate(low, Options{Strict: true})
	if crc := describe(emv.CRCTag); len(ps) != 1 || ps[0].Rule != crc.ExtraRule {
		t.Errorf("lowercase CRC: %v, want one %s", ps, crc.ExtraRule)
	}
}

// TestRuleColumns: every rule id a row names, in the object table and in
// the profiles' tables, is one of Rules; a QRISRule is a QRIS rule.
func TestRuleColumns(t *testing.T) {
	var walk func(where string, table []Object)
	walk = func(where string, table []Object) {
		for i := range table {
			o := &table[i]
			for _, id := range rowRules(o) {
				if _, ok := LookupRule(id); !ok || ruleTable[ruleOf(id)].ID != id {
					t.Errorf("%s row %s (%s) names rule %q, which Rules does not hold", where, o.From, o.Name, id)
				}
			}
			if r, ok := LookupRule(o.QRISRule); ok && r.Profile != ProfileQRIS {
				t.Errorf("%s row %s (%s): QRISRule %s is not a QRIS rule", where, o.From, o.Name, o.QRISRule)
			}
			walk(where, o.Sub)
		}
	}
	walk("object table", objects)
	for _, pr := range profiles {
		for _, a := range pr.accounts {
			walk(pr.name, a.objects)
		}
		walk(pr.name, pr.values)
	}
}

// TestAccountTablesAgree: 26..45 and 46..50 decode into the same Go type,
// so their tables hold the same objects in the same order.
func TestAccountTablesAgree(t *testing.T) {
	if len(domesticAccountSub) != len(merchantAccountSub) {
		t.Fatalf("%d rows against %d", len(domesticAccountSub), len(merchantAccountSub))
	}
	for i, d := range domesticAccountSub {
		m := merchantAccountSub[i]
		if d.From != m.From || d.To != m.To || d.Name != m.Name || d.Key != m.Key || d.Format != m.Format || d.Min != m.Min || d.Max != m.Max || d.field != m.field || d.Required != m.Required {
			t.Errorf("row %d: %+v against %+v", i, d, m)
		}
	}
}

// TestSchemeSummaries: P01 and P02 say what each scheme's row holds,
// every scheme named, with its country, currency, accounts and values.
func TestSchemeSummaries(t *testing.T) {
	p01, _ := LookupRule("P01")
	p02, _ := LookupRule("P02")
	n := 0
	for p, pr := range profiles {
		if Profile(p) == ProfileQRIS || pr.country == "" {
			continue
		}
		n++
		for _, w := range []string{pr.name, `"` + pr.country + `" and "` + pr.currency + `"`} {
			if !strings.Contains(p01.Summary, w) {
				t.Errorf("P01's summary %q does not say %s", p01.Summary, w)
			}
		}
		for _, a := range pr.accounts {
			if !strings.Contains(p02.Summary, a.tag.String()) {
				t.Errorf("P02's summary %q does not name %s's account %s", p02.Summary, pr.name, a.tag)
			}
		}
		for _, o := range pr.values {
			if !strings.Contains(p02.Summary, pr.name+"'s "+o.From.String()) {
				t.Errorf("P02's summary %q does not name %s's %s", p02.Summary, pr.name, o.From)
			}
		}
	}
	if n < 2 {
		t.Fatalf("%d scheme profiles", n)
	}
	if want := `Under PromptPay or VietQR, 58 and 53 are the scheme's: "TH" and "764", or "VN" and "704".`; p01.Summary != want {
		t.Errorf("P01's summary is %q, want %q", p01.Summary, want)
	}
	if want := `Under PromptPay or VietQR, the scheme's merchant account is present (PromptPay 29 or 30, VietQR 38) with its GUID, the objects the scheme requires, and each object in the scheme's format and length; so is PromptPay's 81, Personal Message (TrueMoney).`; p02.Summary != want {
		t.Errorf("P02's summary is %q, want %q", p02.Summary, want)
	}
	for _, c := range []struct {
		items []string
		want  string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := orList(c.items, " or "); got != c.want {
			t.Errorf("orList(%q) = %q, want %q", c.items, got, c.want)
		}
	}
}

// TestMerchantCriteria: Q08 accepts exactly the codes its message lists.
func TestMerchantCriteria(t *testing.T) {
	codes := strings.Split(merchantCriteriaList, ", ")
	if len(codes) != 7 {
		t.Fatalf("Q08 lists %q", merchantCriteriaList)
	}
	for _, c := range codes {
		if !isMerchantCriteria(c) {
			t.Errorf("%q is listed but refused", c)
		}
	}
	for _, c := range []string{"", "umi", "UMX", "UMI ", "XYZ"} {
		if isMerchantCriteria(c) {
			t.Errorf("%q is accepted but not listed", c)
		}
	}
}

// TestRootTagSets: the tag sets the validator derives from the object
// table's kinds and tables are EMV's and QRIS's ranges.
func TestRootTagSets(t *testing.T) {
	span := func(lo, hi emv.Tag) tagBits {
		var s tagBits
		for t := lo; t <= hi; t++ {
			s.add(t)
		}
		return s
	}
	for _, c := range []struct {
		name      string
		got, want tagBits
	}{
		{"merchant accounts", accountTags, span(2, 51)},
		{"Q05's accounts", q05Enough, span(2, 45)},
		{"Q05's others", q05Other, span(46, 50)},
		{"domestic", rowTags(isDomestic), span(26, 45)},
	} {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got.appendAscending(nil), c.want.appendAscending(nil))
		}
	}
	if !span(0, 1).meets(span(1, 2)) || span(0, 1).meets(span(2, 99)) || !span(70, 70).meets(span(64, 99)) {
		t.Error("meets is wrong")
	}
}
