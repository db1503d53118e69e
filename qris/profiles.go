package qris

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/qriskit/qriskit/emv"
)

// Profile selects which scheme's rules apply. Each profile is a row of one
// table (profiles): the root objects of EMV's required ones the scheme
// leaves out, its country and currency, and the merchant account templates
// it defines, their objects rows of the object table's kind ([Object]).
type Profile uint8

const (
	// ProfileQRIS applies the EMV rules and QRIS's own (the default).
	ProfileQRIS Profile = iota
	// ProfileEMV applies the generic EMV MPM rules only, for payloads of
	// schemes without a profile of their own (PIX, PayNow, ...).
	ProfileEMV
	// ProfilePromptPay is Thailand's PromptPay: the EMV rules, less the
	// required objects PromptPay leaves out (schemeOptional), and the
	// objects of its templates 29 (credit transfer) and 30 (bill payment).
	ProfilePromptPay
	// ProfileVietQR is Vietnam's VietQR (NAPAS): the EMV rules, less the
	// required objects VietQR leaves out (schemeOptional), and the objects
	// of its template 38.
	ProfileVietQR
	// ProfileAuto picks one of the others for each payload, by its
	// merchant accounts' GUIDs and its country: see [DetectProfile].
	ProfileAuto
)

// ErrUnknownProfile is what [ParseProfile] returns, wrapped, for a name it
// does not know.
var ErrUnknownProfile = errors.New("unknown profile")

// String returns the profile's name: "QRIS", "EMV", "PromptPay", "VietQR"
// or "auto".
func (p Profile) String() string {
	if p == ProfileAuto {
		return "auto"
	}
	if int(p) < len(profiles) {
		return profiles[p].name
	}
	return "Profile(" + strconv.Itoa(int(p)) + ")"
}

// ProfileNames returns the names [ParseProfile] takes, as the command line
// writes them: each profile's, lowercase, in the order of the Profile
// constants, then "auto".
func ProfileNames() []string {
	names := make([]string, 0, len(profiles)+1)
	for _, p := range profiles {
		names = append(names, strings.ToLower(p.name))
	}
	return append(names, "auto")
}

// ParseProfile returns the profile named s, as the command line writes it:
// one of [ProfileNames], in any case.
func ParseProfile(s string) (Profile, error) {
	for p := range profiles {
		if strings.EqualFold(s, profiles[p].name) {
			return Profile(p), nil
		}
	}
	if strings.EqualFold(s, "auto") {
		return ProfileAuto, nil
	}
	names := ProfileNames()
	last := len(names) - 1
	return 0, fmt.Errorf("%w %q: use %s or %s", ErrUnknownProfile, s, strings.Join(names[:last], ", "), names[last])
}

// profile is one scheme's row: what the validator reads instead of
// hard-wired checks. What EMV says of each object (name, format, bounds,
// whether it is required) is the object table's; the row says only where
// the scheme differs.
type profile struct {
	name string
	// country and currency are the values of 58 and 53 the scheme goes
	// with; "" for EMV, which has none. QRIS reports them as Q01 and
	// Q02, the other profiles as P01.
	country, currency string
	// optional are the root objects the object table marks Required that
	// the scheme leaves out.
	optional []emv.Tag
	// accounts are the scheme's merchant account templates. A payload of
	// the profile carries at least one of them.
	accounts []account
	// values are root objects in 80..99 that the scheme uses as plain
	// values rather than templates.
	values []Object
}

// account is a merchant account template a scheme defines.
type account struct {
	tag  emv.Tag
	guid string
	// what names the account for messages: "PromptPay credit transfer".
	what string
	// objects are the template's objects, 00 (the GUID) first, rows of
	// the object table's kind: P02 checks them, [DescribeIn] describes
	// them.
	objects []Object
	// oneOf lists objects of which at least one must be present (the
	// PromptPay proxy: mobile, national ID, e-wallet, ...); nil for none.
	oneOf []emv.Tag
}

// presence is a root object that must be present and the rule that says
// it is missing.
type presence struct {
	tag  emv.Tag
	rule ruleID
}

// rootRequired are the root objects the object table marks Required, each
// with its rule, but for 00 and 63, whose absence the frame reports (R05,
// and the parser's missing CRC). A profile's optional leave some out.
var rootRequired = func() []presence {
	var out []presence
	for _, o := range objects {
		if o.Required && o.From != 0 && o.From != emv.CRCTag {
			out = append(out, presence{o.From, ruleOf(o.Rule)})
		}
	}
	return out
}()

// schemeOptional is what PromptPay and VietQR leave out of what EMV
// requires: 52, 59 and 60 (every generator seen: promptparse, promptpay-qr,
// vietqr-ts, subiz/vietqr); vietqr-ts lists 53 and 58 as required "per
// NAPAS IBFT v1.5.2" (src/validators/required-fields-validator.ts).
var schemeOptional = []emv.Tag{52, 59, 60}

// guidObject is the 00 of a scheme's template; its value is compared with
// the account's GUID.
func guidObject(name string) Object {
	return Object{From: 0, To: 0, Name: name, Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R12", Required: true}
}

// profiles is the table of profiles, indexed by Profile. It is never
// written.
var profiles = [...]profile{
	ProfileQRIS: {name: "QRIS", country: "ID", currency: "360"},
	ProfileEMV:  {name: "EMV"},

	// Bank of Thailand, Thai QR Code Payment Standard, as its public
	// implementations read it: maythiwat/promptparse
	// (src/generate/promptpay/AnyID.ts, BillPayment.ts, TrueMoney.ts,
	// src/validate/promptpay/BillPayment.ts), saladpuk/PromptPay
	// (PromptPayValues.cs), dtinth/promptpay-qr.
	ProfilePromptPay: {
		name: "PromptPay", country: "TH", currency: "764", optional: schemeOptional,
		accounts: []account{
			{
				tag: 29, guid: "A000000677010111", what: "PromptPay credit transfer",
				objects: []Object{
					guidObject("Application ID (AID)"),
					// "0066" and the mobile number without its 0, padded to 13.
					{From: 1, To: 1, Name: "Mobile Number", Key: "mobileNumber", Format: Numeric, Min: 13, Max: 13, Rule: "P02"},
					{From: 2, To: 2, Name: "National ID or Tax ID", Key: "nationalId", Format: Numeric, Min: 13, Max: 13, Rule: "P02"},
					// TrueMoney writes "14000" and the 10-digit mobile number.
					{From: 3, To: 3, Name: "E-Wallet ID", Key: "eWalletId", Format: Numeric, Min: 15, Max: 15, Rule: "P02"},
					{From: 4, To: 4, Name: "Bank Account", Key: "bankAccount", Format: AlphanumericSpecial, Min: 1, Max: 43, Rule: "P02"},
					{From: 5, To: 5, Name: "OTA", Key: "ota", Format: AlphanumericSpecial, Min: 1, Max: 99, Rule: "P02"},
				},
				oneOf: []emv.Tag{1, 2, 3, 4, 5},
			},
			{
				tag: 30, guid: "A000000677010112", what: "PromptPay bill payment",
				objects: []Object{
					guidObject("Application ID (AID)"),
					// The biller's tax ID (13 digits) and a 2-digit suffix.
					{From: 1, To: 1, Name: "Biller ID", Key: "billerId", Format: Numeric, Min: 15, Max: 15, Rule: "P02", Required: true},
					{From: 2, To: 2, Name: "Reference 1", Key: "reference1", Format: AlphanumericSpecial, Min: 1, Max: 99, Rule: "P02", Required: true},
					{From: 3, To: 3, Name: "Reference 2", Key: "reference2", Format: AlphanumericSpecial, Min: 1, Max: 99, Rule: "P02"},
				},
			},
		},
		// TrueMoney's personal message, the characters' UTF-16 code units
		// in hex (promptparse src/generate/TrueMoney.ts, encodeTag81);
		// other wallets ignore it.
		values: []Object{{From: 81, To: 81, Name: "Personal Message (TrueMoney)", Key: "personalMessage", Format: AlphanumericSpecial, Min: 4, Max: 99, Rule: "P02"}},
	},

	// NAPAS, VietQR (IBFT) specification v1.5.2, as its public
	// implementations read it: binhnguyenduc/vietqr-ts
	// (src/utils/constants.ts, src/validators/required-fields-validator.ts),
	// subiz/vietqr (README.md, a summary of the NAPAS text), giautm/emvqr-go.
	ProfileVietQR: {
		name: "VietQR", country: "VN", currency: "704", optional: schemeOptional,
		accounts: []account{
			{
				tag: 38, guid: "A000000727", what: "VietQR (NAPAS)",
				objects: []Object{
					guidObject("Globally Unique Identifier (NAPAS)"),
					{From: 1, To: 1, Name: "Beneficiary Organization", Key: "beneficiaryOrganization", Format: AlphanumericSpecial, Min: 1, Max: 99, Template: true, Rule: "P02", Required: true, Sub: []Object{
						// A 6-digit BIN or an 8-digit CITAD code.
						{From: 0, To: 0, Name: "Acquirer ID (BIN)", Key: "acquirerId", Format: Numeric, Min: 6, Max: 8, Rule: "P02", Required: true},
						{From: 1, To: 1, Name: "Merchant ID (account or card number)", Key: "merchantId", Format: AlphanumericSpecial, Min: 1, Max: 19, Rule: "P02", Required: true},
					}},
					// To an account or to a card.
					{From: 2, To: 2, Name: "Service Code", Key: "serviceCode", Format: AlphanumericSpecial, Min: 8, Max: 8, Rule: "P02", Required: true, values: []string{"QRIBFTTA", "QRIBFTTC"}},
				},
			},
		},
	},
}

// row returns the profile row that applies under p: EMV's for a value the
// table lacks.
func row(p Profile) *profile {
	if int(p) < len(profiles) {
		return &profiles[p]
	}
	return &profiles[ProfileEMV]
}

// account returns the scheme's account carried in root template t, or nil.
func (pr *profile) account(t emv.Tag) *account {
	for i := range pr.accounts {
		if pr.accounts[i].tag == t {
			return &pr.accounts[i]
		}
	}
	return nil
}

// value returns the scheme's plain root object t (80..99), or nil.
func (pr *profile) value(t emv.Tag) *Object { return object(pr.values, t) }

// object returns the row for tag t in objs, or nil.
func object(objs []Object, t emv.Tag) *Object {
	for i := range objs {
		if objs[i].From <= t && t <= objs[i].To {
			return &objs[i]
		}
	}
	return nil
}

// DetectProfile picks the profile [Validate] applies to s under
// ProfileAuto:
//   - ProfileQRIS when 58 is "ID", or a merchant account's GUID is a
//     reverse domain under ID ("ID.CO.QRIS.WWW");
//   - ProfilePromptPay when 29 carries A000000677010111 or 30
//     A000000677010112, and 58 is "TH" or absent;
//   - ProfileVietQR when 38 carries A000000727, and 58 is "VN" or absent;
//   - ProfileEMV otherwise, and for a payload that does not parse.
func DetectProfile(s string) Profile {
	var buf [rootInline]emv.Field
	pl, err := validateParser().ParseFields(buf[:0], s)
	if err != nil && !checksumOnly(err) {
		return ProfileEMV
	}
	return detect(pl.Fields())
}

// checksumOnly reports whether err is a fault of 63 alone, one for which
// the parser read every object first (as Validate goes on after it).
func checksumOnly(err error) bool {
	for _, e := range [...]error{emv.ErrCRCMismatch, emv.ErrCRCSyntax, emv.ErrCRCLength, emv.ErrCRCNotLast, emv.ErrCRCMissing} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// detect is DetectProfile for the root objects of a parsed payload.
func detect(fs emv.Fields) Profile {
	country := ""
	for i := range fs {
		if fs[i].Tag == 58 {
			country = fs[i].Value
		}
	}
	if country == "ID" {
		return ProfileQRIS
	}
	var buf [maxSubObjects]emv.Field
	for i := range fs {
		f := &fs[i]
		if !isAccount(f.Tag) {
			continue
		}
		subs, err := f.AppendTemplate(buf[:0])
		if err != nil {
			continue
		}
		g, ok := subOf(subs, 0)
		if !ok {
			continue
		}
		if strings.HasPrefix(g.Value, "ID.") {
			return ProfileQRIS
		}
		for p := range profiles {
			pr := &profiles[p]
			if a := pr.account(f.Tag); a != nil && a.guid == g.Value && (country == "" || country == pr.country) {
				return Profile(p)
			}
		}
	}
	return ProfileEMV
}

// genericAccountSub describes the objects of a merchant account template
// that no profile describes, in a payload that is not QRIS: only the GUID
// has a meaning EMV gives it.
var genericAccountSub = []Object{
	{From: 0, To: 0, Name: "Globally Unique Identifier", Key: "guid", Format: AlphanumericSpecial, Min: 1, Max: 32, Rule: "R12", Required: true},
	{From: 1, To: 99, Name: "Payment Network Specific", Key: "other", Format: String, Min: 1, Max: 99},
}

// schemeAccount returns the account some profile defines at root tag t
// with GUID guid, or nil. No two profiles share a tag and a GUID
// (TestSchemeAccountsUnique), so the account does not depend on the rest
// of the payload: the JSON form reads and writes by it.
func schemeAccount(t emv.Tag, guid string) *account {
	for p := range profiles {
		if a := profiles[p].account(t); a != nil && a.guid == guid {
			return a
		}
	}
	return nil
}

// schemeValue returns the plain root object t (80..99) of the profile that
// defines one, or nil.
func schemeValue(t emv.Tag) *Object {
	for p := range profiles {
		if o := profiles[p].value(t); o != nil {
			return o
		}
	}
	return nil
}

// schemeValueList lists the tags some profile uses as plain root values,
// for messages: "81".
func schemeValueList() string {
	var b strings.Builder
	for _, t := range schemeValueTags.appendAscending(nil) {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t.String())
	}
	return b.String()
}

// valueSchemes names the profiles that use root tag t as a plain value,
// for messages: "PromptPay".
func valueSchemes(t emv.Tag) string {
	var names []string
	for p := range profiles {
		if profiles[p].value(t) != nil {
			names = append(names, profiles[p].name)
		}
	}
	return strings.Join(names, " or ")
}

// schemeName names profile p for messages: "QRIS", or "another EMV
// scheme" for ProfileEMV.
func schemeName(p Profile) string {
	if p == ProfileEMV {
		return "another EMV scheme"
	}
	return p.String()
}

// schemeValueTags are the tags some profile uses as plain root values.
var schemeValueTags = func() tagBits {
	var s tagBits
	for p := range profiles {
		for _, o := range profiles[p].values {
			s.add(o.From)
		}
	}
	return s
}()

// describeIn is the entry for a tag path in a payload of profile p, or nil:
// the object table's, but for what the profile says otherwise. guid is the
// GUID of merchant account template path[0].
func describeIn(p Profile, guid string, path ...emv.Tag) *Object {
	if len(path) == 0 {
		return nil
	}
	pr := row(p)
	if len(path) == 1 {
		if o := pr.value(path[0]); o != nil {
			return o
		}
		return describe(path...)
	}
	if !isAccount(path[0]) || p == ProfileQRIS {
		return describe(path...)
	}
	objs := genericAccountSub
	if a := pr.account(path[0]); a != nil && a.guid == guid {
		objs = a.objects
	}
	for i, t := range path[1:] {
		o := object(objs, t)
		switch {
		case o == nil:
			// Beside the scheme's objects, in its account or in one of
			// its templates: what EMV calls what a network defines in
			// its account, as long as nothing follows.
			if i == len(path)-2 {
				return &genericAccountSub[1]
			}
			return nil
		case i == len(path)-2:
			return o
		case !o.Template:
			return nil
		}
		objs = o.Sub
	}
	return nil
}

// DescribeIn is [Describe] for a payload of profile p (as [DetectProfile]
// gives it): the entry of a scheme's own object where p defines one (a
// PromptPay 81 is a plain value, a VietQR 38.01 a template of two objects),
// the object table's otherwise. guid is the GUID (00) of merchant account
// template path[0], 26..51: the objects of a template whose GUID p does not
// own are generic in a payload that is not QRIS ("Globally Unique
// Identifier", then "Payment Network Specific"), as is an object of a
// scheme's template that the scheme does not name (a VietQR 38.01.05). It
// reports false for an empty path and for one below an object that is not a
// template.
func DescribeIn(p Profile, guid string, path ...emv.Tag) (*Object, bool) {
	o := describeIn(p, guid, path...)
	if o == nil {
		return nil, false
	}
	c := *o
	c.Sub = cloneObjects(o.Sub)
	return &c, true
}
