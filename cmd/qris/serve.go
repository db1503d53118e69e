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
	"strconv"
	"syscall"

	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "run a local sandbox of the payment gateway's QRIS API",
		about: `
Starts the sandbox of the gateway's QRIS API, under /api as the gateway's
environments are: POST /api/qris creates a transaction, GET
/api/transactions lists them, plus sandbox-only routes to pay one and
watch its callback (see qris/api/sandbox). At start it prints where it
listens and the demo client's key and token, with a first call to try.
Ctrl-C (SIGINT) or SIGTERM stops it gracefully: requests and callbacks in
flight finish, undelivered callbacks stay queued in the database for the
next start.

Without flags it works: the demo merchant and client, the file
qris-sandbox.db in the working directory (--db :memory: keeps nothing),
a flat fee of Rp 85 paid by the customer. --merchant must be a static
QRIS: a dynamic one is refused (turn it back with qris static). --fee is
"none", "flat:RUPIAH", "percent:P" or both joined by "+"
("flat:85+percent:0.5"). --clients is a JSON array of
{"key","token","ip"} that replaces the demo client ("ip" is a list of
CIDR ranges the client may call from; left out, everywhere).

X-Signature is the gateway's: lowercase hex HMAC-SHA512, keyed by the
token, of the key followed by the body; --signature-over says whether
the body is the bytes sent (raw), json_encode of the decoded body
(json_encode) or either (the default). --faults turns on the fault
table: amounts 4001..5031 answer the gateway's documented errors, 9001
answers after --fault-delay, 9002 stores the transaction and drops the
connection (the sandbox README has the table). One line per request goes
to standard error unless --quiet.

Exit status 2 for a bad flag, a database or clients file that cannot be
read, a dynamic or broken --merchant, or an address that cannot be
listened on; 0 after a clean shutdown.`,
		examples: []string{
			"qris serve",
			"# another port, nothing kept, the signature check off\nqris serve --addr 127.0.0.1:9090 --db :memory: --no-signature",
			"# for a client's integration tests: errors on demand, a 200 ms slow answer\nqris serve --db :memory: --faults --fault-delay 200ms",
			"qris serve --merchant \"$(cat static.txt)\" --fee percent:0.7 --fee-payer merchant --clients clients.json",
		},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			addr := fs.String("addr", sandbox.DefaultAddr, "listen on `HOST:PORT` (port 0 picks a free one)")
			var cfg sandbox.Config
			fs.StringVar(&cfg.DB, "db", sandbox.DefaultDB, "the SQLite database `FILE`, or :memory:")
			fs.StringVar(&cfg.Merchant, "merchant", "", "the merchant's static QRIS `PAYLOAD` (default: the demo merchant)")
			fee := fs.String("fee", sandbox.DefaultFeeRule, "the fee `RULE`: none, flat:RUPIAH, percent:P, or flat:R+percent:P")
			payer := fs.String("fee-payer", string(api.FeePayerCustomer), "who pays the fee: `customer|merchant`")
			clients := fs.String("clients", "", "a JSON `FILE` of API clients, replacing the demo client")
			fs.BoolVar(&cfg.DisableSignature, "no-signature", false, "do not check X-Signature (the key and token still are)")
			over := fs.String("signature-over", string(sandbox.SignatureOverEither), "what X-Signature covers after the key (`either|raw|json_encode`)")
			fs.BoolVar(&cfg.Faults, "faults", false, "turn on the fault table's magic amounts (errors, slow answer, dropped answer)")
			fs.DurationVar(&cfg.FaultDelay, "fault-delay", sandbox.DefaultFaultDelay, "how long the slow-answer fault (amount 9001) waits (a `DURATION` such as 3s)")
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
				if cfg.SignatureOver, err = sandbox.ParseSignatureOver(*over); err != nil {
					return usageError("serve", "--signature-over %q: use either, raw or json_encode", *over)
				}
				if cfg.FaultDelay <= 0 {
					return usageError("serve", "--fault-delay %v: give a positive duration such as 3s or 200ms", cfg.FaultDelay)
				}
				if cfg.FeePayer, err = api.ParseFeePayer(*payer); err != nil {
					return usageError("serve", "--fee-payer %q: use customer or merchant", *payer)
				}
				if *clients != "" {
					if cfg.Clients, err = sandbox.LoadClients(*clients); err != nil {
						return &exitError{code: exitUsage, msg: "--clients: " + err.Error(), err: err,
							hint: `the file is a JSON array like [{"key":"shop-1","token":"t0k3n","ip":["0.0.0.0/0"]}]`}
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
		return listenError(addr, err)
	}
	srv, err := sandbox.New(cfg)
	if err != nil {
		ln.Close()
		hint := "check --db, --merchant and --clients"
		if errors.Is(err, sandbox.ErrDynamicMerchant) {
			hint = `give --merchant the static code: qris static "$DYNAMIC" prints it`
		}
		return &exitError{code: exitUsage, msg: err.Error(), err: err, hint: hint}
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

// listenError says why serve cannot listen on addr: another server holds
// it only when the system says so.
func listenError(addr string, err error) error {
	why := err.Error()
	var oe *net.OpError
	if errors.As(err, &oe) {
		why = oe.Err.Error() // without "listen tcp", which the sentence says
	}
	msg := "cannot listen on " + strconv.Quote(addr) + ": " + why
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return &exitError{code: exitUsage, msg: msg, err: err, hint: "another server holds that address: stop it, or try --addr 127.0.0.1:0 for a free port"}
	case errors.Is(err, syscall.EACCES):
		return &exitError{code: exitUsage, msg: msg, err: err, hint: "ports below 1024 need privileges: try --addr 127.0.0.1:8080"}
	}
	return &exitError{code: exitUsage, msg: msg, err: err, hint: "--addr takes HOST:PORT, like 127.0.0.1:8080 (port 0 picks a free one)"}
}
