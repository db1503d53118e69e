package qris

import (
	"github.com/qriskit/qriskit/emv"
)

// checkQRIS applies the QRIS rules that tie root objects together: Q01..Q05,
// Q15 and Q16. The rules on single objects run with the EMV ones.
func (v *validator) checkQRIS() {
	country, hasCountry := v.get(58)
	indonesia := hasCountry && country.Value == "ID"
	// A malformed 58 is R19's: Q01 judges a well-formed code only.
	if hasCountry && !indonesia && len(country.Value) == 2 && isUpperAlpha(country.Value) {
		v.add(q01, v.path(country), country.Offset, v.text("country ", v.quote(country.Value), " is not \"ID\": this is not an Indonesian QRIS"))
	}
	if indonesia {
		if c, ok := v.get(53); ok && c.Value != "360" && len(c.Value) == 3 && digitsOnly(c.Value) {
			v.add(q02, v.path(c), c.Offset, v.text("currency ", v.quote(c.Value), " is not \"360\" (rupiah), which QRIS requires with country \"ID\""))
		}
		if v.at[61] == 0 {
			v.missing(q03, "61", country, "country is \"ID\" but 61, the postal code, is missing")
		}
	}
	method, hasMethod := v.get(1)
	static := hasMethod && method.Value == "11"
	dynamic := hasMethod && method.Value == "12"
	_, hasNational := v.get(51)
	if static && !hasNational {
		v.missing(q04, "51", method, "a static QRIS (01 \"11\") needs 51, the national repository template with the NMID")
	}
	if !hasNational {
		v.checkQ05()
	}
	amount, hasAmount := v.get(54)
	if dynamic && !hasAmount {
		v.add(q15, v.path(method), method.Offset, "a dynamic QRIS (01 \"12\") has no amount (54): the payer will have to enter it")
	}
	if static && hasAmount {
		v.add(q16, v.path(amount), amount.Offset, "a static QRIS (01 \"11\") carries an amount (54): use \"12\" for a QR made for one payment")
	}
}

// q05Enough are the accounts that meet Q05 without 51: the card schemes'
// (02..25) and the domestic acquirers' (26..45); q05Other are the other
// merchant accounts (46..50), which do not.
var (
	q05Enough = rowTags(func(o *Object) bool { return o.kind == kindSchemeAccount || isDomestic(o) })
	q05Other  = rowTags(func(o *Object) bool { return o.kind == kindMerchantAccount && !isDomestic(o) })
)

// checkQ05: without 51, one of 02..45 must be there. When none of 02..51 is,
// R11 has said so already.
func (v *validator) checkQ05() {
	present := tagBits(v.present)
	if present.meets(q05Enough) || !present.meets(q05Other) {
		return
	}
	for t := emv.Tag(0); t < 100; t++ {
		if !q05Other.has(t) {
			continue
		}
		if other, ok := v.get(t); ok {
			v.add(q05, v.path(other), other.Offset, v.text("the only merchant accounts are in ", other.Tag.String(), " (46..50): QRIS needs 51 or one of 02..45"))
			return
		}
	}
}
