package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/qriskit/qriskit/qris/api"
)

func ExampleNewCallbackHandler() {
	const key, token = "client-key", "client-token"
	paid := func(ctx context.Context, t api.Transaction) error {
		// Record the payment, keyed by t.ID and t.Status so that running
		// twice does no harm; a non-nil error makes the gateway retry.
		fmt.Println("handled:", t.MerchantRef, t.Status, t.TotalAmount)
		return nil
	}
	srv := httptest.NewServer(api.NewCallbackHandler(key, token, paid)) // listens on loopback
	defer srv.Close()

	// What the gateway sends: the transaction, signed like a request.
	body := []byte(`{"id":"8c6f2b1e-4d3a-4e5f-9a7b-1c2d3e4f5a6b","merchantRef":"INV-1","status":"success",` +
		`"feePayer":"customer","amount":10000,"fee":85,"totalAmount":10085}`)
	for range 2 { // the second delivery is a duplicate
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/notify", bytes.NewReader(body))
		req.Header.Set(api.HeaderClientKey, key)
		req.Header.Set(api.HeaderSignature, api.Sign(key, token, body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%d %s", resp.StatusCode, answer)
	}
	// Output:
	// handled: INV-1 success 10085
	// 200 ok
	// 200 duplicate
}

func ExampleWithStatusCheck() {
	// The gateway's record, as a lookup through its transactions list would
	// return it; here a fake that knows one transaction.
	gateway := map[string]api.Transaction{"tx-1": {ID: "tx-1", Status: api.StatusPending}}
	check := func(ctx context.Context, t api.Transaction) (api.Transaction, error) {
		got, ok := gateway[t.ID]
		if !ok {
			return api.Transaction{}, fmt.Errorf("transaction %s not found", t.ID)
		}
		return got, nil
	}
	h := api.NewCallbackHandler("key", "token", func(ctx context.Context, t api.Transaction) error {
		fmt.Println("handled:", t.ID, t.Status)
		return nil
	}, api.WithStatusCheck(check))

	body := []byte(`{"id":"tx-1","status":"success"}`)
	deliver := func() {
		req := httptest.NewRequest(http.MethodPost, "/notify", bytes.NewReader(body))
		req.Header.Set(api.HeaderSignature, api.Sign("key", "token", body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		fmt.Print(w.Code, " ", w.Body)
	}
	deliver() // the gateway does not confirm the payment yet
	gateway["tx-1"] = api.Transaction{ID: "tx-1", Status: api.StatusSuccess}
	deliver() // its retry, once it does
	// Output:
	// 503 the gateway still says pending
	// handled: tx-1 success
	// 200 ok
}
