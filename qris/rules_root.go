package qris

import (
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// The rules on root objects: the frame (00 first, 63 last, length), each
// root object against the object table, the mandatory objects, and the
// tip and fee objects 54..57.

// checkFrame applies R05 (00 first), R06 and R08 (63 of 4 hex digits, in
// uppercase) and R09 (the 512-character bound).
func (v *validator) checkFrame(raw string, fs emv.Fields) {
	if first := &fs[0]; first.Tag != 0 {
		pfi := v.ix.object(0)
		msg := v.text("the payload starts with ", first.Tag.String(), ": it must start with 00, the payload format indicator \"01\"")
		if f, ok := v.get(0); ok {
			msg = v.text(msg, " (00 stands at offset ", v.itoa(f.Offset), ")")
		}
		v.add(v.rule(pfi), "00", first.Offset, msg)
	}
	// Every route here had its parse check the frame (63 last, 4
	// characters), and all but a parse with SkipCRC the digits: those are
	// checked here unless the parse reported them.
	last := &fs[len(fs)-1]
	crc := v.ix.object(emv.CRCTag)
	if !v.crcDone && last.Tag == emv.CRCTag && (len(last.Value) != 4 || !isHex(last.Value)) {
		v.add(v.rule(crc), "63", last.Offset, v.text("CRC ", v.quote(last.Value), " is not 4 hex digits: the payload's checksum is ", emv.ExpectedCRC(raw)))
	}
	if last.Tag == emv.CRCTag && len(last.Value) == 4 && hasLowerHex(last.Value) && v.on(extraRule(crc)) {
		v.add(extraRule(crc), "63", last.Offset, v.text("CRC ", last.Value, " is in lowercase: write it in uppercase"))
	}
	if len(raw) > emv.MaxLength {
		if n := utf8.RuneCountInString(raw); n > emv.MaxLength {
			v.add(r09, "", 0, v.text("the payload is ", v.itoa(n), " characters: EMV asks for at most 512"))
		}
	}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c-'0' <= 9 || c|0x20-'a' <= 'f'-'a') {
			return false
		}
	}
	return true
}

func hasLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c-'a' <= 'f'-'a' {
			return true
		}
	}
	return false
}

// checkRoot applies the rules of one root object.
func (v *validator) checkRoot(f *emv.Field) {
	t := f.Tag
	o, sub := v.ix.lookup(t)
	if o == nil {
		return
	}
	// Every rule id comes from o, the table's row (see [Object.Rule]);
	// what kind of object it is, from its kind.
	switch o.kind {
	case kindSchemeAccount:
		v.checkValue(f, o)
		v.checkPipe(f, o)
	case kindMerchantAccount, kindNational:
		v.checkAccount(f, o, sub)
	case kindAdditional:
		v.checkAdditional(f, sub)
	case kindLanguage:
		v.checkLanguage(f, sub)
	case kindRFU:
		v.add(v.rule(o), v.path(f), f.Offset, v.text("tag ", t.String(), " is reserved for future use by EMVCo: decoders ignore it and encoders must not write it"))
	case kindUnreserved:
		if so := v.prof.value(t); so != nil {
			v.checkSchemeObject(f, so)
			return
		}
		v.checkGUIDTemplate(f, 0, sub)
	case kindField:
		v.checkField(f, o)
	}
}

// checkField applies the rules of root object f, of a named field, whose
// row is o.
func (v *validator) checkField(f *emv.Field, o *Object) {
	switch t := f.Tag; {
	case t == 0:
		if v.checkValue(f, o) && f.Value != "01" {
			v.add(v.rule(o), v.path(f), f.Offset, v.text(o.Name, " is ", v.quote(f.Value), ": it must be \"01\""))
		}
	case t == 1:
		if v.checkValue(f, o) && f.Value != "11" && f.Value != "12" {
			v.add(v.rule(o), v.path(f), f.Offset, v.text(o.Name, " is ", v.quote(f.Value), ": it must be \"11\" (static) or \"12\" (dynamic)"))
		}
	case t == 54 || t == 56 || t == 57:
		// The length is EMV's (o.Rule) under every profile: QRIS
		// restates the syntax (checkFees).
		if n := runeCount(f.Value, v.ascii); n < o.Min || n > o.Max {
			v.badLength(f, o, ruleOf(o.Rule), n)
		}
	case t == 55:
		if v.checkValue(f, o) && !validTip(f.Value) {
			v.add(v.rule(o), v.path(f), f.Offset, v.text(o.Name, " is ", v.quote(f.Value), ": it must be \"01\" (payer enters a tip), \"02\" (fixed fee) or \"03\" (percentage fee)"))
		}
	case t == 58:
		if v.checkValue(f, o) && !isUpperAlpha(f.Value) {
			v.add(v.rule(o), v.path(f), f.Offset, v.text(o.Name, " is ", v.quote(f.Value), ": it must be two uppercase letters (ISO 3166-1 alpha-2), such as \"ID\""))
		}
		v.checkPipe(f, o)
	case t == 61:
		if v.checkValue(f, o) && v.qris && (len(f.Value) != 5 || !digitsOnly(f.Value)) {
			v.add(extraRule(o), v.path(f), f.Offset, v.text(o.Name, " ", v.quote(f.Value), " is not 5 digits, the form of Indonesian postal codes"))
		}
		v.checkPipe(f, o)
	default:
		// 52, 53, 59 and 60: the table says all.
		v.checkValue(f, o)
		v.checkPipe(f, o)
	}
}

func validTip(s string) bool { return s == "01" || s == "02" || s == "03" }

// rule returns the rule that guards o under v's profile: o.QRISRule under
// QRIS, when o has one, else o.Rule.
func (v *validator) rule(o *Object) ruleID {
	if v.qris && o.QRISRule != "" {
		return ruleOf(o.QRISRule)
	}
	return ruleOf(o.Rule)
}

// charRule returns the rule a character of o's value outside o.Format
// breaks: o.CharRule, or the rule that guards o.
func (v *validator) charRule(o *Object) ruleID {
	if o.CharRule != "" {
		return ruleOf(o.CharRule)
	}
	return v.rule(o)
}

// extraRule returns the rule of o's ExtraRule column.
func extraRule(o *Object) ruleID { return ruleOf(o.ExtraRule) }

// checkValue checks f against its table entry o: its length in characters
// within o.Min..o.Max (a fault reported under the rule that guards o), its
// characters in o.Format (under charRule). It reports whether both hold.
// It only tests; checkValueSlow, called for a value that fails, says what
// is wrong.
func (v *validator) checkValue(f *emv.Field, o *Object) bool {
	// On a clean payload (printable ASCII throughout) lengths are byte
	// counts and no ans value can fail.
	if n := len(f.Value); v.clean && n >= o.Min && n <= o.Max && (o.Format != Numeric || digitsOnly(f.Value)) {
		return true
	}
	return v.checkValueSlow(f, o)
}

func (v *validator) checkValueSlow(f *emv.Field, o *Object) bool {
	lenRule, fmtRule := v.rule(o), v.charRule(o)
	ok := v.checkLength(f, o, lenRule)
	if !ok && lenRule == fmtRule {
		return false // one problem per object and rule
	}
	switch o.Format {
	case Numeric:
		if !digitsOnly(f.Value) {
			v.add(fmtRule, v.path(f), f.Offset, v.text(o.Name, " ", v.quote(f.Value), " must be digits only"))
			return false
		}
	case AlphanumericSpecial:
		if v.badTemplate {
			break
		}
		if i, r := badANS(f.Value); i >= 0 {
			v.add(fmtRule, v.path(f), f.Offset+4+i, v.text(o.Name, " holds ", v.describeRune(r), " at character ", v.itoa(i+1), ": only printable ASCII (space to '~') is allowed"))
			return false
		}
	}
	return ok
}

// checkLength checks the length of f against o.Min..o.Max, reporting a
// fault under r.
func (v *validator) checkLength(f *emv.Field, o *Object, r ruleID) bool {
	n := runeCount(f.Value, v.ascii)
	if n >= o.Min && n <= o.Max {
		return true
	}
	return v.badLength(f, o, r, n)
}

func (v *validator) badLength(f *emv.Field, o *Object, r ruleID, n int) bool {
	want, bound := "at least ", o.Min
	switch {
	case o.Min == o.Max:
		want, bound = "it must be exactly ", o.Max
	case n > o.Max:
		want, bound = "at most ", o.Max
	}
	lenient := ""
	if r == q22 && !v.o.Strict {
		lenient = " (accepted in lenient mode, as real QRs carry longer names)"
	}
	msg := v.text(o.Name, " is ", v.itoa(n), " characters: ", want, v.itoa(bound), lenient)
	v.add(r, v.path(f), f.Offset, msg)
	return false
}

// checkPipe applies Q12 to f, whose row is o, when its value is ans: in
// the fields QRIS names (o.NoPipe) always, in any other in strict mode only.
func (v *validator) checkPipe(f *emv.Field, o *Object) {
	if v.hasPipe && v.qris && o.Format == AlphanumericSpecial && (o.NoPipe || v.o.Strict) {
		v.checkPipeSlow(f)
	}
}

func (v *validator) checkPipeSlow(f *emv.Field) {
	if i := indexPipe(f.Value); i >= 0 {
		v.add(q12, v.path(f), f.Offset+4+i, v.text("a '|' stands at character ", v.itoa(i+1), " of ", v.quote(f.Value), ": QRIS forbids it (switch messages use it as a delimiter)"))
	}
}

// describeRune names a character for a message: 'é' (U+00E9), or U+0009
// for one that does not print.
func (v *validator) describeRune(r rune) string {
	start := len(v.buf)
	if unicode.IsPrint(r) {
		v.buf = strconv.AppendQuoteRune(v.buf, r)
		v.buf = append(v.buf, " ("...)
	}
	v.buf = appendCodePoint(v.buf, r)
	if unicode.IsPrint(r) {
		v.buf = append(v.buf, ')')
	}
	return v.view(start)
}

// missing reports an absent object: at the offset of the object that
// requires it (by), or at 0 when the payload as a whole requires it.
func (v *validator) missing(r ruleID, tag string, by *emv.Field, msg string) {
	off := 0
	if by != nil {
		off = by.Offset
	}
	v.add(r, tag, off, msg)
}

// checkPresence applies R11 and the rules of the root objects the table
// requires (R13, R14, R19, R20 and R21), but for those the profile leaves
// out.
func (v *validator) checkPresence() {
	if present := tagBits(v.present); !present.meets(accountTags) {
		v.missing(r11, "", nil, "no merchant account information (02..51): a QR needs at least one account to pay")
	}
	for _, m := range rootRequired {
		if v.at[m.tag] == 0 && !slices.Contains(v.prof.optional, m.tag) {
			v.missing(m.rule, m.tag.String(), nil, v.text(Name(m.tag), " (", m.tag.String(), ") is missing"))
		}
	}
}

// accountTags are the merchant accounts' root tags, 02..51.
var accountTags = rowTags(func(o *Object) bool {
	return o.kind == kindSchemeAccount || o.kind == kindMerchantAccount || o.kind == kindNational
})

// checkFees applies R15..R18, Q13, Q14 and X01: the amount, the tip
// indicator and the fee that goes with it.
func (v *validator) checkFees() {
	var tip string
	tipField, hasTip := v.get(55)
	if hasTip && validTip(tipField.Value) {
		tip = tipField.Value
	}
	if f, ok := v.get(54); ok {
		v.checkAmount(f)
	}
	// 56 and 57 are present exactly when 55 asks for them: their rows'
	// rules (R17, R18) say so.
	fixedRow, pctRow := v.ix.object(56), v.ix.object(57)
	fixed, hasFixed := v.get(56)
	switch {
	case hasFixed && tip != "02":
		v.add(ruleOf(fixedRow.Rule), v.path(fixed), fixed.Offset, v.text("56, a fixed fee, is present but ", v.tipState(tipField, hasTip), ": 56 goes with 55 \"02\" only"))
	case hasFixed:
		v.checkAmount(fixed)
	case tip == "02":
		v.missing(ruleOf(fixedRow.Rule), "56", tipField, "55 is \"02\" (fixed fee) but 56, the fee, is missing")
	}
	pct, hasPct := v.get(57)
	switch {
	case hasPct && tip != "03":
		v.add(ruleOf(pctRow.Rule), v.path(pct), pct.Offset, v.text("57, a percentage fee, is present but ", v.tipState(tipField, hasTip), ": 57 goes with 55 \"03\" only"))
	case hasPct:
		v.checkPercent(pct)
	case tip == "03":
		v.missing(ruleOf(pctRow.Rule), "57", tipField, "55 is \"03\" (percentage fee) but 57, the percentage, is missing")
	}
}

func (v *validator) tipState(f *emv.Field, ok bool) string {
	if !ok {
		return "55 is absent"
	}
	return v.text("55 is ", v.quote(f.Value))
}

// checkAmount applies the amount syntax to 54 or 56. The syntax and, in
// the QRIS profile, the decimals are the rule that guards the object (Q13
// in QRIS); zero stays with the EMV rule (o.Rule), which names it.
func (v *validator) checkAmount(f *emv.Field) {
	o := v.ix.object(f.Tag)
	if runeCount(f.Value, v.ascii) > o.Max {
		return // reported by checkLength
	}
	a := checkAmountSyntax(f.Value)
	what := "amount"
	if f.Tag == 56 {
		what = "fixed fee"
	}
	switch {
	case !a.ok:
		v.add(v.rule(o), v.path(f), f.Offset, v.text(what, " ", v.quote(f.Value), " is not a number: use digits and at most one '.'"))
	case a.zero:
		hint := ": leave 54 out to let the payer enter the amount"
		if f.Tag != 54 {
			hint = ": leave 55 and 56 out when there is no fee"
		}
		v.add(ruleOf(o.Rule), v.path(f), f.Offset, v.text(what, " ", v.quote(f.Value), " is zero", hint))
	case v.qris && a.decimals > 2:
		v.add(v.rule(o), v.path(f), f.Offset, v.text(what, " ", v.quote(f.Value), " has ", v.itoa(a.decimals), " decimals: rupiah amounts take at most 2"))
	case v.qris && a.leadingZero && v.on(extraRule(o)):
		v.add(extraRule(o), v.path(f), f.Offset, v.text(what, " ", v.quote(f.Value), " has leading zeros: write ", v.quote(trimZeros(f.Value))))
	}
}

// trimZeros drops the leading zeros of an amount's whole part.
func trimZeros(s string) string {
	i := 0
	for i+1 < len(s) && s[i] == '0' && s[i+1] != '.' {
		i++
	}
	return s[i:]
}

// checkPercent applies the rule that guards 57 (R18, Q14 in the QRIS
// profile) to its value.
func (v *validator) checkPercent(f *emv.Field) {
	o := v.ix.object(f.Tag)
	if runeCount(f.Value, v.ascii) > o.Max {
		return // reported by checkLength
	}
	r := v.rule(o)
	a := checkAmountSyntax(f.Value)
	if !a.ok {
		v.add(r, v.path(f), f.Offset, v.text("percentage fee ", v.quote(f.Value), " is not a number: use digits and at most one '.', no '%'"))
		return
	}
	h, exact := percentHundredths(f.Value)
	if h < 1 || h > 9999 || (h == 9999 && !exact) {
		v.add(r, v.path(f), f.Offset, v.text("percentage fee ", v.quote(f.Value), " is outside 0.01..99.99"))
		return
	}
	if v.qris && a.decimals > 2 {
		v.add(r, v.path(f), f.Offset, v.text("percentage fee ", v.quote(f.Value), " has ", v.itoa(a.decimals), " decimals: at most 2 (00.01..99.99)"))
	}
}
