package qris

import (
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// layout records where the objects of a decoded input lie, so that
// Validate, Encode and TLV rebuild them from the input rather than a
// Payment keeping an emv.Field of 32 bytes for each: a Payment costs by the
// byte, and as it holds no pointer into itself, one that does not outlive
// its caller lives on the stack.
//
// The root objects tile the input: object i has lens[i]&lenMask bytes of
// value and starts where object i-1 ends, its tag the two digits there.
// The high bits of lens[i] count the objects the decode read in its
// template (26..51, 62, 64, 80..99); they tile the template's value, and
// the j-th of them all ends subEnds[j] bytes into its template's value.
// Payment.Validate reads the templates from that instead of parsing them
// again. Objects rebuilt from it carry no parent tags (emv keeps those to
// itself), so their paths are wrong: the validator only probes with them,
// and on the first problem runs again on a real parse (see validator).
type layout struct {
	lens    [rootInline]uint16
	subEnds [24]uint8
	nroot   uint8 // rootInline+1: more than fit, parse the input again
	nsub    uint8 // entries of subEnds taken
	// ascii (no multi-byte character: byte offsets are character
	// offsets) and printable are the parse's emv.Payload.ASCII and
	// Printable, for the whole input.
	ascii, printable bool
}

// rootInline is how many root objects a layout records: more than any
// real payload seen holds (the corpus tops out at 17).
const rootInline = 24

const (
	lenBits = 9 // a value is at most 99 characters of at most 4 bytes
	lenMask = 1<<lenBits - 1
)

// setRoot records the root objects fs.
func (l *layout) setRoot(fs emv.Fields) {
	l.nroot = uint8(min(len(fs), rootInline+1))
	for i := range fs[:min(len(fs), len(l.lens))] {
		l.lens[i] = uint16(len(fs[i].Value))
	}
}

// fits reports whether the root objects are recorded.
func (l *layout) fits() bool { return int(l.nroot) <= rootInline }

// rootInto rebuilds the first len(dst) root objects of raw, the input l
// was read from, into dst and returns how many it wrote.
func (l *layout) rootInto(raw string, dst emv.Fields) int {
	n := min(len(dst), int(l.nroot), len(l.lens))
	start, offset := 0, 0
	for i, vlen := range l.lens[:n] {
		e := start + 4 + int(vlen&lenMask)
		if e > len(raw) {
			return i // not reachable: the layout was read from raw
		}
		v := raw[start+4 : e]
		dst[i] = emv.Field{Value: v, Offset: offset, Tag: emv.Tag((raw[start]-'0')*10 + raw[start+1] - '0')}
		if l.ascii {
			offset = e
		} else {
			offset += 4 + utf8.RuneCountInString(v)
		}
		start = e
	}
	return n
}

// record notes the objects subs of the template that is root object k.
// Only an ASCII input is recorded (character offsets are byte offsets, and
// a template's value then fits in a byte), and only while there is room.
func (l *layout) record(k int, subs emv.Fields) {
	n := len(subs)
	if !l.ascii || k >= len(l.lens) || n == 0 || int(l.nsub)+n > len(l.subEnds) {
		return
	}
	end := 0
	for i := range subs {
		end += 4 + len(subs[i].Value)
		l.subEnds[int(l.nsub)+i] = uint8(end)
	}
	l.nsub += uint8(n)
	l.lens[k] |= uint16(n) << lenBits
}

// rebuild writes into dst[:cap(dst)] the recorded objects of template f,
// root object k, and reports whether there was a record that fit.
func (l *layout) rebuild(dst emv.Fields, f *emv.Field, k int) (emv.Fields, bool) {
	if k < 0 || k >= len(l.lens) {
		return dst, false
	}
	n := int(l.lens[k] >> lenBits)
	if n == 0 || n > cap(dst) {
		return dst, false
	}
	from := 0
	for _, vlen := range l.lens[:k] {
		from += int(vlen >> lenBits)
	}
	dst = dst[:n]
	v := f.Value
	base := f.Offset + 4
	start := 0
	for i, end := range l.subEnds[from : from+n] {
		e := int(end)
		if e > len(v) || e < start+4 {
			return dst[:0], false // not reachable: the record was read from v
		}
		dst[i] = emv.Field{Value: v[start+4 : e], Offset: base + start, Tag: emv.Tag((v[start]-'0')*10 + v[start+1] - '0')}
		start = e
	}
	return dst, true
}
