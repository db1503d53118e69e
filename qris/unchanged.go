package qris

import "github.com/qriskit/qriskit/emv"

// unchanged reports whether p still holds exactly what decoding its input
// gave, root being the input's root objects as parsed. Then building p
// writes the input again (without its checksum object), so Encode gives
// the input back without building it, and Validate checks the input it has
// just parsed. It compares p's fields with the input on every call; nothing
// is remembered from the decode but the input itself, so a change made to
// p since then is seen. It may say false for a Payment that would still
// encode to its input (then Encode builds it and finds that out):
// TestUnchangedAgreesWithBuild holds it to the building path.
func (p *Payment) unchanged(root emv.Fields) bool {
	// The objects must tile the input: a parse that stopped at a fault
	// read only some of them.
	n := 0
	for i := range root {
		n += 4 + len(root[i].Value)
	}
	if p.raw == "" || n != len(p.raw) {
		return false
	}
	ix := objectIndexes()
	pf := p.fields()
	var buf [maxSubObjects]emv.Field
	named := 0 // named root fields met
	var nScheme, nAccounts, nRFU, nUnreserved, nValues int
	for i := range root {
		f := &root[i]
		t := f.Tag
		o, sub := ix.lookup(t)
		if v := fieldIn(&pf, o); v != nil {
			if *v != f.Value {
				return false
			}
			named++
			continue
		}
		same := true
		switch k := o.kind; {
		case k == kindSchemeAccount:
			same = nScheme < len(p.SchemeAccounts) && p.SchemeAccounts[nScheme] == TagValue{Tag: t, Value: f.Value}
			nScheme++
		case k == kindRFU:
			same = nRFU < len(p.RFU) && p.RFU[nRFU] == TagValue{Tag: t, Value: f.Value}
			nRFU++
		case p.broken.has(t):
			// The decode left the template out of the typed form, and
			// Encode writes it back as it was while that stays empty.
			if tpl, ok := p.rootTemplate(k); ok {
				same = tpl.isZero()
			}
		case k == kindMerchantAccount:
			same = nAccounts < len(p.MerchantAccounts) && p.MerchantAccounts[nAccounts].Tag == t &&
				sameTemplate(p.MerchantAccounts[nAccounts].tmpl(), sub, f, &buf)
			nAccounts++
		case k == kindNational || k == kindAdditional || k == kindLanguage:
			tpl, _ := p.rootTemplate(k)
			same = sameTemplate(tpl, sub, f, &buf)
		case k == kindUnreserved:
			// The decode kept it as a plain value when the payload's
			// scheme says so, and then it is the next of those.
			if nValues < len(p.UnreservedValues) && p.UnreservedValues[nValues] == (TagValue{Tag: t, Value: f.Value}) {
				nValues++
				break
			}
			same = nUnreserved < len(p.Unreserved) && p.Unreserved[nUnreserved].Tag == t &&
				sameTemplate(p.Unreserved[nUnreserved].tmpl(), sub, f, &buf)
			nUnreserved++
		}
		if !same {
			return false
		}
	}
	// Nothing may have been added where the input had no object.
	if nScheme != len(p.SchemeAccounts) || nAccounts != len(p.MerchantAccounts) ||
		nRFU != len(p.RFU) || nUnreserved != len(p.Unreserved) || nValues != len(p.UnreservedValues) ||
		named != setFields(&pf) {
		return false
	}
	present := tagsOf(root, tagBits{})
	return (present.has(51) || p.National.IsZero()) && (present.has(62) || p.AdditionalData.IsZero()) &&
		(present.has(64) || p.Language.IsZero())
}

// sameTemplate reports whether tpl, whose sub-table's index is ix, holds
// what decoding template f gave: each named field its object's value, the
// list the other objects in input order, and nothing else.
func sameTemplate(tpl tmpl, ix *objectIndex, f *emv.Field, buf *[maxSubObjects]emv.Field) bool {
	subs, err := f.AppendTemplate(buf[:0])
	if err != nil {
		return false
	}
	other := *tpl.other
	named, k := 0, 0
	for i := range subs {
		s := &subs[i]
		if v := fieldIn(&tpl.fields, ix.object(s.Tag)); v != nil {
			if *v != s.Value {
				return false
			}
			named++
			continue
		}
		if k == len(other) || other[k] != (TagValue{Tag: s.Tag, Value: s.Value}) {
			return false
		}
		k++
	}
	return k == len(other) && named == setFields(&tpl.fields)
}

// setFields counts the named fields of fs that are set (not "").
func setFields(fs *fieldPtrs) int {
	n := 0
	for _, v := range fs {
		if v != nil && *v != "" {
			n++
		}
	}
	return n
}
