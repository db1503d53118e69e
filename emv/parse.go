package emv

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// MaxLength is the EMV bound on a payload, in characters.
const MaxLength = 512

// MaxLongLength is the bound a [Parser] with AllowLong accepts: the most
// characters a QR code holds in alphanumeric mode (version 40, level L).
// Only a payload of digits alone could be longer in a QR code (7089); any
// letter makes it alphanumeric or bytes. So nothing a scanner returns is
// refused, yet a hostile input is refused before any work.
const MaxLongLength = 4296

// Field is one data object: its tag, where it starts and its value. The value is
// a view into the parsed payload, not a copy.
type Field struct {
	// Value holds exactly the characters the object's length announced.
	Value string
	// Offset is the character offset of the object's tag from the start of the
	// payload (the value starts 4 characters later).
	Offset int
	// Tag is the object's ID.
	Tag Tag
	// parents holds the enclosing templates' tags plus one, innermost last;
	// 0 means none. Three levels are more than EMV nests (62.99.00 uses
	// two); deeper, the outermost are dropped (see Path).
	parents [3]uint8
	// ascii is set when the parse knew Value to be ASCII, so that reading
	// it as a template need not look again.
	ascii bool
}

// Len returns the value's length in characters, as written in the payload.
func (f Field) Len() int { return utf8.RuneCountInString(f.Value) }

// Path returns the object's tag with those of its enclosing templates,
// outermost first: "54", "62.05", "62.99.01". It names at most three
// enclosing templates, the innermost: EMV nests two at most, and an object
// inside four or more (legal TLV, which Template still reads) is named
// from the third template out, and Depth says 3.
func (f Field) Path() string {
	if f.parents == [3]uint8{} {
		return f.Tag.String()
	}
	return parentPath(f.parents) + f.Tag.String()
}

// Depth returns 0 for a root object, 1 inside a root template, and so on,
// up to 3 (see Path).
func (f Field) Depth() int {
	n := 0
	for _, p := range f.parents {
		if p != 0 {
			n++
		}
	}
	return n
}

// Template parses the value as a run of data objects, for tags that a profile
// declares to be templates. Errors carry offsets from the start of the payload.
func (f Field) Template() (Fields, error) {
	return f.AppendTemplate(nil)
}

// AppendTemplate is Template appending to dst, so a caller that reuses dst
// parses templates without allocating.
func (f Field) AppendTemplate(dst Fields) (Fields, error) {
	// Shift the ancestors left: past three levels the outermost is dropped.
	parents := [3]uint8{f.parents[1], f.parents[2], uint8(f.Tag) + 1}
	return walk(dst, true, f.Value, f.Offset+4, f.ascii || isASCII(f.Value), parents)
}

// Fields is an ordered run of data objects, at the root or inside a template.
type Fields []Field

// Get returns the first object with tag t.
func (fs Fields) Get(t Tag) (Field, bool) {
	for _, f := range fs {
		if f.Tag == t {
			return f, true
		}
	}
	return Field{}, false
}

// Payload is a parsed payload: the input and its root data objects in order.
// The zero value is an empty payload, ready for [Parser.ParseInto].
type Payload struct {
	raw    string
	fields Fields
	// printable is set when the parse saw only printable ASCII, ascii
	// when it saw no byte >= 0x80.
	printable, ascii bool
}

// String returns the payload exactly as parsed.
func (p *Payload) String() string { return p.raw }

// Fields returns the root objects in payload order, tag 63 included. The slice
// belongs to p: it is reused by the next ParseInto.
func (p *Payload) Fields() Fields { return p.fields }

// Get returns the root object with tag t.
func (p *Payload) Get(t Tag) (Field, bool) { return p.fields.Get(t) }

// Printable reports whether the parse found every character of the payload
// to be printable ASCII (0x20..0x7E), EMV's common character set. Then
// every value passes the character check of formats ans and S (format N
// still needs its digits checked), so a caller checking formats can skip
// that check. The parse learns it in the one pass over the bytes it makes
// before reading any object. It is false when the parse failed before
// reading the characters (an empty payload, one far too long).
func (p *Payload) Printable() bool { return p.printable }

// ASCII reports whether the parse found no multi-byte character in the
// payload, so that its lengths in characters are lengths in bytes. Like
// Printable, it is false when the parse failed before reading the
// characters.
func (p *Payload) ASCII() bool { return p.ascii }

// Lookup follows a path of tags through templates: Lookup(62, 99, 1) is
// object 01 inside template 99 inside template 62.
func (p *Payload) Lookup(path ...Tag) (Field, bool) {
	fs := p.fields
	// Each level's objects are read into buf, Lookup's own, so following
	// a path allocates nothing (TestLookupAllocs): only a Field leaves,
	// whose value is a view of the payload. A template holds at most 19
	// objects (each at least 5 characters, in 99).
	var buf [19]Field
	var f Field
	for i, t := range path {
		var ok bool
		if f, ok = fs.Get(t); !ok {
			return Field{}, false
		}
		if i < len(path)-1 {
			var err error
			if fs, err = f.AppendTemplate(buf[:0]); err != nil {
				return Field{}, false
			}
		}
	}
	return f, len(path) > 0
}

// CRC returns the checksum as written in tag 63, or "" when there is none.
func (p *Payload) CRC() string {
	if n := len(p.fields); n > 0 && p.fields[n-1].Tag == CRCTag {
		return p.fields[n-1].Value
	}
	return ""
}

// Parser holds parsing options. The zero value is strict: EMV's 512-character
// bound, and an uppercase CRC only.
type Parser struct {
	// AllowLowercaseCRC accepts a checksum whose value is right but written in
	// lowercase hex, as some producers emit. Strict parsing reports ErrCRCCase.
	AllowLowercaseCRC bool
	// AllowLong accepts payloads up to MaxLongLength characters instead of
	// MaxLength: the EMV bound is a "should", and real payloads break it.
	AllowLong bool
	// SkipCRC parses without computing the checksum: tag 63 must still be
	// last and 4 characters long, but its value (hex digits or not) is not
	// read. It is for a caller that reads a payload whose checksum it has
	// already checked or means to report elsewhere: qris.DecodeWith with
	// SkipCRC decodes without refusing a wrong checksum, which
	// qris.Payment.Validate still reports (R07), and package qris re-reads
	// a payload it has decoded this way.
	SkipCRC bool
}

// Parse parses s strictly; see [Parser].
func Parse(s string) (Payload, error) { return Parser{}.Parse(s) }

// Parse checks the structure and the checksum of s and returns its root data
// objects. On error the payload holds the objects read before the fault (all of
// them for a checksum error), so a tool can still show what it could read.
func (ps Parser) Parse(s string) (Payload, error) {
	var p Payload
	err := ps.ParseInto(&p, s)
	return p, err
}

// ParseFields is Parse keeping the root objects in dst's storage (from
// dst[:0]), so a caller holding a fixed-size array parses without allocating;
// a payload with more objects than cap(dst) grows a new slice as append does.
func (ps Parser) ParseFields(dst Fields, s string) (Payload, error) {
	if dst == nil {
		// Room for 16 objects, more than nearly every real payload holds
		// (the corpus tops out at 17).
		dst = make(Fields, 0, 16)
	}
	fs, class, err := ps.parse(dst[:0], s)
	return Payload{raw: s, fields: fs, printable: class == 0, ascii: class&classNotASCII == 0}, err
}

// ParseInto is Parse reusing p's storage: once p has held a payload of as many
// objects, it does not allocate.
func (ps Parser) ParseInto(p *Payload, s string) error {
	var err error
	*p, err = ps.ParseFields(p.fields, s)
	return err
}

// parse appends the root objects of s to dst and returns the class of its
// bytes (see classify; classUnread when the parse stopped before reading
// them). dst is only appended to and returned, so that a caller's array
// is the storage (TestParseFieldsUsesCallerStorage).
func (ps Parser) parse(dst Fields, s string) (Fields, uint8, error) {
	limit := MaxLength
	if ps.AllowLong {
		limit = MaxLongLength
	}
	if len(s) == 0 {
		return dst, classUnread, &Error{Err: ErrEmpty}
	}
	// A character takes at most 4 bytes: refuse before reading anything.
	if len(s) > 4*limit {
		return dst, classUnread, &Error{Err: ErrTooLong, Detail: "over " + strconv.Itoa(limit) + " characters"}
	}
	class := classify(bytesOf(s))
	ascii := class&classNotASCII == 0
	if !ascii {
		if !utf8.ValidString(s) {
			return dst, class, &Error{Offset: badUTF8(s), Err: ErrUTF8}
		}
	}
	if len(s) > limit {
		if n := utf8.RuneCountInString(s); n > limit {
			return dst, class, &Error{Err: ErrTooLong, Detail: strconv.Itoa(n) + " characters, the bound is " + strconv.Itoa(limit)}
		}
	}
	dst, err := walk(dst, true, s, 0, ascii, [3]uint8{})
	if err != nil {
		return dst, class, err
	}
	if err := checkCRCFrame(dst); err != nil || ps.SkipCRC {
		return dst, class, err
	}
	// The checksum covers everything before the 63's value: its four
	// characters may be more than four bytes.
	last := &dst[len(dst)-1]
	sum := Checksum(bytesOf(s[:len(s)-len(last.Value)]))
	return dst, class, compareCRC(last, sum, ps.AllowLowercaseCRC)
}

// classUnread is the class of bytes not read: neither ASCII nor printable.
const classUnread uint8 = 0xFF

// walk appends to dst the data objects of s, whose first character stands at
// character offset base in the payload, or only checks them when keep is
// false (IsTLV); ascii says that s has no multi-byte character, so that a
// length in characters is a length in bytes. It is the one place that reads
// a header or a value, so every bound is checked here: Parse, Template,
// IsTLV and ExpectedCRC all read through it.
func walk(dst Fields, keep bool, s string, base int, ascii bool, parents [3]uint8) (Fields, error) {
	var seen tagSet
	b := bytesOf(s)
	i, ci := 0, base // byte position in s, character offset in the payload
	for i < len(s) {
		if len(s)-i < 4 {
			return dst, headerError(s[i:], ci, parents)
		}
		tag, l, ok := headerASCII(b, i)
		if !ok {
			return dst, headerError(s[i:], ci, parents)
		}
		start := i + 4
		end := start + l
		if !ascii {
			end = charsEnd(s, start, l)
		}
		if end > len(s) {
			return dst, overrunError(s[start:], l, ci, tag, parents)
		}
		if !seen.add(tag) {
			return dst, duplicateError(ci, tag, parents)
		}
		if keep {
			// Grow, then fill in place: BenchmarkTemplate measures this
			// cheaper than appending a Field literal.
			k := len(dst)
			if k == cap(dst) {
				dst = append(dst, Field{})
			} else {
				dst = dst[:k+1]
			}
			d := &dst[k]
			d.Value, d.Offset, d.Tag, d.parents, d.ascii = s[start:end], ci, tag, parents, ascii
		}
		ci += 4 + l
		i = end
	}
	return dst, nil
}

// charsEnd returns the byte offset in s after l characters from start,
// some of them more than one byte, or len(s)+1 when fewer are left.
func charsEnd(s string, start, l int) int {
	end := start
	for k := l; k > 0; k-- {
		if end >= len(s) {
			return len(s) + 1
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return end
}

// overrunError says that the object tag at ci announces l characters and
// only those of left follow its header.
func overrunError(left string, l, ci int, tag Tag, parents [3]uint8) *Error {
	n := utf8.RuneCountInString(left)
	e := &Error{Offset: ci, Err: ErrOverrun, Detail: "length " + strconv.Itoa(l) + ", " + strconv.Itoa(n) + " characters left"}
	return nest(e, parents, tag.String())
}

// duplicateError says that the object tag at ci repeats a tag of its level.
func duplicateError(ci int, tag Tag, parents [3]uint8) *Error {
	return nest(&Error{Offset: ci, Err: ErrDuplicate}, parents, tag.String())
}

// headerASCII decodes the 4-byte header at b[i:], which the caller has
// checked is there: all four bytes are digits when each high nibble is 3
// and adding 6 to each low nibble carries into none, and the length is
// 01..99. It reads the header as one word, so that the walk does not
// test its bytes one by one.
func headerASCII(b []byte, i int) (tag Tag, length int, ok bool) {
	x := binary.LittleEndian.Uint32(b[i : i+4])
	if x&0xF0F0F0F0 != 0x30303030 || (x+0x06060606)&0xF0F0F0F0 != 0x30303030 || x&0x0F0F0000 == 0 {
		return 0, 0, false
	}
	// The multiply turns each digit pair (d0 | d1<<8) into d0*10+d1 in
	// its second byte.
	d := x & 0x0F0F0F0F
	return Tag(d * 0x0A01 >> 8 & 0xFF), int(d >> 16 * 0x0A01 >> 8 & 0xFF), true
}

// IsTLV reports whether s is a run of well-formed data objects: whether
// (Field{Value: s}).Template() would succeed. It keeps nothing, so it
// costs less than Template; use Template to learn what is wrong.
func IsTLV(s string) bool {
	_, err := walk(nil, false, s, 0, isASCII(s), [3]uint8{})
	return err == nil
}

// headerError says what is wrong with the header at the start of s, which
// headerASCII refused. It counts and quotes characters, not bytes: a header of
// "ああ" is two characters, not the first two bytes of one.
func headerError(s string, ci int, parents [3]uint8) *Error {
	var ends [4]int // the byte offset after each of the first 4 characters
	n := 0
	for j := 0; n < 4 && j < len(s); n++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
		ends[n] = j
	}
	if n < 4 {
		e := &Error{Offset: ci, Err: ErrTruncated, Detail: "need 4 header characters, " + strconv.Itoa(n) + " left"}
		return nest(e, parents, "")
	}
	tag, length := s[:ends[1]], s[ends[1]:ends[3]]
	if !twoDigits(tag) {
		e := &Error{Offset: ci, Err: ErrTagSyntax, Detail: "found " + strconv.Quote(tag)}
		return nest(e, parents, "")
	}
	e := &Error{Offset: ci, Err: ErrLengthSyntax, Detail: "found " + strconv.Quote(length)}
	return nest(e, parents, tag)
}

// twoDigits reports whether s is two ASCII digits.
func twoDigits(s string) bool {
	return len(s) == 2 && s[0]-'0' <= 9 && s[1]-'0' <= 9
}

// tagSet is a set of tags 00..99, for finding a tag that appears twice at
// one level.
type tagSet [2]uint64

// add puts t in the set and reports whether it was not there yet.
func (s *tagSet) add(t Tag) bool {
	bit := uint64(1) << (t & 63)
	if s[t>>6&1]&bit != 0 {
		return false
	}
	s[t>>6&1] |= bit
	return true
}

// nest fills in the tag path of an error found at depth parents: the
// enclosing templates' path, then tag when the error is about one object.
func nest(e *Error, parents [3]uint8, tag string) *Error {
	prefix := parentPath(parents)
	if tag != "" {
		e.Tag = prefix + tag
	} else {
		e.Tag = strings.TrimSuffix(prefix, ".")
	}
	e.inTemplate = parents != [3]uint8{}
	return e
}

// parentPath returns the tags of parents, outermost first, each followed
// by a dot ("62.99."), or "" at the root.
func parentPath(parents [3]uint8) string {
	var b strings.Builder
	for _, p := range parents {
		if p != 0 {
			b.WriteString(Tag(p - 1).String())
			b.WriteByte('.')
		}
	}
	return b.String()
}

// checkCRCFrame checks that the last of the root objects fs is 63, with a
// value of 4 characters.
func checkCRCFrame(fs Fields) error {
	last := &fs[len(fs)-1]
	if last.Tag != CRCTag {
		if c, ok := fs.Get(CRCTag); ok {
			return &Error{Offset: c.Offset, Tag: "63", Err: ErrCRCNotLast}
		}
		return &Error{Offset: last.Offset + 4 + last.Len(), Tag: "63", Err: ErrCRCMissing}
	}
	// Four characters are the frame; whether they are hex digits is the
	// value's business (compareCRC), so that SkipCRC leaves all of it
	// unread, multi-byte characters included.
	if len(last.Value) != 4 && last.Len() != 4 {
		return &Error{Offset: last.Offset, Tag: "63", Err: ErrCRCLength, Detail: "length " + strconv.Itoa(last.Len())}
	}
	return nil
}

// compareCRC checks last, a 63 of 4 characters, against computed.
func compareCRC(last *Field, computed uint16, allowLower bool) error {
	found, lower, ok := parseHex16(last.Value)
	var err error
	var detail string
	switch {
	case !ok:
		err, detail = ErrCRCSyntax, "found "+strconv.Quote(last.Value)+", computed "+hex16(computed)
	case found != computed:
		err, detail = ErrCRCMismatch, crcDetail(last.Value, ", computed ", computed)
	case lower && !allowLower:
		err, detail = ErrCRCCase, crcDetail(last.Value, ", write ", computed)
	default:
		return nil
	}
	// The detail ends in the computed value: Computed shares it.
	return &Error{Offset: last.Offset, Tag: "63", Err: err, Detail: detail, Found: last.Value, Computed: detail[len(detail)-4:]}
}

// crcDetail returns "found " + found + sep + the 4 hex digits of computed,
// in one allocation: a bulk validator makes one for each wrong checksum.
func crcDetail(found, sep string, computed uint16) string {
	var buf [32]byte
	b := append(buf[:0], "found "...)
	b = append(b, found...)
	b = append(b, sep...)
	return string(appendHex16(b, computed))
}

// bytesOf views s as bytes without copying, for the checksum and the
// byte classes, which read a payload's text and never write it. A copy
// would cost an allocation a payload on every parse, validation and
// encode (BenchmarkParse and BenchmarkChecksum hold the parse at none).
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// isASCII reports that s has no multi-byte character, so that its lengths
// in characters are lengths in bytes.
func isASCII(s string) bool { return classify(bytesOf(s))&classNotASCII == 0 }

// badUTF8 returns the character offset of the first invalid byte.
func badUTF8(s string) int {
	ci := 0
	for i := 0; i < len(s); ci++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return ci
		}
		i += size
	}
	return ci
}
