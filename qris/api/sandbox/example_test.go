package sandbox_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

// The fault table: with Config.Faults on, these amounts make a create
// answer an error, answer slowly or drop the connection.
func ExampleFaultAmounts() {
	for _, f := range sandbox.FaultAmounts() {
		switch {
		case f.Slow:
			fmt.Println(f.Amount, "slow answer")
		case f.Drop:
			fmt.Println(f.Amount, "stored, then the connection dropped")
		default:
			fmt.Println(f.Amount, f.Status, f.Code)
		}
	}
	// Output:
	// 4001 400 CREATE_FAILED
	// 4011 401 UNAUTHORIZED
	// 4012 401 PRODUCT_ACCESS_ERROR
	// 4021 402 INSUFFICIENT_BALANCE
	// 4031 403 UNAUTHORIZED
	// 4032 403 PAYMENT_INACTIVE_ERROR
	// 4041 404 TRANSACTION_NOT_FOUND
	// 4091 409 DUPLICATE_REFERENCE
	// 4221 422 REQUEST_INVALID
	// 4291 429 PAYMENT_INTERNAL_ERROR
	// 5001 500 INTERNAL_ERROR
	// 5031 503 SERVICE_UNAVAILABLE
	// 9001 slow answer
	// 9002 stored, then the connection dropped
}

func ExampleParseFeeRule() {
	rule, err := sandbox.ParseFeeRule("flat:85+percent:0.7")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rule, rule.Fee(10000), rule.Fee(15072))
	_, err = sandbox.ParseFeeRule("percent:0.00001")
	fmt.Println(err)
	// Output:
	// flat:85+percent:0.7 155 191
	// invalid fee rule "percent:0.00001": percentage "0.00001" is not a decimal with at most four decimals
}

func ExampleNew() {
	s, err := sandbox.New(sandbox.Config{
		DB:  sandbox.MemoryDB,
		Now: func() time.Time { return time.Date(2025, 3, 23, 3, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	body := `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http://127.0.0.1:9999/notify"}}`
	r := httptest.NewRequest("POST", "/api/qris", strings.NewReader(body))
	r.Header.Set(api.HeaderClientKey, sandbox.DemoClientKey)
	r.Header.Set(api.HeaderClientToken, sandbox.DemoClientToken)
	r.Header.Set(api.HeaderSignature, api.Sign(sandbox.DemoClientKey, sandbox.DemoClientToken, []byte(body)))
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)

	resp, err := api.DecodeResponse(w.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	tx := resp.ResponseData
	fmt.Println(resp.ResponseCode, tx.Status, tx.FeePayer, tx.Amount, tx.Fee, tx.TotalAmount)
	fmt.Println(tx.ExpiredDate.Format(time.RFC3339), w.Header().Get(sandbox.HeaderSignatureOver))
	// Output:
	// 200 pending customer 10000 85 10085
	// 2025-03-23T10:30:00+07:00 raw
}

func ExampleParseClients() {
	cs, err := sandbox.ParseClients(strings.NewReader(`[
		{"key": "shop-1", "token": "t0k3n-1"},
		{"key": "shop-2", "token": "t0k3n-2", "ip": ["203.0.113.0/24", "::1/128"]}
	]`))
	fmt.Println(len(cs), cs[0].IP == nil, cs[1].IP, err)
	_, err = sandbox.ParseClients(strings.NewReader(`[{"key": "k", "token": "t", "ip": ["203.0.113.7"]}]`))
	fmt.Println(err)
	// Output:
	// 2 true [203.0.113.0/24 ::1/128] <nil>
	// invalid clients: client 1: ip "203.0.113.7" is not a CIDR range such as 203.0.113.0/24 or 0.0.0.0/0
}

func ExampleParseSignatureOver() {
	for _, s := range []string{"either", "json_encode", "both"} {
		over, err := sandbox.ParseSignatureOver(s)
		fmt.Printf("%q %v\n", over, err)
	}
	// Output:
	// "either" <nil>
	// "json_encode" <nil>
	// "" signature reading "both": want either, raw or json_encode
}
