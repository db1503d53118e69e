package qris

import "github.com/qriskit/qriskit/emv"

// subLayout records where the objects of the root templates that Decode
// parsed (26..51, 62, 64, 80..99) end, so that Payment.Validate reads them
// without parsing the templates again. Like the root layout it holds no
// pointer: the values are re-sliced from the input.
//
// Objects rebuilt from it carry no parent tags (emv keeps those to itself),
// so their paths are wrong: the validator uses them only to probe, and on
// the first problem runs again on a real parse to report it.
type subLayout struct {
	// used counts the entries of ends taken.
	used uint8
	// Root object k's template holds count[k] objects; object j of them
	// ends ends[from[k]+j] bytes into the template's value. count[k] = 0:
	// not recorded (a template holds at least one object).
	from, count [rootInline]uint8
	ends        [32]uint8
}

// record notes the objects subs of the template that is root object k. Only
// an ASCII payload is recorded (character offsets are byte offsets), and
// only while there is room.
func (l *subLayout) record(k int, subs emv.Fields, ascii bool) {
	n := len(subs)
	if !ascii || k >= len(l.from) || n == 0 || int(l.used)+n > len(l.ends) {
		return
	}
	l.from[k], l.count[k] = l.used, uint8(n)
	end := 0
	for i := range subs {
		end += 4 + len(subs[i].Value)
		l.ends[int(l.used)+i] = uint8(end)
	}
	l.used += uint8(n)
}

// rebuild writes into dst[:cap(dst)] the recorded objects of template f,
// root object k, and reports whether there was a record that fit.
func (l *subLayout) rebuild(dst emv.Fields, f *emv.Field, k int) (emv.Fields, bool) {
	if k < 0 || k >= len(l.from) || l.count[k] == 0 {
		return dst, false
	}
	from, n := int(l.from[k]), int(l.count[k])
	if n > cap(dst) {
		return dst, false
	}
	dst = dst[:n]
	v := f.Value
	base := f.Offset + 4
	start := 0
	for i, end := range l.ends[from : from+n] {
		e := int(end)
		if e > len(v) || e < start+4 {
			return dst[:0], false // not reachable: the record was read from v
		}
		dst[i] = emv.Field{Value: v[start+4 : e], Offset: base + start, Tag: emv.Tag((v[start]-'0')*10 + v[start+1] - '0')}
		start = e
	}
	return dst, true
}
