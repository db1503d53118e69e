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
func Decode(s string) (*Payment, error) { return DecodeWith(emv.Parser{}, s) }

// DecodeLenient is Decode accepting what wallets accept: a lowercase CRC and
// payloads over 512 characters (up to [emv.MaxLongLength]).
func DecodeLenient(s string) (*Payment, error) {
	return DecodeWith(emv.Parser{AllowLowercaseCRC: true, AllowLong: true}, s)
}

// DecodeWith is Decode with the given parser options.
func DecodeWith(ps emv.Parser, s string) (*Payment, error) {
	p := new(Payment)
	err := ps.ParseInto(&p.tlv, s)
	if len(p.tlv.Fields()) == 0 {
		return nil, err
	}
	if terr := p.decodeFields(); terr != nil {
		if err == nil {
			err = terr
		} else {
			err = errors.Join(err, terr)
		}
	}
	p.reparse = err != nil
	return p, err
}

// decodePool hands out the Payment's built-in list storage, and heap memory
// once that is used up. Each list is capped at its length, so an append by a
// caller copies it out instead of writing over its neighbour.
type decodePool struct{ free []TagValue }

func (d *decodePool) take(n int) []TagValue {
	if n <= len(d.free) {
		s := d.free[:n:n]
		d.free = d.free[n:]
		return s
	}
	return make([]TagValue, n)
}

// decodeFields fills p's typed fields from p.tlv. It returns the first
// template that does not parse, and reads on past it.
func (p *Payment) decodeFields() error {
	fs := p.tlv.Fields()
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
	pool := decodePool{free: p.objs[:]}
	if nScheme > 0 {
		p.SchemeAccounts = pool.take(nScheme)[:0]
	}
	if nRFU > 0 {
		p.RFU = pool.take(nRFU)[:0]
	}
	if nAccounts > 0 {
		if nAccounts <= len(p.accounts) {
			p.MerchantAccounts = p.accounts[:0:nAccounts]
		} else {
			p.MerchantAccounts = make([]MerchantAccount, 0, nAccounts)
		}
	}
	if nUnreserved > 0 {
		p.Unreserved = make([]UnreservedTemplate, 0, nUnreserved)
	}

	var buf [16]emv.Field // template content; a longer template spills to the heap
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
		case t <= 50:
			p.MerchantAccounts = append(p.MerchantAccounts, MerchantAccount{Tag: t})
			k := len(p.MerchantAccounts) - 1
			if err = decodeTemplate(&p.MerchantAccounts[k], f, buf[:0], &pool); err != nil {
				p.MerchantAccounts = p.MerchantAccounts[:k]
			}
		case t == 51:
			if err = decodeTemplate(&p.National, f, buf[:0], &pool); err != nil {
				p.National = NationalAccount{}
			}
		case t == 62:
			if err = decodeTemplate(&p.AdditionalData, f, buf[:0], &pool); err != nil {
				p.AdditionalData = AdditionalData{}
			}
		case t == emv.CRCTag:
		case t == 64:
			if err = decodeTemplate(&p.Language, f, buf[:0], &pool); err != nil {
				p.Language = LanguageTemplate{}
			}
		case t <= 79:
			p.RFU = append(p.RFU, TagValue{Tag: t, Value: f.Value})
		default:
			p.Unreserved = append(p.Unreserved, UnreservedTemplate{Tag: t})
			k := len(p.Unreserved) - 1
			if err = decodeTemplate(&p.Unreserved[k], f, buf[:0], &pool); err != nil {
				p.Unreserved = p.Unreserved[:k]
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

// decodeTemplate parses f's value into tpl: named sub-objects into their
// fields, the rest into tpl's list, in payload order.
func decodeTemplate(tpl template, f *emv.Field, buf emv.Fields, pool *decodePool) error {
	subs, err := f.AppendTemplate(buf)
	if err != nil {
		return err
	}
	rest := 0
	for i := range subs {
		if v := tpl.field(subs[i].Tag); v != nil {
			*v = subs[i].Value
		} else {
			rest++
		}
	}
	if rest == 0 {
		return nil
	}
	other := pool.take(rest)[:0]
	for i := range subs {
		if tpl.field(subs[i].Tag) == nil {
			other = append(other, TagValue{Tag: subs[i].Tag, Value: subs[i].Value})
		}
	}
	*tpl.other() = other
	return nil
}
