package qris

import (
	"encoding/binary"
	"errors"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/qriskit/qriskit/emv"
)

// DynamicOptions describe the transaction a dynamic QRIS is made for.
type DynamicOptions struct {
	// Amount is the transaction amount (54) in rupiah: digits with at most
	// one '.' and two decimals, more than zero, at most 13 characters once
	// written. Leading zeros and a trailing '.' are dropped ("015000." is
	// written "15000"); the decimals given are kept ("15000.50").
	Amount string
	// Tip adds a tip prompt or a convenience fee (55 with 56 or 57). The zero
	// value adds none and keeps what a static input carries.
	Tip Tip
	// BillNumber (62.01), ReferenceLabel (62.05) and TerminalLabel (62.07)
	// are set when not empty: printable ASCII without '|', at most 25
	// characters each.
	BillNumber, ReferenceLabel, TerminalLabel string
	// Validate runs the whole checklist (Validate, QRIS profile, lenient) on
	// the input first and refuses it on any error, at the cost of a second
	// parse. Without it ToDynamic checks only what makes a payload a QRIS it
	// can convert, and copies the merchant's objects as they are.
	Validate bool
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
// wrapping the emv error when there is one. The other rules of the checklist
// (a merchant name with '|', an unknown merchant criteria, ...) are the
// merchant's data, copied as they are; set o.Validate to refuse an input
// that breaks any of them.
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
	if len(e.amount) > maxAmountLen {
		return "", &Error{Tag: "54", Err: ErrAmount, Detail: amtLong.detail(e.amount)}
	}
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
	var buf [32]emv.Field
	fs, ascii, err := rootFields(buf[:0], static)
	if err != nil {
		return "", err
	}
	if err := checkConvertible(fs, false); err != nil {
		return "", err
	}
	if o.Validate {
		for _, p := range Validate(static, Options{}) {
			if p.Severity == SeverityError {
				return "", &Error{Tag: p.Tag, Err: ErrNotQRIS, Detail: p.Rule + ": " + p.Message}
			}
		}
	}
	if f, ok := fs.Get(1); ok && f.Value == string(Dynamic) {
		e.dropTransaction = true
		e.keepTip = false
	}
	return e.apply(fs, ascii)
}

// ToStatic turns a dynamic QRIS into the static code of the same merchant,
// for merchants who only have a dynamic sample: 01 becomes "11"; 54, 55, 56,
// 57 and the per-transaction references 62.01 (bill number) and 62.05
// (reference label) are dropped (62 itself when nothing is left); a fresh
// CRC ends the payload. Everything else is copied byte for byte, in its
// place. The input must pass the checks of [ToDynamic] and hold template 51,
// which a static QRIS needs [QRIS 4.7.7].
func ToStatic(dynamic string) (string, error) {
	var buf [32]emv.Field
	fs, ascii, err := rootFields(buf[:0], dynamic)
	if err != nil {
		return "", err
	}
	if err := checkConvertible(fs, true); err != nil {
		return "", err
	}
	e := rewrite{initiation: Static, dropTransaction: true}
	return e.apply(fs, ascii)
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
	var sb, db [32]emv.Field
	sf, _, err := rootFields(sb[:0], static)
	if err != nil {
		return false, nil, which(err, "the static payload")
	}
	df, _, err := rootFields(db[:0], dynamic)
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
func checkReference(tag, v string) error {
	if len(v) > 25 {
		return &Error{Tag: tag, Err: ErrReference, Detail: strconv.Itoa(utf8.RuneCountInString(v)) + " characters, the bound is 25"}
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c > 0x7E || c == '|' {
			return &Error{Tag: tag, Err: ErrReference, Detail: strconv.Quote(v) + " holds " + strconv.QuoteRune(rune(c)) + ": printable ASCII only, no '|'"}
		}
	}
	return nil
}

// rootFields reads the root objects of s into dst with emv's parser, which
// checks the CRC (either case), allocating nothing when dst is big enough.
// ascii reports that s has no multi-byte character.
func rootFields(dst emv.Fields, s string) (fs emv.Fields, ascii bool, err error) {
	pl, err := emv.Parser{AllowLowercaseCRC: true}.ParseFields(dst, s)
	if err != nil {
		return nil, false, &Error{Err: ErrNotQRIS, Cause: err}
	}
	fs = pl.Fields()
	// The last object is 63 with 4 hex digits: the payload is ASCII exactly
	// when the character offset of 63 is its byte offset.
	return fs, fs[len(fs)-1].Offset == len(s)-8, nil
}

// asciiOnly reports whether s has no multi-byte character, eight bytes at a
// time: then a length in characters is a length in bytes.
func asciiOnly(s string) bool {
	var acc uint64
	for len(s) >= 8 {
		acc |= binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8))
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		acc |= uint64(s[i])
	}
	return acc&0x8080808080808080 == 0
}

const hexUpper = "0123456789ABCDEF"

// checkConvertible applies the checks of ToDynamic's doc to a parsed
// payload; national asks for template 51 as well.
func checkConvertible(fs emv.Fields, national bool) error {
	notQRIS := func(tag, detail string) error { return &Error{Tag: tag, Err: ErrNotQRIS, Detail: detail} }
	if fs[0].Tag != 0 || fs[0].Value != "01" {
		return notQRIS("00", "the payload format indicator \"01\" must come first")
	}
	var seen tagBits
	var buf [16]emv.Field
	for i := range fs {
		f := &fs[i]
		seen.add(f.Tag)
		switch t := f.Tag; {
		case t == 1:
			if f.Value != string(Static) && f.Value != string(Dynamic) {
				return notQRIS("01", "point of initiation "+strconv.Quote(f.Value)+" is neither 11 nor 12")
			}
		case t == 53:
			if f.Value != "360" {
				return notQRIS("53", "currency "+strconv.Quote(f.Value)+", QRIS uses 360")
			}
		case t == 58:
			if f.Value != "ID" {
				return notQRIS("58", "country "+strconv.Quote(f.Value)+", QRIS uses ID")
			}
		case t >= 26 && t <= 51, t == 62, t == 64, t >= 80:
			if _, err := f.AppendTemplate(buf[:0]); err != nil {
				return &Error{Tag: t.String(), Err: ErrNotQRIS, Detail: "template content is not TLV", Cause: err}
			}
		}
	}
	for _, t := range [...]emv.Tag{52, 53, 58, 59, 60, 61} {
		if !seen.has(t) {
			return notQRIS(t.String(), Name(t)+" is missing")
		}
	}
	if national && !seen.has(51) {
		return notQRIS("51", "a static QRIS needs template 51 (NMID)")
	}
	if !seen.has(51) {
		any := false
		for t := emv.Tag(26); t <= 45; t++ {
			any = any || seen.has(t)
		}
		if !any {
			return notQRIS("51", "no QRIS merchant account (51 or one of 26..45)")
		}
	}
	return nil
}

// apply writes the converted payload: one pass to size it, one to write it
// into a buffer of exactly that size, which becomes the result.
func (e *rewrite) apply(fs emv.Fields, ascii bool) (string, error) {
	runes := func(v string) int {
		if ascii {
			return len(v)
		}
		return utf8.RuneCountInString(v)
	}
	var at [100]uint8 // index+1 of each root tag's field
	for i := range fs {
		at[fs[i].Tag] = uint8(i + 1)
	}
	get := func(t emv.Tag) string {
		if i := at[t]; i != 0 {
			return fs[i-1].Value
		}
		return ""
	}

	// Template 62: the input's sub-objects, less the old transaction's
	// references, with those of e.
	var subBuf [16]emv.Field
	var subs emv.Fields
	if i := at[62]; i != 0 {
		subs, _ = fs[i-1].AppendTemplate(subBuf[:0]) // checked by checkConvertible
	}
	var subSet tagBits
	for i := range subs {
		subSet.add(subs[i].Tag)
	}
	if e.dropTransaction {
		subSet.del(1)
		subSet.del(5)
	}
	// A 62 that held only the old transaction's references is gone, as in
	// ToStatic: if references come back, it is placed as a new object.
	keep62 := subSet != tagBits{}
	subValue := func(t emv.Tag) string {
		switch {
		case t == 1 && e.bill != "":
			return e.bill
		case t == 5 && e.ref != "":
			return e.ref
		case t == 7 && e.terminal != "":
			return e.terminal
		}
		v, _ := subs.Get(t)
		return v.Value
	}
	for t, v := range [...]string{1: e.bill, 5: e.ref, 7: e.terminal} {
		if v != "" {
			subSet.add(emv.Tag(t))
		}
	}
	var subOrder [100]emv.Tag
	var subForget tagBits
	if e.dropTransaction {
		subForget = tagBits{1<<1 | 1<<5}
	}
	subTags := mergeOrder(subOrder[:0], subs, subSet, subForget)
	subChars, subBytes := 0, 0
	for _, t := range subTags {
		v := subValue(t)
		subChars += 4 + runes(v)
		subBytes += 4 + len(v)
	}
	if subChars > 99 {
		return "", &Error{Tag: "62", Err: ErrTooLong, Detail: strconv.Itoa(subChars) + " characters, the bound is 99"}
	}

	// The root: every object of the input but those e rewrites.
	var set tagBits
	for i := range fs {
		set.add(fs[i].Tag)
	}
	set.del(emv.CRCTag)
	set.add(1)
	set.del(54)
	if e.amount != "" {
		set.add(54)
	}
	if !e.keepTip {
		set.del(55)
		set.del(56)
		set.del(57)
		if e.tipIndicator != "" {
			set.add(55)
		}
		if e.tipTag != 0 {
			set.add(e.tipTag)
		}
	}
	set.del(62)
	if len(subTags) > 0 {
		set.add(62)
	}
	value := func(t emv.Tag) string {
		switch {
		case t == 1:
			return string(e.initiation)
		case t == 54:
			return e.amount
		case t == 55 && !e.keepTip:
			return e.tipIndicator
		case (t == 56 || t == 57) && !e.keepTip:
			return e.tipValue
		}
		return get(t)
	}
	var order [100]emv.Tag
	var forget tagBits
	if e.dropTransaction {
		forget = tagBits{1<<54 | 1<<55 | 1<<56 | 1<<57}
		if !keep62 {
			forget.add(62)
		}
	}
	tags := mergeOrder(order[:0], fs, set, forget)
	total, size := 8, 8 // "6304" and the checksum
	for _, t := range tags {
		if t == 62 {
			total += 4 + subChars
			size += 4 + subBytes
			continue
		}
		v := value(t)
		total += 4 + runes(v)
		size += 4 + len(v)
	}
	if total > emv.MaxLength {
		return "", &Error{Err: ErrTooLong, Detail: strconv.Itoa(total) + " characters, the bound is " + strconv.Itoa(emv.MaxLength)}
	}

	out := make([]byte, 0, size)
	for _, t := range tags {
		if t == 62 {
			out = appendHeader(out, t, subChars)
			for _, st := range subTags {
				v := subValue(st)
				out = appendHeader(out, st, runes(v))
				out = append(out, v...)
			}
			continue
		}
		v := value(t)
		out = appendHeader(out, t, runes(v))
		out = append(out, v...)
	}
	out = append(out, "6304"...)
	sum := emv.Checksum(out)
	out = append(out, hexUpper[sum>>12], hexUpper[sum>>8&15], hexUpper[sum>>4&15], hexUpper[sum&15])
	// out is never written again: the string shares its memory.
	return unsafe.String(unsafe.SliceData(out), len(out)), nil
}

// appendHeader appends a tag and a two-digit length.
func appendHeader(dst []byte, t emv.Tag, n int) []byte {
	return append(dst, t.String()[0], t.String()[1], byte('0'+n/10), byte('0'+n%10))
}
