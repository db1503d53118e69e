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
	w := h.call(&demo, "POST", "/qris", `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http://your-site-callback.com/notify"}}`)
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
			got := mustOK(t, h.call(&demo, "POST", "/qris", requestBody("R1", tt.amount, tt.extra)))
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
		name        string
		contentType string
		body        string
		status      int
		want        string
	}{
		{"malformed", "application/json", `{"reference":`, 400, "invalid request: body: malformed JSON"},
		{"empty", "application/json", ``, 400, "empty body"},
		{"unknown field", "application/json", `{"reference":"R","currency":"IDR"}`, 400, "currency: unknown field"},
		{"trailing data", "application/json", requestBody("R", 1, "") + "{}", 400, "trailing data"},
		{"duplicate field", "application/json", `{"amount":1,"amount":2}`, 400, "amount: duplicate field"},
		{"fractional expiry", "application/json", requestBody("R", 1, `"expiryMinutes":1.5,`), 400, "expiryMinutes: not a whole number"},
		{"amount as string", "application/json", `{"reference":"R","amount":"10000"}`, 400, "amount: wrong JSON type"},
		{"every rule at once", "application/json", `{"amount":0,"expiryMinutes":0,"additionalInfo":{"callback":"ftp://x"}}`, 400,
			"reference: missing; amount: not positive: 0 (want a positive whole number of rupiah); expiryMinutes: not positive: 0 (leave it out to use the default); viewName: missing; additionalInfo.callback: not an absolute http(s) URL"},
		{"over 13 digits with the fee", "application/json", requestBody("R", api.MaxAmount-84, ""), 400, "plus the fee of 85 is more than 9999999999999"},
		{"amount over 13 digits", "application/json", requestBody("R", api.MaxAmount+1, ""), 400, "amount: out of range"},
		{"form content type", "application/x-www-form-urlencoded", requestBody("R", 1, ""), 415, "want application/json"},
		{"no content type", "", requestBody("R", 1, ""), 415, "want application/json"},
		{"json with charset", "application/json; charset=utf-8", requestBody("R-charset", 1, ""), 200, ""},
		{"too large", "application/json", `{"reference":"` + strings.Repeat("a", MaxBodyBytes) + `"}`, 413, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest("POST", "/qris", tt.body)
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			sign(r, demo, tt.body)
			w := serve(h.s, r)
			if tt.status == 200 {
				mustOK(t, w)
				return
			}
			mustFail(t, w, tt.status, tt.want)
		})
	}
}

func TestCreateDuplicateReference(t *testing.T) {
	h := newHarness(t, nil)
	first := h.create(demo, "INV-1", 10000)
	mustFail(t, h.call(&demo, "POST", "/qris", requestBody("INV-1", 20000, "")), http.StatusConflict,
		`reference "INV-1" is already used by client "demo-key"`)
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
			w := h.call(&demo, "POST", "/qris", requestBody("R", 1000, ""))
			mustFail(t, w, http.StatusInternalServerError, tt.want)
			if strings.Contains(w.Body.String(), "secret-path") {
				t.Errorf("the cause leaked to the client: %s", w.Body)
			}
		})
	}
}
