package qris

import (
	"errors"
	"strings"

	"github.com/qriskit/qriskit/emv"
)

// Initiation is the Point of Initiation Method (01) as written.
type Initiation string

const (
	// Static marks a code printed once and paid many times; the payer types
	// the amount.
	Static Initiation = "11"
	// Dynamic marks a code made for one transaction, normally with an amount.
	Dynamic Initiation = "12"
)

// TagValue is a data object the model has no named field for (an RFU tag, a
// network-specific sub-object, a payment-system template of 62), kept exactly
// as written.
type TagValue struct {
	Tag   emv.Tag
	Value string
}

// MerchantAccount is a Merchant Account Information template, 26..50: in
// QRIS, 26..45 hold the domestic acquirers' accounts. The fields are named
// as QRIS names 01..03; in another scheme's account they hold what that
// scheme puts there (PromptPay's mobile number in PAN, VietQR's 38.01
// template as written), and the JSON form and [DescribeIn] use the
// scheme's names.
type MerchantAccount struct {
	// Tag is the template's tag, 26..50.
	Tag emv.Tag
	// GUID (00) names the acquirer, as a reverse domain such as
	// "ID.CO.QRIS.WWW", an AID, or "00".
	GUID string
	// PAN (01) is the merchant PAN; its first 8 digits are the NNS.
	PAN string
	// MerchantID (02) is the acquirer's merchant identifier.
	MerchantID string
	// Criteria (03) is the merchant criteria: UMI, UKE, UME, UBE, URE, PSO or
	// BLU.
	Criteria string
	// Other holds sub-objects 04..99 as written, in payload order.
	Other []TagValue
}

// NationalAccount is template 51, the Domestic Central Repository account.
// The zero value means the template is absent.
type NationalAccount struct {
	// GUID (00) is "ID.CO.QRIS.WWW" in every QRIS seen.
	GUID string
	// PAN (01) is a merchant PAN, absent in every QRIS seen.
	PAN string
	// NMID (02) is the National Merchant ID, "ID" and 13 digits.
	NMID string
	// Criteria (03) is the merchant criteria, as in 26..45.
	Criteria string
	// Other holds sub-objects 04..99 as written, in payload order.
	Other []TagValue
}

// AdditionalData is template 62. The zero value means the template is
// absent. A named field may hold "***": the wallet asks the payer for it.
type AdditionalData struct {
	BillNumber          string // 01
	MobileNumber        string // 02
	StoreLabel          string // 03
	LoyaltyNumber       string // 04
	ReferenceLabel      string // 05
	CustomerLabel       string // 06
	TerminalLabel       string // 07
	Purpose             string // 08
	ConsumerDataRequest string // 09: any of "A", "M", "E"
	MerchantTaxID       string // 10 (EMV v1.1)
	MerchantChannel     string // 11 (EMV v1.1)
	// Other holds 00 and 12..99 as written, in payload order; the
	// payment-system templates 50..99 keep their content unparsed.
	Other []TagValue
}

// LanguageTemplate is template 64, the merchant's name and city in another
// language. The zero value means the template is absent.
type LanguageTemplate struct {
	Preference   string // 00: ISO 639 language code, two letters
	MerchantName string // 01
	MerchantCity string // 02
	// Other holds 03..99 as written, in payload order.
	Other []TagValue
}

// UnreservedTemplate is one of templates 80..99, defined by whoever owns its
// GUID.
type UnreservedTemplate struct {
	// Tag is the template's tag, 80..99.
	Tag emv.Tag
	// GUID (00) names the owner.
	GUID string
	// Data holds sub-objects 01..99 as written, in payload order.
	Data []TagValue
}

// Payment is a decoded payload. Strings are views into the decoded input; an
// empty string, a zero template or an empty list means the object is absent.
//
// Change fields freely: [Payment.Encode] keeps the decoded order for the
// objects that were there, places each new one right after the object with
// the nearest lower tag, drops removed ones and writes a fresh CRC. An
// unchanged Payment encodes to the exact input. [Payment.TLV] and
// [Payment.Validate] keep describing the input, not the changes.
//
// A Payment marshals to the JSON form described in JSON.md and reads back
// to an Equal one. Copying a Payment copies its lists shallowly, as for any
// struct holding slices; use it through its pointer.
type Payment struct {
	PayloadFormat        string            // 00, "01"
	Initiation           Initiation        // 01
	SchemeAccounts       []TagValue        // 02..25: card schemes' primitive accounts
	MerchantAccounts     []MerchantAccount // 26..50, in payload order
	National             NationalAccount   // 51
	MerchantCategoryCode string            // 52, ISO 18245
	Currency             string            // 53, ISO 4217 numeric ("360")
	// Amount (54) is absent in a static code: the payer types it.
	Amount Amount
	// TipIndicator (55) is "01" (the wallet asks for a tip), "02" (fixed
	// fee in 56) or "03" (percentage in 57), as written; see [Payment.Tip].
	TipIndicator             string
	ConvenienceFeeFixed      Amount // 56
	ConvenienceFeePercentage Amount // 57, 0.01..99.99
	CountryCode              string // 58, "ID"
	MerchantName             string // 59
	MerchantCity             string // 60
	PostalCode               string // 61
	AdditionalData           AdditionalData
	Language                 LanguageTemplate     // 64
	RFU                      []TagValue           // 65..79, reserved for EMVCo
	Unreserved               []UnreservedTemplate // 80..99
	// UnreservedValues are objects of 80..99 that the payload's scheme
	// writes as plain values rather than templates (PromptPay's 81, a
	// TrueMoney personal message), as written, in payload order. Encode
	// takes a tag here only when the payment's own scheme uses it as a
	// plain value: the scheme [DetectProfile] gives the payload, by its
	// country (58) and merchant accounts' GUIDs, so that Decode reads it
	// back here.
	UnreservedValues []TagValue

	// raw is the decoded input and parser the options it was decoded with.
	raw string
	// broken holds the root templates whose content did not parse: Encode
	// writes them back as they were while their typed form stays empty.
	broken tagBits
	// shuffled marks the templates whose objects were not in ascending tag
	// order in the input, and the root (as 63, which holds no objects):
	// only for those does Encode read the input again to learn the order
	// to keep. Everything else encodes in ascending order whatever is
	// changed, as a new object follows the one with the nearest lower tag.
	shuffled tagBits
	parser   emv.Parser
	// crcAt and crcEnd are where the input's checksum object starts and
	// ends in bytes, both 0 when it has none. A payload holds at most
	// emv.MaxLongLength characters of up to 4 bytes.
	crcAt, crcEnd uint16
	// sumRight is set when the decode computed the input's checksum and
	// found it right, so that validating the input need not compute it
	// again. Like crcAt, it describes the input, which never changes.
	sumRight bool
}

// TLV returns the root data objects of the decoded input, checksum
// included, parsed again with the options of the decode (so each call costs
// a parse). It describes the input: changes to p's fields do not show here.
func (p *Payment) TLV() *emv.Payload {
	if p.raw == "" {
		return &emv.Payload{}
	}
	pl, _ := p.parser.ParseFields(nil, p.raw)
	return &pl
}

// Validate checks what p encodes to against the rules of o: it is
// Validate(p.String(), o), changes to p's fields included. An unchanged
// decoded Payment encodes to its input, so this validates the input. A
// Payment that cannot be encoded has one problem, Encode's error, at
// offset 0 under the rule the payload would break: R09 for a payload over
// its bound, R04 for a tag twice, R01 for text that is not UTF-8, R02 for
// anything else (a value too long, empty, or under a tag it cannot have).
func (p *Payment) Validate(o Options) []Problem {
	if p.raw != "" {
		// An unchanged Payment encodes to its input: the input, parsed
		// once for the rules, is then what to check, and the parse shows
		// whether p is unchanged.
		var v validator
		v.o = o
		ps := validateParser()
		ps.SkipCRC = p.sumRight
		err := v.parse(p.raw, ps)
		if p.unchanged(v.fields()) {
			return v.check(err)
		}
	}
	s, err := p.Encode()
	if err != nil {
		return []Problem{encodeProblem(err)}
	}
	return Validate(s, o)
}

// encodeProblem is the Problem of a Payment that Encode refuses.
func encodeProblem(err error) Problem {
	pr := Problem{Rule: "R02", Severity: SeverityError, Message: strings.TrimPrefix(err.Error(), "qris: ")}
	var e *Error
	if errors.As(err, &e) {
		pr.Tag = e.Tag
	}
	switch {
	case errors.Is(err, ErrTooLong) && pr.Tag == "":
		pr.Rule = "R09"
	case errors.Is(err, emv.ErrDuplicate):
		pr.Rule = "R04"
	case errors.Is(err, emv.ErrUTF8):
		pr.Rule = "R01"
	}
	return pr
}

// root returns the root objects of the decoded input as the decode read
// them, in buf when they fit (a new slice otherwise). It leaves the
// checksum alone: the decode reported it, and only the order matters here.
func (p *Payment) root(buf emv.Fields) emv.Fields {
	if p.raw == "" {
		return buf[:0]
	}
	ps := p.parser
	ps.SkipCRC = true
	pl, _ := ps.ParseFields(buf, p.raw)
	return pl.Fields()
}

// orderRead reports whether Encode reads the order of template t, or of
// the root for emv.CRCTag, from the input.
func (p *Payment) orderRead(t emv.Tag) bool { return p.shuffled.has(t) }

// rootInline is how many root objects the fixed arrays that read them
// hold: more than any real payload seen holds (the corpus tops out at 17).
const rootInline = 24

// IsDynamic reports whether the point of initiation is "12".
func (p *Payment) IsDynamic() bool { return p.Initiation == Dynamic }

// TipKind says what 55 asks of the wallet.
type TipKind uint8

const (
	// TipNone: no tip, no fee (55 absent).
	TipNone TipKind = iota
	// TipPrompt: the wallet asks the payer for a tip (55 = "01").
	TipPrompt
	// TipFixed: a fixed convenience fee, in 56 (55 = "02").
	TipFixed
	// TipPercentage: a convenience fee as a percentage of the amount, in 57
	// (55 = "03").
	TipPercentage
	// TipUnknown: 55 holds something else, kept in Payment.TipIndicator.
	TipUnknown
)

// String returns "none", "prompt", "fixed", "percentage" or "unknown".
func (k TipKind) String() string {
	switch k {
	case TipNone:
		return "none"
	case TipPrompt:
		return "prompt"
	case TipFixed:
		return "fixed"
	case TipPercentage:
		return "percentage"
	}
	return "unknown"
}

// indicator returns the value of 55 for k, "" for none.
func (k TipKind) indicator() string {
	switch k {
	case TipPrompt:
		return "01"
	case TipFixed:
		return "02"
	case TipPercentage:
		return "03"
	}
	return ""
}

// Tip is a tip or convenience fee: a kind and, for a fixed fee, an amount in
// the currency, for a percentage, a number from 0.01 to 99.99.
type Tip struct {
	Kind  TipKind
	Value Amount
}

// Tip reads 55, 56 and 57.
func (p *Payment) Tip() Tip {
	switch p.TipIndicator {
	case "":
		return Tip{}
	case "01":
		return Tip{Kind: TipPrompt}
	case "02":
		return Tip{Kind: TipFixed, Value: p.ConvenienceFeeFixed}
	case "03":
		return Tip{Kind: TipPercentage, Value: p.ConvenienceFeePercentage}
	}
	return Tip{Kind: TipUnknown}
}

// IsZero reports whether template 51 is absent.
func (a *NationalAccount) IsZero() bool { return a.tmpl().isZero() }

// IsZero reports whether template 62 is absent.
func (d *AdditionalData) IsZero() bool { return d.tmpl().isZero() }

// IsZero reports whether template 64 is absent.
func (l *LanguageTemplate) IsZero() bool { return l.tmpl().isZero() }

// Equal reports whether p and q hold the same objects with the same values,
// byte for byte (amounts compare as written: "1000" is not "1000.00"). Lists
// compare as sets of tags: their order follows the input they came from,
// which Equal does not compare, as it does not compare the order of the
// objects.
func (p *Payment) Equal(q *Payment) bool {
	if p == nil || q == nil {
		return p == q
	}
	pf, qf := p.fields(), q.fields()
	for i := range pf {
		if pf[i] != nil && *pf[i] != *qf[i] {
			return false
		}
	}
	if !equalTagValues(p.SchemeAccounts, q.SchemeAccounts) || !equalTagValues(p.RFU, q.RFU) ||
		!equalTagValues(p.UnreservedValues, q.UnreservedValues) ||
		!equalTemplates(p.National.tmpl(), q.National.tmpl()) ||
		!equalTemplates(p.AdditionalData.tmpl(), q.AdditionalData.tmpl()) ||
		!equalTemplates(p.Language.tmpl(), q.Language.tmpl()) ||
		len(p.MerchantAccounts) != len(q.MerchantAccounts) || len(p.Unreserved) != len(q.Unreserved) {
		return false
	}
	for i := range p.MerchantAccounts {
		a := &p.MerchantAccounts[i]
		b := findTemplate(q.MerchantAccounts, func(b *MerchantAccount) bool { return b.Tag == a.Tag })
		if b == nil || !equalTemplates(a.tmpl(), b.tmpl()) {
			return false
		}
	}
	for i := range p.Unreserved {
		a := &p.Unreserved[i]
		b := findTemplate(q.Unreserved, func(b *UnreservedTemplate) bool { return b.Tag == a.Tag })
		if b == nil || !equalTemplates(a.tmpl(), b.tmpl()) {
			return false
		}
	}
	return true
}

// equalTemplates compares two templates of the same type.
func equalTemplates(a, b tmpl) bool {
	for i := range a.fields {
		if a.fields[i] != nil && *a.fields[i] != *b.fields[i] {
			return false
		}
	}
	return equalTagValues(*a.other, *b.other)
}

func findTemplate[T any](list []T, match func(*T) bool) *T {
	for i := range list {
		if match(&list[i]) {
			return &list[i]
		}
	}
	return nil
}

// equalTagValues compares two lists as multisets.
func equalTagValues(a, b []TagValue) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if countTagValue(a, x) != countTagValue(b, x) {
			return false
		}
	}
	return true
}

func countTagValue(list []TagValue, x TagValue) int {
	n := 0
	for _, y := range list {
		if y == x {
			n++
		}
	}
	return n
}

// fieldPtrs holds the named fields of one typed form, each at the place
// its row's field says (from 1); maxFields bounds them.
type fieldPtrs [maxFields]*string

const maxFields = 12

// fields returns p's named root fields, at the places the rows of the
// object table give them.
func (p *Payment) fields() fieldPtrs {
	return fieldPtrs{&p.PayloadFormat, (*string)(&p.Initiation), &p.MerchantCategoryCode, &p.Currency,
		(*string)(&p.Amount), &p.TipIndicator, (*string)(&p.ConvenienceFeeFixed), (*string)(&p.ConvenienceFeePercentage),
		&p.CountryCode, &p.MerchantName, &p.MerchantCity, &p.PostalCode}
}

// rootList returns the list that keeps p's root objects of kind k
// (SchemeAccounts, RFU), or nil for a kind kept otherwise.
func (p *Payment) rootList(k kind) *[]TagValue {
	switch k {
	case kindSchemeAccount:
		return &p.SchemeAccounts
	case kindRFU:
		return &p.RFU
	}
	return nil
}

// rootTemplate returns the typed form of p's one template of kind k (51,
// 62, 64); false for a kind that is not such a template.
func (p *Payment) rootTemplate(k kind) (tmpl, bool) {
	switch k {
	case kindNational:
		return p.National.tmpl(), true
	case kindAdditional:
		return p.AdditionalData.tmpl(), true
	case kindLanguage:
		return p.Language.tmpl(), true
	}
	return tmpl{}, false
}

// tmpl is a template's typed form as the object table sees it: its named
// fields, at the places the rows of its sub-table give them, and the list
// that keeps the rest in payload order.
type tmpl struct {
	fields fieldPtrs
	other  *[]TagValue
}

func (a *MerchantAccount) tmpl() tmpl {
	return tmpl{fieldPtrs{&a.GUID, &a.PAN, &a.MerchantID, &a.Criteria}, &a.Other}
}

func (a *NationalAccount) tmpl() tmpl {
	return tmpl{fieldPtrs{&a.GUID, &a.PAN, &a.NMID, &a.Criteria}, &a.Other}
}

func (d *AdditionalData) tmpl() tmpl {
	return tmpl{fieldPtrs{&d.BillNumber, &d.MobileNumber, &d.StoreLabel, &d.LoyaltyNumber, &d.ReferenceLabel,
		&d.CustomerLabel, &d.TerminalLabel, &d.Purpose, &d.ConsumerDataRequest, &d.MerchantTaxID, &d.MerchantChannel}, &d.Other}
}

func (l *LanguageTemplate) tmpl() tmpl {
	return tmpl{fieldPtrs{&l.Preference, &l.MerchantName, &l.MerchantCity}, &l.Other}
}

func (u *UnreservedTemplate) tmpl() tmpl { return tmpl{fieldPtrs{&u.GUID}, &u.Data} }
