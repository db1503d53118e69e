package sandbox_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

func ExampleSign() {
	body := []byte(`{"reference":"INV-1","amount":10000,"viewName":"Toko Contoh","additionalInfo":{"callback":"http://127.0.0.1:9999/notify"}}`)
	sig := sandbox.Sign(sandbox.DemoClientSecret, body)
	fmt.Println(sig)
	fmt.Println(sandbox.CheckSignature(sandbox.DemoClientSecret, body, strings.ToUpper(sig)))
	// Output:
	// 56ac7f56e914bef3517f466bf985dfad85b6c93d0b6eea362e961e7dd66ffda0
	// true
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
	r := httptest.NewRequest("POST", "/qris", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(sandbox.HeaderClientKey, sandbox.DemoClientKey)
	r.Header.Set(sandbox.HeaderClientToken, sandbox.DemoClientToken)
	r.Header.Set(sandbox.HeaderSignature, sandbox.Sign(sandbox.DemoClientSecret, []byte(body)))
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)

	resp, err := api.DecodeResponse(w.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	tx := resp.ResponseData
	fmt.Println(resp.ResponseCode, tx.Status, tx.FeePayer, tx.Amount, tx.Fee, tx.TotalAmount)
	fmt.Println(tx.ExpiredDate.Format(time.RFC3339))
	// Output:
	// 200 pending customer 10000 85 10085
	// 2025-03-23T10:30:00+07:00
}
