package gatewaycmd

import (
	"errors"
	"flag"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris/api"
)

func createCommand() *cli.Command {
	c := cli.GatewayCommand("create")
	c.About = `
Creates a transaction with the gateway's POST {host}/qris and prints the
transaction as JSON (responseData, as the gateway sent it). The request
comes from the flags, or from a request JSON file (or standard input) when
no request flag is given. It is validated first (every problem at once),
written as PHP's json_encode writes it, and signed with HMAC-SHA512 keyed
by the token over the key and the body, as the gateway documents.

The key and token come from $QRIS_CLIENT_KEY and $QRIS_CLIENT_TOKEN, or
--key and --token. --host is the API's base URL (the gateway's sandbox
unless given; qris serve listens on http://127.0.0.1:8080/api). Transport
errors, 429 and 5xx are retried with backoff; a retry that meets
DUPLICATE_REFERENCE (the first answer was lost) prints the transaction the
first try made, found by reference.

The answer is verified as 'qris verify --request' would: a content that
charges another sum than the payer owes, among others, prints the
transaction and its problems and exits 1. Warnings (an unknown field, a
new status) go to standard error.

Exit status 1 when the gateway refuses (its status, code and message are
printed) or the answer fails verification; 2 for a bad flag or request,
missing credentials, or a gateway that cannot be reached.`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		ref := fs.String("reference", "", "the transaction's unique `REFERENCE`")
		amount := fs.Int64("amount", 0, "what the payer pays before any fee, in whole `RUPIAH`")
		view := fs.String("view-name", "", "the receiver's `NAME` as shown for the transaction")
		callback := fs.String("callback", "", "the `URL` the gateway notifies")
		expiry := fs.Int("expiry", 0, "the transaction's lifetime in `MINUTES` (default: the gateway's)")
		gw := defineGateway(fs)
		return func(e *cli.Env, args []string) error {
			fromFlags := false
			fs.Visit(func(f *flag.Flag) {
				switch f.Name {
				case "reference", "amount", "view-name", "callback", "expiry":
					fromFlags = true
				}
			})
			var req api.Request
			if fromFlags {
				if len(args) > 0 {
					return cli.UsageError("create", "give the request as flags or as a file, not both (got %q)", args[0])
				}
				req = api.Request{Reference: *ref, Amount: *amount, ViewName: *view,
					AdditionalInfo: api.AdditionalInfo{Callback: *callback}}
				fs.Visit(func(f *flag.Flag) {
					if f.Name == "expiry" {
						req.ExpiryMinutes = expiry
					}
				})
			} else {
				body, name, err := e.FileArg("create", args, api.MaxRequestBytes)
				if err != nil {
					return err
				}
				if req, err = api.ParseRequest(body); err != nil {
					return cli.UsageError("create", "%s: %v", name, err)
				}
			}
			c, err := gw.client("create")
			if err != nil {
				return err
			}
			ctx, stop := interruptible()
			defer stop()
			t, err := c.CreateQRIS(ctx, req)
			var ve *api.VerificationError
			if errors.As(err, &ve) {
				if werr := writeTransactions(e, "create", false, []api.Transaction{*ve.Transaction}); werr != nil {
					return werr
				}
				if werr := cli.WriteProblemLines(e.Stderr, ve.Problems); werr != nil {
					return cli.IOError(werr, "")
				}
			}
			if err != nil {
				return gatewayFailure("create", err)
			}
			return writeTransactions(e, "create", false, []api.Transaction{*t})
		}
	}
	return c
}
