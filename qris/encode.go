package qris

import (
	"math/bits"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// String returns the payload, as Encode does, or "" when p cannot be
// encoded; Encode says why.
func (p *Payment) String() string {
	s, err := p.Encode()
	if err != nil {
		return ""
	}
	return s
}

// Encode writes p as a payload.
//
// An unchanged decoded Payment gives back the exact input, its checksum as
// written (even a wrong, misplaced or missing one), and a template that did
// not decode is written back as it was, as long as its typed form stays
// empty. Otherwise the objects that were in the input keep their order (at
// the root and inside each template), a new object goes right after the
// original one with the nearest lower tag (so in ascending order when the
// input was), removed ones disappear, and a fresh uppercase CRC ends the
// payload. A Payment built from scratch comes out in ascending tag order.
//
// Encode fails with ErrTooLong for a template over 99 characters or a
// payload over 512 (unless the decoded input was already longer), and with
// ErrValue for a list entry whose tag does not belong in that list, the same
// tag twice, a value that is not UTF-8, or an UnreservedValues entry that the
// payment's scheme does not write as a plain value (see
// [Payment.UnreservedValues]).
func (p *Payment) Encode() (string, error) {
	var buf [rootInline]emv.Field
	orig := p.root(buf[:0])
	// Comparing an unchanged Payment with its input costs less than
	// building it, and gives the same: the input, checksum as written
	// (TestUnchangedAgreesWithBuild).
	if p.unchanged(orig) {
		return p.raw, nil
	}
	return p.encode(orig)
}

// encode is Encode by building p, orig being the decoded input's root
// objects.
func (p *Payment) encode(orig emv.Fields) (string, error) {
	// The input's root objects give the order to keep; an input whose
	// objects all ascend gives ascending order, which needs no reading.
	if p.shuffled == (tagBits{}) && p.broken == (tagBits{}) {
		orig = nil
	}
	// Room for a payload of 512 characters of up to 2 bytes each; the
	// builder grows past it when needed.
	var mem [2 * emv.MaxLength]byte
	b := emv.NewBuilder(mem[:])
	b.AllowLong = true
	if err := p.build(&b, orig); err != nil {
		return "", err
	}
	raw := p.raw
	// An unchanged Payment gives back its input, checksum as written: no
	// new checksum is needed to see that.
	if raw != "" && b.Err() == nil && p.sameContent(b.Bytes()) {
		return raw, nil
	}
	out, err := b.Payload()
	if err != nil {
		return "", builderError(err)
	}
	limit := emv.MaxLength
	if n := utf8.RuneCountInString(raw); n > limit {
		limit = n
	}
	if n := utf8.RuneCountInString(out); n > limit {
		return "", tooLong("", n, limit)
	}
	if err := p.checkValues(out); err != nil {
		return "", err
	}
	return out, nil
}

// checkValues reports an entry of p.UnreservedValues that the scheme of
// payload, p as written, does not use as a plain value: Decode would read
// it as a template, and fail. The scheme is the one decode detects, from
// the payload's country and merchant accounts.
func (p *Payment) checkValues(payload string) error {
	if len(p.UnreservedValues) == 0 {
		return nil
	}
	var buf [rootInline]emv.Field
	pl, _ := validateParser().ParseFields(buf[:0], payload)
	prof := detect(pl.Fields())
	for _, o := range p.UnreservedValues {
		if row(prof).value(o.Tag) == nil {
			return &Error{Tag: o.Tag.String(), Err: ErrValue, Detail: "a plain value here belongs to a payment of " + valueSchemes(o.Tag) + ", and this one is " + schemeName(prof) + " (by its country and merchant accounts)"}
		}
	}
	return nil
}

// sameContent reports whether content is the decoded input without its
// checksum object, wherever that stood: what build writes for an unchanged
// Payment.
func (p *Payment) sameContent(content []byte) bool {
	raw, at, end := p.raw, int(p.crcAt), int(p.crcEnd)
	return len(content) == len(raw)-(end-at) && string(content[:at]) == raw[:at] && string(content[at:]) == raw[end:]
}

// tagBits is a set of tags 00..99.
type tagBits [2]uint64

// tagsOf returns the set of the tags of fs, those in skip left out.
func tagsOf(fs emv.Fields, skip tagBits) tagBits {
	var lo, hi uint64
	for i := range fs {
		if t := fs[i].Tag; t < 64 {
			lo |= 1 << t
		} else {
			hi |= 1 << (t & 63)
		}
	}
	return tagBits{lo &^ skip[0], hi &^ skip[1]}
}

func (s *tagBits) has(t emv.Tag) bool { return t < 128 && s[t>>6]&(1<<(t&63)) != 0 }
func (s *tagBits) add(t emv.Tag)      { s[t>>6&1] |= 1 << (t & 63) }
func (s *tagBits) del(t emv.Tag)      { s[t>>6&1] &^= 1 << (t & 63) }

// mergeOrder appends to dst the tags of present in the order they are
// written: those of orig in orig's order, and each new one right after the
// original object with the nearest lower tag (first if there is none), new
// ones in ascending order among themselves. Into an ascending input, new
// objects thus fall in ascending order; into any other, 54 still lands right
// after 53. The tags in forget count as new even where orig holds them:
// their original object is dropped, and nothing is placed after it.
func mergeOrder(dst []emv.Tag, orig emv.Fields, present, forget tagBits) []emv.Tag {
	if len(orig) == 0 {
		// Every tag is new: ascending order.
		return present.appendAscending(dst)
	}
	if inOrig := tagsOf(orig, tagBits{}); forget == (tagBits{}) && present[0]&^inOrig[0] == 0 && present[1]&^inOrig[1] == 0 {
		// Nothing new, nothing forgotten: the original order, less what
		// is gone.
		for i := range orig {
			if t := orig[i].Tag; present.has(t) {
				dst = append(dst, t)
			}
		}
		return dst
	}
	o := order{forget: forget}
	o.plan(orig, present)
	dst = o.appendAdded(dst, noAnchor)
	for i := range orig {
		t := orig[i].Tag
		if forget.has(t) {
			continue
		}
		if present.has(t) {
			dst = append(dst, t)
		}
		dst = o.appendAdded(dst, t)
	}
	return dst
}

// order is the plan of mergeOrder, for a walk over the original objects:
// the new objects and the original object each one follows. The
// conversions walk it themselves, to copy runs of unchanged objects.
type order struct {
	present tagBits
	// forget holds tags that count as new even where the original holds
	// them: their original object is dropped, and nothing is placed after
	// it.
	forget tagBits
	// New objects in ascending order, each right after the original object
	// tagged after[k] (noAnchor: before every original object); anchors
	// holds the after[k].
	added, after [100]emv.Tag
	n            int
	anchors      tagBits
}

const noAnchor = emv.Tag(255)

// plan fills in o for the original objects orig and the tags present in
// the result.
func (o *order) plan(orig emv.Fields, present tagBits) {
	o.present = present
	inOrig := tagsOf(orig, o.forget)
	fresh := tagBits{present[0] &^ inOrig[0], present[1] &^ inOrig[1]}
	for o.n < len(o.added) {
		t, ok := fresh.lowest()
		if !ok {
			break
		}
		fresh.del(t)
		o.added[o.n], o.after[o.n] = t, noAnchor
		if a, ok := inOrig.highestBelow(t); ok {
			o.after[o.n] = a
			o.anchors.add(a)
		}
		o.n++
	}
}

// appendAdded appends the new tags that follow the original object tagged
// after.
func (o *order) appendAdded(dst []emv.Tag, after emv.Tag) []emv.Tag {
	for k := 0; k < o.n; k++ {
		if o.after[k] == after {
			dst = append(dst, o.added[k])
		}
	}
	return dst
}

// highestBelow returns the highest tag in s below t.
func (s *tagBits) highestBelow(t emv.Tag) (emv.Tag, bool) {
	lo, hi := s[0], s[1]
	if t < 64 {
		lo &= 1<<t - 1
		hi = 0
	} else {
		hi &= 1<<(t-64) - 1
	}
	if hi != 0 {
		return emv.Tag(64 + bits.Len64(hi) - 1), true
	}
	if lo != 0 {
		return emv.Tag(bits.Len64(lo) - 1), true
	}
	return 0, false
}

// appendAscending appends the tags of s to dst in ascending order.
func (s tagBits) appendAscending(dst []emv.Tag) []emv.Tag {
	for w, base := range [2]emv.Tag{0, 64} {
		for x := s[w]; x != 0; x &= x - 1 {
			dst = append(dst, base+emv.Tag(bits.TrailingZeros64(x)))
		}
	}
	return dst
}

// lowest returns the lowest tag in s.
func (s *tagBits) lowest() (emv.Tag, bool) {
	if s[0] != 0 {
		return emv.Tag(bits.TrailingZeros64(s[0])), true
	}
	if s[1] != 0 {
		return emv.Tag(64 + bits.TrailingZeros64(s[1])), true
	}
	return 0, false
}

// rootTags returns the root tags p holds, or ErrValue for a list entry out
// of its range or a tag held twice.
func (p *Payment) rootTags(pf *fieldPtrs) (tagBits, error) {
	var set tagBits
	add := func(t emv.Tag, k kind, list string) error {
		if rootKind(t) != k {
			lo, hi := kindTags(k)
			return &Error{Tag: t.String(), Err: ErrValue, Detail: list + " holds tags " + lo.String() + ".." + hi.String()}
		}
		if set.has(t) {
			return &Error{Tag: t.String(), Err: ErrValue, Cause: emv.ErrDuplicate}
		}
		set.add(t)
		return nil
	}
	for i := range objects {
		o := &objects[i]
		switch o.kind {
		case kindField:
			if v := fieldIn(pf, o); v != nil && *v != "" {
				set.add(o.From)
			}
		case kindNational, kindAdditional, kindLanguage:
			if tpl, _ := p.rootTemplate(o.kind); !tpl.isZero() {
				set.add(o.From)
			}
		}
	}
	for _, o := range p.SchemeAccounts {
		if err := add(o.Tag, kindSchemeAccount, "SchemeAccounts"); err != nil {
			return set, err
		}
	}
	for i := range p.MerchantAccounts {
		if err := add(p.MerchantAccounts[i].Tag, kindMerchantAccount, "MerchantAccounts"); err != nil {
			return set, err
		}
	}
	for _, o := range p.RFU {
		if err := add(o.Tag, kindRFU, "RFU"); err != nil {
			return set, err
		}
	}
	for i := range p.Unreserved {
		if err := add(p.Unreserved[i].Tag, kindUnreserved, "Unreserved"); err != nil {
			return set, err
		}
	}
	for _, o := range p.UnreservedValues {
		if schemeValue(o.Tag) == nil {
			return set, &Error{Tag: o.Tag.String(), Err: ErrValue, Detail: "UnreservedValues holds only the tags a scheme uses as plain values (" + schemeValueList() + ")"}
		}
		if err := add(o.Tag, kindUnreserved, "UnreservedValues"); err != nil {
			return set, err
		}
	}
	// A template that did not decode stays, as written, until replaced.
	set[0] |= p.broken[0]
	set[1] |= p.broken[1]
	return set, nil
}

// build writes p's root objects, checksum excluded, into b, keeping the
// order of orig, the decoded input's root objects (ascending order when
// orig is empty).
func (p *Payment) build(b *emv.Builder, orig emv.Fields) error {
	pf := p.fields()
	set, err := p.rootTags(&pf)
	if err != nil {
		return err
	}
	ix := objectIndexes()
	var tags [100]emv.Tag
	// One buffer serves every template's sub-objects in turn.
	var subBuf [maxSubObjects]emv.Field
	for _, t := range mergeOrder(tags[:0], orig, set, tagBits{}) {
		o, sub := ix.lookup(t)
		if v := fieldIn(&pf, o); v != nil {
			b.Add(t, *v)
			continue
		}
		switch o.kind {
		case kindSchemeAccount, kindRFU:
			b.Add(t, findTagValue(*p.rootList(o.kind), t))
		case kindMerchantAccount:
			var tpl tmpl
			for i := range p.MerchantAccounts {
				if p.MerchantAccounts[i].Tag == t {
					tpl = p.MerchantAccounts[i].tmpl()
				}
			}
			err = p.buildTemplate(b, orig, &subBuf, t, &tpl, o, sub)
		case kindNational, kindAdditional, kindLanguage:
			tpl, _ := p.rootTemplate(o.kind)
			err = p.buildTemplate(b, orig, &subBuf, t, &tpl, o, sub)
		case kindUnreserved:
			if v, ok := findTag(p.UnreservedValues, t); ok {
				b.Add(t, v)
				break
			}
			var tpl tmpl
			for i := range p.Unreserved {
				if p.Unreserved[i].Tag == t {
					tpl = p.Unreserved[i].tmpl()
				}
			}
			err = p.buildTemplate(b, orig, &subBuf, t, &tpl, o, sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// buildTemplate writes template t from tpl (zero when p has none), whose
// table is e's and ix its index, keeping the order of the sub-objects of
// t in orig. A template of the input that did not parse is written back as
// it was while p has none or an empty one.
func (p *Payment) buildTemplate(b *emv.Builder, orig emv.Fields, subBuf *[maxSubObjects]emv.Field, t emv.Tag, tpl *tmpl, e *Object, ix *objectIndex) error {
	f, inOrig := orig.Get(t)
	if tpl.other == nil || p.broken.has(t) && tpl.isZero() {
		if inOrig && p.broken.has(t) {
			b.Add(t, f.Value)
		}
		return nil
	}
	set := tpl.namedTags(e.Sub)
	other := *tpl.other
	for _, o := range other {
		switch {
		case o.Tag > 99 || fieldIn(&tpl.fields, ix.object(o.Tag)) != nil:
			return &Error{Tag: t.String() + "." + o.Tag.String(), Err: ErrValue, Detail: "this tag has a named field, not a place in the list"}
		case set.has(o.Tag):
			return &Error{Tag: t.String() + "." + o.Tag.String(), Err: ErrValue, Cause: emv.ErrDuplicate}
		}
		set.add(o.Tag)
	}
	var origSubs emv.Fields
	if inOrig && p.orderRead(t) {
		// An original that did not parse gives no order to keep, and
		// one in ascending order gives ascending order.
		origSubs, _ = f.AppendTemplate(subBuf[:0])
	}
	var tags [100]emv.Tag
	b.OpenTemplate(t)
	for _, s := range mergeOrder(tags[:0], origSubs, set, tagBits{}) {
		if v := fieldIn(&tpl.fields, ix.object(s)); v != nil {
			b.Add(s, *v)
		} else {
			b.Add(s, findTagValue(other, s))
		}
	}
	b.CloseTemplate()
	return nil
}

func findTagValue(list []TagValue, t emv.Tag) string {
	v, _ := findTag(list, t)
	return v
}

// findTag returns the value of the entry of list tagged t.
func findTag(list []TagValue, t emv.Tag) (string, bool) {
	for _, o := range list {
		if o.Tag == t {
			return o.Value, true
		}
	}
	return "", false
}

// namedTags returns the set of the tags of tpl's named fields, as table
// gives them, that are set (not "").
func (tpl *tmpl) namedTags(table []Object) tagBits {
	var set tagBits
	for i := range table {
		if v := fieldIn(&tpl.fields, &table[i]); v != nil && *v != "" {
			set.add(table[i].From)
		}
	}
	return set
}

// isZero reports whether tpl holds nothing: the IsZero of every template
// type.
func (tpl tmpl) isZero() bool {
	if len(*tpl.other) > 0 {
		return false
	}
	for _, v := range tpl.fields {
		if v != nil && *v != "" {
			return false
		}
	}
	return true
}
