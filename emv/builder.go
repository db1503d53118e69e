package emv

import (
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Builder writes a payload object by object. Lengths are filled in for you:
// a template's content is written by a continuation passed to AddTemplate.
// The first error sticks: later calls do nothing, and Payload (or Err) reports
// it, so a caller checks once at the end.
//
// The zero value is a root builder with the strict 512-character bound.
type Builder struct {
	// AllowLong raises the bound to MaxLongLength characters (root only).
	AllowLong bool

	buf   []byte
	err   *Error
	chars int // characters written to buf, for offsets in errors
	seen  tagSet
	// The templates being filled, outermost first: open, then deeper ones
	// in more; depth counts them.
	open  [inlineDepth]frame
	more  []frame
	depth int
}

// inlineDepth is how deep templates nest without an allocation: EMV's
// deepest is a payment-system template inside 62, and one more is spare.
const inlineDepth = 3

// frame returns the i-th open template, outermost first.
func (b *Builder) frame(i int) *frame {
	if i < inlineDepth {
		return &b.open[i]
	}
	return &b.more[i-inlineDepth]
}

// frame is what a template's parent was doing when the template opened.
type frame struct {
	tag   Tag
	head  int // where its header starts in buf
	chars int // characters before its header
	seen  tagSet
}

// Reset empties b, keeping its buffer and options.
func (b *Builder) Reset() {
	*b = Builder{AllowLong: b.AllowLong, buf: b.buf[:0]}
}

// NewBuilder returns a root builder that writes into buf's memory (from its
// start), so that a caller can reuse one buffer across payloads or keep it
// in a fixed array; the builder grows a new one only past buf's capacity.
func NewBuilder(buf []byte) Builder { return Builder{buf: buf[:0]} }

// Len returns the characters written so far: what Payload returns, less its
// 8 characters of checksum.
func (b *Builder) Len() int { return b.chars }

// Bytes returns the objects written so far, without a checksum: b's own
// buffer, valid until b is next written to. After an error it holds what
// was written before it.
func (b *Builder) Bytes() []byte { return b.buf }

// Err returns the first error met so far.
//
// It returns a copy of the error b holds, so the error does not keep b,
// and the buffer b writes into, alive.
func (b *Builder) Err() error {
	if b.err == nil {
		return nil
	}
	e := *b.err
	return &e
}

// Add appends the primitive object tag with value.
func (b *Builder) Add(tag Tag, value string) {
	if !b.begin(tag) {
		return
	}
	n, ok := runeCount(value)
	if !ok {
		b.fail(tag, ErrUTF8, "")
		return
	}
	if n == 0 || n > 99 {
		b.lengthOK(tag, n, "")
		return
	}
	k := b.grow(4 + len(value))
	b.buf[k], b.buf[k+1] = tagDigits[2*tag], tagDigits[2*tag+1]
	b.buf[k+2], b.buf[k+3] = tagDigits[2*n], tagDigits[2*n+1] // n is 1..99
	copy(b.buf[k+4:], value)
	b.chars += 4 + n
}

// runeCount returns the characters of s and whether s is UTF-8. It tests
// the ASCII values a payload mostly holds a word at a time, as classify
// does.
func runeCount(s string) (int, bool) {
	var or uint64
	b := bytesOf(s)
	for ; len(b) >= 8; b = b[8:] {
		or |= binary.LittleEndian.Uint64(b)
	}
	for _, c := range b {
		or |= uint64(c)
	}
	if or&highs == 0 {
		return len(s), true
	}
	return utf8.RuneCountInString(s), utf8.ValidString(s)
}

// lengthOK reports whether a value of n characters can be written for
// tag (1..99), and records the error when it cannot; empty details the
// error for an empty value.
func (b *Builder) lengthOK(tag Tag, n int, empty string) bool {
	switch {
	case n == 0:
		b.fail(tag, ErrEmptyValue, empty)
		return false
	case n > 99:
		b.fail(tag, ErrValueTooLong, strconv.Itoa(n)+" characters")
		return false
	}
	return true
}

// AddTemplate appends the template tag, whose objects f writes into the
// child builder it is given. The template's length is filled in afterwards.
// It is OpenTemplate, f and CloseTemplate.
func (b *Builder) AddTemplate(tag Tag, f func(child *Builder)) {
	depth := b.depth
	b.OpenTemplate(tag)
	f(b)
	if b.err == nil && b.depth != depth+1 {
		b.fail(tag, ErrNested, "the template's objects closed a template they did not open")
	}
	b.CloseTemplate()
}

// OpenTemplate starts the template tag: the objects added until the
// matching CloseTemplate are its content. It is AddTemplate for a caller
// that writes the content in line rather than through a function value.
func (b *Builder) OpenTemplate(tag Tag) {
	if !b.begin(tag) {
		return
	}
	fr := frame{tag: tag, head: len(b.buf), chars: b.chars, seen: b.seen}
	if b.depth < inlineDepth {
		b.open[b.depth] = fr
	} else {
		k := b.depth - inlineDepth
		if k == cap(b.more) { // as in write: no append stored into b
			grown := make([]frame, k, 2*k+1)
			copy(grown, b.more)
			b.more = grown
		}
		b.more = b.more[:k+1]
		b.more[k] = fr
	}
	b.depth++
	b.seen = tagSet{}
	b.write(tag.String())
	b.write("00")
	b.chars += 4
}

// CloseTemplate ends the template opened last and fills in its length.
func (b *Builder) CloseTemplate() {
	if b.depth == 0 {
		if b.err == nil {
			b.err = &Error{Offset: b.chars, Err: ErrNested, Detail: "no template is open"}
		}
		return
	}
	b.depth--
	fr := b.frame(b.depth)
	b.seen = fr.seen
	if b.err != nil {
		return
	}
	end := b.chars
	n := end - fr.chars - 4
	b.chars = fr.chars // an error is the template's, at its start
	if !b.lengthOK(fr.tag, n, "a template needs at least one object") {
		return
	}
	b.chars = end
	b.buf[fr.head+2] = tagDigits[2*n]
	b.buf[fr.head+3] = tagDigits[2*n+1]
}

// write appends s to b.buf.
func (b *Builder) write(s string) { copy(b.buf[b.grow(len(s)):], s) }

// grow lengthens b.buf by n bytes and returns where they start, in the
// caller's buffer while it has room.
func (b *Builder) grow(n int) int {
	k := len(b.buf)
	if cap(b.buf)-k < n {
		grown := make([]byte, k, 2*cap(b.buf)+n)
		copy(grown, b.buf)
		b.buf = grown
	}
	b.buf = b.buf[:k+n]
	return k
}

// Payload appends "6304" and the checksum and returns the payload. It is for
// the root builder only.
func (b *Builder) Payload() (string, error) {
	if err := b.finished(); err != nil {
		return "", err
	}
	// Written straight into the string's memory: one allocation, and
	// no copy of the payload beside it.
	var s strings.Builder
	s.Grow(len(b.buf) + 8)
	s.Write(b.buf)
	s.WriteString("6304")
	var sum [4]byte
	s.Write((Digest{}).Update(b.buf).UpdateString("6304").AppendCRC(sum[:0]))
	return s.String(), nil
}

// AppendPayload is Payload appending to dst, for callers that reuse a buffer.
// b keeps its content without the checksum, so more objects can follow.
func (b *Builder) AppendPayload(dst []byte) ([]byte, error) {
	if err := b.finished(); err != nil {
		return dst, err
	}
	start := len(dst)
	dst = append(dst, b.buf...)
	dst = append(dst, "6304"...)
	return appendHex16(dst, Checksum(dst[start:])), nil
}

// finished returns what keeps b's objects from making a payload: an error
// met while writing them, a template left open, or too many characters.
func (b *Builder) finished() error {
	if b.err != nil {
		return b.Err()
	}
	if b.depth > 0 {
		return &Error{Offset: b.chars, Tag: b.path(), Err: ErrNested}
	}
	limit := MaxLength
	if b.AllowLong {
		limit = MaxLongLength
	}
	if n := b.chars + 8; n > limit {
		return &Error{Offset: b.chars, Tag: "63", Err: ErrTooLong, Detail: strconv.Itoa(n) + " characters, the bound is " + strconv.Itoa(limit)}
	}
	return nil
}

// begin checks what every object needs, whatever its kind.
func (b *Builder) begin(tag Tag) bool {
	if b.err != nil {
		return false
	}
	if tag > 99 {
		b.fail(tag, ErrTagRange, "got "+strconv.Itoa(int(tag)))
		return false
	}
	if b.depth == 0 && tag == CRCTag {
		b.fail(tag, ErrCRCReserved, "")
		return false
	}
	if !b.seen.add(tag) {
		b.fail(tag, ErrDuplicate, "")
		return false
	}
	return true
}

func (b *Builder) fail(tag Tag, err error, detail string) {
	// A tag outside 00..99 has no name: the error is the template's.
	t := b.path()
	if tag <= 99 {
		if t != "" {
			t += "."
		}
		t += tag.String()
	}
	b.err = &Error{Offset: b.chars, Tag: t, Err: err, Detail: detail}
}

// path is the tag path of the template b fills, "" at the root.
func (b *Builder) path() string {
	p := ""
	for i := range b.depth {
		if i > 0 {
			p += "."
		}
		p += b.frame(i).tag.String()
	}
	return p
}
