package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func TestCreate(t *testing.T) {
	h := newHarness(t, nil)
	w := h.call(&demo, "POST", "/api/qris", `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http://your-site-callback.com/notify"}}`)
	got := mustOK(t, w)

	if len(got.ID) != 36 || got.ID[14] != '4' {
		t.Errorf("id %q is not a version-4 UUID", got.ID)
	}
	label := strings.ReplaceAll(got.ID, "-", "")[:16]
	want := api.Transaction{
		ID: got.ID, MerchantRef: "REFF012", Status: api.StatusPending, FeePayer: api.FeePayerCustomer,
		Amount: 10000, Fee: 85, TotalAmount: 10085,
		AdditionalInfo: api.AdditionalInfo{Callback: "http://your-site-callback.com/notify"},
		QRIS: api.QRIS{
			Content: fmt.Sprintf("DYN|10085|%s|%d", label, len(DemoMerchant)),
			Image:   mustImage(t, fmt.Sprintf("DYN|10085|%s|%d", label, len(DemoMerchant))),
			URL:     "http://example.com/qris/" + got.ID + "/page",
		},
	}
	wantExpiry := "2025-03-23T10:24:58+07:00" // clock 09:54:58.25 + 30 min, whole seconds
	if gotExpiry := got.ExpiredDate.Format(time.RFC3339Nano); gotExpiry != wantExpiry {
		t.Errorf("expiredDate %s, want %s", gotExpiry, wantExpiry)
	}
	if !strings.Contains(w.Body.String(), `"expiredDate":"2025-03-23T10:24:58+07:00"`) {
		t.Errorf("expiredDate not written with the Jakarta offset: %s", w.Body)
	}
	got.ExpiredDate = time.Time{}
	if *got != want {
		t.Errorf("got  %+v\nwant %+v", *got, want)
	}
}

func mustImage(t *testing.T, content string) string {
	t.Helper()
	img, err := fakeImage(content)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func TestCreateFeeAndExpiryRules(t *testing.T) {
	percent := FeeRule{Flat: 100, PerMillion: 7000} // flat:100+percent:0.7
	tests := []struct {
		name                string
		edit                func(*Config)
		extra               string
		amount              int64
		fee, total, payable int64
		expiry              time.Duration
	}{
		{"defaults", nil, "", 10000, 85, 10085, 10085, 30 * time.Minute},
		{"merchant pays", func(c *Config) { c.FeePayer = api.FeePayerMerchant }, "", 10000, 85, 10085, 10000, 30 * time.Minute},
		{"percent rule", func(c *Config) { c.Fee = &percent }, "", 15072, 206, 15278, 15278, 30 * time.Minute},
		{"no fee", func(c *Config) { c.Fee = &FeeRule{} }, "", 5000, 0, 5000, 5000, 30 * time.Minute},
		{"expiry given", nil, `"expiryMinutes":60,`, 10000, 85, 10085, 10085, time.Hour},
		{"default expiry configured", func(c *Config) { c.DefaultExpiry = 5 * time.Minute }, "", 10000, 85, 10085, 10085, 5 * time.Minute},
		{"largest amount the fee allows", nil, "", api.MaxAmount - 85, 85, api.MaxAmount, api.MaxAmount, 30 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.edit)
			got := mustOK(t, h.call(&demo, "POST", "/api/qris", requestBody("R1", tt.amount, tt.extra)))
			if got.Fee != tt.fee || got.TotalAmount != tt.total {
				t.Errorf("fee %d total %d, want %d %d", got.Fee, got.TotalAmount, tt.fee, tt.total)
			}
			if !strings.HasPrefix(got.QRIS.Content, fmt.Sprintf("DYN|%d|", tt.payable)) {
				t.Errorf("content %q does not charge %d", got.QRIS.Content, tt.payable)
			}
			wantExpiry := h.clock.Now().Truncate(time.Second).Add(tt.expiry)
			if !got.ExpiredDate.Equal(wantExpiry) {
				t.Errorf("expiredDate %v, want %v", got.ExpiredDate, wantExpiry)
			}
		})
	}
}

func TestCreateRefuses(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		want   string
		fields []string
	}{
		{"malformed", `{"reference":`, 422, "REQUEST_INVALID", "the request is invalid: body: malformed JSON", []string{""}},
		{"empty", ``, 422, "REQUEST_INVALID", "empty body", []string{""}},
		{"unknown field", `{"reference":"R","currency":"IDR"}`, 422, "REQUEST_INVALID", "currency: unknown field", []string{"currency"}},
		{"trailing data", requestBody("R", 1, "") + "{}", 422, "REQUEST_INVALID", "trailing data", []string{""}},
		{"duplicate field", `{"amount":1,"amount":2}`, 422, "REQUEST_INVALID", "amount: duplicate field", []string{"amount"}},
		{"fractional expiry", requestBody("R", 1, `"expiryMinutes":1.5,`), 422, "REQUEST_INVALID", "expiryMinutes: not a whole number", []string{"expiryMinutes"}},
		{"amount as string", `{"reference":"R","amount":"10000"}`, 422, "REQUEST_INVALID", "amount: wrong JSON type", []string{"amount"}},
		{"every rule at once", `{"amount":0,"expiryMinutes":0,"additionalInfo":{"callback":"ftp://x"}}`, 422, "REQUEST_INVALID",
			"the request is invalid: reference: missing; amount: not positive: 0 (want a positive whole number of rupiah); expiryMinutes: not positive: 0 (leave it out to use the default); viewName: missing; additionalInfo.callback: not an absolute http(s) URL",
			[]string{"reference", "amount", "expiryMinutes", "viewName", "additionalInfo.callback"}},
		// An absent amount is missing, not "not positive: 0".
		{"missing amount", `{"reference":"R","viewName":"V","additionalInfo":{"callback":"http://127.0.0.1:1/"}}`, 422, "REQUEST_INVALID",
			"the request is invalid: amount: missing", []string{"amount"}},
		{"null amount", `{"reference":"R","amount":null,"viewName":"V","additionalInfo":{"callback":"http://127.0.0.1:1/"}}`, 422, "REQUEST_INVALID",
			"the request is invalid: amount: missing", []string{"amount"}},
		{"empty object", `{}`, 422, "REQUEST_INVALID", "reference: missing; amount: missing; viewName: missing; additionalInfo.callback: missing",
			[]string{"reference", "amount", "viewName", "additionalInfo.callback"}},
		// Invalid UTF-8 is refused, naming the field, never stored as U+FFFD.
		{"invalid UTF-8 in viewName", `{"reference":"R","amount":1,"viewName":"Toko ` + "\xff\xfe" + `","additionalInfo":{"callback":"http://127.0.0.1:1/"}}`,
			422, "REQUEST_INVALID", "viewName: invalid text: not valid UTF-8", []string{"viewName"}},
		{"invalid UTF-8 in two fields", `{"reference":"` + "\xc3" + `","amount":1,"viewName":"V","additionalInfo":{"callback":"http://127.0.0.1:1/` + "\xe2\x82" + `"}}`,
			422, "REQUEST_INVALID", "reference: invalid text: not valid UTF-8; additionalInfo.callback: invalid text", []string{"reference", "additionalInfo.callback"}},
		{"invalid UTF-8 in a name", `{"ref` + "\xff" + `":"R"}`, 422, "REQUEST_INVALID", "invalid text", []string{"ref\ufffd"}},
		{"over 13 digits with the fee", requestBody("R", api.MaxAmount-84, ""), 422, "REQUEST_INVALID", "amount: out of range: 9999999999915 plus the fee of 85 is more than 9999999999999", []string{"amount"}},
		{"amount over 13 digits", requestBody("R", api.MaxAmount+1, ""), 422, "REQUEST_INVALID", "amount: out of range", []string{"amount"}},
		{"too large", `{"reference":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, 413, "REQUEST_TOO_LARGE", "larger than 65536 bytes", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest("POST", "/api/qris", tt.body)
			r.Header.Set("Content-Type", "application/json")
			sign(r, demo, tt.body)
			e := mustFail(t, serve(h.s, r), tt.status, tt.code, tt.want)
			var fields []string
			for _, f := range e.Errors {
				fields = append(fields, f.Field)
				if f.Message == "" {
					t.Errorf("field %q has no message", f.Field)
				}
			}
			if strings.Join(fields, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("fields at fault %q, want %q", fields, tt.fields)
			}
		})
	}
	if n, err := h.s.store.count(t.Context()); err != nil || n != 0 {
		t.Errorf("refused creates stored %d transactions (%v)", n, err)
	}
}

// The body is JSON whatever its Content-Type says.
func TestCreateIgnoresContentType(t *testing.T) {
	h := newHarness(t, nil)
	for i, ct := range []string{"", "application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-8", "nonsense/"} {
		body := requestBody(fmt.Sprintf("R-%d", i), 1000, "")
		r := newRequest("POST", "/api/qris", body)
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		sign(r, demo, body)
		if tx := mustOK(t, serve(h.s, r)); tx.MerchantRef != fmt.Sprintf("R-%d", i) {
			t.Errorf("Content-Type %q: %+v", ct, tx)
		}
	}
}

// Non-ASCII text arrives as it was sent, under either signature reading.
func TestCreateKeepsText(t *testing.T) {
	h := newHarness(t, nil)
	body := `{"reference":"R-\u00e9","amount":1000,"viewName":"Caf\u00e9 \u2615 \ud83c\udf5c","additionalInfo":{"callback":"http:\/\/127.0.0.1:1\/n"}}`
	tx := mustOK(t, h.call(&demo, "POST", "/api/qris", body))
	if tx.MerchantRef != "R-é" || tx.AdditionalInfo.Callback != "http://127.0.0.1:1/n" {
		t.Errorf("%+v", tx)
	}
	got, err := h.s.store.get(t.Context(), tx.ID, h.clock.Now())
	if err != nil || got.ViewName != "Café ☕ 🍜" {
		t.Errorf("stored view name %q, %v", got.ViewName, err)
	}
}

func TestCreateDuplicateReference(t *testing.T) {
	h := newHarness(t, nil)
	first := h.create(demo, "INV-1", 10000)
	e := mustFail(t, h.call(&demo, "POST", "/api/qris", requestBody("INV-1", 20000, "")), http.StatusConflict, "DUPLICATE_REFERENCE",
		`reference "INV-1" is already used by client "demo-key"`)
	if e.TransactionID != first.ID {
		t.Errorf("transactionId %q, want the first transaction's %s", e.TransactionID, first.ID)
	}
	if len(e.Errors) != 1 || e.Errors[0] != (fieldFault{Field: "reference", Message: "already used"}) {
		t.Errorf("errors %+v", e.Errors)
	}
	// Only a 409 names a transaction.
	w := h.call(&demo, "POST", "/api/qris", `{}`)
	if strings.Contains(w.Body.String(), "transactionId") {
		t.Errorf("a 422 names a transaction: %s", w.Body)
	}
	// References are unique per client: another client may reuse one.
	second := h.create(otherClient, "INV-1", 10000)
	if first.ID == second.ID {
		t.Error("two clients got the same transaction")
	}
	// References are compared exactly.
	h.create(demo, "inv-1", 10000)
}

func TestCreateInternalErrors(t *testing.T) {
	secret := errors.New("/var/lib/secret-path exploded")
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"image", func(c *Config) { c.Image = func(string) (string, error) { return "", secret } }, "internal error: rendering the QR image"},
		{"dynamic", func(c *Config) {
			calls := 0
			c.Dynamic = func(s string, a int64, l string) (string, error) {
				if calls++; calls > 1 { // the first call is New's check
					return "", secret
				}
				return fakeDynamic(s, a, l)
			}
		}, "internal error: making the dynamic QRIS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.edit)
			w := h.call(&demo, "POST", "/api/qris", requestBody("R", 1000, ""))
			mustFail(t, w, http.StatusInternalServerError, "INTERNAL_ERROR", tt.want)
			if strings.Contains(w.Body.String(), "secret-path") {
				t.Errorf("the cause leaked to the client: %s", w.Body)
			}
		})
	}
}
