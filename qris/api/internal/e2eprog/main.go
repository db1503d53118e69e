// Command e2eprog is what a merchant's Go program does with package api
// alone: create a QRIS, find it in the transactions list, and take the
// gateway's callback for it through api.CallbackHandler, re-reading the
// transaction from the gateway before trusting it. The test beside it runs
// the built binary against a sandbox on loopback, and checks that the
// binary holds no SQLite.
//
// Usage:
//
//	QRIS_CLIENT_KEY=... QRIS_CLIENT_TOKEN=... e2eprog BASE-URL REFERENCE
//
// It listens for the callback on a free loopback port and prints, a line
// each,
//
//	created ID TOTAL-AMOUNT
//	listed ID
//	callback ID STATUS
//
// exiting 0 once the callback was handled, or 1 with the reason on
// standard error, after a minute at most.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2eprog:", err)
		os.Exit(1)
	}
}

func run() error {
	if len(os.Args) != 3 {
		return errors.New("usage: e2eprog BASE-URL REFERENCE")
	}
	base, ref := os.Args[1], os.Args[2]
	key, token := os.Getenv("QRIS_CLIENT_KEY"), os.Getenv("QRIS_CLIENT_TOKEN")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := api.NewClient(key, token, api.WithBaseURL(base))

	// The callback endpoint, up before the transaction that names it.
	handled := make(chan api.Transaction, 1)
	settle := func(ctx context.Context, t api.Transaction) error {
		select {
		case handled <- t:
		default: // a redelivery; the handler drops most of them anyway
		}
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("POST /notify", api.NewCallbackHandler(key, token, settle, api.WithStatusCheck(client.CheckStatus)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)

	expiry := 30
	tx, err := client.CreateQRIS(ctx, api.Request{
		Reference:     ref,
		Amount:        10000,
		ExpiryMinutes: &expiry,
		ViewName:      "Toko Contoh",
		AdditionalInfo: api.AdditionalInfo{
			Callback: "http://" + ln.Addr().String() + "/notify",
		},
	})
	if err != nil {
		return err
	}
	listed := false
	for t, err := range client.All(ctx, api.Query{Status: api.StatusPending}) {
		if err != nil {
			return err
		}
		if t.ID == tx.ID {
			listed = true
		}
	}
	if !listed {
		return fmt.Errorf("transaction %s is not in the pending list", tx.ID)
	}
	// Only now, once listed: the test pays on this line, and a paid
	// transaction is no longer pending.
	fmt.Println("created", tx.ID, tx.TotalAmount)
	fmt.Println("listed", tx.ID)

	select {
	case t := <-handled:
		// Shutdown lets the handler finish its answer to the gateway.
		if err := srv.Shutdown(ctx); err != nil {
			return err
		}
		fmt.Println("callback", t.ID, t.Status)
		return nil
	case <-ctx.Done():
		return fmt.Errorf("no callback for %s: %w", tx.ID, ctx.Err())
	}
}
