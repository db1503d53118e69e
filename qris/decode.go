package qris

import (
	"errors"

	"github.com/qriskit/qriskit/emv"
)

// Decode reads a payload strictly: EMV's 512-character bound and an
// uppercase CRC (see [emv.Parser]). Every template the spec defines (26..51,
// 62, 64, 80..99) is read into its typed form; everything else is kept as
// written.
//
// On a checksum error (a mismatch, lowercase hex, a value that is not hex)
// Decode still returns the whole Payment with the error, so a validator can
// report the checksum with everything else. On a structural error it returns
// what it could read before the fault (nil if nothing) and the error: an
// [*emv.Error] for errors.As, wrapping an emv sentinel for errors.Is. A
// template whose content is not TLV is left out of the typed fields (Encode
// writes it back as it was) and reported the same way, wrapping
// emv.ErrNotTLV; the rest is decoded.
//
// Decode does not check QRIS rules: a PIX or PromptPay payload decodes too,
// and a tag in 80..99 that the payload's scheme uses as a plain value
// (PromptPay's 81) goes to UnreservedValues. Templates nested in a
// merchant account (VietQR's 38.01) are kept as written, as 62's are; the
// JSON form opens them. Use Validate for the rules.
func Decode(s string) (*Payment, error) { return new(Payment).decode(emv.Parser{}, s) }

// DecodeLenient is Decode accepting what wallets accept: a lowercase CRC and
// payloads over 512 characters (up to [emv.MaxLongLength]).
func DecodeLenient(s string) (*Payment, error) {
	return new(Payment).decode(emv.Parser{AllowLowercaseCRC: true, AllowLong: true}, s)
}

// DecodeWith is Decode with the given parser options. With SkipCRC the
// checksum is not checked here; [Payment.Validate] still reports it.
func DecodeWith(ps emv.Parser, s string) (*Payment, error) {
	return new(Payment).decode(ps, s)
}

// decode fills p from s and returns it, or nil when not one root object
// could be read.
func (p *Payment) decode(ps emv.Parser, s string) (*Payment, error) {
	var buf [rootInline]emv.Field
	pl, err := ps.ParseFields(buf[:0], s)
	fs := pl.Fields()
	if len(fs) == 0 {
		return nil, err
	}
	p.raw, p.parser, p.sumRight = s, ps, err == nil && !ps.SkipCRC
	if terr := p.decodeFields(fs); terr != nil {
		if err == nil {
			err = terr
		} else {
			err = errors.Join(err, terr)
		}
	}
	return p, err
}

// decodeFields fills p's typed fields from the root objects fs: a value
// with a field in the object table goes there, the rest to the lists and
// templates. It returns the first template that does not parse, and reads
// on past it.
func (p *Payment) decodeFields(fs emv.Fields) error {
	// Count the root lists first, so each gets its storage in one piece.
	ix := objectIndexes()
	var n [kinds]int
	for i := range fs {
		if o := ix.object(fs[i].Tag); o != nil {
			n[o.kind]++
		}
	}
	if n[kindSchemeAccount] > 0 {
		p.SchemeAccounts = make([]TagValue, 0, n[kindSchemeAccount])
	}
	if n[kindRFU] > 0 {
		p.RFU = make([]TagValue, 0, n[kindRFU])
	}
	if n[kindMerchantAccount] > 0 {
		p.MerchantAccounts = make([]MerchantAccount, 0, n[kindMerchantAccount])
	}
	if n[kindUnreserved] > 0 {
		p.Unreserved = make([]UnreservedTemplate, 0, n[kindUnreserved])
	}

	pf := p.fields()
	var buf [maxSubObjects]emv.Field // a template holds at most 19 objects
	var first error
	var prof Profile // the payload's, once detected
	detected := false
	at := 0 // where fs[i] starts in the input: the root objects tile it
	for i := range fs {
		f := &fs[i]
		t := f.Tag
		if i > 0 && t <= fs[i-1].Tag {
			p.shuffled.add(emv.CRCTag)
		}
		if t == emv.CRCTag && p.crcEnd == 0 {
			p.crcAt, p.crcEnd = uint16(at), uint16(at+4+len(f.Value))
		}
		at += 4 + len(f.Value)
		o, sub := ix.lookup(t)
		if v := fieldIn(&pf, o); v != nil {
			*v = f.Value
			continue
		}
		var err error
		// The table's kind says where the object goes; decodeTemplate
		// writes nothing when the template does not parse, and p is new,
		// its fields zero.
		switch o.kind {
		case kindSchemeAccount, kindRFU:
			l := p.rootList(o.kind)
			*l = append(*l, TagValue{Tag: t, Value: f.Value})
		case kindMerchantAccount:
			// Room for every account was made above.
			k := len(p.MerchantAccounts)
			p.MerchantAccounts = p.MerchantAccounts[:k+1]
			a := &p.MerchantAccounts[k]
			if err = p.decodeTemplate(a.tmpl(), sub, f, buf[:0]); err == nil {
				a.Tag = t
			} else {
				p.MerchantAccounts = p.MerchantAccounts[:k]
			}
		case kindNational, kindAdditional, kindLanguage:
			tpl, _ := p.rootTemplate(o.kind)
			err = p.decodeTemplate(tpl, sub, f, buf[:0])
		case kindUnreserved:
			if schemeValueTags.has(t) {
				// Only a payload of a scheme that uses t so holds a plain
				// value there: find out which, once.
				if !detected {
					prof, detected = detect(fs), true
				}
				if row(prof).value(t) != nil {
					p.UnreservedValues = append(p.UnreservedValues, TagValue{Tag: t, Value: f.Value})
					break
				}
			}
			var u UnreservedTemplate
			if err = p.decodeTemplate(u.tmpl(), sub, f, buf[:0]); err == nil {
				u.Tag = t
				p.Unreserved = append(p.Unreserved, u)
			}
		}
		if err != nil {
			p.broken.add(t)
			if first == nil {
				first = err
			}
		}
	}
	// A list that lost its entries to template errors reads as absent.
	if len(p.MerchantAccounts) == 0 {
		p.MerchantAccounts = nil
	}
	if len(p.Unreserved) == 0 {
		p.Unreserved = nil
	}
	return first
}

// decodeTemplate parses the value of template f into tpl: a sub-object
// whose row in ix, the index of the template's table, names a field into
// that field, the rest into tpl's list, in payload order. It writes nothing
// when the value does not parse, and marks f's tag in p.shuffled when its
// objects are not in ascending tag order.
func (p *Payment) decodeTemplate(tpl tmpl, ix *objectIndex, f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	var named tagBits
	for i := range subs {
		if i > 0 && subs[i].Tag <= subs[i-1].Tag {
			p.shuffled.add(f.Tag)
		}
		if v := fieldIn(&tpl.fields, ix.object(subs[i].Tag)); v != nil {
			*v = subs[i].Value
			named.add(subs[i].Tag)
		}
	}
	*tpl.other = otherSubs(subs, named)
	return nil
}

// otherSubs returns, in one allocation, the objects of subs whose tag is
// not in named, or nil when there are none.
func otherSubs(subs emv.Fields, named tagBits) []TagValue {
	n := 0
	for i := range subs {
		if !named.has(subs[i].Tag) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]TagValue, 0, n)
	for i := range subs {
		if t := subs[i].Tag; !named.has(t) {
			out = append(out, TagValue{Tag: t, Value: subs[i].Value})
		}
	}
	return out
}
