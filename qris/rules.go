package qris

import (
	"slices"
	"strconv"
	"strings"
)

// Rule is one entry of the validation checklist: the spec digest's R01..R27
// (EMV MPM) and Q01..Q22 (QRIS), plus X01, a check the checklist lacks, and
// P01 and P02, the rules of the other schemes' profiles (see [Profile]). The
// table of rules is read by the validator and by whatever lists them (the
// command line, docs), so a rule is written once.
type Rule struct {
	// ID is the checklist id every [Problem] carries: "R15", "Q04", "X01".
	ID string `json:"id"`
	// Profile is the narrowest profile that applies the rule: a ProfileEMV
	// rule applies under every profile, a ProfileQRIS rule under QRIS only.
	// P01 and P02 are ProfileEMV rules that check what the profile's table
	// defines, which is nothing for EMV and QRIS.
	Profile Profile `json:"-"`
	// Severity is what the rule reports in lenient mode, StrictSeverity in
	// strict mode; zero means the rule reports nothing in that mode.
	Severity       Severity `json:"severity,omitempty"`
	StrictSeverity Severity `json:"strictSeverity,omitempty"`
	// Source is the clause the rule comes from, or "policy" / "observed".
	Source string `json:"source"`
	// Summary says in one line what the rule requires.
	Summary string `json:"summary"`
}

// ruleID indexes ruleTable; the validator reports rules by index so that a
// clean run never compares strings.
type ruleID uint8

const (
	r01 ruleID = iota
	r02
	r03
	r04
	r05
	r06
	r07
	r08
	r09
	r10
	r11
	r12
	r13
	r14
	r15
	r16
	r17
	r18
	r19
	r20
	r21
	r22
	r23
	r24
	r25
	r26
	r27
	q01
	q02
	q03
	q04
	q05
	q06
	q07
	q08
	q09
	q10
	q11
	q12
	q13
	q14
	q15
	q16
	q17
	q18
	q19
	q20
	q21
	q22
	x01
	p01
	p02
	ruleCount
)

// ruleTable is the checklist. Where a QRIS rule restates an EMV rule for the
// same object (Q13 for the syntax of 54/56, Q14 for 57, Q17 for 62.09, Q18
// for 62.01..08, Q06/Q09 for the GUID of 26..45/51, Q22 for the length of 59),
// the QRIS profile reports the fault once, under the QRIS id, and the EMV
// profile under the EMV id: one fault, one problem.
var ruleTable = [ruleCount]Rule{
	r01: {ID: "R01", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.5",
		Summary: "The payload is valid UTF-8 and not empty; inside templates 26..51, whose content is ans, only printable ASCII (0x20..0x7E)."},
	r02: {ID: "R02", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 3.2, 4.3, 4.4",
		Summary: "The root is a run of ID (2 digits), length (01..99, in characters) and value, using up the whole string."},
	r03: {ID: "R03", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 3.2",
		Summary: "Every template (26..51, 62, 64, 80..99, 62.50..99) is itself such a run, with nothing left over."},
	r04: {ID: "R04", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.3.1.2",
		Summary: "No ID appears twice at the root or inside any one template."},
	r05: {ID: "R05", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.6.1.1, 4.7.1",
		Summary: "The first object is 00, Payload Format Indicator, with value \"01\"."},
	r06: {ID: "R06", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.6.1.2",
		Summary: "The last object is 63, the CRC, length 04, four hex digits."},
	r07: {ID: "R07", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.3",
		Summary: "The CRC-16/CCITT-FALSE of everything up to \"6304\" equals 63, compared ignoring case."},
	// Whether lowercase is conformant is unconfirmed; every decoder seen
	// accepts it, so lenient mode says nothing (examples.md S6).
	r08: {ID: "R08", Profile: ProfileEMV, StrictSeverity: SeverityWarning, Source: "policy",
		Summary: "The CRC is written in uppercase hex (strict mode only)."},
	// EMV says "should": a warning unless strict. Beyond emv.MaxLongLength
	// no QR code holds the payload and it is an error in both modes.
	r09: {ID: "R09", Profile: ProfileEMV, Severity: SeverityWarning, StrictSeverity: SeverityError, Source: "EMV 4.1",
		Summary: "The payload is at most 512 characters (a warning in lenient mode, an error in strict mode)."},
	r10: {ID: "R10", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.2",
		Summary: "01, Point of Initiation Method, if present, is \"11\" (static) or \"12\" (dynamic)."},
	r11: {ID: "R11", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.9.1",
		Summary: "At least one Merchant Account Information object, 02..51, is present."},
	r12: {ID: "R12", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.11.2",
		Summary: "Each template 26..51 carries 00, the GUID (ans, 1..32)."},
	r13: {ID: "R13", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV Table 3.6",
		Summary: "52, Merchant Category Code, is present: 4 digits."},
	r14: {ID: "R14", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV Table 3.6",
		Summary: "53, Transaction Currency, is present: 3 digits."},
	// A leading digit before the '.' is required (".5" is refused), as in the
	// digest's regex; the number of decimals is QRIS's business (Q13).
	r15: {ID: "R15", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.4",
		Summary: "54, Transaction Amount, if present: 1..13 characters, digits with at most one '.', not zero."},
	r16: {ID: "R16", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.6",
		Summary: "55, Tip or Convenience Indicator, if present, is \"01\", \"02\" or \"03\"."},
	r17: {ID: "R17", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.7",
		Summary: "56, fixed convenience fee, is present exactly when 55 is \"02\": 1..13 characters, amount syntax, not zero."},
	r18: {ID: "R18", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.8",
		Summary: "57, percentage convenience fee, is present exactly when 55 is \"03\": digits with at most one '.', 0.01..99.99."},
	r19: {ID: "R19", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.7.13",
		Summary: "58, Country Code, is present: two uppercase letters (ISO 3166-1 alpha-2)."},
	r20: {ID: "R20", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV Table 3.6",
		Summary: "59, Merchant Name, is present: 1..25 characters (QRIS reports the length as Q22)."},
	r21: {ID: "R21", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV Table 3.6",
		Summary: "60, Merchant City, is present: 1..15 characters."},
	r22: {ID: "R22", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV Table 3.6",
		Summary: "61, Postal Code, if present: 1..10 characters."},
	// 62.10 (≤20) and 62.11 (=3) are EMV v1.1 objects: checked here, not
	// reported as RFU.
	r23: {ID: "R23", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.8",
		Summary: "62: 01..08 ans 1..25, 09 from A, M, E without repeats, 10 ans 1..20, 11 ans 3, each of 50..99 carries 00 (GUID)."},
	r24: {ID: "R24", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.9",
		Summary: "64, if present: 00 two letters (ISO 639) and 01 (1..25) present; 02, if present, 1..15."},
	r25: {ID: "R25", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.11.1.1",
		Summary: "Each template 80..99 carries 00, the GUID (ans, 1..32)."},
	r26: {ID: "R26", Profile: ProfileEMV, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "EMV 3.3; UnionPay",
		Summary: "No RFU object: root 65..79, 62.00, 62.12..49, 64.03..99 (decoders ignore them; encoders never emit them)."},
	r27: {ID: "R27", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError, Source: "EMV 4.5.2",
		Summary: "Root ans primitives (02..25, 59, 60, 61) hold printable ASCII only, 0x20..0x7E."},

	q01: {ID: "Q01", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 3.6",
		Summary: "58 is \"ID\": a QR of another country is not QRIS."},
	q02: {ID: "Q02", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.7.7.1",
		Summary: "58 \"ID\" requires 53 \"360\" (rupiah)."},
	q03: {ID: "Q03", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 3.6, 4.7.15",
		Summary: "58 \"ID\" requires 61, Postal Code."},
	q04: {ID: "Q04", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.7.7",
		Summary: "A static QR (01 \"11\") carries 51, the national repository template."},
	q05: {ID: "Q05", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 3.6",
		Summary: "Without 51, at least one of 02..45 is present."},
	// "a reverse domain" is read as two or more dot-separated labels of
	// letters, digits and '-' (ID.CO.QRIS.WWW, COM.GO-JEK.WWW).
	q06: {ID: "Q06", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 4.3, 4.7.5.3",
		Summary: "Each template 26..45 carries 00 (reverse domain or \"00\", 1..32), 01 (mPAN, digits, 1..19), 02 (merchant ID, 1..15) and 03."},
	q07: {ID: "Q07", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.7.5.5",
		Summary: "The mPAN 26..45.01 starts with an 8-digit NNS, \"9360\" and four digits."},
	q08: {ID: "Q08", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 4.6",
		Summary: "Merchant criteria 26..45.03 and 51.03 are one of UMI, UKE, UME, UBE, URE, PSO, BLU."},
	// 51.01 (mPAN, unconfirmed as present) is checked here too when present:
	// digits, 1..19. 51.03 is optional (unconfirmed): Q08 checks its value.
	q09: {ID: "Q09", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Table 4.5",
		Summary: "51 carries 00 (GUID, 1..32) and 02 (NMID, 1..15); 01, if present, is digits, 1..19."},
	q10: {ID: "Q10", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "observed",
		Summary: "51.00 is \"ID.CO.QRIS.WWW\"."},
	q11: {ID: "Q11", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "observed",
		Summary: "The NMID 51.02 is \"ID\" and 13 digits."},
	// Lenient: the fields QRIS names. Strict: every ans value, the digest's
	// policy (switch messages use '|' as a delimiter).
	q12: {ID: "Q12", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS Tables 3.6, 4.3",
		Summary: "No '|' in 58, 59, 60, 61, 26..45.02, 26..45.03 (strict mode: in any ans value)."},
	// Zero stays R15/R17 (EMV says it); Q13 takes the syntax.
	q13: {ID: "Q13", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.7.8",
		Summary: "54 and 56: digits with at most one '.' and at most 2 decimals (rupiah)."},
	q14: {ID: "Q14", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.7.11.1",
		Summary: "57: 00.01..99.99, digits with at most one '.' and at most 2 decimals."},
	q15: {ID: "Q15", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "observed",
		Summary: "A dynamic QR (01 \"12\") carries an amount, 54."},
	// "11" with 54 is unconfirmed either way; a warning in both modes, as
	// the checklist gives it.
	q16: {ID: "Q16", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "policy",
		Summary: "A static QR (01 \"11\") carries no amount, 54."},
	q17: {ID: "Q17", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.8.1.3",
		Summary: "62.09 is made of A, M and E, each at most once."},
	q18: {ID: "Q18", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.8.1.2",
		Summary: "62.01..08 are \"***\" or merchant data: printable ASCII, 1..25 characters."},
	// The cap is 91 as QRIS 4.8.1.4 writes it, not the 95 of one
	// implementation.
	q19: {ID: "Q19", Profile: ProfileQRIS, Severity: SeverityError, StrictSeverity: SeverityError, Source: "QRIS 4.8.1.4, Table 4.8",
		Summary: "62.99, if present: 00 (GUID, 1..32) and 01 (1..81) present, at most 91 characters in all."},
	// Never reported: no Luhn or mod-10 variant holds on real mPANs.
	q20: {ID: "Q20", Profile: ProfileQRIS, Source: "observed",
		Summary: "The mPAN check digit is not checked: real mPANs fail every Luhn variant."},
	q21: {ID: "Q21", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityWarning, Source: "observed",
		Summary: "61, Postal Code, is 5 digits."},
	q22: {ID: "Q22", Profile: ProfileQRIS, Severity: SeverityWarning, StrictSeverity: SeverityError, Source: "QRIS Table 3.6",
		Summary: "59, Merchant Name, is at most 25 characters (a warning in lenient mode: such QRs exist)."},

	x01: {ID: "X01", Profile: ProfileQRIS, StrictSeverity: SeverityWarning, Source: "policy (digest §3.3; spring-qris refuses them)",
		Summary: "54 and 56 have no leading zeros (\"0150\"); strict mode only."},

	p01: {ID: "P01", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError,
		Source:  "Thai QR Code Payment Standard (promptparse); NAPAS VietQR v1.5.2 (vietqr-ts)",
		Summary: p01Summary()},
	p02: {ID: "P02", Profile: ProfileEMV, Severity: SeverityError, StrictSeverity: SeverityError,
		Source:  "Thai QR Code Payment Standard (promptparse, saladpuk/PromptPay); NAPAS VietQR v1.5.2 (vietqr-ts, subiz/vietqr)",
		Summary: p02Summary()},
}

// schemes are the rows of the profiles P01 and P02 apply to: those with a
// country of their own, but QRIS, whose rules say it in theirs (Q01, Q02).
func schemes() []*profile {
	var out []*profile
	for p := range profiles {
		if pr := &profiles[p]; Profile(p) != ProfileQRIS && pr.country != "" {
			out = append(out, pr)
		}
	}
	return out
}

// p01Summary says what P01 asks of each scheme, from its row.
func p01Summary() string {
	var names, pairs []string
	for _, pr := range schemes() {
		names = append(names, pr.name)
		pairs = append(pairs, strconv.Quote(pr.country)+" and "+strconv.Quote(pr.currency))
	}
	return "Under " + orList(names, " or ") + ", 58 and 53 are the scheme's: " + orList(pairs, ", or ") + "."
}

// p02Summary says what P02 asks of each scheme, from its row.
func p02Summary() string {
	var names, accounts, values []string
	for _, pr := range schemes() {
		names = append(names, pr.name)
		var tags []string
		for _, a := range pr.accounts {
			tags = append(tags, a.tag.String())
		}
		accounts = append(accounts, pr.name+" "+orList(tags, " or "))
		for _, o := range pr.values {
			values = append(values, pr.name+"'s "+o.From.String()+", "+o.Name)
		}
	}
	s := "Under " + orList(names, " or ") + ", the scheme's merchant account is present (" + strings.Join(accounts, ", ") +
		") with its GUID, the objects the scheme requires, and each object in the scheme's format and length"
	if len(values) > 0 {
		s += "; so is " + orList(values, " and ")
	}
	return s + "."
}

// orList joins items with ", ", and the last two with last: "a, b or c".
func orList(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}

// ruleOf returns the index of the rule with the given id. The checklist
// holds each letter's rules in order from 01, so the index is reckoned
// from the id, not searched for: the validator reads a row's rule ids as
// it checks. The tables name only rules that exist (TestTableColumns).
func ruleOf(id string) ruleID {
	if len(id) == 3 && id[1]-'0' <= 9 && id[2]-'0' <= 9 {
		first := ruleCount
		switch id[0] {
		case 'R':
			first = r01
		case 'Q':
			first = q01
		case 'X':
			first = x01
		case 'P':
			first = p01
		}
		if r := int(first) + int(id[1]-'0')*10 + int(id[2]-'0') - 1; r >= 0 && r < int(ruleCount) && ruleTable[r].ID == id {
			return ruleID(r)
		}
	}
	panic("qris: the object table names no rule " + strconv.Quote(id))
}

// Rules returns the checklist in order: R01..R27, Q01..Q22, X01, P01, P02.
func Rules() []Rule { return slices.Clone(ruleTable[:]) }

// LookupRule returns the rule with the given id.
func LookupRule(id string) (Rule, bool) {
	for _, r := range ruleTable {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// severity is what rule r reports under o, or 0 when it reports nothing.
func (r ruleID) severity(o Options) Severity {
	rl := &ruleTable[r]
	if rl.Profile == ProfileQRIS && o.Profile != ProfileQRIS {
		return 0
	}
	if o.Strict {
		return rl.StrictSeverity
	}
	return rl.Severity
}
