package qris

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// DynamicOptions describe the transaction a dynamic QRIS is made for.
type DynamicOptions struct {
	// Amount is the transaction amount (54) in rupiah, checked as
	// [ParseAmount] checks it: digits with at most one '.' and two
	// decimals, more than zero, at most 13 characters as given (leading
	// zeros count: "00000000015000" is refused). Leading zeros and a
	// trailing '.' are then dropped ("015000." is written "15000"); the
	// decimals given are kept ("15000.50").
	Amount string
	// Tip adds a tip prompt or a convenience fee (55 with 56 or 57). The zero
	// value adds none and keeps what a static input carries.
	Tip Tip
	// BillNumber (62.01), ReferenceLabel (62.05) and TerminalLabel (62.07)
	// are set when not empty: printable ASCII without '|', at most 25
	// characters each.
	BillNumber, ReferenceLabel, TerminalLabel string
	// NoCheck skips the checklist: ToDynamic then checks only what makes a
	// payload a QRIS it can convert, and copies the merchant's objects as
	// they are, defects included (a tip indicator without its fee, a '|' in
	// the name). Set it only for an input already validated, or to
	// reproduce a defective code on purpose.
	NoCheck bool
}

// ToDynamic turns a merchant's QRIS into a dynamic one for one transaction:
// 01 becomes "12", 54 is set, the tip and references of o are written, and a
// fresh CRC ends the payload. Every other object is copied byte for byte, in
// its place: the merchant accounts 26..51, 52, 53, 58..61, 64, and the 62
// sub-objects o does not set. A new object goes right after the one with the
// nearest lower tag, so 54 lands right after 53 as real issuers place it
// [spec §3.2], whatever the input's order; new 62 sub-objects likewise.
//
// The input is parsed once, never searched as a string. It must be a QRIS a
// wallet would take: it parses (templates included), its CRC is right (in
// either case), 00 comes first and is "01", 01 is "11" or "12" if present,
// 52, 53, 58, 59 and 60 are present, 58 is "ID", 53 is "360", 61 is present,
// and it holds template 51 or one of 26..45. Anything else is ErrNotQRIS,
// wrapping the emv error when there is one. Then the input must pass the
// whole checklist ([Validate], QRIS profile, lenient), since its objects
// are copied into the result: an input with an error (a tip indicator 55
// without its fee, a '|' in the name, ...) is ErrNotQRIS with the first
// error's tag, rule and message, and no code is made. o.NoCheck skips the
// checklist, at the risk of a dynamic code that wallets refuse.
//
// A dynamic input (01 = "12") is accepted and re-amounted: it is first made
// static as [ToStatic] does (its amount, fee and the references 62.01 and
// 62.05 of the old transaction are dropped), so ToDynamic(d, o) equals
// ToDynamic(ToStatic(d), o). A static input keeps its 55..57 when o.Tip is
// zero, and all its 62 sub-objects but those o sets.
//
// Errors: ErrAmount, ErrTip and ErrReference for options out of range,
// ErrTooLong when 62 would exceed 99 characters or the payload 512.
func ToDynamic(static string, o DynamicOptions) (string, error) {
	e := rewrite{initiation: Dynamic, bill: o.BillNumber, ref: o.ReferenceLabel, terminal: o.TerminalLabel}
	if f := amtCheck(o.Amount); f != amtOK {
		return "", &Error{Tag: "54", Err: ErrAmount, Detail: f.detail(o.Amount)}
	}
	e.amount = amtCanonical(o.Amount)
	if err := e.setTip(o.Tip); err != nil {
		return "", err
	}
	for _, r := range [...]struct {
		tag, v string
	}{{"62.01", o.BillNumber}, {"62.05", o.ReferenceLabel}, {"62.07", o.TerminalLabel}} {
		if err := checkReference(r.tag, r.v); err != nil {
			return "", err
		}
	}
	var buf [rootInline]emv.Field
	var subBuf [maxSubObjects]emv.Field
	fs, sub, err := readInput(static, false, &buf, &subBuf)
	if err != nil {
		return "", err
	}
	if f, ok := fs.Get(1); ok && f.Value == string(Dynamic) {
		e.dropTransaction = true
		e.keepTip = false
	}
	d, err := e.write(fs, sub)
	if err != nil || o.NoCheck {
		return d, err
	}
	// After the conversion, so that its errors, which say more about a
	// payload it cannot read, come first.
	if err := checklist(static); err != nil {
		return "", err
	}
	return d, nil
}

// checklist returns ErrNotQRIS for the first error Validate finds in s
// under the QRIS profile, lenient, or nil.
func checklist(s string) error {
	for _, p := range Validate(s, Options{}) {
		if p.Severity == SeverityError {
			return &Error{Tag: p.Tag, Err: ErrNotQRIS, Detail: p.Rule + ": " + p.Message}
		}
	}
	return nil
}

// ToStatic turns a dynamic QRIS into the static code of the same merchant,
// for merchants who only have a dynamic sample: 01 becomes "11"; 54, 55, 56,
// 57 and the per-transaction references 62.01 (bill number) and 62.05
// (reference label) are dropped (62 itself when nothing is left); a fresh
// CRC ends the payload. Everything else is copied byte for byte, in its
// place. The input must pass the checks of [ToDynamic] and hold template 51,
// which a static QRIS needs [QRIS 4.7.7].
func ToStatic(dynamic string) (string, error) {
	var buf [rootInline]emv.Field
	var subBuf [maxSubObjects]emv.Field
	fs, sub, err := readInput(dynamic, true, &buf, &subBuf)
	if err != nil {
		return "", err
	}
	e := rewrite{initiation: Static, dropTransaction: true}
	return e.write(fs, sub)
}

// readInput parses the input s of a conversion into root and subs and
// applies the checks of ToDynamic's doc (national: of ToStatic's). It
// returns the root objects and those of template 62 (nil without one).
func readInput(s string, national bool, root *[rootInline]emv.Field, subs *[maxSubObjects]emv.Field) (fs, sub emv.Fields, err error) {
	if fs, err = checkedFields(root[:0], s); err != nil {
		return nil, nil, err
	}
	if sub, err = checkConvertible(fs, national, subs[:0]); err != nil {
		return nil, nil, err
	}
	return fs, sub, nil
}

// write builds the converted payload from fs, the input's root objects,
// and sub, the objects of its template 62 (nil without one). The input's
// objects are copied in their order, with the values e rewrites; a new
// object goes right after the input object with the nearest lower tag, as
// [mergeOrder] places it.
func (e *rewrite) write(fs, sub emv.Fields) (string, error) {
	// Template 62: the input's sub-objects, less the old transaction's
	// references, with those of e.
	subSet := tagsOf(sub, tagBits{})
	var subForget, forget tagBits
	if e.dropTransaction {
		subForget = tagBits{1<<1 | 1<<5}
		subSet[0] &^= subForget[0]
	}
	// A 62 that held only the old transaction's references is gone, as in
	// ToStatic: if references come back, it is placed as a new object.
	keep62 := subSet != tagBits{}
	for t, v := range [...]string{1: e.bill, 5: e.ref, 7: e.terminal} {
		if v != "" {
			subSet.add(emv.Tag(t))
		}
	}
	var subTags [100]emv.Tag
	subOrder := mergeOrder(subTags[:0], sub, subSet, subForget)
	var subAt [100]uint8 // index+1 of each sub-object of the input
	for i := range sub {
		subAt[sub[i].Tag] = uint8(i + 1)
	}
	subValue := func(t emv.Tag) string {
		v := ""
		if i := subAt[t]; i != 0 {
			v = sub[i-1].Value
		}
		return e.subValue(t, v)
	}
	n := 0
	for _, t := range subOrder {
		n += 4 + utf8.RuneCountInString(subValue(t))
	}
	if n > 99 {
		return "", tooLong("62", n, 99)
	}

	// The root: every object of the input but those e rewrites.
	set := tagsOf(fs, tagBits{1<<54 | 1<<62 | 1<<emv.CRCTag})
	set.add(1)
	if e.amount != "" {
		set.add(54)
	}
	if !e.keepTip {
		set[0] &^= 1<<55 | 1<<56 | 1<<57
		if e.tipIndicator != "" {
			set.add(55)
		}
		if e.tipTag != 0 {
			set.add(e.tipTag)
		}
	}
	if subSet != (tagBits{}) {
		set.add(62)
	}
	if e.dropTransaction {
		forget = tagBits{1<<54 | 1<<55 | 1<<56 | 1<<57}
		if !keep62 {
			forget.add(62)
		}
	}
	var tags [100]emv.Tag
	var at [100]uint8 // index+1 of each root object of the input
	for i := range fs {
		at[fs[i].Tag] = uint8(i + 1)
	}
	var mem [emv.MaxLength]byte
	b := emv.NewBuilder(mem[:])
	for _, t := range mergeOrder(tags[:0], fs, set, forget) {
		switch {
		case t == 62:
			b.OpenTemplate(62)
			for _, t := range subOrder {
				b.Add(t, subValue(t))
			}
			b.CloseTemplate()
		case t == 1:
			b.Add(1, string(e.initiation))
		case t == 54:
			b.Add(54, e.amount)
		case t == 55 && !e.keepTip:
			b.Add(55, e.tipIndicator)
		case (t == 56 || t == 57) && !e.keepTip:
			b.Add(t, e.tipValue)
		default:
			b.Add(t, fs[at[t]-1].Value)
		}
	}
	if total := b.Len() + 8; total > emv.MaxLength {
		return "", tooLong("", total, emv.MaxLength)
	}
	res, err := b.Payload()
	if err != nil {
		return "", builderError(err)
	}
	return res, nil
}

// IsDerived reports whether dynamic was made from static: whether both carry
// the same merchant account information (02..51), merchant category code
// (52), currency (53), country (58), merchant name (59), city (60) and postal
// code (61), byte for byte, each present in both or in neither. differ lists
// the tags that do not match, ascending; it is empty when derived is true.
//
// Both payloads must parse with a right CRC (either case); otherwise the
// error wraps ErrNotQRIS and the emv error, with Detail saying which
// payload failed.
func IsDerived(static, dynamic string) (derived bool, differ []emv.Tag, err error) {
	var sb, db [rootInline]emv.Field
	sf, err := checkedFields(sb[:0], static)
	if err != nil {
		return false, nil, which(err, "the static payload")
	}
	df, err := checkedFields(db[:0], dynamic)
	if err != nil {
		return false, nil, which(err, "the dynamic payload")
	}
	var si, di [100]uint8 // index+1 of each tag's field
	for i := range sf {
		si[sf[i].Tag] = uint8(i + 1)
	}
	for i := range df {
		di[df[i].Tag] = uint8(i + 1)
	}
	for t := emv.Tag(2); t <= 61; t++ {
		if t > 53 && t < 58 {
			continue // 54..57 belong to the transaction
		}
		a, b := si[t], di[t]
		switch {
		case a == 0 && b == 0:
		case a == 0 || b == 0 || sf[a-1].Value != df[b-1].Value:
			differ = append(differ, t)
		}
	}
	return len(differ) == 0, differ, nil
}

// which says in err's Detail which payload failed.
func which(err error, payload string) error {
	var e *Error
	if errors.As(err, &e) {
		e.Detail = payload
	}
	return err
}

// rewrite is one conversion: which root objects change and how.
type rewrite struct {
	initiation      Initiation
	amount          string // 54; "" drops it
	keepTip         bool   // keep the input's 55..57
	tipIndicator    string // 55 when !keepTip; "" for none
	tipTag          emv.Tag
	tipValue        string // 56 or 57, as tipTag says
	dropTransaction bool   // drop 62.01 and 62.05 of a previous transaction
	bill, ref       string // 62.01 and 62.05 to set
	terminal        string // 62.07 to set
}

// setTip checks t and records 55..57.
func (e *rewrite) setTip(t Tip) error {
	switch t.Kind {
	case TipNone:
		e.keepTip = true
		if t.Value != "" {
			return &Error{Tag: "55", Err: ErrTip, Detail: "a value " + strconv.Quote(string(t.Value)) + " without a kind"}
		}
		return nil
	case TipPrompt:
		if t.Value != "" {
			return &Error{Tag: "55", Err: ErrTip, Detail: "a tip prompt takes no value, got " + strconv.Quote(string(t.Value))}
		}
	case TipFixed:
		if f := amtCheck(string(t.Value)); f != amtOK {
			return &Error{Tag: "56", Err: ErrTip, Detail: "fixed fee " + f.detail(string(t.Value))}
		}
		e.tipTag, e.tipValue = 56, amtCanonical(string(t.Value))
	case TipPercentage:
		if f := amtCheckPercent(string(t.Value)); f != amtOK {
			return &Error{Tag: "57", Err: ErrTip, Detail: "percentage " + f.detail(string(t.Value))}
		}
		e.tipTag, e.tipValue = 57, string(t.Value)
	default:
		return &Error{Tag: "55", Err: ErrTip, Detail: "unknown kind " + strconv.Itoa(int(t.Kind))}
	}
	e.tipIndicator = t.Kind.indicator()
	return nil
}

// checkReference applies the rules of 62.01..08 to a value to be written.
// The characters are checked first, by rune, so that a refusal names the
// character as written; once they are all single bytes, the length in
// bytes is the length in characters.
func checkReference(tag, v string) error {
	for i, r := range v {
		if r >= 0x20 && r <= 0x7E && r != '|' {
			continue
		}
		what := strconv.QuoteRune(r)
		if _, size := utf8.DecodeRuneInString(v[i:]); r == utf8.RuneError && size == 1 {
			what = "the byte " + strconv.Quote(v[i:i+1]) + " (not UTF-8)"
		}
		return &Error{Tag: tag, Err: ErrReference, Detail: strconv.Quote(v) + " holds " + what + ": printable ASCII only, no '|'"}
	}
	if len(v) > 25 {
		return &Error{Tag: tag, Err: ErrReference, Detail: strconv.Itoa(len(v)) + " characters, the bound is 25"}
	}
	return nil
}

// checkedParser reads an input that is compared, not copied: the checksum
// is checked by the parse, in the pass that classes the characters, so
// each byte is read once. Its errors are those of inputFields and
// checkInput together.
var checkedParser = emv.Parser{AllowLowercaseCRC: true}

// checkedFields is inputFields with the checksum checked (in either case),
// for a caller that copies nothing.
func checkedFields(dst emv.Fields, s string) (emv.Fields, error) {
	pl, err := checkedParser.ParseFields(dst, s)
	if err != nil {
		return nil, &Error{Err: ErrNotQRIS, Cause: err}
	}
	return pl.Fields(), nil
}

// checkConvertible applies the checks of ToDynamic's doc to a parsed
// payload; national asks for template 51 as well. It returns the objects
// of template 62, parsed into sub, or nil when there is no 62.
func checkConvertible(fs emv.Fields, national bool, sub emv.Fields) (emv.Fields, error) {
	notQRIS := func(tag, detail string) error { return &Error{Tag: tag, Err: ErrNotQRIS, Detail: detail} }
	if fs[0].Tag != 0 || fs[0].Value != "01" {
		return nil, notQRIS("00", "the payload format indicator \"01\" must come first")
	}
	var seen tagBits
	var sub62 emv.Fields
	for i := range fs {
		f := &fs[i]
		seen.add(f.Tag)
		switch t := f.Tag; {
		case t == 1:
			if f.Value != string(Static) && f.Value != string(Dynamic) {
				return nil, notQRIS("01", "point of initiation "+strconv.Quote(f.Value)+" is neither 11 nor 12")
			}
		case t == 53:
			if f.Value != "360" {
				return nil, notQRIS("53", "currency "+strconv.Quote(f.Value)+", QRIS uses 360")
			}
		case t == 58:
			if f.Value != "ID" {
				return nil, notQRIS("58", "country "+strconv.Quote(f.Value)+", QRIS uses ID")
			}
		case t >= 26 && t <= 51, t == 62, t == 64, t >= 80:
			var err error
			switch {
			case t == 62:
				sub62, err = f.AppendTemplate(sub)
			case !emv.IsTLV(f.Value):
				// Parse it to say why it is not.
				_, err = f.Template()
			}
			if err != nil {
				return nil, &Error{Tag: t.String(), Err: ErrNotQRIS, Detail: "template content is not TLV", Cause: err}
			}
		}
	}
	for _, t := range [...]emv.Tag{52, 53, 58, 59, 60, 61} {
		if !seen.has(t) {
			return nil, notQRIS(t.String(), Name(t)+" is missing")
		}
	}
	if national && !seen.has(51) {
		return nil, notQRIS("51", "a static QRIS needs template 51 (NMID)")
	}
	if !seen.has(51) {
		any := false
		for t := emv.Tag(26); t <= 45; t++ {
			any = any || seen.has(t)
		}
		if !any {
			return nil, notQRIS("51", "no QRIS merchant account (51 or one of 26..45)")
		}
	}
	return sub62, nil
}

// rewritten reports whether a conversion may change or drop root object
// t; every other object of the input is copied as it is, in runs.
func rewritten(t emv.Tag) bool {
	const tags uint64 = 1<<1 | 1<<54 | 1<<55 | 1<<56 | 1<<57 | 1<<62 | 1<<63
	return t < 64 && tags>>t&1 != 0
}

// subValue is the value of 62 sub-object t, whose input value is v.
func (e *rewrite) subValue(t emv.Tag, v string) string {
	switch {
	case t == 1 && e.bill != "":
		return e.bill
	case t == 5 && e.ref != "":
		return e.ref
	case t == 7 && e.terminal != "":
		return e.terminal
	}
	return v
}
