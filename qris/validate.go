package qris

import (
	"errors"
	"slices"
	"strings"

	"github.com/qriskit/qriskit/emv"
)

// Validate checks the payload s against the checklist of o's profile (see
// [Rules]) and returns every problem found, sorted by offset; nil means none.
//
// The payload is parsed leniently (a lowercase CRC and a length beyond 512
// are for the rules to judge, not parse failures). A payload that is not
// TLV at the root yields one problem, R01, R02, R04 or R09, at the fault. A
// checksum that is wrong (R07), not hex or not last (R06) is reported, and
// the rest is still checked.
//
// A fault is reported once: where a QRIS rule restates an EMV rule for the
// same object (Q13 and R15, say), the QRIS profile reports it under the QRIS
// id. A problem's offset is that of the object at fault, or of the bad
// character inside it; a missing object is reported at the offset of the
// object that requires it (56 at 55, 61 at 58), or at 0 when the payload as
// a whole requires it (52, 59, ...).
func Validate(s string, o Options) []Problem {
	var v validator
	v.o = o
	return v.check(v.parse(s, validateParser()))
}

// parse reads s into v's root objects with ps, a validateParser, and
// returns the parse error.
func (v *validator) parse(s string, ps emv.Parser) error {
	v.raw = s
	pl, err := ps.ParseFields(v.root[:0], s)
	v.clean, v.ascii = pl.Printable(), pl.ASCII()
	if n := len(pl.Fields()); n <= len(v.root) {
		v.n = n
	} else {
		// More objects than fit in place: the parse grew a slice of its
		// own. The validator keeps its own copy (see validator) rather
		// than a slice that may point into itself; copying is cheaper than
		// parsing again.
		v.more = slices.Clone(pl.Fields())
	}
	return err
}

// validateParser reads what the rules judge rather than refusing it: a
// lowercase CRC (R08) and more than 512 characters (R09).
func validateParser() emv.Parser { return emv.Parser{AllowLowercaseCRC: true, AllowLong: true} }

// ValidatePayload checks an already parsed payload, as [Validate] does after
// parsing. The checksum itself is not recomputed: the parse that filled pl
// verified it (a failed parse is [Validate]'s to report, as R07), as it
// checked that 63 is last and 4 characters long. Its syntax (R06: 4 hex
// digits, which a parse with SkipCRC leaves to its caller) and its case
// (R08) are checked. A payload parsed with SkipCRC has had its checksum
// verified by nobody: parse it again without SkipCRC, or call [Validate]
// with the payload's text, which checks it.
//
// On a clean payload it allocates nothing and returns nil.
func ValidatePayload(pl *emv.Payload, o Options) []Problem {
	return ValidateParsed(pl, nil, o)
}

// ValidateParsed checks the outcome of a parse, so that a caller which
// parses every payload itself (a bulk validator, say) parses each one once,
// valid or not: pl and err are what [emv.Parser.ParseInto] returned for a
// Parser with AllowLowercaseCRC and AllowLong set, the options [Validate]
// parses with. The result is [Validate]'s for pl.String(); with a nil err
// it is [ValidatePayload]'s.
func ValidateParsed(pl *emv.Payload, err error, o Options) []Problem {
	return validateParsed(pl, err, o, nil)
}

// Scratch is memory that validation reuses from one payload to the next,
// as encoding/csv's ReuseRecord does: the slice of problems and the buffer
// their texts are put together in. The texts themselves are copies, so a
// Problem kept from one call stays true after the next. The zero value is
// ready to use; a Scratch is for one goroutine at a time.
type Scratch struct {
	problems []Problem
	buf      []byte
	// texts holds the texts made so far, each once: a payload with the
	// problems of an earlier one costs no allocation for them.
	texts map[string]string
}

// maxTexts bounds Scratch.texts: past it, new texts are copied, not kept.
const maxTexts = 4096

// ValidateParsed is [ValidateParsed] building the problems in s's memory.
// The slice is valid until the next call with s, which writes over it: copy
// the problems that are kept (each Problem is a value; its strings are its
// own).
func (s *Scratch) ValidateParsed(pl *emv.Payload, err error, o Options) []Problem {
	return validateParsed(pl, err, o, s)
}

// validateParsed is ValidateParsed, in s's memory when s is not nil.
func validateParsed(pl *emv.Payload, err error, o Options, s *Scratch) []Problem {
	var v validator
	v.raw, v.o, v.more = pl.String(), o, pl.Fields()
	v.clean, v.ascii = pl.Printable(), pl.ASCII()
	if s == nil {
		return v.check(err)
	}
	if s.texts == nil {
		s.texts = make(map[string]string)
	}
	v.problems, v.buf, v.texts = s.problems[:0], s.buf[:0], s.texts
	ps := v.check(err)
	// Keep what grew, for the next payload.
	s.problems, s.buf = v.problems, v.buf
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// check reports err, the outcome of parsing v.raw into its root objects, and
// runs the rules when the objects were all read.
func (v *validator) check(err error) []Problem {
	if err != nil {
		if !v.parseError(err) {
			return v.problems
		}
		v.crcDone = true
	}
	v.run()
	return v.finish()
}

// Valid reports whether problems holds no error (warnings allowed).
func Valid(problems []Problem) bool {
	for _, p := range problems {
		if p.Severity == SeverityError {
			return false
		}
	}
	return true
}

// validator holds one run's state; the problems slice is allocated only
// when there is a problem, so a clean payload validates without allocating
// (TestValidatePayloadAllocs).
//
// It holds the root objects by value (root) rather than a slice of a
// caller's array, so that nothing it returns with the problems can point
// into memory of the caller's.
type validator struct {
	raw string
	// The root objects of raw: root[:n], or more when they do not fit.
	n    int
	root [rootInline]emv.Field
	more emv.Fields
	o    Options
	ix   *objectIndex
	// prof is the row of the profile applied: o.Profile's, or for
	// ProfileAuto the one DetectProfile picks (o.Profile is then set to
	// it, so that each rule's profile is judged against it).
	prof *profile
	qris bool
	// schemeSeen is set once a root template of one of prof's accounts
	// is met, so that P02 can say when none is there.
	schemeSeen bool
	// ascii (no byte >= 0x80: lengths in characters are lengths in bytes)
	// and clean (every character printable ASCII: no ans check can fail)
	// are what the parse of raw found (emv.Payload.ASCII and Printable),
	// not scanned again. Unset, they cost speed, never a problem: lengths
	// are then counted in runes and every value's characters checked.
	ascii   bool
	clean   bool
	hasPipe bool // a '|' somewhere
	crcDone bool // the parse reported the checksum (R06/R07): do not again
	// badTemplate is set while checking the objects of a template whose
	// content was already reported for its characters (R01).
	badTemplate bool
	problems    []Problem
	// at holds, for each root tag, its index in the fields plus one;
	// present has bit t set for each root tag t.
	at      [100]uint8
	present [2]uint64
	// subs holds the objects of the template being checked, by depth: root
	// templates, then 62.50..99. Zeroed once per run, not per template.
	subs [2][maxSubObjects]emv.Field
	// tpl holds the tags of the templates being checked, by depth, for
	// the paths of problems inside them; buf holds the problems' texts.
	tpl   [2]emv.Tag
	buf   []byte
	texts map[string]string // a Scratch's texts, or nil
}

// parseError turns a parse failure into a problem. It reports whether
// the root objects were all read, so that the other rules can still run
// (checksum errors: the parser reads every object first).
func (v *validator) parseError(err error) bool {
	// AsType, not As: As's target would cost an allocation a payload.
	pe, ok := errors.AsType[*emv.Error](err)
	if !ok {
		v.addSev(r02, SeverityError, "", 0, err.Error())
		return false
	}
	detail := pe.Detail
	// pe.Err is the sentinel itself: comparing it costs less than
	// errors.Is's walk, once a payload in bulk.
	switch pe.Err {
	case emv.ErrCRCMismatch:
		v.add(r07, pe.Tag, pe.Offset, v.text("CRC is ", pe.Found, " but the payload's checksum is ", pe.Computed))
		return true
	case emv.ErrCRCSyntax:
		computed := ""
		if pe.Computed != "" {
			computed = ": the payload's checksum is "
		}
		v.add(r06, pe.Tag, pe.Offset, v.text("CRC ", v.quote(pe.Found), " is not 4 hex digits", computed, pe.Computed))
		return true
	case emv.ErrCRCLength:
		v.add(r06, pe.Tag, pe.Offset, v.text("CRC (63) has ", detail, ": it must be 04, four hex digits"))
		return true
	case emv.ErrCRCNotLast:
		v.add(r06, pe.Tag, pe.Offset, "CRC (63) is not the last object: move it to the end and recompute it")
		return true
	case emv.ErrCRCMissing:
		v.add(r06, pe.Tag, pe.Offset, "there is no CRC (63): end the payload with \"6304\" and the checksum")
		return true
	case emv.ErrEmpty:
		v.add(r01, "", 0, "the payload is empty")
	case emv.ErrUTF8:
		v.add(r01, "", pe.Offset, v.text("the payload is not valid UTF-8 at character ", v.itoa(pe.Offset)))
	case emv.ErrTooLong:
		// Beyond what any QR code holds: an error whatever the mode.
		v.addSev(r09, SeverityError, "", 0, v.text("the payload is too long: ", detail, "; no QR code holds that much"))
	case emv.ErrDuplicate:
		v.add(r04, pe.Tag, pe.Offset, v.text("tag ", pe.Tag, " appears twice: each ID may appear once"))
	default:
		v.add(r02, pe.Tag, pe.Offset, v.structureMessage(pe, "the payload"))
	}
	return false
}

// structureMessage says what broke the TLV structure and what is expected.
func (v *validator) structureMessage(pe *emv.Error, where string) string {
	open, detail, shut := "", "", ""
	if pe.Detail != "" {
		open, detail, shut = " (", pe.Detail, ")"
	}
	// The sentinels for a bad ID or length already say what is expected.
	hint := ""
	switch pe.Err {
	case emv.ErrOverrun:
		hint = "; the length counts the value's characters"
	case emv.ErrTruncated:
		hint = "; each object starts with 2 ID and 2 length digits"
	}
	return v.text(where, " is not a run of ID-length-value objects: ", pe.Err.Error(), open, detail, shut, hint)
}

// add records a problem of rule r with the severity o gives it; a rule that
// does not apply to the profile or mode records nothing. Only called once a
// fault is found, so building tag and msg costs nothing on a clean payload.
func (v *validator) add(r ruleID, tag string, offset int, msg string) {
	if sev := r.severity(v.o); sev != 0 {
		v.addSev(r, sev, tag, offset, msg)
	}
}

func (v *validator) addSev(r ruleID, sev Severity, tag string, offset int, msg string) {
	if v.problems == nil {
		// An invalid payload has four problems or so: one allocation.
		v.problems = make([]Problem, 0, 4)
	}
	v.problems = append(v.problems, Problem{Rule: ruleTable[r].ID, Tag: tag, Offset: offset, Severity: sev, Message: msg})
}

// on reports whether rule r reports anything under v's options, so that
// checks whose only outcome would be dropped are skipped.
func (v *validator) on(r ruleID) bool { return r.severity(v.o) != 0 }

// finish sorts the problems by offset, keeping the order of the checks for
// problems at the same offset.
func (v *validator) finish() []Problem {
	ps := v.problems
	if len(ps) > 32 {
		slices.SortStableFunc(ps, func(a, b Problem) int { return a.Offset - b.Offset })
		return ps
	}
	// The checks run mostly in payload order: an insertion sort moves the
	// few problems that are not, and is stable.
	for i := 1; i < len(ps); i++ {
		if ps[i].Offset >= ps[i-1].Offset {
			continue
		}
		p, j := ps[i], i
		for ; j > 0 && ps[j-1].Offset > p.Offset; j-- {
			ps[j] = ps[j-1]
		}
		ps[j] = p
	}
	return v.problems
}

// run applies every rule to the parsed payload.
func (v *validator) run() {
	fs := v.fields()
	if v.o.Profile == ProfileAuto {
		v.o.Profile = detect(fs)
	}
	v.prof = row(v.o.Profile)
	v.qris = v.o.Profile == ProfileQRIS
	v.ix = objectIndexes()
	raw := v.raw
	if len(fs) == 0 {
		v.add(r01, "", 0, "the payload is empty")
		return
	}
	v.hasPipe = strings.IndexByte(raw, pipe) >= 0
	// The parser refuses a duplicate root tag, and a Payload can only be
	// filled by it, so each tag has one index.
	var lo, hi uint64 // v.present, kept in registers
	for i := range fs {
		if t := fs[i].Tag; t < 100 && i < 255 {
			v.at[t] = uint8(i + 1)
			if t < 64 {
				lo |= 1 << t
			} else {
				hi |= 1 << (t - 64)
			}
		}
	}
	v.present = [2]uint64{lo, hi}
	v.checkFrame(raw, fs)
	for i := range fs {
		v.checkRoot(&fs[i])
	}
	v.checkPresence()
	v.checkFees()
	if v.qris {
		v.checkQRIS()
	} else if v.prof.country != "" {
		v.checkScheme()
	}
}

// get returns the root object with tag t.
func (v *validator) get(t emv.Tag) (*emv.Field, bool) {
	i := v.at[t]
	if i == 0 {
		return nil, false
	}
	return &v.fields()[i-1], true
}

// fields returns the root objects.
func (v *validator) fields() emv.Fields {
	if v.more != nil {
		return v.more
	}
	return v.root[:v.n]
}
