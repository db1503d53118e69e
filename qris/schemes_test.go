package qris

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// Real payloads of the scheme profiles, from testdata/corpus.jsonl.
const (
	// PromptPay through TrueMoney: 29.03 an e-wallet, 81 a personal message
	// ("Hello World!" as UTF-16 hex), a plain value (promptparse).
	trueMoneyPayload = "00020101021229390016A000000677010111031514000080111111153037645802TH540510.05814800480065006C006C006F00200057006F0072006C006400216304F5A2"
	// PromptPay bill payment, template 30.
	billPaymentPayload = "00020101021130550016A0000006770101120115099999999999990021211122233344453037645802TH63043EE7"
	// VietQR: 38.01 a template of the acquirer's BIN and the account.
	vietQRPayload = "00020101021262110807tien le38560010A0000007270126000697041501121133666688880208QRIBFTTA5303704540460005802VN63046893"
	// VietQR whose 38.01 announces 12 characters for a 13-digit account:
	// its content is not TLV.
	vietQRBrokenPayload = "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
)

// TestSchemePayloads: each scheme's payload decodes without error, encodes
// back byte for byte, writes the JSON form with the scheme's keys, and
// reads back from it to an Equal Payment that encodes to the same objects.
func TestSchemePayloads(t *testing.T) {
	cases := []struct {
		name, payload, json string
	}{
		{"TrueMoney 81", trueMoneyPayload, `{"payloadFormatIndicator":"01","pointOfInitiation":"12","merchantAccount":[{"tag":"29","guid":"A000000677010111","eWalletId":"140000801111111"}],"currency":"764","amount":"10.05","countryCode":"TH","crc":"F5A2","personalMessage":"00480065006C006C006F00200057006F0072006C00640021"}`},
		{"PromptPay bill payment", billPaymentPayload, `{"payloadFormatIndicator":"01","pointOfInitiation":"11","merchantAccount":[{"tag":"30","guid":"A000000677010112","billerId":"099999999999990","reference1":"111222333444"}],"currency":"764","countryCode":"TH","crc":"3EE7"}`},
		{"VietQR 38.01", vietQRPayload, `{"payloadFormatIndicator":"01","pointOfInitiation":"12","merchantAccount":[{"tag":"38","guid":"A000000727","beneficiaryOrganization":{"acquirerId":"970415","merchantId":"113366668888"},"serviceCode":"QRIBFTTA"}],"currency":"704","amount":"6000","countryCode":"VN","additionalData":{"tag":"62","purpose":"tien le"},"crc":"6893"}`},
		// Not TLV inside: the JSON keeps the content as written.
		{"VietQR broken 38.01", vietQRBrokenPayload, `{"payloadFormatIndicator":"01","pointOfInitiation":"11","merchantAccount":[{"tag":"38","guid":"A000000727","beneficiaryOrganization":"000697040301120011012345678","serviceCode":"QRIBFTTA"}],"currency":"704","countryCode":"VN","crc":"F4E5"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Decode(c.payload)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if s, err := p.Encode(); err != nil || s != c.payload {
				t.Fatalf("Encode = %q, %v; want the input", s, err)
			}
			b, err := json.Marshal(p)
			if err != nil || string(b) != c.json {
				t.Fatalf("JSON:\n got %s %v\nwant %s", b, err, c.json)
			}
			var back Payment
			if err := json.Unmarshal(b, &back); err != nil || !back.Equal(p) {
				t.Fatalf("reads back unequal: %v", err)
			}
			s, err := back.Encode()
			if err != nil {
				t.Fatal(err)
			}
			q, err := Decode(s)
			if err != nil || !q.Equal(p) {
				t.Fatalf("%q decodes unequal: %v", s, err)
			}
		})
	}
}

// TestTrueMoneyValue: 81 is a plain value under PromptPay only; in any
// other payload a non-TLV 81 is still a template that does not parse.
func TestTrueMoneyValue(t *testing.T) {
	p, err := Decode(trueMoneyPayload)
	if err != nil {
		t.Fatal(err)
	}
	want := []TagValue{{81, "00480065006C006C006F00200057006F0072006C00640021"}}
	if len(p.UnreservedValues) != 1 || p.UnreservedValues[0] != want[0] || p.Unreserved != nil {
		t.Fatalf("UnreservedValues %v, Unreserved %v", p.UnreservedValues, p.Unreserved)
	}
	// The same 81 in a QRIS payload.
	qris := "00020101021151440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5904TOKO6007JAKARTA810400416304"
	qris += emv.ExpectedCRC(qris + "0000")
	if _, err := Decode(qris); !errors.Is(err, emv.ErrNotTLV) {
		t.Fatalf("81 in a QRIS: %v, want a template error", err)
	}
	// Editing the value re-encodes it as a value.
	p.UnreservedValues[0].Value = "0041"
	s, err := p.Encode()
	if err != nil || !strings.Contains(s, "81040041") {
		t.Fatalf("edited: %q, %v", s, err)
	}
}

// TestSchemeEncodeErrors: what Encode refuses of UnreservedValues.
func TestSchemeEncodeErrors(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *Payment)
		want string
	}{
		{"tag no scheme uses as a value", func(p *Payment) { p.UnreservedValues = []TagValue{{85, "X"}} },
			"UnreservedValues holds only the tags a scheme uses as plain values (81)"},
		{"value and template at one tag", func(p *Payment) {
			p.Unreserved = []UnreservedTemplate{{Tag: 81, GUID: "X"}}
		}, "tag 81: invalid payment value: duplicate tag"},
		{"tag out of range", func(p *Payment) { p.UnreservedValues = []TagValue{{70, "X"}} },
			"UnreservedValues holds only"},
	}
	for _, c := range cases {
		p, err := Decode(trueMoneyPayload)
		if err != nil {
			t.Fatal(err)
		}
		c.edit(p)
		_, err = p.Encode()
		if !errors.Is(err, ErrValue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if pr := p.Validate(Options{Profile: ProfilePromptPay}); len(pr) != 1 || pr[0].Rule == "" {
			t.Errorf("%s: Validate gives %v", c.name, pr)
		}
	}
}

// TestSchemeJSONErrors: the JSON form of a scheme's account is read as
// strictly as QRIS's, nested templates included, and says what is wrong in
// terms of tags and keys.
func TestSchemeJSONErrors(t *testing.T) {
	acct := func(s string) string {
		return `{"merchantAccount":[{"tag":"38","guid":"A000000727",` + s + `}]}`
	}
	cases := []struct{ name, in, want string }{
		{"QRIS key in a scheme's account", acct(`"pan":"1"`), `template 38 has no key "pan"`},
		{"unknown nested key", acct(`"beneficiaryOrganization":{"bin":"970415"}`), `template 38.01 has no key "bin"`},
		{"named tag in other", acct(`"other":[{"tag":"02","value":"QRIBFTTA"}]`), `tag 38.02 does not belong under "other"`},
		{"named nested tag in other", acct(`"beneficiaryOrganization":{"other":[{"tag":"00","value":"1"}]}`), `tag 38.01.00 does not belong under "other"`},
		{"nested value too long", acct(`"beneficiaryOrganization":{"merchantId":"` + strings.Repeat("1", 100) + `"}`), `38.01.01 is 100 characters: at most 99`},
		{"nested of the wrong type", acct(`"beneficiaryOrganization":["970415"]`), `cannot unmarshal array`},
		{"value of the wrong type", acct(`"serviceCode":1`), `cannot unmarshal number`},
		{"plain value of the wrong type", `{"personalMessage":{"x":"y"}}`, `cannot unmarshal object`},
		{"PromptPay key under VietQR", acct(`"mobileNumber":"0066801234567"`), `template 38 has no key "mobileNumber"`},
	}
	for _, c := range cases {
		var p Payment
		err := json.Unmarshal([]byte(c.in), &p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	// The account's GUID picks its keys: another GUID at 38 is QRIS's view.
	var p Payment
	if err := json.Unmarshal([]byte(`{"merchantAccount":[{"tag":"38","guid":"OTHER","pan":"1"}]}`), &p); err != nil || p.MerchantAccounts[0].PAN != "1" {
		t.Errorf("another GUID: %v %+v", err, p.MerchantAccounts)
	}
}

// TestNestedJSONOrder: a nested template whose objects are not in
// ascending order, or one holding an empty value, is kept as its content
// in the JSON form, so that the form reads back to the same payload.
func TestNestedJSONOrder(t *testing.T) {
	for inner, opened := range map[string]bool{
		"00069704150112113366668888": true,  // as NAPAS writes it
		"01121133666688880006970415": false, // 01 before 00
		"00000112113366668888":       false, // an empty 00
	} {
		acct := "0010A00000072701" + twoDigits(len(inner)) + inner + "0208QRIBFTTA"
		s := "000201010212" + "38" + twoDigits(len(acct)) + acct + "5303704540460005802VN6304"
		s += emv.ExpectedCRC(s + "0000")
		p, err := Decode(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := `"beneficiaryOrganization":"` + inner + `"`; opened == strings.Contains(string(b), want) {
			t.Errorf("%s: opened %v: %s", inner, opened, b)
		}
		var back Payment
		if err := json.Unmarshal(b, &back); err != nil || !back.Equal(p) {
			t.Errorf("%s: %s reads back unequal: %v", s, b, err)
		}
	}
}

// TestDescribeIn: the profile's view of a tag path, for decode's tree.
func TestDescribeIn(t *testing.T) {
	cases := []struct {
		p        Profile
		guid     string
		path     []emv.Tag
		name     string
		template bool
	}{
		{ProfilePromptPay, "", []emv.Tag{81}, "Personal Message (TrueMoney)", false},
		{ProfileQRIS, "", []emv.Tag{81}, "Unreserved Template", true},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 1}, "Beneficiary Organization", true},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 1, 0}, "Acquirer ID (BIN)", false},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 2}, "Service Code", false},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 9}, "Payment Network Specific", false},
		{ProfileVietQR, "OTHER", []emv.Tag{38, 1}, "Payment Network Specific", false},
		{ProfileEMV, "br.gov.bcb.pix", []emv.Tag{26, 1}, "Payment Network Specific", false},
		{ProfileQRIS, "ID.CO.QRIS.WWW", []emv.Tag{26, 1}, "Merchant PAN", false},
		{ProfileVietQR, "", []emv.Tag{62, 99}, "Proprietary Data Template", true},
		// An object a scheme's nested template does not name is named
		// as EMV names what a network defines in its account.
		{ProfileVietQR, "A000000727", []emv.Tag{38, 1, 5}, "Payment Network Specific", false},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 1, 7}, "Payment Network Specific", false},
		{ProfileVietQR, "A000000727", []emv.Tag{38, 0}, "Globally Unique Identifier (NAPAS)", false},
		{ProfilePromptPay, "A000000677010111", []emv.Tag{29, 1}, "Mobile Number", false},
		{ProfilePromptPay, "A000000677010112", []emv.Tag{30, 1}, "Biller ID", false},
		{ProfilePromptPay, "A000000677010112", []emv.Tag{30, 2}, "Reference 1", false},
		{ProfileQRIS, "ID.CO.EXAMPLE.WWW", []emv.Tag{26, 1}, "Merchant PAN", false},
		{ProfileQRIS, "ID.CO.QRIS.WWW", []emv.Tag{51, 2}, "National Merchant ID (NMID)", false},
		// Foreign templates stay generic: no "Merchant Criteria" for a
		// UnionPay 31.03, no "Merchant PAN" for a PIX key.
		{ProfileEMV, "A000000333010101", []emv.Tag{31, 3}, "Payment Network Specific", false},
		{ProfileEMV, "br.gov.bcb.pix", []emv.Tag{26, 0}, "Globally Unique Identifier", false},
		{ProfilePromptPay, "A000000677010114", []emv.Tag{29, 1}, "Payment Network Specific", false},
	}
	for _, c := range cases {
		o, ok := DescribeIn(c.p, c.guid, c.path...)
		if !ok || o.Name != c.name || o.Template != c.template {
			t.Errorf("DescribeIn(%v, %q, %v) = %+v, %v; want %q template %v", c.p, c.guid, c.path, o, ok, c.name, c.template)
		}
	}
	for _, path := range [][]emv.Tag{{38, 1, 0, 5}, {38, 2, 1}, {38, 1, 5, 1}, {26, 1, 1}} {
		if _, ok := DescribeIn(ProfileVietQR, "A000000727", path...); ok {
			t.Errorf("%v, a path below a primitive, is known", path)
		}
	}
	if _, ok := DescribeIn(ProfileVietQR, ""); ok {
		t.Error("the empty path is known")
	}
	// A copy: changing it changes nothing.
	o, _ := DescribeIn(ProfileVietQR, "A000000727", 38, 1)
	o.Sub[0].Name = "changed"
	if o, _ := DescribeIn(ProfileVietQR, "A000000727", 38, 1, 0); o.Name != "Acquirer ID (BIN)" {
		t.Error("DescribeIn returned the table itself")
	}
}

// TestSchemeKeys: the keys of the JSON form stay unique: no two profiles
// define an account at the same tag with the same GUID (the account picks
// the keys), within an account and its templates no key repeats or takes
// "tag" or "other", and no scheme's plain value shares a key with a root
// object or another scheme's value.
func TestSchemeKeys(t *testing.T) {
	type at struct {
		tag  emv.Tag
		guid string
	}
	seen := map[at]string{}
	var check func(where string, objs []Object)
	check = func(where string, objs []Object) {
		keys := map[string]bool{}
		for _, o := range objs {
			if o.Key == "" || o.Key == "tag" || o.Key == "other" || keys[o.Key] {
				t.Errorf("%s: key %q of %s", where, o.Key, o.Name)
			}
			keys[o.Key] = true
			if o.Template {
				check(where+"."+o.From.String(), o.Sub)
			}
		}
	}
	values := map[string]bool{}
	for _, o := range objects {
		values[o.Key] = true
	}
	for p := range profiles {
		pr := &profiles[p]
		for _, a := range pr.accounts {
			if q, dup := seen[at{a.tag, a.guid}]; dup {
				t.Errorf("%s and %s both define %s with GUID %s", q, pr.name, a.tag, a.guid)
			}
			seen[at{a.tag, a.guid}] = pr.name
			check(pr.name+" "+a.tag.String(), a.objects)
		}
		for _, o := range pr.values {
			if values[o.Key] || o.Key == "" {
				t.Errorf("%s %s: key %q taken", pr.name, o.From, o.Key)
			}
			values[o.Key] = true
			if rootKind(o.From) != kindUnreserved {
				t.Errorf("%s %s: a plain value outside 80..99", pr.name, o.From)
			}
		}
	}
}

// TestRootKinds: the table gives every root tag a kind, and the kinds the
// lists keep have the ranges their messages name.
func TestRootKinds(t *testing.T) {
	for tag := emv.Tag(0); tag <= 99; tag++ {
		o := objectIndexes().object(tag)
		if o == nil {
			t.Fatalf("%s has no row", tag)
		}
		if (o.kind == kindField) != (o.field != 0) {
			t.Errorf("%s: kind %d, field %d", tag, o.kind, o.field)
		}
	}
	for _, c := range []struct {
		k      kind
		lo, hi emv.Tag
	}{{kindSchemeAccount, 2, 25}, {kindMerchantAccount, 26, 50}, {kindNational, 51, 51}, {kindAdditional, 62, 62},
		{kindCRC, 63, 63}, {kindLanguage, 64, 64}, {kindRFU, 65, 79}, {kindUnreserved, 80, 99}} {
		if lo, hi := kindTags(c.k); lo != c.lo || hi != c.hi {
			t.Errorf("kind %d: %s..%s, want %s..%s", c.k, lo, hi, c.lo, c.hi)
		}
	}
	if !isAccount(26) || !isAccount(51) || isAccount(25) || isAccount(52) {
		t.Error("isAccount")
	}
}

// TestPlainValueRoundTrip: whatever Encode accepts in UnreservedValues,
// Decode reads back Equal; what it refuses, it refuses as ErrValue at that
// tag. The payment's scheme decides, by its country and merchant accounts:
// 81 is a plain value in a PromptPay payment only.
func TestPlainValueRoundTrip(t *testing.T) {
	var accepted, refused int
	for _, country := range []string{"", "TH", "ID", "VN", "SG"} {
		for _, tag := range []emv.Tag{26, 29, 30, 38} {
			for _, guid := range []string{"A000000677010111", "A000000677010112", "ID.CO.QRIS.WWW", "A000000727", "COM.EXAMPLE"} {
				p := &Payment{PayloadFormat: "01", Currency: "764", CountryCode: country,
					MerchantAccounts: []MerchantAccount{{Tag: tag, GUID: guid, MerchantID: "0812345678"}},
					UnreservedValues: []TagValue{{81, "HELLO"}}}
				name := fmt.Sprintf("58=%q %s.00=%s", country, tag, guid)
				s, err := p.Encode()
				if err != nil {
					if !errors.Is(err, ErrValue) || !strings.HasPrefix(err.Error(), "qris: tag 81: ") {
						t.Errorf("%s: %v", name, err)
					}
					if _, jerr := json.Marshal(p); !errors.Is(jerr, ErrValue) {
						t.Errorf("%s: MarshalJSON gives %v, want Encode's error", name, jerr)
					}
					refused++
					continue
				}
				accepted++
				q, err := Decode(s)
				if err != nil || !q.Equal(p) {
					t.Errorf("%s: Encode gives %q, which decodes to %v, %v", name, s, q, err)
				}
			}
		}
	}
	if accepted == 0 || refused == 0 {
		t.Fatalf("accepted %d, refused %d: the cases do not reach both sides", accepted, refused)
	}
}

// TestPlainValueRefused: a personal message in a QRIS payment, from Go or
// from JSON, is refused with a message that names the schemes.
func TestPlainValueRefused(t *testing.T) {
	const want = "qris: tag 81: invalid payment value: a plain value here belongs to a payment of PromptPay, and this one is QRIS (by its country and merchant accounts)"
	p, err := Decode(modelVectors(t)["S1"])
	if err != nil {
		t.Fatal(err)
	}
	p.UnreservedValues = []TagValue{{81, "HELLO"}}
	if _, err := p.Encode(); !errors.Is(err, ErrValue) || err.Error() != want {
		t.Fatalf("Encode: %v\nwant %s", err, want)
	}
	b, err := json.Marshal(p)
	if !errors.Is(err, ErrValue) || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("MarshalJSON: %s, %v", b, err)
	}
	p.UnreservedValues = nil
	b, err = json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Replace(string(b), "{", `{"personalMessage":"HELLO",`, 1)
	var q Payment
	if err := json.Unmarshal([]byte(in), &q); !errors.Is(err, ErrValue) || err.Error() != want {
		t.Fatalf("UnmarshalJSON(%s): %v\nwant %s", in, err, want)
	}
}

// TestMarshalJSONRefuses: MarshalJSON fails, with Encode's error, for a
// Payment that does not encode, rather than write a JSON that leaves out
// what Encode refuses and the checksum.
func TestMarshalJSONRefuses(t *testing.T) {
	for name, edit := range map[string]func(p *Payment){
		"tag no scheme uses as a value": func(p *Payment) { p.UnreservedValues = []TagValue{{85, "HELLO"}} },
		"tag held twice":                func(p *Payment) { p.RFU = []TagValue{{70, "A"}, {70, "B"}} },
	} {
		p, err := Decode(trueMoneyPayload)
		if err != nil {
			t.Fatal(err)
		}
		edit(p)
		_, encErr := p.Encode()
		if encErr == nil {
			t.Fatalf("%s: Encode took it", name)
		}
		b, err := p.MarshalJSON()
		if err == nil || b != nil || err.Error() != encErr.Error() {
			t.Errorf("%s: MarshalJSON = %s, %v; want Encode's %v", name, b, err, encErr)
		}
		if _, err := json.Marshal(p); !errors.Is(err, ErrValue) {
			t.Errorf("%s: json.Marshal: %v", name, err)
		}
	}
}

// TestEncodeMessagesSayItOnce: a duplicate tag and an over-long template
// are each said once, in the user's terms, and still match their sentinels.
func TestEncodeMessagesSayItOnce(t *testing.T) {
	p, err := Decode(vietQRPayload)
	if err != nil {
		t.Fatal(err)
	}
	p.RFU = []TagValue{{70, "A"}, {70, "B"}}
	_, err = p.Encode()
	if want := "qris: tag 70: invalid payment value: duplicate tag"; err == nil || err.Error() != want || !errors.Is(err, emv.ErrDuplicate) {
		t.Errorf("duplicate root tag: %v, want %s", err, want)
	}
	p.RFU = nil
	p.AdditionalData.Other = []TagValue{{50, "A"}, {50, "B"}}
	_, err = p.Encode()
	if want := "qris: tag 62.50: invalid payment value: duplicate tag"; err == nil || err.Error() != want || !errors.Is(err, emv.ErrDuplicate) {
		t.Errorf("duplicate sub-tag: %v, want %s", err, want)
	}
	// An over-long 38.01 given as JSON.
	in := `{"payloadFormatIndicator":"01","merchantAccount":[{"tag":"38","guid":"A000000727","beneficiaryOrganization":{"acquirerId":"970415","merchantId":"` + strings.Repeat("1", 95) + `"},"serviceCode":"QRIBFTTA"}],"currency":"704","countryCode":"VN"}`
	var q Payment
	if err := json.Unmarshal([]byte(in), &q); err != nil {
		t.Fatal(err)
	}
	_, err = q.Encode()
	if want := "qris: tag 38.01: too long: 109 characters, the bound is 99"; err == nil || err.Error() != want || !errors.Is(err, ErrTooLong) || !errors.Is(err, emv.ErrValueTooLong) {
		t.Errorf("over-long 38.01: %v, want %s", err, want)
	}
}
