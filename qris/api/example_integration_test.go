package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
	"github.com/qriskit/qriskit/render"
)

// A complete integration, against the sandbox in process: create a
// transaction, show its code to the payer, and receive the gateway's
// callback once it is paid. Against the gateway, only the base URL, the
// credentials and the payer change.
func Example_integration() {
	// The sandbox on loopback stands in for the gateway.
	gw, err := sandbox.New(sandbox.Config{DB: sandbox.MemoryDB})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer gw.Close()
	gateway := httptest.NewServer(gw.Handler())
	defer gateway.Close()
	key, token := sandbox.DemoClientKey, sandbox.DemoClientToken

	// The merchant's callback endpoint: verified, decoded, deduplicated.
	paid := make(chan api.Transaction, 1)
	notify := httptest.NewServer(api.NewCallbackHandler(key, token, func(ctx context.Context, t api.Transaction) error {
		paid <- t // mark the order paid, keyed by t.ID and t.Status
		return nil
	}))
	defer notify.Close()

	// Create the transaction.
	ctx := context.Background()
	client := api.NewClient(key, token, api.WithBaseURL(gateway.URL+"/api"))
	tx, err := client.CreateQRIS(ctx, api.Request{
		Reference:      "INV-0001",
		Amount:         10000,
		ViewName:       "Toko Contoh",
		AdditionalInfo: api.AdditionalInfo{Callback: notify.URL + "/notify"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created:", tx.MerchantRef, tx.Status, "Rp", tx.TotalAmount)

	// Show the code: the gateway's PNG on a web page, or drawn in a
	// terminal with render.Terminal(os.Stdout, ...). MinVersion gives
	// every transaction's code the same size, whatever its reference.
	png, err := render.Base64(tx.QRIS.Content, render.Options{})
	fmt.Println("the image is the content's code:", err == nil && png == tx.QRIS.Image)
	var drawing strings.Builder
	if err := render.Terminal(&drawing, tx.QRIS.Content, render.Options{MinVersion: 10}); err != nil {
		fmt.Println(err)
		return
	}
	rows := strings.Split(strings.TrimSuffix(drawing.String(), "\n"), "\n")
	fmt.Printf("drawn in %d lines of %d characters\n", len(rows), utf8.RuneCountInString(rows[0]))

	// The payer pays: in the sandbox, its own route does.
	req, _ := http.NewRequest(http.MethodPost, gateway.URL+"/api/qris/"+tx.ID+"/pay", nil)
	req.Header.Set(api.HeaderClientKey, key)
	req.Header.Set(api.HeaderClientToken, token)
	req.Header.Set(api.HeaderSignature, api.Sign(key, token, nil))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()

	select {
	case t := <-paid:
		fmt.Println("callback:", t.MerchantRef, t.Status, t.ID == tx.ID)
	case <-time.After(10 * time.Second):
		fmt.Println("no callback")
	}
	// Output:
	// created: INV-0001 pending Rp 10085
	// the image is the content's code: true
	// drawn in 33 lines of 65 characters
	// callback: INV-0001 success true
}
