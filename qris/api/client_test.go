package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
)

const (
	testKey   = "ck_test"
	testToken = "tk_test"
)

// noSleep records the waits between tries instead of waiting.
type noSleep struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *noSleep) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *noSleep) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.delays)
}

// newFake starts the fake gateway and a client of it that does not wait
// between tries.
func newFake(t *testing.T, opts ...api.Option) (*fakegateway.Gateway, *api.Client, *noSleep) {
	t.Helper()
	g := fakegateway.New(testKey, testToken)
	base := g.Start(t.Cleanup)
	s := &noSleep{}
	c := api.NewClient(testKey, testToken, append([]api.Option{api.WithBaseURL(base), api.WithSleep(s.sleep)}, opts...)...)
	return g, c, s
}

func request(ref string) api.Request {
	return api.Request{
		Reference: ref, Amount: 10000, ViewName: "Toko Contoh ☕",
		AdditionalInfo: api.AdditionalInfo{Callback: "https://shop.example/qris/notify"},
	}
}

func TestCreateQRIS(t *testing.T) {
	_, c, s := newFake(t)
	tx, err := c.CreateQRIS(context.Background(), request("INV-1"))
	if err != nil {
		t.Fatal(err)
	}
	if tx.MerchantRef != "INV-1" || tx.Amount != 10000 || tx.Fee != fakegateway.Fee || tx.TotalAmount != 10085 || tx.Status != api.StatusPending {
		t.Errorf("transaction = %+v", tx)
	}
	if tx.QRIS.Content == "" || len(tx.Extra.Raw) == 0 {
		t.Errorf("no content or raw body: %+v", tx)
	}
	if len(tx.Extra.Problems) != 0 || len(tx.Extra.Warnings) != 0 || tx.Extra.Unknown != nil {
		t.Errorf("a clean answer reports problems %v, warnings %v, unknown %v", tx.Extra.Problems, tx.Extra.Warnings, tx.Extra.Unknown)
	}
	if s.count() != 0 {
		t.Errorf("%d retries of a call that succeeded", s.count())
	}
}

// TestCreateQRISHeaders checks what goes on the wire: the path under the
// base, the headers, and a body that is MarshalPHP's bytes signed.
func TestCreateQRISHeaders(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusUnprocessableEntity)
	}))
	defer srv.Close()
	req := request("INV-2")
	_, err := api.NewClient("k", "t", api.WithBaseURL(srv.URL+"/api/"), api.WithUserAgent("shop/1.0")).CreateQRIS(context.Background(), req)
	if err == nil {
		t.Fatal("a 422 is not an error")
	}
	want, _ := api.MarshalPHP(req)
	for name, c := range map[string][2]string{
		"path":         {got.URL.Path, "/api/qris"},
		"method":       {got.Method, http.MethodPost},
		"body":         {string(body), string(want)},
		"content type": {got.Header.Get("Content-Type"), "application/json"},
		"user agent":   {got.Header.Get("User-Agent"), "shop/1.0"},
		"key":          {got.Header.Get(api.HeaderClientKey), "k"},
		"token":        {got.Header.Get(api.HeaderClientToken), "t"},
		"signature":    {got.Header.Get(api.HeaderSignature), api.Sign("k", "t", want)},
	} {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
}

func TestCreateQRISValidatesFirst(t *testing.T) {
	g, c, _ := newFake(t)
	_, err := c.CreateQRIS(context.Background(), api.Request{Amount: -1})
	var fes api.FieldErrors
	if !errors.As(err, &fes) || len(fes) != 4 {
		t.Fatalf("err = %v, want the four problems at once", err)
	}
	if !errors.Is(err, api.ErrMissing) || !errors.Is(err, api.ErrNotPositive) {
		t.Errorf("err = %v, want ErrMissing and ErrNotPositive", err)
	}
	if n := g.Creates.Load(); n != 0 {
		t.Errorf("an invalid request reached the gateway %d times", n)
	}
}

// TestCreateQRISLostAnswer is the case retries exist for: the gateway
// stores the transaction and the answer never comes back. The retry meets
// DUPLICATE_REFERENCE; the client finds the transaction it made.
func TestCreateQRISLostAnswer(t *testing.T) {
	g, c, s := newFake(t)
	tx, err := c.CreateQRIS(context.Background(), request("drop-1"))
	if err != nil {
		t.Fatal(err)
	}
	if tx.MerchantRef != "drop-1" || tx.Amount != 10000 {
		t.Errorf("transaction = %+v", tx)
	}
	if n := g.Stored("drop-1"); n != 1 {
		t.Errorf("the gateway holds %d transactions for the reference, want 1", n)
	}
	if g.Creates.Load() != 2 || g.Lists.Load() == 0 || s.count() != 1 {
		t.Errorf("creates %d, lists %d, waits %d; want 2, some, 1", g.Creates.Load(), g.Lists.Load(), s.count())
	}
	if !strings.Contains(strings.Join(tx.Extra.Warnings, "\n"), "looked up by reference") {
		t.Errorf("warnings %q do not say the transaction was looked up", tx.Extra.Warnings)
	}
}

func TestCreateQRISLostAnswerConcurrent(t *testing.T) {
	const n = 50
	g, c, _ := newFake(t)
	g.PageSize = 7 // the lookups page through all fifty
	var wg sync.WaitGroup
	ids := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			tx, err := c.CreateQRIS(context.Background(), request(fmt.Sprintf("drop-%02d", i)))
			errs[i] = err
			if err == nil {
				ids[i] = tx.ID
				if tx.MerchantRef != fmt.Sprintf("drop-%02d", i) {
					errs[i] = fmt.Errorf("got the transaction of %s", tx.MerchantRef)
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range n {
		ref := fmt.Sprintf("drop-%02d", i)
		if errs[i] != nil {
			t.Errorf("%s: %v", ref, errs[i])
		}
		if k := g.Stored(ref); k != 1 {
			t.Errorf("%s: the gateway holds %d transactions, want 1", ref, k)
		}
		if seen[ids[i]] {
			t.Errorf("%s: id %s returned twice", ref, ids[i])
		}
		seen[ids[i]] = true
	}
	if g.Len() != n {
		t.Errorf("the gateway holds %d transactions, want %d", g.Len(), n)
	}
}

// TestCreateQRISLostAnswerAtMidnight: the gateway stored the transaction
// on one Jakarta day, the retry's lookup runs on the next.
func TestCreateQRISLostAnswerAtMidnight(t *testing.T) {
	stored := time.Date(2025, 3, 22, 23, 59, 50, 0, time.FixedZone("WIB", 7*3600))
	g, c, _ := newFake(t, api.WithClock(func() time.Time { return stored.Add(20 * time.Second) }))
	g.Now = func() time.Time { return stored }
	if _, err := c.CreateQRIS(context.Background(), request("drop-midnight")); err != nil {
		t.Fatal(err)
	}
	if n := g.Stored("drop-midnight"); n != 1 {
		t.Errorf("the gateway holds %d, want 1", n)
	}
}

func TestCreateQRISDuplicate(t *testing.T) {
	g, c, _ := newFake(t)
	first, err := c.CreateQRIS(context.Background(), request("INV-dup"))
	if err != nil {
		t.Fatal(err)
	}
	// A first try that meets DUPLICATE_REFERENCE is the caller's reuse of a
	// reference, not a lost answer: it is an error.
	_, err = c.CreateQRIS(context.Background(), request("INV-dup"))
	var ge *api.Error
	if !errors.As(err, &ge) || !errors.Is(err, api.ErrDuplicateReference) {
		t.Fatalf("err = %v, want an *api.Error matching ErrDuplicateReference", err)
	}
	if ge.StatusCode != http.StatusConflict || ge.Code != api.CodeDuplicateReference || ge.TransactionID != first.ID || len(ge.Fields) != 1 {
		t.Errorf("error = %+v", ge)
	}
	if g.Lists.Load() != 0 {
		t.Error("a first-try duplicate was looked up")
	}
}

// TestCreateQRISDuplicateOfAnother: the retry meets DUPLICATE_REFERENCE,
// but the transaction under that reference is for another amount: not
// ours, so the duplicate stands.
func TestCreateQRISDuplicateOfAnother(t *testing.T) {
	tries := 0
	other := strings.Replace(gatewayTransaction, `"amount":10000`, `"amount":20000`, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/qris" && tries == 0:
			tries++
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case r.URL.Path == "/qris":
			w.WriteHeader(http.StatusConflict)
			fmt.Fprint(w, `{"responseCode":409,"responseMessage":"duplicate","errorCode":"DUPLICATE_REFERENCE"}`)
		case r.URL.Query().Get("page") == "1":
			fmt.Fprintf(w, `{"responseCode":200,"responseMessage":"success","responseData":[%s]}`, other)
		default:
			fmt.Fprint(w, `{"responseCode":200,"responseMessage":"success","responseData":[]}`)
		}
	}))
	defer srv.Close()
	s := &noSleep{}
	c := api.NewClient("k", "t", api.WithBaseURL(srv.URL), api.WithSleep(s.sleep))
	req := request("REFF012")
	req.AdditionalInfo.Callback = "http://your-site-callback.com/notify"
	_, err := c.CreateQRIS(context.Background(), req)
	if !errors.Is(err, api.ErrDuplicateReference) {
		t.Fatalf("err = %v, want ErrDuplicateReference", err)
	}
}

func TestCreateQRISVerification(t *testing.T) {
	_, c, _ := newFake(t)
	_, err := c.CreateQRIS(context.Background(), request("wrong-amount-1"))
	var ve *api.VerificationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v, want a *VerificationError", err)
	}
	if ve.Transaction == nil || ve.Transaction.MerchantRef != "wrong-amount-1" || !hasRule(ve.Problems, "A04") {
		t.Errorf("verification error = %+v", ve)
	}
	if !strings.Contains(err.Error(), "A04 54: the content charges 10086 but the payer owes 10085") {
		t.Errorf("message %q does not say what is wrong", err)
	}

	_, c2, _ := newFake(t, api.ReturnProblems())
	tx, err := c2.CreateQRIS(context.Background(), request("wrong-amount-2"))
	if err != nil || !hasRule(tx.Extra.Problems, "A04") {
		t.Errorf("ReturnProblems: %v, %v; want the transaction with A04 in Problems", tx, err)
	}
}

func TestCreateQRISMerchant(t *testing.T) {
	const other = "00020101021126660014ID.LINKAJA.WWW011893600911000093000502151912131509300050303UME51440014ID.CO.QRIS.WWW0215ID20190139612790303UME5204839853033605802ID5924Infak Sinergi Foundation6007BANDUNG61054017362070703A01630458E0"
	_, c, _ := newFake(t, api.WithVerifyOptions(api.VerifyOptions{Merchant: other}))
	var ve *api.VerificationError
	if _, err := c.CreateQRIS(context.Background(), request("INV-m")); !errors.As(err, &ve) || !hasRule(ve.Problems, "A15") {
		t.Errorf("err = %v, want A15: the code pays another merchant", err)
	}
	_, c, _ = newFake(t, api.WithVerifyOptions(api.VerifyOptions{Merchant: fakegateway.Merchant}))
	if _, err := c.CreateQRIS(context.Background(), request("INV-m")); err != nil {
		t.Errorf("the right merchant: %v", err)
	}
}

func hasRule(ps []qris.Problem, rule string) bool {
	for _, p := range ps {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

func TestCreateQRISRetries(t *testing.T) {
	g, c, s := newFake(t)
	if _, err := c.CreateQRIS(context.Background(), request("flaky-1")); err != nil {
		t.Errorf("flaky: %v", err)
	}
	if s.count() != 1 || g.Stored("flaky-1") != 1 {
		t.Errorf("flaky: %d waits, %d stored; want 1, 1", s.count(), g.Stored("flaky-1"))
	}

	before := g.Creates.Load()
	_, err := c.CreateQRIS(context.Background(), request("down-1"))
	var ge *api.Error
	if !errors.As(err, &ge) || ge.StatusCode != 500 || ge.Message != "upstream down" || ge.Code != "" {
		t.Errorf("down: err = %#v, want the last 500 with its text", err)
	}
	if n := g.Creates.Load() - before; n != 4 {
		t.Errorf("down: %d tries, want 4 (the default)", n)
	}

	before = g.Creates.Load()
	_, err = c.CreateQRIS(context.Background(), request("broke-1"))
	if !errors.Is(err, api.ErrInsufficientBalance) || errors.Is(err, api.ErrUnauthorized) {
		t.Errorf("broke: err = %v, want ErrInsufficientBalance only", err)
	}
	if n := g.Creates.Load() - before; n != 1 {
		t.Errorf("broke: %d tries; a 402 is final", n)
	}
}

func TestRetryOff(t *testing.T) {
	g, c, s := newFake(t, api.WithRetry(api.RetryPolicy{Attempts: 1}))
	_, err := c.CreateQRIS(context.Background(), request("drop-once"))
	if err == nil || s.count() != 0 || g.Creates.Load() != 1 {
		t.Errorf("err %v, %d waits, %d creates; want an error, 0, 1", err, s.count(), g.Creates.Load())
	}
	var ge *api.Error
	if errors.As(err, &ge) {
		t.Errorf("a lost answer is reported as the gateway's answer: %v", err)
	}
}

func TestRetryAfterAndContext(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, `{"responseCode":429,"responseMessage":"slow down","errorCode":"PAYMENT_INTERNAL_ERROR"}`)
	}))
	defer srv.Close()
	s := &noSleep{}
	c := api.NewClient("k", "t", api.WithBaseURL(srv.URL), api.WithSleep(s.sleep),
		api.WithRetry(api.RetryPolicy{Attempts: 3, BaseDelay: time.Millisecond, MaxDelay: 10 * time.Second}))
	_, err := c.Transactions(context.Background(), api.Query{})
	if !errors.Is(err, api.ErrPaymentInternal) || calls != 3 {
		t.Errorf("err %v after %d calls; want ErrPaymentInternal after 3", err, calls)
	}
	for _, d := range s.delays {
		if d != 3*time.Second {
			t.Errorf("waited %v, want Retry-After's 3s", d)
		}
	}

	// A context that ends stops the retries.
	ctx, cancel := context.WithCancel(context.Background())
	calls = 0
	c = api.NewClient("k", "t", api.WithBaseURL(srv.URL), api.WithSleep(func(context.Context, time.Duration) error {
		cancel()
		return ctx.Err()
	}))
	_, err = c.Transactions(ctx, api.Query{})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("err %v after %d calls; want context.Canceled after 1", err, calls)
	}
}

// TestRefusalInSuccess: an HTTP 2xx whose responseCode is not 2xx is the
// gateway's refusal, for a create and for a list alike.
func TestRefusalInSuccess(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"responseCode":422,"responseMessage":"bad request","errorCode":"REQUEST_INVALID"}`)
	}))
	defer srv.Close()
	c := api.NewClient("k", "t", api.WithBaseURL(srv.URL))
	_, err := c.CreateQRIS(context.Background(), request("INV-REFUSED"))
	var ge *api.Error
	if !errors.As(err, &ge) || ge.StatusCode != 422 || !errors.Is(err, api.ErrRequestInvalid) {
		t.Errorf("create: %v, want a 422 REQUEST_INVALID *api.Error", err)
	}
	_, err = c.Transactions(context.Background(), api.Query{})
	if !errors.As(err, &ge) || ge.StatusCode != 422 || !errors.Is(err, api.ErrRequestInvalid) {
		t.Errorf("list: %v, want a 422 REQUEST_INVALID *api.Error", err)
	}
}
