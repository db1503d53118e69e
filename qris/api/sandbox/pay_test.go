package sandbox

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func TestGet(t *testing.T) {
	h := newHarness(t, nil)
	created := h.create(demo, "R1", 10000)
	got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+created.ID, ""))
	if !got.ExpiredDate.Equal(created.ExpiredDate) {
		t.Errorf("expiredDate changed: %v vs %v", got.ExpiredDate, created.ExpiredDate)
	}
	got.ExpiredDate, created.ExpiredDate = time.Time{}, time.Time{}
	if *got != *created {
		t.Errorf("GET %+v\nPOST %+v", *got, *created)
	}
	mustFail(t, h.call(&demo, "GET", "/api/qris/00000000-0000-4000-8000-000000000000", ""), 404, "TRANSACTION_NOT_FOUND", "no transaction")
	mustFail(t, h.call(&demo, "GET", "/api/qris/not-a-uuid", ""), 404, "TRANSACTION_NOT_FOUND", "no transaction")
	// Another client cannot see it, and is not told it exists.
	mustFail(t, h.call(&otherClient, "GET", "/api/qris/"+created.ID, ""), 404, "TRANSACTION_NOT_FOUND", "no transaction")
}

func TestGetExpires(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000) // expires 30 minutes from now, in whole seconds
	untilExpiry := tx.ExpiredDate.Sub(h.clock.Now())

	h.clock.Advance(untilExpiry) // exactly at expiredDate: not past it yet
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.Status != api.StatusPending {
		t.Fatalf("at expiredDate: status %s, want pending", got.Status)
	}
	h.clock.Advance(time.Millisecond)
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
		t.Fatalf("after expiredDate: status %s, want expired", got.Status)
	}
	// The change is stored, not just computed: going back in time does
	// not revive it.
	h.clock.Advance(-time.Hour)
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
		t.Fatalf("status %s after the clock went back, want expired", got.Status)
	}
}

func TestPay(t *testing.T) {
	tests := []struct {
		name string
		body string
		want api.Status
	}{
		{"empty body pays", "", api.StatusSuccess},
		{"explicit success", `{"status":"success"}`, api.StatusSuccess},
		{"failed", `{"status":"failed"}`, api.StatusFailed},
		{"white space only", " \n", api.StatusSuccess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			tx := h.create(demo, "R1", 10000)
			got := mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", tt.body))
			if got.Status != tt.want || got.ID != tx.ID || got.QRIS.Image == "" {
				t.Errorf("pay answered %+v", got)
			}
			if after := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); after.Status != tt.want {
				t.Errorf("GET after pay: %s, want %s", after.Status, tt.want)
			}
			// Settled is final: neither another payment nor expiry changes it.
			mustFail(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""), http.StatusConflict, "TRANSACTION_SETTLED", "is already "+string(tt.want))
			h.clock.Advance(48 * time.Hour)
			if after := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); after.Status != tt.want {
				t.Errorf("a settled transaction changed to %s after its expiredDate", after.Status)
			}
		})
	}
}

func TestPayRefuses(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	path := "/api/qris/" + tx.ID + "/pay"
	tests := []struct {
		name   string
		client *Client
		path   string
		body   string
		status int
		code   string
		want   string
		fields []string
	}{
		// Only the outcomes a payment can have are named, and exactly
		// those are accepted.
		{"unknown status", &demo, path, `{"status":"bogus"}`, 422, "REQUEST_INVALID", `status: "bogus" is not an outcome of a payment: want success or failed`, []string{"status"}},
		{"pending is not an outcome", &demo, path, `{"status":"pending"}`, 422, "REQUEST_INVALID", `status: "pending" is not an outcome of a payment: want success or failed`, []string{"status"}},
		{"expired is not an outcome", &demo, path, `{"status":"expired"}`, 422, "REQUEST_INVALID", `"expired" is not an outcome`, []string{"status"}},
		{"status and callbacks both wrong", &demo, path, `{"status":"paid","callbacks":"twice"}`, 422, "REQUEST_INVALID",
			`status: "paid" is not an outcome of a payment: want success or failed; callbacks: "twice": want once, duplicate or out-of-order`, []string{"status", "callbacks"}},
		{"status not a string", &demo, path, `{"status":1}`, 422, "REQUEST_INVALID", "status: wrong JSON type", []string{"status"}},
		{"unknown field", &demo, path, `{"fail":true}`, 422, "REQUEST_INVALID", "fail: unknown field", []string{"fail"}},
		{"trailing data", &demo, path, `{} {}`, 422, "REQUEST_INVALID", "trailing data", []string{""}},
		{"not JSON", &demo, path, `failed`, 422, "REQUEST_INVALID", "malformed JSON", []string{""}},
		{"unknown transaction", &demo, "/api/qris/00000000-0000-4000-8000-000000000000/pay", "", 404, "TRANSACTION_NOT_FOUND", "no transaction", []string{"id"}},
		{"another client's transaction", &otherClient, path, "", 404, "TRANSACTION_NOT_FOUND", "no transaction", []string{"id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest("POST", tt.path, tt.body)
			sign(r, *tt.client, tt.body)
			e := mustFail(t, serve(h.s, r), tt.status, tt.code, tt.want)
			var fields []string
			for _, f := range e.Errors {
				fields = append(fields, f.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("fields at fault %q, want %q", fields, tt.fields)
			}
		})
	}
	// None of that touched it.
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.Status != api.StatusPending {
		t.Errorf("status %s after refused payments, want pending", got.Status)
	}
}

func TestPayExpired(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	h.clock.Advance(31 * time.Minute)
	// Paying is what notices the expiry here: no GET came first.
	mustFail(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""), http.StatusConflict, "TRANSACTION_EXPIRED",
		"expired at "+tx.ExpiredDate.Format(time.RFC3339))
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
		t.Errorf("status %s, want expired", got.Status)
	}
	mustFail(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", `{"status":"failed"}`), http.StatusConflict, "TRANSACTION_EXPIRED", "expired")
	cbs := h.callbacks(tx.ID)
	if len(cbs) != 0 {
		t.Errorf("a refused payment queued callbacks: %+v", cbs)
	}
}

func TestRoutes(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/qris", 405, "POST"},
		{"GET", "/api/qris", 405, "POST"},
		{"PUT", "/qris", 405, "POST"},
		{"POST", "/api/transactions", 405, "GET, HEAD"},
		{"DELETE", "/api/qris/" + tx.ID, 405, "GET, HEAD"},
		{"DELETE", "/qris/" + tx.ID, 405, "GET, HEAD"},
		{"GET", "/qris/" + tx.ID + "/pay", 405, "POST"},
		{"POST", "/qris/" + tx.ID + "/page", 405, "GET, HEAD"},
		{"POST", "/qris/" + tx.ID + "/image.png", 405, "GET, HEAD"},
		{"POST", "/qris/" + tx.ID + "/callbacks", 405, "GET, HEAD"},
		{"GET", "/", 404, ""},
		{"GET", "/qris/" + tx.ID + "/nothing", 404, ""},
		{"POST", "/payments", 404, ""},
		{"GET", "/api/qris/" + tx.ID + "/page", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			w := h.call(&demo, tt.method, tt.path, "")
			want, code := "no route", "ROUTE_NOT_FOUND"
			if tt.status == 405 {
				want, code = "method "+tt.method+" not allowed", "METHOD_NOT_ALLOWED"
			}
			mustFail(t, w, tt.status, code, want)
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow %q, want %q", got, tt.allow)
			}
		})
	}
}

func TestClosedServerAnswers503(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	if err := h.s.Close(); err != nil {
		t.Fatal(err)
	}
	mustFail(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, ""), http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "shutting down")
	mustFail(t, h.call(nil, "GET", "/qris/"+tx.ID+"/page", ""), http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "shutting down")
	if err := h.s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
