package qris_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/qriskit/qriskit/qris"
)

// A static QRIS sticker (the spec digest's vector S1, fake merchant data).
const sticker = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

func ExampleDecode() {
	p, err := qris.Decode("00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405150005802ID5911TOKO CONTOH6007JAKARTA61051011062190108INV-00010703A0163040FA4")
	if err != nil {
		fmt.Println(err)
		return
	}
	sen, _ := p.Amount.Minor()
	fmt.Println(p.MerchantName, p.MerchantCity)
	fmt.Println("amount:", p.Amount, "rupiah =", sen, "sen")
	fmt.Println("dynamic:", p.IsDynamic(), "bill:", p.AdditionalData.BillNumber, "NMID:", p.National.NMID)
	// Output:
	// TOKO CONTOH JAKARTA
	// amount: 15000 rupiah = 1500000 sen
	// dynamic: true bill: INV-0001 NMID: ID1020000000001
}

func ExampleToDynamic() {
	payload, err := qris.ToDynamic(sticker, qris.DynamicOptions{Amount: "15000", BillNumber: "INV-0001"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(payload)
	// Output:
	// 00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405150005802ID5911TOKO CONTOH6007JAKARTA61051011062190108INV-00010703A0163040FA4
}

func ExampleToDynamic_fee() {
	payload, err := qris.ToDynamic(sticker, qris.DynamicOptions{
		Amount: "15000",
		Tip:    qris.Tip{Kind: qris.TipPercentage, Value: "2.5"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := qris.Decode(payload)
	fmt.Println(p.Amount, p.Tip().Kind, p.Tip().Value)

	_, err = qris.ToDynamic(sticker, qris.DynamicOptions{Amount: "15.000,00"})
	fmt.Println(err)
	// Output:
	// 15000 percentage 2.5
	// qris: tag 54: invalid amount: "15.000,00" is not digits with at most one '.'
}

// A static code whose tip indicator says "fixed fee" (55 = 02) but has no
// fee (56) is refused: the dynamic code would carry the defect. NoCheck
// converts it anyway.
func ExampleToDynamic_checklist() {
	broken := "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605502025802ID5911TOKO CONTOH6007JAKARTA61051011062070703A0163047BEF"
	_, err := qris.ToDynamic(broken, qris.DynamicOptions{Amount: "15000"})
	fmt.Println(errors.Is(err, qris.ErrNotQRIS), err)

	d, err := qris.ToDynamic(broken, qris.DynamicOptions{Amount: "15000", NoCheck: true})
	fmt.Println(err, qris.Valid(qris.Validate(d, qris.Options{})))
	// Output:
	// true qris: tag 56: not a valid QRIS payload: R17: 55 is "02" (fixed fee) but 56, the fee, is missing
	// <nil> false
}

func ExampleToStatic() {
	static, err := qris.ToStatic("00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405150005802ID5911TOKO CONTOH6007JAKARTA61051011062190108INV-00010703A0163040FA4")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(static == sticker)
	// Output:
	// true
}

func ExampleIsDerived() {
	dynamic, _ := qris.ToDynamic(sticker, qris.DynamicOptions{Amount: "20000"})
	fmt.Println(qris.IsDerived(sticker, dynamic))

	p, _ := qris.Decode(dynamic)
	p.MerchantName = "TOKO PALSU"
	p.National.NMID = "ID1020000000002"
	fmt.Println(qris.IsDerived(sticker, p.String()))
	// Output:
	// true [] <nil>
	// false [51 59] <nil>
}

func ExamplePayment_Encode() {
	p, _ := qris.Decode(sticker)
	p.MerchantName = "TOKO BARU"
	s, err := p.Encode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s)
	// Output:
	// 00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5909TOKO BARU6007JAKARTA61051011062070703A016304824E
}

func ExamplePayment_MarshalJSON() {
	p, _ := qris.Decode(sticker)
	p.AdditionalData = qris.AdditionalData{}
	p.MerchantAccounts = nil
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "payloadFormatIndicator": "01",
	//   "pointOfInitiation": "11",
	//   "nationalAccount": {
	//     "tag": "51",
	//     "guid": "ID.CO.QRIS.WWW",
	//     "nmid": "ID1020000000001",
	//     "criteria": "UMI"
	//   },
	//   "merchantCategoryCode": "5812",
	//   "currency": "360",
	//   "countryCode": "ID",
	//   "merchantName": "TOKO CONTOH",
	//   "merchantCity": "JAKARTA",
	//   "postalCode": "10110",
	//   "crc": "43B5"
	// }
}

func ExampleAmount_Cmp() {
	a, _ := qris.ParseAmount("1000.")
	b, _ := qris.ParseAmount("999.99")
	fmt.Println(a.Cmp(b), a.Equal("1000.00"), a == "1000.00")
	_, err := qris.ParseAmount("1.000,00")
	fmt.Println(err)
	// Output:
	// 1 true false
	// qris: invalid amount: "1.000,00" is not digits with at most one '.'
}
