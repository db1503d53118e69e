package qris

import "github.com/qriskit/qriskit/emv"

// Format is the character set a value may use [EMV §4.5].
type Format uint8

const (
	// Numeric values hold "0".."9" only.
	Numeric Format = iota + 1
	// AlphanumericSpecial values hold printable ASCII, 0x20..0x7E.
	AlphanumericSpecial
	// String values hold any Unicode character, UTF-8 encoded.
	String
)

// String returns the spec's short name: "N", "ans" or "S".
func (f Format) String() string {
	switch f {
	case Numeric:
		return "N"
	case AlphanumericSpecial:
		return "ans"
	case String:
		return "S"
	}
	return "?"
}

// Object describes one data object, or a run of tags that share a meaning
// (26..45, say). It is the single source of names, JSON keys, formats,
// length bounds and of the Go field a decoded value lives in: the decoder,
// the encoder, the JSON form and the CLI's labels read it.
type Object struct {
	// From and To are the tags the entry covers, inclusive.
	From, To emv.Tag
	// Name is the spec's name, for people.
	Name string
	// Key is the JSON field name (lowerCamelCase English).
	Key string
	// Format is the value's character set; for a template, that of its content.
	Format Format
	// Min and Max bound the value's length in characters.
	Min, Max int
	// Template says the value is itself a run of data objects, described by Sub.
	Template bool
	// Sub describes the objects inside a template.
	Sub []Object
	// Rule is the id of the rule that checks the object's value (see
	// [Rules]): its length, characters and allowed values, and, for a
	// template, the sub-objects it must carry. "" when no rule looks at
	// it alone. The validator takes every rule id of an object from its
	// row: these five columns (Rule, QRISRule, CharRule, ExtraRule and
	// NoPipe's Q12) are the only place that says which rule guards what.
	Rule string
	// QRISRule is the QRIS rule that restates Rule for the object, which
	// the QRIS profile reports instead ("" for none): Q13 the syntax of
	// 54 and 56, Q14 that of 57, Q22 the length of 59, Q06 and Q09 the
	// merchant account templates, Q17 and Q18 the objects of 62.
	QRISRule string
	// CharRule is the rule a character outside Format breaks, when it is
	// not Rule's: R27, printable ASCII, for 59..61, whose own rules say
	// nothing of characters.
	CharRule string
	// ExtraRule is one more rule on the value, reported beside Rule's:
	// the NNS of an mPAN (Q07), the forms real QRIS payloads take (Q10,
	// Q11, Q21), no leading zeros in an amount (X01), an uppercase CRC
	// (R08).
	ExtraRule string
	// NoPipe says QRIS forbids '|' in the value in lenient mode too
	// (Q12; in strict mode it forbids it in every ans value).
	NoPipe bool
	// Required says the object must be present: at the root under every
	// profile but one whose row leaves it out (see [Profile]); for a
	// sub-object, whenever its template is there.
	Required bool

	// field is where the model keeps the object's value: the place, from
	// 1, of its Go field in the fields of its template's typed form (see
	// [Payment.fields] and the tmpl methods); 0 for an object kept in a
	// list (an Other, RFU, ...) or for a template, which has a type of its
	// own. [numbered] sets it from the table's order.
	field uint8
	// values are the only values a scheme's object may take (VietQR's
	// service code); nil for any.
	values []string
	// kind says, for a root object, where the model keeps it: the one
	// place that tells the decoder, the encoder and the JSON form what a
	// root tag is.
	kind kind
}

// kind is what a root tag holds, and so where a [Payment] keeps it.
type kind uint8

const (
	// kindField: a value with a named field of its own (the row's field).
	kindField kind = iota
	// kindSchemeAccount: 02..25, a card scheme's account, in SchemeAccounts.
	kindSchemeAccount
	// kindMerchantAccount: 26..50, a template in MerchantAccounts.
	kindMerchantAccount
	// kindNational: 51, the template National.
	kindNational
	// kindAdditional: 62, the template AdditionalData.
	kindAdditional
	// kindCRC: 63, which the encoder writes.
	kindCRC
	// kindLanguage: 64, the template Language.
	kindLanguage
	// kindRFU: 65..79, reserved for EMVCo, in RFU.
	kindRFU
	// kindUnreserved: 80..99, a template in Unreserved.
	kindUnreserved
	// kinds counts the kinds.
	kinds
)

// rootKind returns the kind of root tag t (00..99).
func rootKind(t emv.Tag) kind {
	if o := objectIndexes().object(t); o != nil {
		return o.kind
	}
	return kindField
}

// isAccount reports whether root tag t is a merchant account template,
// 26..51, whose sub-objects mean what the owner of its GUID says.
func isAccount(t emv.Tag) bool {
	k := rootKind(t)
	return k == kindMerchantAccount || k == kindNational
}

// rowTags returns the set of the root tags of the rows for which keep
// holds.
func rowTags(keep func(o *Object) bool) tagBits {
	var set tagBits
	for i := range objects {
		if o := &objects[i]; keep(o) {
			for t := o.From; t <= o.To; t++ {
				set.add(t)
			}
		}
	}
	return set
}

// meets reports whether s and o share a tag.
func (s tagBits) meets(o tagBits) bool { return s[0]&o[0] != 0 || s[1]&o[1] != 0 }

// isDomestic reports whether root row o is a domestic acquirer's merchant
// account (26..45), whose objects are domesticAccountSub, as QRIS reads it.
func isDomestic(o *Object) bool {
	return o.kind == kindMerchantAccount && len(o.Sub) > 0 && &o.Sub[0] == &domesticAccountSub[0]
}

// kindTags returns the first and last tag of kind k in the table, for
// messages ("MerchantAccounts holds tags 26..50").
func kindTags(k kind) (lo, hi emv.Tag) {
	lo = 99
	for i := range objects {
		if o := &objects[i]; o.kind == k {
			lo, hi = min(lo, o.From), max(hi, o.To)
		}
	}
	return lo, hi
}

// numbered gives each row of a typed form's table that holds one named
// value (a single tag, not a template, not reserved, not the CRC) its
// place among those rows, which is the place of its Go field in the
// form's fields list: the list follows the table's order, so a new named
// object is a row here and a field there, in the same order
// (TestFieldsMatchTable holds the two together).
func numbered(rows []Object) []Object {
	n := uint8(0)
	for i := range rows {
		o := &rows[i]
		if o.From == o.To && !o.Template && o.Key != "rfu" && !(o.From == emv.CRCTag && o.Key == "crc") {
			n++
			o.field = n
		}
	}
	return rows
}

// fieldIn returns the field of fs that holds o's value, or nil when o is
// nil or kept in a list.
func fieldIn(fs *fieldPtrs, o *Object) *string {
	if o == nil || o.field == 0 {
		return nil
	}
	return fs[o.field-1]
}

// merchantAccountSub is the content of templates 46..50 and of any
// template 26..51 outside QRIS [EMV 4.7.11]: only the GUID is checked.
var merchantAccountSub = numbered([]Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R12", Required: true},
	{From: 1, To: 1, Name: "Merchant PAN", Key: "pan", Format: Numeric, Min: 1, Max: 19},
	{From: 2, To: 2, Name: "Merchant ID", Key: "merchantId", Format: AlphanumericSpecial, Min: 1, Max: 15},
	{From: 3, To: 3, Name: "Merchant Criteria", Key: "criteria", Format: AlphanumericSpecial, Min: 3, Max: 3},
	{From: 4, To: 99, Name: "Payment Network Specific", Key: "other", Format: String, Min: 1, Max: 99},
})

// domesticAccountSub is the content of templates 26..45, QRIS's domestic
// acquirers [EMV 4.7.11][QRIS Table 4.3]: merchantAccountSub's rows, in
// its order (the same Go fields), with the QRIS rules.
var domesticAccountSub = numbered([]Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R12", QRISRule: "Q06", Required: true},
	{From: 1, To: 1, Name: "Merchant PAN", Key: "pan", Format: Numeric, Min: 1, Max: 19, Rule: "Q06", ExtraRule: "Q07"},
	{From: 2, To: 2, Name: "Merchant ID", Key: "merchantId", Format: AlphanumericSpecial, Min: 1, Max: 15, Rule: "Q06", NoPipe: true},
	{From: 3, To: 3, Name: "Merchant Criteria", Key: "criteria", Format: AlphanumericSpecial, Min: 3, Max: 3, Rule: "Q08"},
	{From: 4, To: 99, Name: "Payment Network Specific", Key: "other", Format: String, Min: 1, Max: 99},
})

// nationalSub is the content of template 51, the domestic central repository
// [QRIS Table 4.5].
var nationalSub = numbered([]Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R12", QRISRule: "Q09", ExtraRule: "Q10", Required: true},
	{From: 1, To: 1, Name: "Merchant PAN", Key: "pan", Format: Numeric, Min: 1, Max: 19, Rule: "Q09"},
	{From: 2, To: 2, Name: "National Merchant ID (NMID)", Key: "nmid", Format: AlphanumericSpecial, Min: 1, Max: 15, Rule: "Q09", ExtraRule: "Q11", Required: true},
	{From: 3, To: 3, Name: "Merchant Criteria", Key: "criteria", Format: AlphanumericSpecial, Min: 3, Max: 3, Rule: "Q08"},
	{From: 4, To: 99, Name: "Payment Network Specific", Key: "other", Format: String, Min: 1, Max: 99},
})

// guidTemplateSub is the content of 80..99, the unreserved templates,
// whose only fixed object is 00, the GUID [EMV 4.11.1.1].
var guidTemplateSub = numbered([]Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R25", Required: true},
	{From: 1, To: 99, Name: "Context Specific Data", Key: "data", Format: String, Min: 1, Max: 99},
})

// paymentSystemSub is the content of 62.50..98: guidTemplateSub's rows
// under 62's rule [EMV 4.8.1.5].
var paymentSystemSub = numbered([]Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R23", Required: true},
	{From: 1, To: 99, Name: "Context Specific Data", Key: "data", Format: String, Min: 1, Max: 99},
})

// proprietarySub is 62.99 in QRIS [QRIS Table 4.8].
var proprietarySub = []Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R23", QRISRule: "Q19", Required: true},
	{From: 1, To: 1, Name: "Proprietary Data", Key: "data", Format: AlphanumericSpecial, Min: 1, Max: 81, Rule: "Q19", Required: true},
	{From: 2, To: 99, Name: "Context Specific Data", Key: "other", Format: String, Min: 1, Max: 99},
}

// additionalDataSub is the content of 62 [EMV Table 3.7][QRIS Table 3.7].
var additionalDataSub = numbered([]Object{
	{From: 0, To: 0, Name: "RFU for EMVCo", Key: "rfu", Format: String, Min: 1, Max: 99, Rule: "R26"},
	{From: 1, To: 1, Name: "Bill Number", Key: "billNumber", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 2, To: 2, Name: "Mobile Number", Key: "mobileNumber", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 3, To: 3, Name: "Store Label", Key: "storeLabel", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 4, To: 4, Name: "Loyalty Number", Key: "loyaltyNumber", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 5, To: 5, Name: "Reference Label", Key: "referenceLabel", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 6, To: 6, Name: "Customer Label", Key: "customerLabel", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 7, To: 7, Name: "Terminal Label", Key: "terminalLabel", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 8, To: 8, Name: "Purpose of Transaction", Key: "purpose", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R23", QRISRule: "Q18"},
	{From: 9, To: 9, Name: "Additional Consumer Data Request", Key: "consumerDataRequest", Format: AlphanumericSpecial, Min: 1, Max: 3, Rule: "R23", QRISRule: "Q17"},
	{From: 10, To: 10, Name: "Merchant Tax ID", Key: "merchantTaxId", Format: AlphanumericSpecial, Min: 1, Max: 20, Rule: "R23"},
	{From: 11, To: 11, Name: "Merchant Channel", Key: "merchantChannel", Format: AlphanumericSpecial, Min: 3, Max: 3, Rule: "R23"},
	{From: 12, To: 49, Name: "RFU for EMVCo", Key: "rfu", Format: String, Min: 1, Max: 99, Rule: "R26"},
	{From: 50, To: 98, Name: "Payment System Specific Template", Key: "paymentSystemSpecific", Format: String, Min: 1, Max: 99, Template: true, Sub: paymentSystemSub, Rule: "R23"},
	{From: 99, To: 99, Name: "Proprietary Data Template", Key: "proprietary", Format: String, Min: 1, Max: 99, Template: true, Sub: proprietarySub, Rule: "R23", QRISRule: "Q19"},
})

// languageSub is the content of 64 [EMV Table 3.8].
var languageSub = numbered([]Object{
	{From: 0, To: 0, Name: "Language Preference", Key: "language", Format: AlphanumericSpecial, Min: 2, Max: 2, Rule: "R24", Required: true},
	{From: 1, To: 1, Name: "Merchant Name (Alternate Language)", Key: "merchantName", Format: String, Min: 1, Max: 25, Rule: "R24", Required: true},
	{From: 2, To: 2, Name: "Merchant City (Alternate Language)", Key: "merchantCity", Format: String, Min: 1, Max: 15, Rule: "R24"},
	{From: 3, To: 99, Name: "RFU for EMVCo", Key: "rfu", Format: String, Min: 1, Max: 99, Rule: "R26"},
})

// objects describes the root data objects [EMV Table 3.6][QRIS Table 3.6].
// Sub-objects hang below their templates. It is never written: callers
// outside the package get copies ([Objects], [Describe]), so no change of
// theirs reaches the decoder, the validator or the JSON form.
var objects = numbered([]Object{
	{From: 0, To: 0, Name: "Payload Format Indicator", Key: "payloadFormatIndicator", Format: Numeric, Min: 2, Max: 2, Rule: "R05", Required: true},
	{From: 1, To: 1, Name: "Point of Initiation Method", Key: "pointOfInitiation", Format: Numeric, Min: 2, Max: 2, Rule: "R10"},
	{From: 2, To: 25, Name: "Merchant Account Information (card scheme)", Key: "schemeAccount", Format: AlphanumericSpecial, Min: 1, Max: 99, Rule: "R27", kind: kindSchemeAccount},
	{From: 26, To: 45, Name: "Merchant Account Information", Key: "merchantAccount", Format: AlphanumericSpecial, Min: 1, Max: 99, Template: true, Sub: domesticAccountSub, Rule: "R12", QRISRule: "Q06", kind: kindMerchantAccount},
	{From: 46, To: 50, Name: "Merchant Account Information", Key: "merchantAccount", Format: AlphanumericSpecial, Min: 1, Max: 99, Template: true, Sub: merchantAccountSub, Rule: "R12", kind: kindMerchantAccount},
	{From: 51, To: 51, Name: "Merchant Account Information Domestic Central Repository", Key: "nationalAccount", Format: AlphanumericSpecial, Min: 1, Max: 99, Template: true, Sub: nationalSub, Rule: "R12", QRISRule: "Q09", kind: kindNational},
	{From: 52, To: 52, Name: "Merchant Category Code", Key: "merchantCategoryCode", Format: Numeric, Min: 4, Max: 4, Rule: "R13", Required: true},
	{From: 53, To: 53, Name: "Transaction Currency", Key: "currency", Format: Numeric, Min: 3, Max: 3, Rule: "R14", Required: true},
	{From: 54, To: 54, Name: "Transaction Amount", Key: "amount", Format: AlphanumericSpecial, Min: 1, Max: 13, Rule: "R15", QRISRule: "Q13", ExtraRule: "X01"},
	{From: 55, To: 55, Name: "Tip or Convenience Indicator", Key: "tipIndicator", Format: Numeric, Min: 2, Max: 2, Rule: "R16"},
	{From: 56, To: 56, Name: "Value of Convenience Fee Fixed", Key: "convenienceFeeFixed", Format: AlphanumericSpecial, Min: 1, Max: 13, Rule: "R17", QRISRule: "Q13", ExtraRule: "X01"},
	{From: 57, To: 57, Name: "Value of Convenience Fee Percentage", Key: "convenienceFeePercentage", Format: AlphanumericSpecial, Min: 1, Max: 5, Rule: "R18", QRISRule: "Q14"},
	{From: 58, To: 58, Name: "Country Code", Key: "countryCode", Format: AlphanumericSpecial, Min: 2, Max: 2, Rule: "R19", NoPipe: true, Required: true},
	{From: 59, To: 59, Name: "Merchant Name", Key: "merchantName", Format: AlphanumericSpecial, Min: 1, Max: 25, Rule: "R20", QRISRule: "Q22", CharRule: "R27", NoPipe: true, Required: true},
	{From: 60, To: 60, Name: "Merchant City", Key: "merchantCity", Format: AlphanumericSpecial, Min: 1, Max: 15, Rule: "R21", CharRule: "R27", NoPipe: true, Required: true},
	{From: 61, To: 61, Name: "Postal Code", Key: "postalCode", Format: AlphanumericSpecial, Min: 1, Max: 10, Rule: "R22", CharRule: "R27", ExtraRule: "Q21", NoPipe: true},
	{From: 62, To: 62, Name: "Additional Data Field Template", Key: "additionalData", Format: String, Min: 1, Max: 99, Template: true, Sub: additionalDataSub, Rule: "R23", kind: kindAdditional},
	{From: 63, To: 63, Name: "CRC", Key: "crc", Format: AlphanumericSpecial, Min: 4, Max: 4, Rule: "R06", ExtraRule: "R08", Required: true, kind: kindCRC},
	{From: 64, To: 64, Name: "Merchant Information Language Template", Key: "language", Format: String, Min: 1, Max: 99, Template: true, Sub: languageSub, Rule: "R24", kind: kindLanguage},
	{From: 65, To: 79, Name: "RFU for EMVCo", Key: "rfu", Format: String, Min: 1, Max: 99, Rule: "R26", kind: kindRFU},
	{From: 80, To: 99, Name: "Unreserved Template", Key: "unreserved", Format: String, Min: 1, Max: 99, Template: true, Sub: guidTemplateSub, Rule: "R25", kind: kindUnreserved},
})

// Objects returns a copy of the table of root data objects, sub-objects
// below their templates: the table the decoder, the validator and the JSON
// form read. Changing the copy changes nothing else.
func Objects() []Object { return cloneObjects(objects) }

// cloneObjects copies table and the tables below it.
func cloneObjects(table []Object) []Object {
	if table == nil {
		return nil
	}
	out := make([]Object, len(table))
	for i, o := range table {
		o.Sub = cloneObjects(o.Sub)
		out[i] = o
	}
	return out
}

// Describe returns a copy of the entry for a tag path: Describe(54),
// Describe(62, 5), Describe(62, 99, 1). It reports false for a path the
// table does not know, such as a sub-object of a primitive.
func Describe(path ...emv.Tag) (*Object, bool) {
	o := describe(path...)
	if o == nil {
		return nil, false
	}
	c := *o
	c.Sub = cloneObjects(o.Sub)
	return &c, true
}

// describe returns the table's own entry for a tag path, or nil.
func describe(path ...emv.Tag) *Object {
	table := objects
	var o *Object
	for _, t := range path {
		o = nil
		for i := range table {
			if table[i].From <= t && t <= table[i].To {
				o = &table[i]
				break
			}
		}
		if o == nil {
			return nil
		}
		table = o.Sub
	}
	return o
}

// Name returns the object's name for a path, or "" when unknown.
func Name(path ...emv.Tag) string {
	if o := describe(path...); o != nil {
		return o.Name
	}
	return ""
}

// lookup is describe for the package's readers, which only read the entry.
func lookup(path ...emv.Tag) (*Object, bool) {
	o := describe(path...)
	return o, o != nil
}
