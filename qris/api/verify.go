package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/internal/excerpt"
	"github.com/qriskit/qriskit/internal/jsonmsg"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render/scan"
)

// VerifyRule describes one check of [Verify]. Content problems keep the rule
// ids of package qris (R.., Q..); the rules below are the verifier's own.
type VerifyRule struct {
	ID       string
	Severity qris.Severity
	Summary  string
}

// The verifier's rules, written once: Verify reads severities from here and
// the command line lists them.
var verifyRules = []VerifyRule{
	{"A01", qris.SeverityError, "the response envelope reports success: responseCode 200 and a responseData"},
	{"A02", qris.SeverityError, "qris.content is present and is a valid QRIS payload (its own problems follow with their R/Q ids)"},
	{"A03", qris.SeverityError, "qris.content is dynamic (01 = 12): a code for one transaction"},
	{"A04", qris.SeverityError, "tag 54 is the payable amount: totalAmount when feePayer is customer, amount when merchant"},
	{"A05", qris.SeverityError, "totalAmount = amount + fee"},
	{"A06", qris.SeverityError, "amount is positive; fee and totalAmount are not negative; all are whole numbers"},
	{"A07", qris.SeverityError, "qris.image, when present, is base64 of an image that scans to exactly qris.content"},
	{"A08", qris.SeverityError, "expiredDate is RFC 3339 with an offset (the contract writes Jakarta time, +07:00)"},
	{"A09", qris.SeverityError, "a pending transaction is not past its expiredDate"},
	{"A10", qris.SeverityError, "id is a UUID"},
	{"A11", qris.SeverityError, "status is success, pending, expired or failed"},
	{"A12", qris.SeverityError, "feePayer is customer or merchant"},
	{"A13", qris.SeverityError, "the response echoes the request: merchantRef = reference, amount, additionalInfo.callback"},
	{"A14", qris.SeverityWarning, "62.05 (reference label) is the first 16 hex digits of id without dashes, as the contract's example shows"},
	{"A15", qris.SeverityError, "qris.content pays the merchant of the given static QRIS: same accounts 26..51, MCC, country, name, city, postal code"},
	{"A16", qris.SeverityWarning, "status is pending: a settled or expired transaction's code should not be shown to a payer"},
	{"A17", qris.SeverityWarning, "expiredDate uses the Jakarta offset +07:00"},
}

// VerifyRules returns the verifier's rules, in id order.
func VerifyRules() []VerifyRule { return append([]VerifyRule(nil), verifyRules...) }

func severityOf(id string) qris.Severity {
	for _, r := range verifyRules {
		if r.ID == id {
			return r.Severity
		}
	}
	return qris.SeverityError
}

// VerifyOptions says what to compare a response with.
type VerifyOptions struct {
	// Request, when set, is the request the response answers (A13).
	Request *Request
	// Merchant, when set, is the merchant's own static QRIS: the content
	// must pay that merchant (A15), so a swapped code is caught.
	Merchant string
	// Now is the time the expiry is judged at (A09); zero skips that check.
	Now time.Time
	// Validation tunes the content's QRIS validation.
	Validation qris.Options
	// Scan reads an image's QR text (A07); nil uses scan.Bytes.
	Scan func([]byte) (string, error)
}

// VerifyResponse checks a response body: the whole envelope
// ({"responseCode", "responseMessage", "responseData"}) or responseData
// alone. Unlike the strict decoders, it reads every field it can and reports
// each wrong one as a problem, so one run says everything. It returns an
// error wrapping ErrNotResponse only when body is not a JSON object.
func VerifyResponse(body []byte, o VerifyOptions) ([]qris.Problem, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil || top == nil {
		return nil, notResponse(err, "", body)
	}
	var ps problems
	data := body
	prefix := ""
	if raw, ok := top["responseData"]; ok || top["responseCode"] != nil {
		prefix = "responseData."
		var code int
		if err := json.Unmarshal(top["responseCode"], &code); err != nil || code != 200 {
			ps.add("A01", "responseCode", "responseCode is %s, want 200", rawText(top["responseCode"]))
		}
		if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			ps.add("A01", "responseData", "no responseData: the gateway answered %s", rawText(top["responseMessage"]))
			return ps.sorted(), nil
		}
		data = raw
	}
	var t looseTransaction
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, notResponse(err, strings.TrimSuffix(prefix, "."), data)
	}
	verifyLoose(&ps, &t, prefix, o)
	return ps.sorted(), nil
}

// Verify checks a decoded transaction; see [VerifyResponse] for raw bodies.
func Verify(t Transaction, o VerifyOptions) []qris.Problem {
	lt := looseTransaction{
		ID: t.ID, MerchantRef: t.MerchantRef, Status: string(t.Status), FeePayer: string(t.FeePayer),
		Amount:         json.Number(strconv.FormatInt(t.Amount, 10)),
		Fee:            json.Number(strconv.FormatInt(t.Fee, 10)),
		TotalAmount:    json.Number(strconv.FormatInt(t.TotalAmount, 10)),
		AdditionalInfo: t.AdditionalInfo, QRIS: t.QRIS,
	}
	if !t.ExpiredDate.IsZero() {
		lt.ExpiredDate = t.ExpiredDate.Format(time.RFC3339)
	}
	var ps problems
	verifyLoose(&ps, &lt, "", o)
	return ps.sorted()
}

// looseTransaction reads responseData without refusing anything, so each
// wrong field becomes a problem instead of ending the run.
type looseTransaction struct {
	ID             string         `json:"id"`
	MerchantRef    string         `json:"merchantRef"`
	Status         string         `json:"status"`
	FeePayer       string         `json:"feePayer"`
	Amount         json.Number    `json:"amount"`
	Fee            json.Number    `json:"fee"`
	TotalAmount    json.Number    `json:"totalAmount"`
	ExpiredDate    string         `json:"expiredDate"`
	AdditionalInfo AdditionalInfo `json:"additionalInfo"`
	QRIS           QRIS           `json:"qris"`
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func verifyLoose(ps *problems, t *looseTransaction, prefix string, o VerifyOptions) {
	f := func(name string) string { return prefix + name }

	// A10, A11, A12, A16: identity and state.
	if !uuidRE.MatchString(t.ID) {
		ps.add("A10", f("id"), "id %q is not a UUID (8-4-4-4-12 hex digits)", t.ID)
	}
	status, serr := ParseStatus(t.Status)
	if serr != nil {
		ps.add("A11", f("status"), "status: %v", serr)
	} else if status != StatusPending {
		ps.add("A16", f("status"), "status is %s: the transaction is no longer payable, do not show its code", status)
	}
	payer, perr := ParseFeePayer(t.FeePayer)
	if perr != nil {
		ps.add("A12", f("feePayer"), "feePayer: %v", perr)
	}

	// A06, A05: the arithmetic.
	amount, aok := whole(ps, t.Amount, f("amount"), true)
	fee, fok := whole(ps, t.Fee, f("fee"), false)
	total, tok := whole(ps, t.TotalAmount, f("totalAmount"), false)
	if aok && fok && tok && amount+fee != total {
		ps.add("A05", f("totalAmount"), "totalAmount is %d but amount + fee is %d + %d = %d", total, amount, fee, amount+fee)
	}

	// A08, A17, A09: expiry.
	if t.ExpiredDate == "" {
		ps.add("A08", f("expiredDate"), "expiredDate is missing")
	} else if exp, err := time.Parse(time.RFC3339, t.ExpiredDate); err != nil {
		ps.add("A08", f("expiredDate"), "expiredDate %q is not RFC 3339 with an offset, like 2025-03-23T10:24:58+07:00", t.ExpiredDate)
	} else {
		if _, off := exp.Zone(); off != 7*3600 {
			ps.add("A17", f("expiredDate"), "expiredDate %s is not in Jakarta time (+07:00)", t.ExpiredDate)
		}
		if !o.Now.IsZero() && serr == nil && status == StatusPending && !o.Now.Before(exp) {
			ps.add("A09", f("expiredDate"), "the transaction is pending but expired at %s (now %s): do not show its code", t.ExpiredDate, o.Now.Format(time.RFC3339))
		}
	}

	// A13: echoes of the request.
	if r := o.Request; r != nil {
		if t.MerchantRef != r.Reference {
			ps.add("A13", f("merchantRef"), "merchantRef %q does not echo the request's reference %q", t.MerchantRef, r.Reference)
		}
		if aok && amount != r.Amount {
			ps.add("A13", f("amount"), "amount %d is not the request's amount %d", amount, r.Amount)
		}
		if t.AdditionalInfo.Callback != r.AdditionalInfo.Callback {
			ps.add("A13", f("additionalInfo.callback"), "callback %q does not echo the request's %q", t.AdditionalInfo.Callback, r.AdditionalInfo.Callback)
		}
	}

	// The content: valid QRIS, dynamic, the right amount, the right merchant.
	content := t.QRIS.Content
	if content == "" {
		ps.add("A02", f("qris.content"), "qris.content is empty: there is no code to show")
	} else {
		verifyContent(ps, t, content, payer, perr == nil, amount, total, aok && tok, prefix, o)
	}

	// A07: the image shows the content.
	if t.QRIS.Image != "" {
		read := o.Scan
		if read == nil {
			read = scan.Bytes
		}
		got, err := read([]byte(t.QRIS.Image))
		switch {
		case err != nil:
			ps.add("A07", f("qris.image"), "qris.image does not hold a readable QR code: %v", err)
		case got != content:
			ps.add("A07", f("qris.image"), "qris.image scans to %q, not to qris.content", excerpt.Of(got, 40))
		}
	}
}

// verifyContent checks the QR content against the transaction. The payer is
// charged totalAmount when the customer pays the fee and amount when the
// merchant does, as the contract's fields say; whether totalAmount itself
// adds up is A05's business.
func verifyContent(ps *problems, t *looseTransaction, content string, payer FeePayer, payerOK bool, amount, total int64, amountsOK bool, prefix string, o VerifyOptions) {
	// One parse serves both the QRIS validation and the comparisons below:
	// ValidateParsed wants exactly the options qris.Validate parses with.
	var p emv.Payload
	err := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}.ParseInto(&p, content)
	found := qris.ValidateParsed(&p, err, o.Validation)
	if !qris.Valid(found) {
		ps.add("A02", prefix+"qris.content", "qris.content is not valid QRIS: the problems below say why")
	}
	ps.list = append(ps.list, found...)

	if err != nil && !errors.Is(err, emv.ErrCRCMismatch) && !errors.Is(err, emv.ErrCRCSyntax) {
		return // structure broken: the content problems above say where
	}
	intact := err == nil // a content with a broken CRC is reported above; comparing it proves nothing
	if f, ok := p.Get(1); !ok || f.Value != "12" {
		v := "absent"
		off := 0
		if ok {
			v, off = strconv.Quote(f.Value), f.Offset
		}
		ps.addAt("A03", "01", off, "point of initiation is %s, not \"12\": a static code does not carry this transaction", v)
	}
	if payerOK && amountsOK {
		// The fee the response implies, so that a customer-paid code is
		// compared with totalAmount as written; A05 judges the sum.
		want := payer.Payable(amount, total-amount)
		if f, ok := p.Get(54); !ok {
			ps.add("A04", "54", "the content has no amount (tag 54): the payer would type %d themselves", want)
		} else if minor, err := qris.Amount(f.Value).Minor(); err != nil || minor != want*100 {
			ps.addAt("A04", "54", f.Offset, "the content charges %s but the payer owes %d (%s pays the fee: %s)", f.Value, want, payer, payer.payableField())
		}
	}
	if f, ok := p.Lookup(62, 5); ok && uuidRE.MatchString(t.ID) {
		if want := ReferenceLabel(t.ID); !strings.EqualFold(f.Value, want) {
			ps.addAt("A14", "62.05", f.Offset, "reference label %q is not %q, the first 16 hex digits of id", f.Value, want)
		}
	}
	if o.Merchant != "" && intact {
		_, differ, err := qris.IsDerived(o.Merchant, content)
		switch {
		case err != nil:
			ps.add("A15", prefix+"qris.content", "cannot compare with the merchant's static QRIS: %v", err)
		case len(differ) > 0:
			names := make([]string, len(differ))
			for i, t := range differ {
				names[i] = t.String() + " (" + qris.Name(t) + ")"
			}
			ps.add("A15", prefix+"qris.content", "qris.content does not pay this merchant: %s differ from the static QRIS", strings.Join(names, ", "))
		}
	}
}

// whole reads a JSON number that must be a whole number of rupiah.
func whole(ps *problems, n json.Number, field string, positive bool) (int64, bool) {
	if n == "" {
		ps.add("A06", field, "%s is missing", field)
		return 0, false
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		ps.add("A06", field, "%s %s is not a whole number of rupiah", field, n)
		return 0, false
	}
	if v < 0 || (positive && v == 0) {
		ps.add("A06", field, "%s is %d: it must be %s", field, v, map[bool]string{true: "positive", false: "zero or more"}[positive])
		return v, false
	}
	return v, true
}

// problems gathers findings; offsets of response fields are -1.
type problems struct{ list []qris.Problem }

func (ps *problems) add(rule, field, format string, args ...any) {
	ps.addAt(rule, field, -1, format, args...)
}

func (ps *problems) addAt(rule, tag string, offset int, format string, args ...any) {
	ps.list = append(ps.list, qris.Problem{Rule: rule, Tag: tag, Offset: offset, Severity: severityOf(rule), Message: fmt.Sprintf(format, args...)})
}

// sorted puts the response's own findings first, in rule order, then the
// content's, by offset.
func (ps *problems) sorted() []qris.Problem {
	l := ps.list
	// Stable insertion sort: lists are short and the order must be stable.
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && less(l[j], l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
	return l
}

func less(a, b qris.Problem) bool {
	aa, ba := strings.HasPrefix(a.Rule, "A"), strings.HasPrefix(b.Rule, "A")
	if aa != ba {
		return aa
	}
	if aa {
		return a.Rule < b.Rule
	}
	return a.Offset < b.Offset
}

func rawText(r json.RawMessage) string {
	if len(r) == 0 {
		return "missing"
	}
	return string(r)
}

// notResponse is ErrNotResponse for value b at path ("" for the whole
// body), which json.Unmarshal refused with err or read as null, saying what
// is wrong in JSON's words.
func notResponse(err error, path string, b []byte) error {
	whole := "the input"
	if path != "" {
		whole = path
	}
	var why string
	switch {
	case err == nil:
		why = whole + " is null"
	case json.Valid(b) && jsonmsg.Kind(b) != "an object":
		why = whole + " is " + jsonmsg.Kind(b)
	default:
		why = jsonmsg.Describe(err, path)
	}
	return fmt.Errorf("%w: %s", ErrNotResponse, why)
}
