package gatewaycmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris/api"
)

// The environment variables create and transactions read the credentials
// from, so that they stay out of shell history and process lists.
const (
	envClientKey   = "QRIS_CLIENT_KEY"
	envClientToken = "QRIS_CLIENT_TOKEN"
)

// gatewayFlags are the flags every command that calls the gateway takes.
type gatewayFlags struct {
	key, token, host *string
	timeout          *time.Duration
}

func defineGateway(fs *flag.FlagSet) *gatewayFlags {
	return &gatewayFlags{
		key:     fs.String("key", "", "the API `KEY` (default $"+envClientKey+")"),
		token:   fs.String("token", "", "the secret `TOKEN` (default $"+envClientToken+")"),
		host:    fs.String("host", api.SandboxURL, "the API's base `URL`: the gateway's sandbox, "+api.ProductionURL+", or qris serve's http://127.0.0.1:8080/api"),
		timeout: fs.Duration("timeout", 30*time.Second, "give up on one try after `DURATION`"),
	}
}

// client builds the API client the flags and the environment describe.
func (g *gatewayFlags) client(cmd string) (*api.Client, error) {
	key, token := *g.key, *g.token
	if key == "" {
		key = os.Getenv(envClientKey)
	}
	if token == "" {
		token = os.Getenv(envClientToken)
	}
	switch {
	case key == "" && token == "":
		return nil, cli.UsageError(cmd, "no credentials: set %s and %s, or pass --key and --token", envClientKey, envClientToken)
	case key == "":
		return nil, cli.UsageError(cmd, "no API key: set %s or pass --key", envClientKey)
	case token == "":
		return nil, cli.UsageError(cmd, "no token: set %s or pass --token", envClientToken)
	}
	return api.NewClient(key, token,
		api.WithBaseURL(*g.host),
		api.WithHTTPClient(&http.Client{Timeout: *g.timeout}),
		api.WithUserAgent("qris/"+cli.Version()+" (qriskit)"),
	), nil
}

// interruptible is a context that Ctrl-C ends, so a call waiting on
// retries stops at once.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// gatewayFailure maps a client error to an exit status: 1 when the
// gateway refused the call or its answer is not one to trust, 2 for what
// the user or the network must fix.
func gatewayFailure(cmd string, err error) error {
	var ge *api.Error
	var ve *api.VerificationError
	var fes api.FieldErrors
	switch {
	case errors.As(err, &ge):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: err.Error(), Err: err}
	case errors.As(err, &ve):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: "the gateway's answer fails verification (above): do not show this code", Err: err}
	case errors.Is(err, api.ErrNotResponse):
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: err.Error(), Err: err, Hint: "is --host the API's base URL, ending in /api?"}
	case errors.Is(err, api.ErrTooManyPages):
		// The gateway answered, but its list breaks the contract (pages
		// end, seven days kept): an answer not to trust, like one that
		// fails verification, not something the user or the network can
		// fix.
		return &cli.ExitError{Code: cli.ExitInvalid, Msg: err.Error(), Err: err, Hint: "read the pages one at a time with --page"}
	case errors.As(err, &fes):
		return cli.UsageError(cmd, "%v", err)
	}
	return &cli.ExitError{Code: cli.ExitUsage, Msg: err.Error(), Err: err, Hint: "check --host and the network"}
}

// writeTransactions prints transactions as the gateway sent them
// (unknown fields included), indented: one object, or with list an
// array. What the tolerant read noticed goes to standard error.
func writeTransactions(e *cli.Env, cmd string, list bool, ts []api.Transaction) error {
	var b bytes.Buffer
	if list {
		b.WriteString("[")
	}
	for i, t := range ts {
		if i > 0 {
			b.WriteString(",")
		}
		if list {
			b.WriteString("\n  ")
		}
		prefix := ""
		if list {
			prefix = "  "
		}
		if err := json.Indent(&b, t.Extra.Raw, prefix, "  "); err != nil {
			return cli.IOError(fmt.Errorf("the gateway's transaction: %w", err), "")
		}
		for _, w := range t.Extra.Warnings {
			fmt.Fprintf(e.Stderr, "qris %s: warning: %s: %s\n", cmd, t.ID, w)
		}
	}
	if list {
		if len(ts) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("]")
	}
	b.WriteString("\n")
	if _, err := e.Stdout.Write(b.Bytes()); err != nil {
		return cli.IOError(fmt.Errorf("writing standard output: %w", err), "")
	}
	return nil
}
