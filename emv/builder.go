package emv

import (
	"strconv"
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

	buf    []byte
	err    error
	chars  int // characters written to buf, for offsets in errors
	seen   tagSet
	parent *Builder // nil at the root
	tag    Tag      // the template this builder fills, when parent != nil
}

// Reset empties b, keeping its buffer and options.
func (b *Builder) Reset() {
	*b = Builder{AllowLong: b.AllowLong, buf: b.buf[:0]}
}

// Err returns the first error met so far.
func (b *Builder) Err() error { return b.err }

// Add appends the primitive object tag with value.
func (b *Builder) Add(tag Tag, value string) {
	if !b.begin(tag) {
		return
	}
	if !utf8.ValidString(value) {
		b.fail(tag, ErrUTF8, "")
		return
	}
	n := utf8.RuneCountInString(value)
	if !b.lengthOK(tag, n, "") {
		return
	}
	b.buf = append(b.buf, tag.String()...)
	b.buf = append(b.buf, Tag(n).String()...) // n is 1..99: two digits
	b.buf = append(b.buf, value...)
	b.chars += 4 + n
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
func (b *Builder) AddTemplate(tag Tag, f func(child *Builder)) {
	if !b.begin(tag) {
		return
	}
	head := len(b.buf)
	b.buf = append(b.buf, tag.String()...)
	b.buf = append(b.buf, "00"...)
	child := &Builder{buf: b.buf, chars: b.chars + 4, parent: b, tag: tag}
	f(child)
	b.buf = child.buf
	if child.err != nil {
		b.err = child.err
		return
	}
	n := child.chars - b.chars - 4
	if !b.lengthOK(tag, n, "a template needs at least one object") {
		return
	}
	b.buf[head+2] = tagDigits[2*n]
	b.buf[head+3] = tagDigits[2*n+1]
	b.chars = child.chars
}

// Payload appends "6304" and the checksum and returns the payload. It is for
// the root builder only.
func (b *Builder) Payload() (string, error) {
	buf, err := b.AppendPayload(nil)
	return string(buf), err
}

// AppendPayload is Payload appending to dst, for callers that reuse a buffer.
// b keeps its content without the checksum, so more objects can follow.
func (b *Builder) AppendPayload(dst []byte) ([]byte, error) {
	if b.err != nil {
		return dst, b.err
	}
	if b.parent != nil {
		return dst, &Error{Offset: b.chars, Tag: b.path(), Err: ErrNested}
	}
	limit := MaxLength
	if b.AllowLong {
		limit = MaxLongLength
	}
	if n := b.chars + 8; n > limit {
		return dst, &Error{Offset: b.chars, Tag: "63", Err: ErrTooLong, Detail: strconv.Itoa(n) + " characters, the bound is " + strconv.Itoa(limit)}
	}
	start := len(dst)
	dst = append(dst, b.buf...)
	dst = append(dst, "6304"...)
	return appendHex16(dst, Checksum(dst[start:])), nil
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
	if b.parent == nil && tag == CRCTag {
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
	if b.parent == nil {
		return ""
	}
	if p := b.parent.path(); p != "" {
		return p + "." + b.tag.String()
	}
	return b.tag.String()
}
