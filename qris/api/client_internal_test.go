package api

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestRetryDelay(t *testing.T) {
	p := RetryPolicy{Attempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	for n := 1; n <= 70; n++ {
		full := min(p.BaseDelay<<min(n-1, 20), p.MaxDelay)
		for range 200 {
			d := p.delay(n, 0)
			if d < full/2 || d > full {
				t.Fatalf("retry %d waits %v, want within [%v, %v]", n, d, full/2, full)
			}
		}
	}
	// The jitter is real: 200 draws are not all equal.
	seen := map[time.Duration]bool{}
	for range 200 {
		seen[p.delay(3, 0)] = true
	}
	if len(seen) < 10 {
		t.Errorf("%d distinct waits in 200 draws: no jitter", len(seen))
	}
	if d := p.delay(1, 700*time.Millisecond); d != 700*time.Millisecond {
		t.Errorf("Retry-After 700ms: waits %v", d)
	}
	if d := p.delay(1, time.Hour); d != p.MaxDelay {
		t.Errorf("Retry-After an hour: waits %v, want the cap %v", d, p.MaxDelay)
	}
	if z := (RetryPolicy{}).withDefaults(); z.Attempts != 4 || z.BaseDelay != 250*time.Millisecond || z.MaxDelay != 5*time.Second {
		t.Errorf("defaults = %+v", z)
	}
}

func TestParseError(t *testing.T) {
	for _, c := range []struct {
		body           string
		code, msg, txn string
		fields         int
		sentinel       error
	}{
		{`{"responseCode":409,"responseMessage":"reference used","errorCode":"DUPLICATE_REFERENCE","errors":[{"field":"reference","message":"already used"}],"transactionId":"abc"}`,
			"DUPLICATE_REFERENCE", "reference used", "abc", 1, ErrDuplicateReference},
		{`{"code":"REQUEST_INVALID","message":"bad","errors":[{"field":"amount","message":"missing"},{"field":"viewName","message":"missing"}]}`,
			"REQUEST_INVALID", "bad", "", 2, ErrRequestInvalid},
		{`{"error":"CREATE_FAILED"}`, "CREATE_FAILED", "", "", 0, ErrCreateFailed},
		{`{"error":"Unauthorized"}`, "", "Unauthorized", "", 0, nil},
		{`{"error":{"code":"PRODUCT_ACCESS_ERROR","message":"no QRIS product"}}`, "PRODUCT_ACCESS_ERROR", "no QRIS product", "", 0, ErrProductAccess},
		{`{"responseCode":403,"responseMessage":"inactive","errorCode":"PAYMENT_INACTIVE_ERROR"}`, "PAYMENT_INACTIVE_ERROR", "inactive", "", 0, ErrPaymentInactive},
		{`{"errorCode":"SOMETHING_NEW","responseMessage":"new"}`, "SOMETHING_NEW", "new", "", 0, nil},
		{"upstream timed out", "", "upstream timed out", "", 0, nil},
		{"", "", "Bad Gateway", "", 0, nil},
		{strings.Repeat("é", 300), "", strings.Repeat("é", 197) + "...", "", 0, nil},
		{"\xff\xfe", "", "Bad Gateway", "", 0, nil},
	} {
		e := parseError(502, []byte(c.body))
		if e.Code != c.code || e.Message != c.msg || e.TransactionID != c.txn || len(e.Fields) != c.fields || string(e.Body) != c.body {
			t.Errorf("%.40q: got %+v", c.body, e)
		}
		if c.sentinel != nil && !e.Is(c.sentinel) {
			t.Errorf("%.40q: does not match %v", c.body, c.sentinel)
		}
		for _, s := range []error{ErrCreateFailed, ErrUnauthorized, ErrInsufficientBalance, ErrTransactionNotFound, ErrPaymentInternal} {
			if s != c.sentinel && e.Is(s) {
				t.Errorf("%.40q: matches %v too", c.body, s)
			}
		}
	}
	e := parseError(409, []byte(`{"responseCode":409,"responseMessage":"reference used","errorCode":"DUPLICATE_REFERENCE","errors":[{"field":"reference","message":"already used"}],"transactionId":"abc"}`))
	if want := "the gateway answered 409 DUPLICATE_REFERENCE: reference used; reference: already used (existing transaction abc)"; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

// TestNoSQLite: a program that uses the client must not link the
// sandbox's SQLite.
func TestNoSQLite(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/qriskit/qriskit/qris/api").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 {
		t.Fatalf("go list -deps printed %d packages: %s", len(deps), out)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "modernc.org/") || strings.Contains(d, "/sandbox") {
			t.Errorf("qris/api depends on %s", d)
		}
	}
}
