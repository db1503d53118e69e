package api_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// gatewayTransaction is the gateway's example responseData, compact.
const gatewayTransaction = `{"id":"66e934f6-f5d6-4f1c-bb3d-450ec2873782","merchantRef":"REFF012","status":"pending","feePayer":"customer","amount":10000,"fee":85,"totalAmount":10085,"expiredDate":"2025-03-23T10:24:58+07:00","additionalInfo":{"callback":"http://your-site-callback.com/notify"},"qris":{"content":"00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3","url":""}}`

// serveJSON answers every call with status and body, recording the URL.
func serveJSON(t *testing.T, status int, body string) (*api.Client, *[]*url.URL) {
	t.Helper()
	var urls []*url.URL
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		urls = append(urls, r.URL)
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	s := &noSleep{}
	return api.NewClient("k", "t", api.WithBaseURL(srv.URL+"/api"), api.WithSleep(s.sleep)), &urls
}

func TestTransactionsPages(t *testing.T) {
	g, c, _ := newFake(t)
	g.PageSize = 3
	ctx := context.Background()
	for i := range 7 {
		if _, err := c.CreateQRIS(ctx, request(fmt.Sprintf("INV-%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.Transactions(ctx, api.Query{Page: 3, Status: api.StatusPending})
	if err != nil || len(page) != 1 || page[0].MerchantRef != "INV-6" {
		t.Fatalf("page 3 = %v, %v; want INV-6 alone", page, err)
	}
	// The gateway's default status is success: none here.
	if page, err := c.Transactions(ctx, api.Query{}); err != nil || len(page) != 0 || page == nil {
		t.Errorf("default query = %v, %v; want an empty, non-nil page", page, err)
	}
	var refs []string
	for tx, err := range c.All(ctx, api.Query{Status: api.StatusPending}) {
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, tx.MerchantRef)
	}
	if got := strings.Join(refs, ","); got != "INV-0,INV-1,INV-2,INV-3,INV-4,INV-5,INV-6" {
		t.Errorf("All = %s", got)
	}
	// Stopping early reads no further page.
	before := g.Lists.Load()
	for range c.All(ctx, api.Query{Status: api.StatusPending}) {
		break
	}
	if n := g.Lists.Load() - before; n != 1 {
		t.Errorf("breaking after the first transaction read %d pages", n)
	}
	// Another day holds nothing.
	if page, err := c.Transactions(ctx, api.Query{Status: api.StatusPending, Date: time.Now().AddDate(0, 0, -2)}); err != nil || len(page) != 0 {
		t.Errorf("two days ago = %v, %v", page, err)
	}
}

func TestTransactionsQuery(t *testing.T) {
	c, urls := serveJSON(t, 200, `{"responseCode":200,"responseMessage":"success","responseData":[]}`)
	// 20:00 UTC is already the next day in Jakarta.
	day := time.Date(2025, 3, 22, 20, 0, 0, 0, time.UTC)
	if _, err := c.Transactions(context.Background(), api.Query{Status: api.StatusSuccess, Date: day, Type: api.TypeReceive}); err != nil {
		t.Fatal(err)
	}
	u := (*urls)[0]
	if u.Path != "/api/transactions" || u.Query().Encode() != "date=2025-03-23&page=1&status=success&type=receive" {
		t.Errorf("URL = %s", u)
	}
	_, err := c.Transactions(context.Background(), api.Query{Page: -1, Status: api.StatusExpired, Type: "refund"})
	var fes api.FieldErrors
	if !errors.As(err, &fes) || len(fes) != 3 || len(*urls) != 1 {
		t.Errorf("bad query: err %v, %d calls; want three problems and no call", err, len(*urls))
	}
}

// TestTolerant: an unknown field, a new status, a value of the wrong
// type are kept and reported; they break neither a list nor a create.
func TestTolerant(t *testing.T) {
	odd := strings.NewReplacer(`"status":"pending"`, `"status":"refunded","promo":{"code":"X"}`,
		`"fee":85`, `"fee":"85"`, `"url":""`, `"url":"","deeplink":"app://pay"`).Replace(gatewayTransaction)
	c, _ := serveJSON(t, 200, `{"responseCode":200,"responseMessage":"success","responseData":[`+odd+`]}`)
	page, err := c.Transactions(context.Background(), api.Query{})
	if err != nil || len(page) != 1 {
		t.Fatalf("Transactions = %v, %v", page, err)
	}
	tx := page[0]
	if tx.Status != "refunded" || tx.Status.Valid() || tx.Fee != 0 || tx.Amount != 10000 || tx.MerchantRef != "REFF012" {
		t.Errorf("transaction = %+v", tx)
	}
	for _, k := range []string{"promo", "fee", "qris.deeplink"} {
		if _, ok := tx.Extra.Unknown[k]; !ok {
			t.Errorf("Unknown lacks %s: %v", k, tx.Extra.Unknown)
		}
	}
	if string(tx.Extra.Unknown["fee"]) != `"85"` || string(tx.Extra.Raw) != odd {
		t.Errorf("kept %s and raw %s, want them as sent", tx.Extra.Unknown["fee"], tx.Extra.Raw)
	}
	if w := strings.Join(tx.Extra.Warnings, "\n"); !strings.Contains(w, `status "refunded" is not one the contract lists`) ||
		!strings.Contains(w, "unknown field promo kept") || !strings.Contains(w, `fee "85" is not a whole number`) {
		t.Errorf("warnings:\n%s", w)
	}

	// A create answered with a status the contract does not list still
	// returns the transaction; the content is the example's, so it is
	// verified against the amount it charges.
	fresh := strings.NewReplacer(`"status":"pending"`, `"status":"processing"`, `"expiredDate":"2025-03-23T10:24:58+07:00"`,
		`"expiredDate":"`+time.Now().Add(time.Hour).Format(time.RFC3339)+`"`).Replace(gatewayTransaction)
	c, _ = serveJSON(t, 200, `{"responseCode":200,"responseMessage":"success","responseData":`+fresh+`,"traceId":"abc"}`)
	req := request("REFF012")
	req.AdditionalInfo.Callback = "http://your-site-callback.com/notify"
	_, err = c.CreateQRIS(context.Background(), req)
	var ve *api.VerificationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want the example's A04", err)
	}
	if hasRule(ve.Problems, "A11") == false || !strings.Contains(err.Error(), "A04") || strings.Contains(err.Error(), "A11") {
		t.Errorf("problems %v: A11 is reported but does not fail, A04 fails", ve.Problems)
	}
	if w := strings.Join(ve.Transaction.Extra.Warnings, "\n"); !strings.Contains(w, "traceId") || !strings.Contains(w, `"processing"`) {
		t.Errorf("warnings:\n%s", w)
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		body   string
		want   error
		code   int
	}{
		{"sandbox envelope", 401, `{"responseCode":401,"responseMessage":"bad signature","errorCode":"UNAUTHORIZED"}`, api.ErrUnauthorized, 401},
		{"error code in a 200", 200, `{"responseCode":403,"responseMessage":"not from this IP","errorCode":"UNAUTHORIZED"}`, api.ErrUnauthorized, 403},
		{"responseCode as text", 200, `{"responseCode":"404","responseMessage":"no such","code":"TRANSACTION_NOT_FOUND"}`, api.ErrTransactionNotFound, 404},
		{"plain text", 403, "Forbidden\n", nil, 403},
	} {
		cl, _ := serveJSON(t, c.status, c.body)
		_, err := cl.Transactions(context.Background(), api.Query{})
		var ge *api.Error
		if !errors.As(err, &ge) || ge.StatusCode != c.code || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: err = %v, want status %d and %v", c.name, err, c.code, c.want)
		}
		if string(ge.Body) != c.body {
			t.Errorf("%s: Body = %q", c.name, ge.Body)
		}
	}
	for _, body := range []string{`<html>ok</html>`, `{"responseCode":200,"responseData":{"id":1}}`, `{"responseCode":200,"responseData":[1]}`} {
		cl, _ := serveJSON(t, 200, body)
		if _, err := cl.Transactions(context.Background(), api.Query{}); !errors.Is(err, api.ErrNotResponse) {
			t.Errorf("%s: err = %v, want ErrNotResponse", body, err)
		}
	}
	cl, _ := serveJSON(t, 200, `{"responseCode":200,"responseMessage":"success"}`)
	if _, err := cl.CreateQRIS(context.Background(), request("R")); !errors.Is(err, api.ErrNotResponse) {
		t.Errorf("no responseData: err = %v, want ErrNotResponse", err)
	}
}

func TestAllBounded(t *testing.T) {
	// A gateway that ignores page sends the same page forever.
	c, urls := serveJSON(t, 200, `{"responseCode":200,"responseMessage":"success","responseData":[`+gatewayTransaction+`]}`)
	n := 0
	var last error
	for _, err := range c.All(context.Background(), api.Query{}) {
		n++
		last = err
	}
	if !errors.Is(last, api.ErrTooManyPages) || len(*urls) != 2 || n != 2 {
		t.Errorf("repeated page: %d yields, %d calls, last %v", n, len(*urls), last)
	}
	// Pages that never end stop at the bound.
	page := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page++
		fmt.Fprintf(w, `{"responseCode":200,"responseData":[%s]}`, strings.Replace(gatewayTransaction, "bb3d", fmt.Sprintf("%04d", page), 1))
	}))
	defer srv.Close()
	c = api.NewClient("k", "t", api.WithBaseURL(srv.URL), api.WithMaxPages(5))
	n = 0
	for _, err := range c.All(context.Background(), api.Query{}) {
		n++
		last = err
	}
	if !errors.Is(last, api.ErrTooManyPages) || page != 5 || n != 6 {
		t.Errorf("endless pages: %d yields, %d calls, last %v", n, page, last)
	}
}
