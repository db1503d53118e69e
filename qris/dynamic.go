package qris

import (
	"errors"
	"strconv"
	"unicode/utf8"
	"unsafe"

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
	d, err := toDynamic(static, o, false)
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

// toDynamic is ToDynamic; planned makes it take the way that serves any
// input order even where a quicker one serves (see rewrite.apply), so that
// tests can compare the two.
func toDynamic(static string, o DynamicOptions, planned bool) (string, error) {
	e := rewrite{initiation: Dynamic, bill: o.BillNumber, ref: o.ReferenceLabel, terminal: o.TerminalLabel, planned: planned}
	if f := amtCheck(o.Amount); f != amtOK {
		return "", &Error{Tag: "54", Err: ErrAmount, Detail: f.detail(o.Amount)}
	}
	e.amount = amtCanonical(o.Amount) // no longer than o.Amount
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
	pl, ascii, err := inputFields(buf[:0], static)
	if err != nil {
		return "", err
	}
	fs := pl.Fields()
	var subBuf [maxSubObjects]emv.Field
	sub, err := checkConvertible(fs, false, subBuf[:0])
	if err != nil {
		return "", inputError(&pl, err)
	}
	if f, ok := fs.Get(1); ok && f.Value == string(Dynamic) {
		e.dropTransaction = true
		e.keepTip = false
	}
	return e.apply(&pl, sub, ascii)
}

// ToStatic turns a dynamic QRIS into the static code of the same merchant,
// for merchants who only have a dynamic sample: 01 becomes "11"; 54, 55, 56,
// 57 and the per-transaction references 62.01 (bill number) and 62.05
// (reference label) are dropped (62 itself when nothing is left); a fresh
// CRC ends the payload. Everything else is copied byte for byte, in its
// place. The input must pass the checks of [ToDynamic] and hold template 51,
// which a static QRIS needs [QRIS 4.7.7].
func ToStatic(dynamic string) (string, error) { return toStatic(dynamic, false) }

// toStatic is ToStatic; planned as for toDynamic.
func toStatic(dynamic string, planned bool) (string, error) {
	var buf [rootInline]emv.Field
	pl, ascii, err := inputFields(buf[:0], dynamic)
	if err != nil {
		return "", err
	}
	var subBuf [maxSubObjects]emv.Field
	sub, err := checkConvertible(pl.Fields(), true, subBuf[:0])
	if err != nil {
		return "", inputError(&pl, err)
	}
	e := rewrite{initiation: Static, dropTransaction: true, planned: planned}
	return e.apply(&pl, sub, ascii)
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
	planned         bool   // plan even an ascending input (for tests)
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

// convertParser reads the input of a conversion: a lowercase CRC is
// accepted, and the checksum is checked by the conversion as it reads the
// input (see inputFields).
var convertParser = emv.Parser{AllowLowercaseCRC: true, SkipCRC: true}

// inputFields reads the root objects of a conversion's input s into dst,
// allocating nothing when dst is big enough, without computing its
// checksum: a conversion computes it over the runs of objects it copies,
// and carries it over to its result (see runSums), so that each input byte
// is read once. Every path that returns a result checks it,
// with checkSum or checkInput; ascii reports that s has no multi-byte
// character.
func inputFields(dst emv.Fields, s string) (pl emv.Payload, ascii bool, err error) {
	pl, err = convertParser.ParseFields(dst, s)
	if err != nil {
		return pl, false, &Error{Err: ErrNotQRIS, Cause: err}
	}
	return pl, pl.ASCII(), nil
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

// checkSum checks the input pl of a conversion against sum, the checksum
// of everything before the value of its 63.
func checkSum(pl *emv.Payload, sum uint16) error {
	if err := convertParser.CheckCRC(pl, sum); err != nil {
		return &Error{Err: ErrNotQRIS, Cause: err}
	}
	return nil
}

// checkInput checks the checksum of a conversion's input pl in one piece.
func checkInput(pl *emv.Payload) error {
	return checkSum(pl, emv.Digest{}.UpdateString(pl.String()[:crcValueAt(pl)]).Sum16())
}

// crcValueAt returns the byte offset of the value of pl's 63, which the
// parse found last and 4 characters long (more than 4 bytes when they are
// not ASCII, and so not hex: the error then reports the right sum).
func crcValueAt(pl *emv.Payload) int {
	fs := pl.Fields()
	return len(pl.String()) - len(fs[len(fs)-1].Value)
}

// inputError returns the error of pl's checksum if it is wrong, else err:
// a wrong checksum is reported before what it may explain.
func inputError(pl *emv.Payload, err error) error {
	if cerr := checkInput(pl); cerr != nil {
		return cerr
	}
	return err
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

// apply writes the converted payload of pl's root objects and the objects
// sub of its template 62 (nil without one). It copies the input's objects
// in their order, with the values e rewrites, and writes each new object
// right after the input object with the nearest lower tag (see
// [mergeOrder], whose order this is). It takes one of three ways: an ASCII
// input in ascending order is merged by tag in one pass (applyAscending);
// any other ASCII input is planned, then written in one pass
// (applyASCII); a non-ASCII input is planned, sized by one walk, and
// written by a second into a buffer of exactly that size, which becomes
// the result (applyPlanned). Each way checks the input's checksum.
func (e *rewrite) apply(pl *emv.Payload, sub emv.Fields, ascii bool) (string, error) {
	s, fs := pl.String(), pl.Fields()
	if ascii && !e.planned && ascending(fs) && ascending(sub) {
		out, err := e.applyAscending(pl, s, fs, sub)
		if err != nil {
			return "", inputError(pl, err)
		}
		return out, nil
	}
	out, err := e.applyPlanned(pl, s, fs, sub, ascii)
	if err != nil {
		return "", inputError(pl, err)
	}
	return out, nil
}

// applyPlanned is apply for any input: it plans where each new object
// goes, then walks the input.
func (e *rewrite) applyPlanned(pl *emv.Payload, s string, fs, sub emv.Fields, ascii bool) (string, error) {
	var p plan

	// Template 62: the input's sub-objects, less the old transaction's
	// references, with those of e.
	subSet := tagsOf(sub, tagBits{})
	if e.dropTransaction {
		subSet.del(1)
		subSet.del(5)
		p.sub.forget = tagBits{1<<1 | 1<<5}
	}
	// A 62 that held only the old transaction's references is gone, as in
	// ToStatic: if references come back, it is placed as a new object.
	keep62 := subSet != tagBits{}
	for t, v := range [...]string{1: e.bill, 5: e.ref, 7: e.terminal} {
		if v != "" {
			subSet.add(emv.Tag(t))
		}
	}
	p.sub.plan(sub, subSet)
	w := emitter{count: true, ascii: ascii}
	e.writeSub(&w, &p, sub)
	if w.chars > 99 {
		return "", tooLong("62", w.chars, 99)
	}
	p.subBytes, p.subChars = w.bytes, w.chars

	// The root: every object of the input but those e rewrites.
	set := tagsOf(fs, tagBits{})
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
	if subSet != (tagBits{}) {
		set.add(62)
	}
	if e.dropTransaction {
		p.root.forget = tagBits{1<<54 | 1<<55 | 1<<56 | 1<<57}
		if !keep62 {
			p.root.forget.add(62)
		}
	}
	p.root.plan(fs, set)
	if ascii {
		return e.applyASCII(pl, &p, s, fs, sub)
	}
	w = emitter{count: true, ascii: ascii}
	e.writeRoot(&w, &p, s, fs, sub, nil)
	total, size := w.chars+8, w.bytes+8 // and "6304" with the checksum
	if total > emv.MaxLength {
		return "", tooLong("", total, emv.MaxLength)
	}

	out := emitter{buf: make([]byte, size), ascii: ascii}
	var sums runSums
	e.writeRoot(&out, &p, s, fs, sub, &sums)
	b, err := sums.end(pl, s, out.buf, out.bytes)
	if err != nil {
		return "", err
	}
	// b is never written again: the string shares its memory.
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// applyASCII is the end of apply for an ASCII input, where a length in
// characters is a length in bytes: the root is written once, into memory on
// the stack, and its length checked there, instead of a walk to size the
// result and one to write it. The result is a copy of that memory.
func (e *rewrite) applyASCII(pl *emv.Payload, p *plan, s string, fs, sub emv.Fields) (string, error) {
	// Big enough for any result within the bound; what one beyond it
	// does not write is counted, and the result refused.
	var stack [emv.MaxLength]byte
	out := emitter{buf: stack[:], ascii: true}
	var sums runSums
	e.writeRoot(&out, p, s, fs, sub, &sums)
	if total := out.bytes + 8; total > emv.MaxLength {
		return "", tooLong("", total, emv.MaxLength)
	}
	b, err := sums.end(pl, s, stack[:], out.bytes)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// ascending reports whether the tags of fs ascend, as a payload's do
// unless its writer shuffled them.
func ascending(fs emv.Fields) bool {
	for i := 1; i < len(fs); i++ {
		if fs[i].Tag <= fs[i-1].Tag {
			return false
		}
	}
	return true
}

// applyAscending is apply for an ASCII input whose root objects, and the
// objects of its 62, are in ascending tag order: the common case. There
// the object with the nearest lower tag is the one just before in tag
// order, so the result is the input's objects and e's merged by tag. It
// is written in one pass, into memory on the stack, without a plan.
//
// It also checks the input's checksum, which inputFields left out, and
// reads each input byte once for both checksums: the input's is computed
// over the runs of objects copied and the objects replaced, and the
// result's follows from it across each copied run (see [emv.Digest]); only
// the objects e writes are read for the result's alone. It returns the
// checksum error of pl when the input's is wrong.
func (e *rewrite) applyAscending(pl *emv.Payload, s string, fs, sub emv.Fields) (string, error) {
	// The root objects e writes, ascending: an input object with one of
	// these tags is replaced, 63 is dropped, the others are copied in runs.
	var rw [6]emv.Tag
	n := copy(rw[:], []emv.Tag{1, 54})
	if !e.keepTip {
		n += copy(rw[n:], []emv.Tag{55, 56, 57})
	}
	rw[n] = 62
	n++

	var stack [emv.MaxLength]byte
	w := emitter{buf: stack[:], ascii: true}
	var sums runSums
	next := 0 // rw[next] is the next object e writes
	pos, run := 0, 0
	for i := range fs {
		t := fs[i].Tag
		end := pos + 4 + len(fs[i].Value)
		if t != emv.CRCTag && (next == n || rw[next] > t) {
			pos = end
			continue
		}
		sums.copyRun(&w, s, run, pos)
		for ; next < n && rw[next] <= t; next++ {
			if err := e.writeOwn(&w, rw[next], sub); err != nil {
				return "", err
			}
		}
		run = end
		if t != emv.CRCTag && rw[next-1] != t {
			run = pos // an input object after e's: it starts the next run
		}
		pos = end
	}
	if total := w.bytes + 8; total > emv.MaxLength {
		return "", tooLong("", total, emv.MaxLength)
	}
	b, err := sums.end(pl, s, stack[:], w.bytes)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// runSums are the checksums of a conversion's input and result, computed
// as the result is written: in has read the input up to inAt, out the
// result up to outAt.
type runSums struct {
	in, out     emv.Digest
	inAt, outAt int
}

// end checks the input's checksum, which inputFields left out, and ends
// the result, whose first n bytes are written in b (which has room for 8
// more), with "6304" and its checksum. It returns the result. The input's
// 63 follows the last run: its header is read into the input's sum here.
func (r *runSums) end(pl *emv.Payload, s string, b []byte, n int) ([]byte, error) {
	if err := checkSum(pl, r.in.UpdateString(s[r.inAt:crcValueAt(pl)]).Sum16()); err != nil {
		return nil, err
	}
	k := copy(b[n:], "6304") + n
	// b has room: the digits are written in place.
	return r.out.Update(b[r.outAt:k]).AppendCRC(b[:k]), nil
}

// copyInput sends s[from:to], a run of input objects, to w: counted when
// w counts (writeRoot's sizing walk, which has no sums), else through
// sums.
func copyInput(w *emitter, sums *runSums, s string, from, to int) {
	if w.count {
		w.bytes += to - from
		w.chars += utf8.RuneCountInString(s[from:to])
		return
	}
	sums.copyRun(w, s, from, to)
}

// copyRun copies s[from:to], a run of input objects, to the end of w's
// result. The input bytes since the last run (objects e replaces) and the
// run are read into the input's sum; the result's reads what e wrote since
// the last run, then follows the input's across the run.
func (r *runSums) copyRun(w *emitter, s string, from, to int) {
	if to == from {
		// Nothing to copy: what was replaced before it is read with
		// the next run, or by end.
		return
	}
	if w.bytes+to-from > len(w.buf) {
		// Past the bound: the result is refused, the sums are not needed.
		w.write(s[from:to])
		return
	}
	// Each call of the checksum's loop ends in a branch the CPU mispredicts:
	// skip the empty ones.
	if from > r.inAt {
		r.in = r.in.UpdateString(s[r.inAt:from])
	}
	if w.bytes > r.outAt {
		r.out = r.out.Update(w.buf[r.outAt:w.bytes])
	}
	before := r.in
	r.in = r.in.UpdateString(s[from:to])
	r.out = r.out.Follow(before, r.in, to-from)
	w.write(s[from:to])
	r.inAt, r.outAt = to, w.bytes
}

// writeOwn writes root object t as e makes it, if e makes one: for 62,
// the input's objects sub and e's merged by tag.
func (e *rewrite) writeOwn(w *emitter, t emv.Tag, sub emv.Fields) error {
	switch t {
	case 1:
		w.put(1, string(e.initiation))
	case 54:
		if e.amount != "" {
			w.put(54, e.amount)
		}
	case 55:
		if e.tipIndicator != "" {
			w.put(55, e.tipIndicator)
		}
	case 56, 57:
		if e.tipTag == t {
			w.put(t, e.tipValue)
		}
	case 62:
		return e.writeAdditional(w, sub)
	}
	return nil
}

// writeAdditional writes template 62 for applyAscending, unless it is
// empty: the input's objects sub, less the old transaction's references,
// and e's references, merged by tag.
func (e *rewrite) writeAdditional(w *emitter, sub emv.Fields) error {
	tags := [...]emv.Tag{1, 5, 7}
	vals := [...]string{e.bill, e.ref, e.terminal}
	start := w.bytes
	w.bytes += 4 // the header, written once the length is known
	k := 0
	for i := range sub {
		t, v := sub[i].Tag, sub[i].Value
		for ; k < len(tags) && tags[k] < t; k++ {
			if vals[k] != "" {
				w.put(tags[k], vals[k])
			}
		}
		if k < len(tags) && tags[k] == t {
			k++
			switch {
			case vals[k-1] != "":
				v = vals[k-1]
			case e.dropTransaction && t != 7:
				continue
			}
		}
		w.put(t, v)
	}
	for ; k < len(tags); k++ {
		if vals[k] != "" {
			w.put(tags[k], vals[k])
		}
	}
	n := w.bytes - start - 4
	switch {
	case n > 99:
		return tooLong("62", n, 99)
	case n == 0:
		w.bytes = start
	case start+4 <= len(w.buf):
		w.buf[start], w.buf[start+1], w.buf[start+2], w.buf[start+3] = '6', '2', byte('0'+n/10), byte('0'+n%10)
	}
	return nil
}

// plan is what the two walks of apply share.
type plan struct {
	root, sub          order
	subBytes, subChars int // the size of 62's value
}

// emitter receives the objects of the result in order: it counts them, or
// writes them into buf at bytes, counting the bytes. It writes with copy,
// never append, so that buf may be memory on its caller's stack; what
// does not fit in buf is counted and not written.
type emitter struct {
	count        bool
	bytes, chars int
	buf          []byte
	ascii        bool
}

// write writes b at w.bytes.
func (w *emitter) write(b string) {
	if w.bytes <= len(w.buf) {
		copy(w.buf[w.bytes:], b)
	}
	w.bytes += len(b)
}

func (w *emitter) put(t emv.Tag, v string) {
	n := len(v)
	if !w.ascii {
		n = utf8.RuneCountInString(v)
	}
	if w.count {
		w.bytes += 4 + len(v)
		w.chars += 4 + n
		return
	}
	w.header(t, n)
	w.write(v)
}

// header writes a tag and a two-digit length.
func (w *emitter) header(t emv.Tag, n int) {
	h := [4]byte{t.String()[0], t.String()[1], byte('0' + n/10), byte('0' + n%10)}
	if w.bytes <= len(w.buf) {
		copy(w.buf[w.bytes:], h[:])
	}
	w.bytes += 4
}

// rewritten reports whether a conversion may change or drop root object
// t; every other object of the input is copied as it is, in runs.
func rewritten(t emv.Tag) bool {
	const tags uint64 = 1<<1 | 1<<54 | 1<<55 | 1<<56 | 1<<57 | 1<<62 | 1<<63
	return t < 64 && tags>>t&1 != 0
}

// writeRoot sends the root objects of the result, those of the input s
// (fs), to w. When w writes, sums computes both checksums as the input's
// runs are copied; when w counts, sums is nil.
func (e *rewrite) writeRoot(w *emitter, p *plan, s string, fs, sub emv.Fields, sums *runSums) {
	o := &p.root
	e.writeAdded(w, p, sub, noAnchor)
	pos, run := 0, 0 // where fs[i] starts in s; where the pending run does
	for i := range fs {
		f := &fs[i]
		t := f.Tag
		end := pos + 4 + len(f.Value)
		if !rewritten(t) && !o.anchors.has(t) {
			pos = end
			continue
		}
		copyInput(w, sums, s, run, pos)
		switch {
		case !rewritten(t):
			copyInput(w, sums, s, pos, end)
		case o.present.has(t) && !o.forget.has(t):
			e.writeRootObject(w, p, sub, t, f.Value)
		}
		if !o.forget.has(t) {
			e.writeAdded(w, p, sub, t)
		}
		pos, run = end, end
	}
	copyInput(w, sums, s, run, pos)
}

// writeAdded sends the new root objects that follow the input object
// tagged after.
func (e *rewrite) writeAdded(w *emitter, p *plan, sub emv.Fields, after emv.Tag) {
	o := &p.root
	for k := 0; k < o.n; k++ {
		if o.after[k] == after {
			e.writeRootObject(w, p, sub, o.added[k], "")
		}
	}
}

// writeRootObject sends root object t, whose input value is v ("" for a
// new one).
func (e *rewrite) writeRootObject(w *emitter, p *plan, sub emv.Fields, t emv.Tag, v string) {
	switch {
	case t == 1:
		v = string(e.initiation)
	case t == 54:
		v = e.amount
	case t == 55 && !e.keepTip:
		v = e.tipIndicator
	case (t == 56 || t == 57) && !e.keepTip:
		v = e.tipValue
	case t == 62:
		if w.count {
			w.bytes += 4 + p.subBytes
			w.chars += 4 + p.subChars
			return
		}
		w.header(62, p.subChars)
		e.writeSub(w, p, sub)
		return
	}
	w.put(t, v)
}

// writeSub sends the objects of template 62 of the result to w.
func (e *rewrite) writeSub(w *emitter, p *plan, sub emv.Fields) {
	o := &p.sub
	e.writeSubAdded(w, p, noAnchor)
	for i := range sub {
		s := &sub[i]
		t := s.Tag
		if o.forget.has(t) {
			continue
		}
		if o.present.has(t) {
			w.put(t, e.subValue(t, s.Value))
		}
		e.writeSubAdded(w, p, t)
	}
}

func (e *rewrite) writeSubAdded(w *emitter, p *plan, after emv.Tag) {
	o := &p.sub
	for k := 0; k < o.n; k++ {
		if o.after[k] == after {
			w.put(o.added[k], e.subValue(o.added[k], ""))
		}
	}
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
