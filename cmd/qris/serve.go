package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "run a local sandbox of the payment gateway's QRIS API",
		about: `
Starts the sandbox: POST /qris creates a transaction as the gateway would,
plus routes to pay it and watch its callback (see qris/api/sandbox). At
start it prints where it listens and the demo client's key, token and
signing secret, with a first call to try. Ctrl-C (SIGINT) or SIGTERM stops
it gracefully: requests and callbacks in flight finish, undelivered
callbacks stay queued in the database for the next start.

Without flags it works: the demo merchant and client, the file
qris-sandbox.db in the working directory (--db :memory: keeps nothing),
a flat fee of Rp 85 paid by the customer. --fee is "none", "flat:RUPIAH",
"percent:P" or both joined by "+" ("flat:85+percent:0.5"). --clients is
a JSON array of {"key","token","secret"} that replaces the demo client.
One line per request goes to standard error unless --quiet.

Exit status 2 for a bad flag, a database or clients file that cannot be
read, or an address already in use; 0 after a clean shutdown.`,
		examples: []string{
			"qris serve",
			"# another port, nothing kept, the signature check off\nqris serve --addr 127.0.0.1:9090 --db :memory: --no-signature",
			"qris serve --merchant \"$(cat static.txt)\" --fee percent:0.7 --fee-payer merchant --clients clients.json",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			addr := fs.String("addr", sandbox.DefaultAddr, "listen on `HOST:PORT` (port 0 picks a free one)")
			var cfg sandbox.Config
			fs.StringVar(&cfg.DB, "db", sandbox.DefaultDB, "the SQLite database `FILE`, or :memory:")
			fs.StringVar(&cfg.Merchant, "merchant", "", "the merchant's static QRIS `PAYLOAD` (default: the demo merchant)")
			fee := fs.String("fee", sandbox.DefaultFeeRule, "the fee `RULE`: none, flat:RUPIAH, percent:P, or flat:R+percent:P")
			payer := fs.String("fee-payer", string(api.FeePayerCustomer), "who pays the fee: customer or merchant")
			clients := fs.String("clients", "", "a JSON `FILE` of API clients, replacing the demo client")
			fs.BoolVar(&cfg.DisableSignature, "no-signature", false, "do not check X-Signature (the key and token still are)")
			quiet := fs.Bool("quiet", false, "do not log requests and callbacks to standard error")
			return func(e *env, args []string) error {
				if len(args) > 0 {
					return usageError("serve", "serve takes no arguments, only flags (got %q)", args[0])
				}
				rule, err := sandbox.ParseFeeRule(*fee)
				if err != nil {
					return usageError("serve", "--fee: %v", err)
				}
				cfg.Fee = &rule
				if cfg.FeePayer, err = api.ParseFeePayer(*payer); err != nil {
					return usageError("serve", "--fee-payer %q: use customer or merchant", *payer)
				}
				if *clients != "" {
					if cfg.Clients, err = sandbox.LoadClients(*clients); err != nil {
						return &exitError{code: exitUsage, msg: "--clients: " + err.Error(), err: err,
							hint: `the file is a JSON array like [{"key":"shop-1","token":"t0k3n","secret":"s3cr3t"}]`}
					}
				}
				if !*quiet {
					cfg.Logger = slog.New(slog.NewTextHandler(e.stderr, nil))
				}
				return serve(e, *addr, cfg)
			}
		},
	}
}

// serve runs the sandbox until SIGINT or SIGTERM.
func serve(e *env, addr string, cfg sandbox.Config) error {
	// Listen first, so a busy address fails before a database is created.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error(), err: err, hint: "is another server on that address? try --addr 127.0.0.1:0 for a free port"}
	}
	srv, err := sandbox.New(cfg)
	if err != nil {
		ln.Close()
		return &exitError{code: exitUsage, msg: err.Error(), err: err, hint: "check --db, --merchant and --clients"}
	}
	defer srv.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := io.WriteString(e.stdout, srv.Banner("http://"+ln.Addr().String())); err != nil {
		ln.Close()
		return ioError(err, "")
	}
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		return ioError(fmt.Errorf("serving: %w", err), "")
	}
	if err := srv.Close(); err != nil {
		return ioError(fmt.Errorf("closing the sandbox: %w", err), "")
	}
	fmt.Fprintln(e.stderr, "qris serve: stopped")
	return nil
}
