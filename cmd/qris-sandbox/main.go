// Command qris-sandbox runs a local sandbox of the payment gateway's QRIS
// API (package sandbox): what "qris serve" starts. It is a program of its
// own so that the SQLite store it links is loaded by the sandbox alone,
// and every other qris command starts as fast as a small program does.
// Install it beside qris:
//
//	go install ./cmd/...
//
// Its flags are qris serve's; run it with -h for them.
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
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/cmd/internal/flaghelp"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

const about = `
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
listened on; 0 after a clean shutdown.`

func main() {
	// qris serve runs this program with "qris serve" as its name, so that
	// what it says names the command the person typed.
	os.Exit(run(filepath.Base(os.Args[0]), os.Args[1:], os.Stdout, os.Stderr))
}

// failure is a refusal to start: what is wrong, and what to do about it.
type failure struct{ msg, hint string }

func (f *failure) Error() string { return f.msg }

// run parses the flags, starts the sandbox and serves until a signal; it
// returns the exit status: 0 after a clean stop, 2 for anything that
// keeps it from starting.
func run(name string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
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
	usage := func(format string, a ...any) error {
		return &failure{msg: fmt.Sprintf(format, a...), hint: "run '" + name + " -h' for its flags and examples"}
	}
	start := func() error {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return writeHelp(stdout, name, fs)
			}
			return usage("%s", cli.FlagMessage(fs, err))
		}
		args := fs.Args()

		if len(args) > 0 {
			return usage("serve takes no arguments, only flags (got %q)", args[0])
		}
		rule, err := sandbox.ParseFeeRule(*fee)
		if err != nil {
			return usage("--fee: %v", err)
		}
		cfg.Fee = &rule
		if cfg.SignatureOver, err = sandbox.ParseSignatureOver(*over); err != nil {
			return usage("--signature-over %q: use either, raw or json_encode", *over)
		}
		if cfg.FaultDelay <= 0 {
			return usage("--fault-delay %v: give a positive duration such as 3s or 200ms", cfg.FaultDelay)
		}
		if cfg.FeePayer, err = api.ParseFeePayer(*payer); err != nil {
			return usage("--fee-payer %q: use customer or merchant", *payer)
		}
		if *clients != "" {
			if cfg.Clients, err = sandbox.LoadClients(*clients); err != nil {
				return &failure{msg: "--clients: " + err.Error(),
					hint: `the file is a JSON array like [{"key":"shop-1","token":"t0k3n","ip":["0.0.0.0/0"]}]`}
			}
		}
		if !*quiet {
			cfg.Logger = slog.New(slog.NewTextHandler(stderr, nil))
		}
		return serve(stdout, stderr, name, *addr, cfg)
	}
	err := start()
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, strings.TrimPrefix(err.Error(), "sandbox: "))
	var f *failure
	if errors.As(err, &f) && f.hint != "" {
		fmt.Fprintf(stderr, "  %s\n", f.hint)
	}
	return 2
}

// writeHelp prints the usage, what the sandbox does, its flags and
// examples.
func writeHelp(w io.Writer, name string, fs *flag.FlagSet) error {
	var b strings.Builder
	c := cli.SandboxCommand()
	fmt.Fprintf(&b, "Usage: %s [flags]\n\n%s\n\n%s\n\nFlags:\n", name, c.Summary, strings.TrimSpace(about))
	flaghelp.Write(&b, fs)
	b.WriteString("\nExamples:\n")
	for _, ex := range c.Examples {
		for _, l := range strings.Split(ex, "\n") {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// serve runs the sandbox until SIGINT or SIGTERM.
func serve(stdout, stderr io.Writer, name, addr string, cfg sandbox.Config) error {
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
		return &failure{msg: err.Error(), hint: hint}
	}
	defer srv.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := io.WriteString(stdout, srv.Banner("http://"+ln.Addr().String())); err != nil {
		ln.Close()
		return err
	}
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serving: %w", err)
	}
	if err := srv.Close(); err != nil {
		return fmt.Errorf("closing the sandbox: %w", err)
	}
	fmt.Fprintln(stderr, name+": stopped")
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
		return &failure{msg: msg, hint: "another server holds that address: stop it, or try --addr 127.0.0.1:0 for a free port"}
	case errors.Is(err, syscall.EACCES):
		return &failure{msg: msg, hint: "ports below 1024 need privileges: try --addr 127.0.0.1:8080"}
	}
	return &failure{msg: msg, hint: "--addr takes HOST:PORT, like 127.0.0.1:8080 (port 0 picks a free one)"}
}
