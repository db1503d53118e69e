package gatewaycmd

import (
	"flag"
	"os"
	"time"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris/api"
)

func verifyCommand() *cli.Command {
	c := cli.GatewayCommand("verify")
	c.About = `
Checks a response of the gateway's POST /qris (the whole response, or just
its responseData): the envelope, totalAmount = amount + fee, tag 54 of the
content against the payable amount, the content as a valid dynamic QRIS,
the image scanning back to the content, the id, status and expiry. Problems
are printed as 'qris validate' prints them: the rule (A01.. for the
response, R/Q ids for the content), the field or tag, and a message.

--request also checks that the response echoes the request (reference,
amount, callback). --merchant checks that the content pays that merchant
(the same accounts, NMID, name and city as its static QRIS), which catches a
swapped code. --now judges the expiry at that time instead of the clock's.

--json prints {"valid":bool,"problems":[...]}, as validate does; a problem
about a response field has "offset": -1 and the field's JSON path as "tag".

Exit status 1 when there is an error, or the input is not a JSON object;
2 for a bad flag or a request file that cannot be read.`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		asJSON := fs.Bool("json", false, "print JSON instead of one problem a line")
		reqFile := fs.String("request", "", "the request `REQ.json` the response answers")
		merchant := fs.String("merchant", "", "the merchant's static QRIS `PAYLOAD` the content must pay")
		now := fs.String("now", "", "judge the expiry at `RFC3339` time (default: now)")
		vo := cli.DefineValidation(fs)
		out := fs.String("o", "", "write to `FILE` instead of standard output")
		return func(e *cli.Env, args []string) error {
			o := api.VerifyOptions{Merchant: *merchant, Validation: vo.Options(), Now: time.Now()}
			if *now != "" {
				t, err := time.Parse(time.RFC3339, *now)
				if err != nil {
					return cli.UsageError("verify", "--now %q is not an RFC 3339 time like 2025-03-23T10:24:58+07:00", *now)
				}
				o.Now = t
			}
			if *reqFile != "" {
				req, err := readRequest(*reqFile)
				if err != nil {
					return err
				}
				o.Request = &req
			}
			body, name, err := e.FileArg("verify", args, cli.MaxFileInput)
			if err != nil {
				return err
			}
			problems, err := api.VerifyResponse(body, o)
			if err != nil {
				// Its only error: body is not a JSON object (api.ErrNotResponse).
				return &cli.ExitError{Code: cli.ExitInvalid, Msg: name + ": " + err.Error(), Err: err,
					Hint: "give the gateway's JSON answer, or its responseData object"}
			}
			return cli.WriteProblems(e, *out, *asJSON, problems)
		}
	}
	return c
}

// readRequest reads and decodes --request's file, bounded by
// api.DecodeRequest to a request's size, as every input is.
func readRequest(path string) (api.Request, error) {
	const hint = "--request names the JSON body the merchant sent"
	f, err := os.Open(path)
	if err != nil {
		return api.Request{}, cli.IOError(cli.UnwrapPath(err, path), hint)
	}
	defer f.Close()
	req, err := api.DecodeRequest(f)
	if err != nil {
		return api.Request{}, &cli.ExitError{Code: cli.ExitUsage, Msg: "--request " + path + ": " + err.Error(), Err: err, Hint: hint}
	}
	return req, nil
}
