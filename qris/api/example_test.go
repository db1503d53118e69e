package api_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func ExampleDecodeRequest() {
	body := `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name",
	          "additionalInfo":{"callback":"http://your-site-callback.com/notify"}}`
	req, err := api.DecodeRequest(strings.NewReader(body))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := req.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Reference, req.Amount, *req.ExpiryMinutes, req.AdditionalInfo.Callback)
	// Output: REFF012 10000 30 http://your-site-callback.com/notify
}

func ExampleDecodeRequest_strict() {
	for _, body := range []string{
		`{"reference":"R1","amount":10000.50}`,
		`{"reference":"R1","Amount":10000}`,
		`{"reference":"R1","amount":10000,"amount":1}`,
		`{"reference":"R1"} {"reference":"R2"}`,
	} {
		_, err := api.DecodeRequest(strings.NewReader(body))
		fmt.Println(err)
	}
	// Output:
	// amount: not a whole number: 10000.50 (write an integer, with no fraction or exponent)
	// Amount: unknown field
	// amount: duplicate field
	// body: trailing data after the JSON object
}

func ExampleRequest_Validate() {
	req := api.Request{
		Reference:      "INV-2025-0001",
		Amount:         -10000,
		ViewName:       "Toko Contoh",
		AdditionalInfo: api.AdditionalInfo{Callback: "/notify"},
	}
	err := req.Validate()
	var problems api.FieldErrors
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p)
		}
	}
	fmt.Println(errors.Is(err, api.ErrBadURL))
	// Output:
	// amount: not positive: -10000 (want a positive whole number of rupiah)
	// additionalInfo.callback: not an absolute http(s) URL: relative; start it with http:// or https://
	// true
}

func ExampleParseStatus() {
	for _, s := range []string{"pending", "paid"} {
		st, err := api.ParseStatus(s)
		fmt.Printf("%q %v %v\n", st, err, errors.Is(err, api.ErrUnknownStatus))
	}
	// Output:
	// "pending" <nil> false
	// "" unknown status "paid" (want success, pending, expired or failed) true
}

func ExampleFeePayer_Payable() {
	// The amount a dynamic QRIS must carry in tag 54.
	fmt.Println(api.FeePayerCustomer.Payable(10000, 85))
	fmt.Println(api.FeePayerMerchant.Payable(10000, 85))
	// Output:
	// 10085
	// 10000
}

func ExampleResponse() {
	jakarta := time.FixedZone("WIB", 7*60*60)
	resp := api.Response{
		ResponseCode:    200,
		ResponseMessage: "success",
		ResponseData: &api.Transaction{
			ID:             "66e934f6-f5d6-4f1c-bb3d-450ec2873782",
			MerchantRef:    "REFF012",
			Status:         api.StatusPending,
			FeePayer:       api.FeePayerCustomer,
			Amount:         10000,
			Fee:            85,
			TotalAmount:    10085,
			ExpiredDate:    time.Date(2025, 3, 23, 10, 24, 58, 0, jakarta),
			AdditionalInfo: api.AdditionalInfo{Callback: "http://your-site-callback.com/notify"},
			QRIS:           api.QRIS{Content: "000201…6304ABCD"},
		},
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(resp); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "responseCode": 200,
	//   "responseMessage": "success",
	//   "responseData": {
	//     "id": "66e934f6-f5d6-4f1c-bb3d-450ec2873782",
	//     "merchantRef": "REFF012",
	//     "status": "pending",
	//     "feePayer": "customer",
	//     "amount": 10000,
	//     "fee": 85,
	//     "totalAmount": 10085,
	//     "expiredDate": "2025-03-23T10:24:58+07:00",
	//     "additionalInfo": {
	//       "callback": "http://your-site-callback.com/notify"
	//     },
	//     "qris": {
	//       "content": "000201…6304ABCD",
	//       "url": ""
	//     }
	//   }
	// }
}

func ExampleReferenceLabel() {
	fmt.Println(api.ReferenceLabel("66e934f6-f5d6-4f1c-8f3e-2f9c1a7b5d40"))
	// Output: 66e934f6f5d64f1c
}
