package qris_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/qriskit/qriskit/qris"
)

// A PromptPay payload leaves out 52, 59 and 60: generic EMV refuses it,
// PromptPay's profile does not.
func ExampleProfile() {
	const promptPay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
	fmt.Println(len(qris.Validate(promptPay, qris.Options{Profile: qris.ProfileEMV})), "problems under EMV")
	fmt.Println(len(qris.Validate(promptPay, qris.Options{Profile: qris.ProfilePromptPay})), "under PromptPay")
	// Output:
	// 3 problems under EMV
	// 0 under PromptPay
}

func ExampleDetectProfile() {
	for _, s := range []string{
		"00020101021129370016A000000677010111011300668012345675802TH530376463046197",
		"00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F",
		"00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7",
		"00020126830014br.gov.bcb.pix01364004901d-bd85-4769-8e52-cb4c42c506dc0221Jornada pagador 57768520400005303986540573.625802BR5903Pix62080504oooo63048E87",
	} {
		fmt.Println(qris.DetectProfile(s))
	}
	// Output:
	// PromptPay
	// VietQR
	// QRIS
	// EMV
}

// ProfileAuto applies what DetectProfile picks.
func ExampleOptions_auto() {
	const vietQR = "00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F"
	fmt.Println(qris.Validate(vietQR, qris.Options{Profile: qris.ProfileAuto}) == nil)
	// Output: true
}

func ExampleParseProfile() {
	p, err := qris.ParseProfile("promptpay")
	fmt.Println(p, err)
	_, err = qris.ParseProfile("pix")
	fmt.Println(err)
	fmt.Println(errors.Is(err, qris.ErrUnknownProfile))
	// Output:
	// PromptPay <nil>
	// unknown profile "pix": use qris, emv, promptpay, vietqr or auto
	// true
}

func ExampleProfile_String() {
	fmt.Println(qris.ProfileVietQR.String(), qris.ProfileAuto.String())
	// Output: VietQR auto
}

// The names --profile takes, and ParseProfile reads in any case.
func ExampleProfileNames() {
	fmt.Println(qris.ProfileNames())
	p, _ := qris.ParseProfile("PromptPay")
	fmt.Println(p)
	// Output:
	// [qris emv promptpay vietqr auto]
	// PromptPay
}

// A scheme's view of a tag path: VietQR's 38.01 is a template of its own,
// PromptPay's 81 a plain value where EMV has a template.
func ExampleDescribeIn() {
	o, _ := qris.DescribeIn(qris.ProfileVietQR, "A000000727", 38, 1)
	fmt.Println(o.Name, o.Template, o.Key)
	for _, s := range o.Sub {
		fmt.Println(" ", s.From, s.Name, s.Key)
	}
	o, _ = qris.DescribeIn(qris.ProfilePromptPay, "", 81)
	fmt.Println(o.Name, o.Template, o.Key)
	// Output:
	// Beneficiary Organization true beneficiaryOrganization
	//   00 Acquirer ID (BIN) acquirerId
	//   01 Merchant ID (account or card number) merchantId
	// Personal Message (TrueMoney) false personalMessage
}

// The JSON form of a merchant account a scheme owns uses that scheme's
// keys, and opens its templates.
func ExamplePayment_MarshalJSON_scheme() {
	p, _ := qris.Decode("00020101021262110807tien le38560010A0000007270126000697041501121133666688880208QRIBFTTA5303704540460005802VN63046893")
	b, _ := json.Marshal(p.MerchantAccounts[0])
	fmt.Println(string(b))
	// Output:
	// {"tag":"38","guid":"A000000727","beneficiaryOrganization":{"acquirerId":"970415","merchantId":"113366668888"},"serviceCode":"QRIBFTTA"}
}
