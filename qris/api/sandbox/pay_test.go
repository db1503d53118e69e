package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

func TestGet(t *testing.T) {
	h := newHarness(t, nil)
	created := h.create(demo, "R1", 10000)
	got := mustOK(t, h.call(&demo, "GET", "/qris/"+created.ID, ""))
	if !got.ExpiredDate.Equal(created.ExpiredDate) {
		t.Errorf("expiredDate changed: %v vs %v", got.ExpiredDate, created.ExpiredDate)
	}
	got.ExpiredDate, created.ExpiredDate = time.Time{}, time.Time{}
	if *got != *created {
		t.Errorf("GET %+v\nPOST %+v", *got, *created)
	}
	mustFail(t, h.call(&demo, "GET", "/qris/00000000-0000-4000-8000-000000000000", ""), 404, "no transaction")
	mustFail(t, h.call(&demo, "GET", "/qris/not-a-uuid", ""), 404, "no transaction")
	// Another client cannot see it, and is not told it exists.
	mustFail(t, h.call(&otherClient, "GET", "/qris/"+created.ID, ""), 404, "no transaction")
}

func TestGetExpires(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000) // expires 30 minutes from now, in whole seconds
	untilExpiry := tx.ExpiredDate.Sub(h.clock.Now())

	h.clock.Advance(untilExpiry) // exactly at expiredDate: not past it yet
	if got := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); got.Status != api.StatusPending {
		t.Fatalf("at expiredDate: status %s, want pending", got.Status)
	}
	h.clock.Advance(time.Millisecond)
	if got := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
		t.Fatalf("after expiredDate: status %s, want expired", got.Status)
	}
	// The change is stored, not just computed: going back in time does
	// not revive it.
	h.clock.Advance(-time.Hour)
	if got := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
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
			got := mustOK(t, h.call(&demo, "POST", "/qris/"+tx.ID+"/pay", tt.body))
			if got.Status != tt.want || got.ID != tx.ID || got.QRIS.Image == "" {
				t.Errorf("pay answered %+v", got)
			}
			if after := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); after.Status != tt.want {
				t.Errorf("GET after pay: %s, want %s", after.Status, tt.want)
			}
			// Settled is final: neither another payment nor expiry changes it.
			mustFail(t, h.call(&demo, "POST", "/qris/"+tx.ID+"/pay", ""), http.StatusConflict, "is already "+string(tt.want))
			h.clock.Advance(48 * time.Hour)
			if after := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); after.Status != tt.want {
				t.Errorf("a settled transaction changed to %s after its expiredDate", after.Status)
			}
		})
	}
}

func TestPayRefuses(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	path := "/qris/" + tx.ID + "/pay"
	tests := []struct {
		name        string
		client      *Client
		path        string
		contentType string
		body        string
		status      int
		want        string
	}{
		{"unknown status", &demo, path, "application/json", `{"status":"paid"}`, 400, `status: unknown status "paid"`},
		{"pending is not an outcome", &demo, path, "application/json", `{"status":"pending"}`, 400, `"pending" cannot be paid into`},
		{"expired is not an outcome", &demo, path, "application/json", `{"status":"expired"}`, 400, `"expired" cannot be paid into`},
		{"unknown field", &demo, path, "application/json", `{"fail":true}`, 400, "fail: unknown field"},
		{"trailing data", &demo, path, "application/json", `{} {}`, 400, "trailing data"},
		{"not JSON", &demo, path, "text/plain", `failed`, 415, "want application/json"},
		{"unknown transaction", &demo, "/qris/00000000-0000-4000-8000-000000000000/pay", "", "", 404, "no transaction"},
		{"another client's transaction", &otherClient, path, "", "", 404, "no transaction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRequest("POST", tt.path, tt.body)
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			sign(r, *tt.client, tt.body)
			mustFail(t, serve(h.s, r), tt.status, tt.want)
		})
	}
	// None of that touched it.
	if got := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); got.Status != api.StatusPending {
		t.Errorf("status %s after refused payments, want pending", got.Status)
	}
}

func TestPayExpired(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	h.clock.Advance(31 * time.Minute)
	// Paying is what notices the expiry here: no GET came first.
	mustFail(t, h.call(&demo, "POST", "/qris/"+tx.ID+"/pay", ""), http.StatusConflict,
		"expired at "+tx.ExpiredDate.Format(time.RFC3339))
	if got := mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, "")); got.Status != api.StatusExpired {
		t.Errorf("status %s, want expired", got.Status)
	}
	mustFail(t, h.call(&demo, "POST", "/qris/"+tx.ID+"/pay", `{"status":"failed"}`), http.StatusConflict, "expired")
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
		{"PUT", "/qris", 405, "POST"},
		{"DELETE", "/qris/" + tx.ID, 405, "GET, HEAD"},
		{"GET", "/qris/" + tx.ID + "/pay", 405, "POST"},
		{"POST", "/qris/" + tx.ID + "/page", 405, "GET, HEAD"},
		{"POST", "/qris/" + tx.ID + "/image.png", 405, "GET, HEAD"},
		{"POST", "/qris/" + tx.ID + "/callbacks", 405, "GET, HEAD"},
		{"GET", "/", 404, ""},
		{"GET", "/qris/" + tx.ID + "/nothing", 404, ""},
		{"POST", "/payments", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			w := h.call(&demo, tt.method, tt.path, "")
			want := "no route"
			if tt.status == 405 {
				want = "method " + tt.method + " not allowed"
			}
			mustFail(t, w, tt.status, want)
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
	mustFail(t, h.call(&demo, "GET", "/qris/"+tx.ID, ""), http.StatusServiceUnavailable, "shutting down")
	mustFail(t, h.call(nil, "GET", "/qris/"+tx.ID+"/page", ""), http.StatusServiceUnavailable, "shutting down")
	if err := h.s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
