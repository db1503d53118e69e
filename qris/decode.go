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
// Decode does not check QRIS rules: a PIX or PromptPay payload decodes too.
// Use Validate for that.
//
// Decode inlines: a Payment that does not outlive its caller lives on the
// caller's stack, and decoding allocates only the lists a payload fills
// (MerchantAccounts, the Other lists, ...).
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
// could be read. Decode and its variants are a new(Payment) and this call,
// small enough to inline: a Payment that does not outlive its caller then
// lives on the caller's stack, and only its lists cost allocations.
func (p *Payment) decode(ps emv.Parser, s string) (*Payment, error) {
	var buf [rootInline]emv.Field
	pl, err := ps.ParseFields(buf[:0], s)
	fs := pl.Fields()
	if len(fs) == 0 {
		return nil, err
	}
	p.raw, p.parser = s, ps
	if terr := p.decodeFields(fs); terr != nil {
		if err == nil {
			err = terr
		} else {
			err = errors.Join(err, terr)
		}
	}
	return p, err
}

// decodeFields fills p's typed fields from the root objects fs. It returns
// the first template that does not parse, and reads on past it.
//
// Nothing here goes through an interface or stores a pointer into p, so
// the compiler can prove p does not escape: see decode.
func (p *Payment) decodeFields(fs emv.Fields) error {
	// Count the root lists first, so each gets its storage in one piece.
	var nScheme, nAccounts, nRFU, nUnreserved int
	for i := range fs {
		switch t := fs[i].Tag; {
		case t >= 2 && t <= 25:
			nScheme++
		case t >= 26 && t <= 50:
			nAccounts++
		case t >= 65 && t <= 79:
			nRFU++
		case t >= 80:
			nUnreserved++
		}
	}
	if nScheme > 0 {
		p.SchemeAccounts = make([]TagValue, 0, nScheme)
	}
	if nRFU > 0 {
		p.RFU = make([]TagValue, 0, nRFU)
	}
	if nAccounts > 0 {
		p.MerchantAccounts = make([]MerchantAccount, 0, nAccounts)
	}
	if nUnreserved > 0 {
		p.Unreserved = make([]UnreservedTemplate, 0, nUnreserved)
	}

	var buf [maxSubObjects]emv.Field // a template holds at most 19 objects
	var first error
	for i := range fs {
		f := &fs[i]
		t := f.Tag
		if v := p.field(t); v != nil {
			*v = f.Value
			continue
		}
		var err error
		switch {
		case t <= 25:
			p.SchemeAccounts = append(p.SchemeAccounts, TagValue{Tag: t, Value: f.Value})
		// The templates are read in place: a decode method writes nothing
		// when the template does not parse, and p is new, its fields zero.
		case t <= 50:
			// Room for every account was made above.
			k := len(p.MerchantAccounts)
			p.MerchantAccounts = p.MerchantAccounts[:k+1]
			a := &p.MerchantAccounts[k]
			if err = a.decode(f, buf[:0]); err == nil {
				a.Tag = t
			} else {
				p.MerchantAccounts = p.MerchantAccounts[:k]
			}
		case t == 51:
			err = p.National.decode(f, buf[:0])
		case t == 62:
			err = p.AdditionalData.decode(f, buf[:0])
		case t == emv.CRCTag:
		case t == 64:
			err = p.Language.decode(f, buf[:0])
		case t <= 79:
			p.RFU = append(p.RFU, TagValue{Tag: t, Value: f.Value})
		default:
			var u UnreservedTemplate
			if err = u.decode(f, buf[:0]); err == nil {
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

// The decode methods parse a template's value into its typed form (named
// sub-objects into their fields, the rest into the list, in payload order).

func (a *MerchantAccount) decode(f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	for i := range subs {
		if v := a.field(subs[i].Tag); v != nil {
			*v = subs[i].Value
		}
	}
	a.Other = otherSubs(subs, 0b1111)
	return nil
}

func (a *NationalAccount) decode(f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	for i := range subs {
		if v := a.field(subs[i].Tag); v != nil {
			*v = subs[i].Value
		}
	}
	a.Other = otherSubs(subs, 0b1111)
	return nil
}

func (d *AdditionalData) decode(f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	for i := range subs {
		if v := d.field(subs[i].Tag); v != nil {
			*v = subs[i].Value
		}
	}
	d.Other = otherSubs(subs, 1<<12-2) // 01..11
	return nil
}

func (l *LanguageTemplate) decode(f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	for i := range subs {
		if v := l.field(subs[i].Tag); v != nil {
			*v = subs[i].Value
		}
	}
	l.Other = otherSubs(subs, 0b111)
	return nil
}

func (u *UnreservedTemplate) decode(f *emv.Field, buf emv.Fields) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	if g, ok := subs.Get(0); ok {
		u.GUID = g.Value
	}
	u.Data = otherSubs(subs, 1)
	return nil
}

// otherSubs returns, in one allocation, the objects of subs whose tag is
// not in named (a bit per tag below 64), or nil when there are none.
func otherSubs(subs emv.Fields, named uint64) []TagValue {
	n := 0
	for i := range subs {
		if t := subs[i].Tag; t >= 64 || named>>t&1 == 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]TagValue, 0, n)
	for i := range subs {
		if t := subs[i].Tag; t >= 64 || named>>t&1 == 0 {
			out = append(out, TagValue{Tag: t, Value: subs[i].Value})
		}
	}
	return out
}
