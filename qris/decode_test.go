package qris

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// modelGateway returns the gateway example's QRIS content, read from the
// response document itself.
func modelGateway(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../testdata/api-example-response.json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		ResponseData struct {
			QRIS struct {
				Content string `json:"content"`
			} `json:"qris"`
		} `json:"responseData"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.ResponseData.QRIS.Content) != 284 {
		t.Fatalf("gateway content is %d characters, want 284", len(r.ResponseData.QRIS.Content))
	}
	return r.ResponseData.QRIS.Content
}

func TestDecodeTypedFields(t *testing.T) {
	v := modelVectors(t)
	tests := []struct {
		name    string
		payload string
		check   func(p *Payment) bool
	}{
		{"S1 static", v["S1"], func(p *Payment) bool {
			a := p.MerchantAccounts
			return p.PayloadFormat == "01" && p.Initiation == Static && !p.IsDynamic() &&
				len(a) == 1 && a[0].Tag == 26 && a[0].GUID == "ID.CO.EXAMPLE.WWW" && a[0].PAN == "936099990000000017" &&
				a[0].MerchantID == "EX0000001" && a[0].Criteria == "UMI" && a[0].Other == nil &&
				equalTemplates(p.National.tmpl(), (&NationalAccount{GUID: "ID.CO.QRIS.WWW", NMID: "ID1020000000001", Criteria: "UMI"}).tmpl()) &&
				p.MerchantCategoryCode == "5812" && p.Currency == "360" && p.Amount == "" &&
				p.CountryCode == "ID" && p.MerchantName == "TOKO CONTOH" && p.MerchantCity == "JAKARTA" &&
				p.PostalCode == "10110" && p.AdditionalData.TerminalLabel == "A01" && p.AdditionalData.Other == nil &&
				p.Language.IsZero() && p.Tip() == Tip{} && p.TLV().CRC() == "99F7"
		}},
		{"S2 dynamic", v["S2"], func(p *Payment) bool {
			return p.IsDynamic() && p.Amount == "15000" && p.AdditionalData.BillNumber == "INV-0001" &&
				p.AdditionalData.TerminalLabel == "A01"
		}},
		{"S3 fixed fee", v["S3"], func(p *Payment) bool {
			return p.TipIndicator == "02" && p.ConvenienceFeeFixed == "1000" && p.Tip() == Tip{Kind: TipFixed, Value: "1000"}
		}},
		{"S4 percentage", v["S4"], func(p *Payment) bool {
			return p.TipIndicator == "03" && p.ConvenienceFeePercentage == "2.5" &&
				p.Tip() == Tip{Kind: TipPercentage, Value: "2.5"}
		}},
		{"S5 language, multi-byte", v["S5"], func(p *Payment) bool {
			return equalTemplates(p.Language.tmpl(), (&LanguageTemplate{Preference: "ID", MerchantName: "Café Contoh"}).tmpl())
		}},
		{"V1 prompt and consumer data", v["V1"], func(p *Payment) bool {
			d := p.AdditionalData
			return d.BillNumber == "***" && d.TerminalLabel == "A01" && d.ConsumerDataRequest == "AME"
		}},
		{"V2 trailing dot", v["V2"], func(p *Payment) bool { return p.Amount == "1000." }},
		{"V4 reverse order", v["V4"], func(p *Payment) bool {
			return p.Initiation == Static && p.MerchantName == "TOKO CONTOH" && len(p.MerchantAccounts) == 1 &&
				p.National.NMID == "ID1020000000001" && p.TLV().Fields()[1].Tag == 62
		}},
		{"P2 long name", v["P2"], func(p *Payment) bool {
			return len(p.MerchantName) == 44 && p.AdditionalData.BillNumber == "112233445534" &&
				p.AdditionalData.TerminalLabel == "47905"
		}},
		{"P3 decimals", v["P3"], func(p *Payment) bool {
			m, err := p.Amount.Minor()
			return p.Amount == "100003.00" && m == 10000300 && err == nil &&
				p.AdditionalData.ReferenceLabel == "SP25RZRATEQI2HQ65Q4"
		}},
		{"P6 card scheme primitive", v["P6"], func(p *Payment) bool {
			return len(p.SchemeAccounts) == 1 && p.SchemeAccounts[0].Tag == 15 && p.MerchantAccounts == nil &&
				p.National.IsZero() && p.CountryCode == "HK" && p.AdditionalData.BillNumber != ""
		}},
		{"gateway", modelGateway(t), func(p *Payment) bool {
			d := p.AdditionalData
			return p.IsDynamic() && p.Amount == "19477" && p.MerchantName == "TopUpKu" &&
				p.MerchantCity == "BANDAR LAMPUNG" && p.MerchantAccounts[0].GUID == "ID.CO.DANAMON.WWW" &&
				d.BillNumber == "1757471499309912" && d.ReferenceLabel == "66e934f6f5d64f1c" &&
				d.TerminalLabel == "154039343" && len(d.Other) == 1 &&
				d.Other[0] == TagValue{Tag: 99, Value: "0002000109315464448"}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.payload)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(p) {
				b, _ := json.Marshal(p)
				t.Errorf("unexpected decoding: %s", b)
			}
		})
	}
}

// TestDecodeOtherObjects decodes a payload with an object of every kind the
// model keeps as written (the EMVCo Chinese sample of the corpus).
func TestDecodeOtherObjects(t *testing.T) {
	const cn = "00020101021102160004hoge0104abcd520441115303156540523.7255020256035005802CN5914BEST TRANSPORT6007BEIJING6107123456762950105123450205678900305098760405543210505abcde0605fghij0705klmno0805pqres0903tuv1004abcd5004ijkl64280002ZH0102北京0204最佳运输0304abcd65020080320016A0112233449988770708123456786304C659"
	p, err := Decode(cn)
	if err != nil {
		t.Fatal(err)
	}
	d := p.AdditionalData
	checks := []struct {
		name string
		ok   bool
	}{
		{"02 scheme account", equalTagValues(p.SchemeAccounts, []TagValue{{2, "0004hoge0104abcd"}})},
		{"54 amount", p.Amount == "23.72"},
		{"55/56", p.Tip() == Tip{Kind: TipFixed, Value: "500"}},
		{"62 named", d.BillNumber == "12345" && d.MobileNumber == "67890" && d.StoreLabel == "09876" &&
			d.LoyaltyNumber == "54321" && d.ReferenceLabel == "abcde" && d.CustomerLabel == "fghij" &&
			d.TerminalLabel == "klmno" && d.Purpose == "pqres" && d.ConsumerDataRequest == "tuv" && d.MerchantTaxID == "abcd"},
		{"62 other", equalTagValues(d.Other, []TagValue{{50, "ijkl"}})},
		{"64", p.Language.Preference == "ZH" && p.Language.MerchantName == "北京" && p.Language.MerchantCity == "最佳运输" &&
			equalTagValues(p.Language.Other, []TagValue{{3, "abcd"}})},
		{"65 RFU", equalTagValues(p.RFU, []TagValue{{65, "00"}})},
		{"80 unreserved", len(p.Unreserved) == 1 && p.Unreserved[0].Tag == 80 && p.Unreserved[0].GUID == "A011223344998877" &&
			equalTagValues(p.Unreserved[0].Data, []TagValue{{7, "12345678"}})},
		{"String", p.String() == cn},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: decoded wrong", c.name)
		}
	}
}

// TestDecodeTestdata decodes every payload under testdata: each that parses
// as TLV gives a Payment; a checksum error still gives all of it.
func TestDecodeTestdata(t *testing.T) {
	payloads := map[string]string{"gateway": modelGateway(t)}
	for id, s := range modelVectors(t) {
		payloads["vector "+id] = s
	}
	labels := map[string]modelCorpusEntry{}
	for i, e := range modelCorpus(t) {
		name := fmt.Sprintf("corpus %03d %s", i, e.Scheme)
		payloads[name] = e.Payload
		labels[name] = e
	}
	decoded := 0
	for name, s := range payloads {
		p, err := DecodeLenient(s)
		e, fromCorpus := labels[name]
		var ee *emv.Error
		switch {
		case fromCorpus && !e.TLVOK:
			if err == nil || !errors.As(err, &ee) {
				t.Errorf("%s: labelled not TLV, decoded with error %v", name, err)
			}
			continue
		case p == nil:
			t.Errorf("%s: no payment: %v", name, err)
			continue
		case fromCorpus && !e.CRCCase:
			if !errors.Is(err, emv.ErrCRCMismatch) && !errors.Is(err, emv.ErrCRCSyntax) {
				t.Errorf("%s: labelled with a wrong CRC, got %v", name, err)
			}
		case fromCorpus && templateFault(e):
			if !errors.As(err, &ee) {
				t.Errorf("%s: labelled with a template fault, got %v", name, err)
			}
		case fromCorpus && err != nil:
			t.Errorf("%s: %v", name, err)
		}
		// Whenever the root was read to the end, String gives back the input.
		if got := p.String(); rootComplete(p, s) && got != s {
			t.Errorf("%s: String() = %q, want the input", name, got)
		}
		decoded++
	}
	if decoded < 110 {
		t.Errorf("decoded %d payloads, want every TLV one", decoded)
	}
}

func TestDecodeErrors(t *testing.T) {
	v := modelVectors(t)
	s1 := v["S1"]
	tests := []struct {
		name    string
		in      string
		lenient bool
		want    error
		payment bool // a Payment comes back with the error
		full    bool // ... and String() gives the input
	}{
		{"empty", "", false, emv.ErrEmpty, false, false},
		{"bad CRC P1", v["P1"], false, emv.ErrCRCMismatch, true, true},
		{"CRC not hex P5", v["P5"], false, emv.ErrCRCSyntax, true, true},
		{"lowercase CRC strict", v["S6"], false, emv.ErrCRCCase, true, true},
		{"truncated", s1[:50], false, emv.ErrOverrun, true, false},
		{"duplicate 59 N5", v["N5"], false, emv.ErrDuplicate, true, false},
		{"invalid UTF-8", s1[:20] + "\xff" + s1[21:], false, emv.ErrUTF8, false, false},
		{"too long strict", sizedPayload(t, 600), false, emv.ErrTooLong, false, false},
		{"62 not TLV", withCRC(strings.Replace(s1[:len(s1)-8], "62070703A01", "6207X703A01", 1)), false, emv.ErrNotTLV, true, true},
		{"26 not TLV", withCRC(strings.Replace(s1[:len(s1)-8], "26630017", "2663X017", 1)), false, emv.ErrNotTLV, true, true},
		{"CRC missing", s1[:len(s1)-8], false, emv.ErrCRCMissing, true, true},
		{"CRC not last", s1[:len(s1)-8-11] + s1[len(s1)-8:] + s1[len(s1)-8-11:len(s1)-8], false, emv.ErrCRCNotLast, true, true},
		{"CRC length", s1[:len(s1)-8] + "6302AB", false, emv.ErrCRCLength, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := Decode
			if tt.lenient {
				dec = DecodeLenient
			}
			p, err := dec(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var ee *emv.Error
			if !errors.As(err, &ee) {
				t.Errorf("error %v is not an *emv.Error", err)
			}
			if (p != nil) != tt.payment {
				t.Fatalf("payment %v, want one: %v", p != nil, tt.payment)
			}
			if p != nil && (p.String() == tt.in) != tt.full {
				t.Errorf("String() = %q, want the input: %v", p.String(), tt.full)
			}
		})
	}
}

// TestDecodePartial: a template that is not TLV is left out, the rest is
// read, and validation still sees every root object.
func TestDecodePartial(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	broken := withCRC(strings.Replace(s1[:len(s1)-8], "62070703A01", "6207X703A01", 1))
	p, err := Decode(broken)
	if !errors.Is(err, emv.ErrNotTLV) || p == nil {
		t.Fatalf("Decode: %v, %v", p, err)
	}
	if !p.AdditionalData.IsZero() || p.MerchantName != "TOKO CONTOH" || len(p.MerchantAccounts) != 1 {
		t.Errorf("partial payment wrong: %+v", p)
	}
	if _, ok := p.TLV().Get(62); !ok {
		t.Error("TLV lost the root object 62")
	}
	if problems := p.Validate(Options{}); !hasRule(problems, "R03") {
		t.Errorf("Validate = %v, want R03", problems)
	}
	broken = withCRC(strings.Replace(s1[:len(s1)-8], "26630017", "2663X017", 1))
	if p, err = Decode(broken); !errors.Is(err, emv.ErrNotTLV) || p.MerchantAccounts != nil {
		t.Errorf("broken 26: %v, accounts %v", err, p.MerchantAccounts)
	}
}

func TestDecodeLenient(t *testing.T) {
	v := modelVectors(t)
	p, err := DecodeLenient(v["S6"])
	if err != nil || p.String() != v["S6"] || p.TLV().CRC() != "99f7" {
		t.Errorf("lowercase CRC: %v", err)
	}
	long := sizedPayload(t, 600)
	if p, err = DecodeLenient(long); err != nil || p.String() != long || len(p.Unreserved) == 0 {
		t.Errorf("long payload: %v", err)
	}
	p, err = DecodeWith(emv.Parser{AllowLowercaseCRC: true}, long)
	if !errors.Is(err, emv.ErrTooLong) || p != nil {
		t.Errorf("DecodeWith without AllowLong: %v", err)
	}
}

func TestPaymentValidate(t *testing.T) {
	v := modelVectors(t)
	tests := []struct {
		id   string
		rule string // "" for clean
	}{
		{"S1", ""}, {"S2", ""}, {"S5", ""}, {"V4", ""},
		{"P1", "R07"}, {"P5", "R06"}, {"N3", "Q04"}, {"N9", "Q08"}, {"N1", "R17"},
	}
	for _, tt := range tests {
		p, _ := Decode(v[tt.id])
		if p == nil {
			t.Fatalf("%s: no payment", tt.id)
		}
		problems := p.Validate(Options{})
		if tt.rule == "" && problems != nil || tt.rule != "" && !hasRule(problems, tt.rule) {
			t.Errorf("%s: Validate = %v, want %q", tt.id, problems, tt.rule)
		}
		if want := Validate(v[tt.id], Options{}); len(want) != len(problems) {
			t.Errorf("%s: Payment.Validate found %d problems, Validate %d", tt.id, len(problems), len(want))
		}
	}
}

func hasRule(problems []Problem, rule string) bool {
	for _, p := range problems {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

// withCRC appends "6304" and the right checksum to a payload's content.
func withCRC(content string) string { return content + "6304" + emv.CRC(content+"6304") }

// sizedPayload returns a well-formed payload of exactly n characters
// (n ≥ 211): S1 with unreserved templates 80, 81, ... added before the CRC.
func sizedPayload(t testing.TB, n int) string {
	t.Helper()
	s1 := modelVectors(t)["S1"]
	content := s1[:len(s1)-8]
	for tag := 80; ; tag++ {
		r := n - 8 - len(content)
		if r == 0 {
			return withCRC(content)
		}
		size := min(r, 103)
		if r-size > 0 && r-size < 9 {
			size = r - 9
		}
		if size < 9 {
			t.Fatalf("cannot pad to %d characters", n)
		}
		if size <= 40 {
			content += fmt.Sprintf("%02d%02d00%02d%s", tag, size-4, size-8, strings.Repeat("G", size-8))
		} else {
			content += fmt.Sprintf("%02d%02d0004TEST01%02d%s", tag, size-4, size-16, strings.Repeat("x", size-16))
		}
	}
}

// rootComplete reports whether p's root objects cover all of s: then p is
// all of s, whatever errors came with it.
func rootComplete(p *Payment, s string) bool {
	if p == nil {
		return false
	}
	fs := p.TLV().Fields()
	last := fs[len(fs)-1]
	return last.Offset+4+last.Len() == utf8.RuneCountInString(s)
}

// TestDecodeWithSkipCRC: a decode that skips the checksum still has it
// reported by Validate, as R07.
func TestDecodeWithSkipCRC(t *testing.T) {
	s1 := modelVectors(t)["S1"]
	bad := s1[:len(s1)-4] + "0000"
	p, err := DecodeWith(emv.Parser{SkipCRC: true}, bad)
	if err != nil || p.MerchantName == "" {
		t.Fatalf("decode: %v", err)
	}
	ps := p.Validate(Options{})
	if len(ps) != 1 || ps[0].Rule != "R07" {
		t.Fatalf("problems %+v, want R07 alone", ps)
	}
	if p, _ := DecodeWith(emv.Parser{SkipCRC: true}, s1); p.Validate(Options{}) != nil {
		t.Fatal("a right checksum reported")
	}
}
