package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris/api"
)

// The examples call a small stand-in for the gateway on loopback; a
// program passes api.WithBaseURL(api.ProductionURL), or nothing for the
// gateway's sandbox, or a local "qris serve" at http://127.0.0.1:8080/api.

func ExampleClient_CreateQRIS() {
	srv := httptest.NewServer(fakegateway.New("my-key", "my-token"))
	defer srv.Close()

	c := api.NewClient("my-key", "my-token", api.WithBaseURL(srv.URL+"/api"))
	expiry := 30
	tx, err := c.CreateQRIS(context.Background(), api.Request{
		Reference:      "INV-2025-0001",
		Amount:         10000,
		ExpiryMinutes:  &expiry,
		ViewName:       "Toko Contoh",
		AdditionalInfo: api.AdditionalInfo{Callback: "https://shop.example/qris/notify"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// tx.QRIS.Content is what to show as a QR code; it has been verified
	// to charge what the payer owes.
	fmt.Println(tx.MerchantRef, tx.Status, tx.Amount, "+", tx.Fee, "=", tx.TotalAmount, tx.FeePayer, "pays")
	// Output: INV-2025-0001 pending 10000 + 85 = 10085 customer pays
}

func ExampleClient_CreateQRIS_errors() {
	srv := httptest.NewServer(fakegateway.New("my-key", "my-token"))
	defer srv.Close()
	c := api.NewClient("my-key", "my-token", api.WithBaseURL(srv.URL+"/api"))
	req := api.Request{Reference: "INV-7", Amount: 5000, ViewName: "Toko Contoh",
		AdditionalInfo: api.AdditionalInfo{Callback: "https://shop.example/qris/notify"}}

	if _, err := c.CreateQRIS(context.Background(), req); err != nil {
		fmt.Println(err)
	}
	_, err := c.CreateQRIS(context.Background(), req) // the same reference again
	var ge *api.Error
	if errors.As(err, &ge) {
		fmt.Println(ge.StatusCode, ge.Code, errors.Is(err, api.ErrDuplicateReference))
	}
	// Output: 409 DUPLICATE_REFERENCE true
}

// The gateway's own example answer charges 19477 in its QR content for a
// transaction of 10000 + 85: CreateQRIS refuses to hand such a code over.
func ExampleVerificationError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"responseCode":200,"responseMessage":"success","responseData":%s}`, gatewayTransaction)
	}))
	defer srv.Close()
	at := time.Date(2025, 3, 23, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	c := api.NewClient("my-key", "my-token", api.WithBaseURL(srv.URL), api.WithClock(func() time.Time { return at }))
	expiry := 30
	_, err := c.CreateQRIS(context.Background(), api.Request{Reference: "REFF012", Amount: 10000, ExpiryMinutes: &expiry,
		ViewName: "Merchant Name", AdditionalInfo: api.AdditionalInfo{Callback: "http://your-site-callback.com/notify"}})
	var ve *api.VerificationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Transaction.ID)
		for _, p := range ve.Problems {
			fmt.Println(p.Rule, p.Message)
		}
	}
	// Output:
	// 66e934f6-f5d6-4f1c-bb3d-450ec2873782
	// A04 the content charges 19477 but the payer owes 10085 (customer pays the fee: totalAmount)
}

func ExampleClient_All() {
	g := fakegateway.New("my-key", "my-token")
	g.PageSize = 2
	srv := httptest.NewServer(g)
	defer srv.Close()
	c := api.NewClient("my-key", "my-token", api.WithBaseURL(srv.URL+"/api"))
	ctx := context.Background()
	for _, ref := range []string{"A-1", "A-2", "A-3"} {
		if _, err := c.CreateQRIS(ctx, api.Request{Reference: ref, Amount: 1000, ViewName: "Toko",
			AdditionalInfo: api.AdditionalInfo{Callback: "https://shop.example/n"}}); err != nil {
			fmt.Println(err)
		}
	}
	// Today's pending transactions, two pages of them.
	for tx, err := range c.All(ctx, api.Query{Status: api.StatusPending, Date: time.Now()}) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(tx.MerchantRef, tx.Status)
	}
	// Output:
	// A-1 pending
	// A-2 pending
	// A-3 pending
}

func ExampleNewClient() {
	// Production, a shop's own HTTP client, and at most two tries a call.
	c := api.NewClient("my-key", "my-token",
		api.WithBaseURL(api.ProductionURL),
		api.WithHTTPClient(&http.Client{Timeout: 10 * time.Second}),
		api.WithUserAgent("toko-contoh/1.4"),
		api.WithRetry(api.RetryPolicy{Attempts: 2, BaseDelay: 500 * time.Millisecond}),
	)
	_ = c
	fmt.Println(api.SandboxURL)
	// Output: https://api.sandbox.sengo.id/api
}
