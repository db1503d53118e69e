package gatewaycmd

import (
	"flag"
	"time"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/qris/api"
)

func transactionsCommand() *cli.Command {
	c := cli.GatewayCommand("transactions")
	c.About = `
Prints a page of the gateway's GET {host}/transactions as a JSON array,
each transaction as the gateway sent it. The gateway's defaults apply to
what is not given: page 1, status success, today (in Jakarta time). It
keeps seven days. --all reads every page from --page on, until an empty
one (at most 1000 pages).

--status is pending or success; --date is YYYY-MM-DD, a Jakarta date;
--type is cashIn (or its other name, receive) or cashOut (send). The key,
token and host are read as 'qris create' reads them.

Exit status 1 when the gateway refuses, or with --all when its pages do
not end (a page repeats the one before, or 1000 pages were read) and
nothing is printed; 2 for a bad flag, missing credentials, or a gateway
that cannot be reached.`
	c.Define = func(fs *flag.FlagSet) func(*cli.Env, []string) error {
		page := fs.Int("page", 0, "the `PAGE`, from 1 (default 1)")
		status := fs.String("status", "", "`pending|success` (default: the gateway's, success)")
		date := fs.String("date", "", "the `DAY`, YYYY-MM-DD in Jakarta (default: today)")
		typ := fs.String("type", "", "`cashIn|receive|cashOut|send`")
		all := fs.Bool("all", false, "read every page, from --page on, until an empty one")
		gw := defineGateway(fs)
		return func(e *cli.Env, args []string) error {
			if len(args) > 0 {
				return cli.UsageError("transactions", "transactions takes no arguments, only flags (got %q)", args[0])
			}
			q := api.Query{Page: *page, Status: api.Status(*status), Type: api.TransactionType(*typ)}
			if *date != "" {
				d, err := time.ParseInLocation(time.DateOnly, *date, time.FixedZone("WIB", 7*3600))
				if err != nil {
					return cli.UsageError("transactions", "--date %q is not a day like 2025-03-23", *date)
				}
				q.Date = d
			}
			if err := q.Validate(); err != nil {
				return cli.UsageError("transactions", "%v", err)
			}
			c, err := gw.client("transactions")
			if err != nil {
				return err
			}
			ctx, stop := interruptible()
			defer stop()
			var ts []api.Transaction
			if *all {
				for t, err := range c.All(ctx, q) {
					if err != nil {
						return gatewayFailure("transactions", err)
					}
					ts = append(ts, t)
				}
			} else if ts, err = c.Transactions(ctx, q); err != nil {
				return gatewayFailure("transactions", err)
			}
			return writeTransactions(e, "transactions", true, ts)
		}
	}
	return c
}
