package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// list calls GET /api/transactions?query as c and returns responseData.
func (h *harness) list(c Client, query string) []api.Transaction {
	h.t.Helper()
	w := h.call(&c, "GET", "/api/transactions?"+query, "")
	if w.Code != 200 {
		h.t.Fatalf("list %q: %d %s", query, w.Code, w.Body)
	}
	var env struct {
		ResponseCode    int               `json:"responseCode"`
		ResponseMessage string            `json:"responseMessage"`
		ResponseData    []json.RawMessage `json:"responseData"`
	}
	dec := json.NewDecoder(bytes.NewReader(w.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		h.t.Fatalf("list %q: %v in %s", query, err, w.Body)
	}
	if env.ResponseCode != 200 || env.ResponseMessage != "success" || env.ResponseData == nil {
		h.t.Fatalf("list %q: envelope %s", query, w.Body)
	}
	out := []api.Transaction{}
	for _, raw := range env.ResponseData {
		var tx api.Transaction
		// The create response's shape, strictly.
		if err := api.UnmarshalStrict(raw, &tx); err != nil {
			h.t.Fatalf("list %q: entry %s: %v", query, raw, err)
		}
		out = append(out, tx)
	}
	return out
}

func refs(ts []api.Transaction) string {
	var rs []string
	for _, t := range ts {
		rs = append(rs, t.MerchantRef)
	}
	return strings.Join(rs, ",")
}

func TestListDefaultsAndFilters(t *testing.T) {
	h := newHarness(t, nil)
	var made []*api.Transaction
	for i := range 4 {
		made = append(made, h.create(demo, fmt.Sprintf("R%d", i), int64(1000+i)))
		h.clock.Advance(time.Second)
	}
	h.create(otherClient, "OTHER", 1000)
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+made[2].ID+"/pay", ""))
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+made[0].ID+"/pay", ""))
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+made[3].ID+"/pay", `{"status":"failed"}`))

	// Defaults: page 1, status success, today in Jakarta, oldest first.
	got := h.list(demo, "")
	if refs(got) != "R0,R2" {
		t.Fatalf("default list %q, want R0,R2", refs(got))
	}
	// The entries are the transactions as GET shows them, image included.
	one := mustOK(t, h.call(&demo, "GET", "/api/qris/"+made[0].ID, ""))
	if got[0].QRIS.Image == "" || got[0].ID != one.ID || got[0].Status != api.StatusSuccess || !got[0].ExpiredDate.Equal(one.ExpiredDate) {
		t.Errorf("entry %+v, GET %+v", got[0], one)
	}
	today := h.clock.Now().In(jakarta).Format("2006-01-02")
	for query, want := range map[string]string{
		"page=1&status=success&date=" + today + "&type=cashIn": "R0,R2",
		"type=receive":             "R0,R2",
		"status=pending":           "R1",
		"status=pending&type=send": "",
		"type=cashOut":             "",
		"date=2025-03-22":          "",
		"date=2025-03-24":          "",
		"page=2":                   "",
	} {
		if got := refs(h.list(demo, query)); got != want {
			t.Errorf("list %q = %q, want %q", query, got, want)
		}
	}
	if got := refs(h.list(otherClient, "status=pending")); got != "OTHER" {
		t.Errorf("the other client lists %q", got)
	}
	// The old path is an alias.
	if w := h.call(&demo, "GET", "/transactions", ""); w.Code != 200 || !strings.Contains(w.Body.String(), made[2].ID) {
		t.Errorf("GET /transactions: %d %s", w.Code, w.Body)
	}
	// A pending transaction past its expiredDate is expired, not pending.
	h.clock.Advance(time.Hour)
	if got := refs(h.list(demo, "status=pending")); got != "" {
		t.Errorf("pending after expiry: %q", got)
	}
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+made[1].ID, "")); got.Status != api.StatusExpired {
		t.Errorf("status %s after the list saw it expire", got.Status)
	}
}

func TestListPages(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.PageSize = 2 })
	for i := range 5 {
		tx := h.create(demo, fmt.Sprintf("P%d", i), 1000)
		mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""))
	}
	for page, want := range []string{"P0,P1", "P2,P3", "P4", "", ""} {
		if got := refs(h.list(demo, fmt.Sprintf("page=%d", page+1))); got != want {
			t.Errorf("page %d = %q, want %q", page+1, got, want)
		}
	}
	// The default page size is the documented one.
	d := newHarness(t, nil)
	for i := range DefaultPageSize + 1 {
		tx := d.create(demo, fmt.Sprintf("D%02d", i), 1000)
		mustOK(t, d.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""))
	}
	if n1, n2 := len(d.list(demo, "")), len(d.list(demo, "page=2")); n1 != DefaultPageSize || n2 != 1 {
		t.Errorf("pages of %d and %d, want %d and 1", n1, n2, DefaultPageSize)
	}
}

// Records older than seven days are not returned, even when their date
// is asked for.
func TestListSevenDays(t *testing.T) {
	h := newHarness(t, nil)
	created := h.clock.Now() // 2025-03-23 09:54:58.25 WIB
	tx := h.create(demo, "OLD", 1000)
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""))
	day := created.In(jakarta).Format("2006-01-02")

	h.clock.Advance(Retention - time.Millisecond)
	if got := refs(h.list(demo, "date="+day)); got != "OLD" {
		t.Errorf("just under seven days old: %q, want OLD", got)
	}
	if got := refs(h.list(demo, "")); got != "" {
		t.Errorf("today's list holds a week-old record: %q", got)
	}
	h.clock.Advance(2 * time.Millisecond)
	if got := refs(h.list(demo, "date="+day)); got != "" {
		t.Errorf("over seven days old: %q, want nothing", got)
	}
	h.clock.Advance(30 * 24 * time.Hour)
	if got := refs(h.list(demo, "date="+day)); got != "" {
		t.Errorf("a month on: %q", got)
	}
}

// A date is a day in Jakarta: 23:30 UTC is already the next day there.
func TestListDayIsJakarta(t *testing.T) {
	h := newHarness(t, nil)
	h.clock.Advance(-h.clock.Now().Sub(time.Date(2025, 3, 22, 17, 30, 0, 0, time.UTC))) // 00:30 WIB on the 23rd
	tx := h.create(demo, "MIDNIGHT", 1000)
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""))
	if got := refs(h.list(demo, "date=2025-03-23")); got != "MIDNIGHT" {
		t.Errorf("date=2025-03-23: %q", got)
	}
	if got := refs(h.list(demo, "date=2025-03-22")); got != "" {
		t.Errorf("date=2025-03-22: %q", got)
	}
	if got := refs(h.list(demo, "")); got != "MIDNIGHT" {
		t.Errorf("today (the 23rd in Jakarta): %q", got)
	}
}

func TestListRefuses(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		query  string
		want   string
		fields string
	}{
		{"page=0", `page: "0": want a whole number from 1 to 1000000`, "page"},
		{"page=x", `page: "x": want a whole number`, "page"},
		{"page=%2B1", `page: "+1"`, "page"},
		{"page=1000001", `page: "1000001"`, "page"},
		{"status=failed", `status: "failed": want pending or success`, "status"},
		{"status=expired", `status: "expired": want pending or success`, "status"},
		// The documentation's own example date does not exist.
		{"date=2025-02-29", `date: "2025-02-29": want a date written Y-m-d, such as 2025-03-23`, "date"},
		{"date=23-03-2025", `date: "23-03-2025"`, "date"},
		{"type=qris", `type: "qris": want cashIn, receive, cashOut or send`, "type"},
		{"limit=5", "limit: unknown parameter (the list takes page, status, date and type)", "limit"},
		{"page=1&page=2", "page: given 2 times", "page"},
		{"page=0&status=failed&date=x&type=y", "page: ", "page,status,date,type"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			e := mustFail(t, h.call(&demo, "GET", "/api/transactions?"+tt.query, ""), 422, "REQUEST_INVALID", tt.want)
			var fields []string
			for _, f := range e.Errors {
				fields = append(fields, f.Field)
			}
			if strings.Join(fields, ",") != tt.fields {
				t.Errorf("fields %q, want %q", fields, tt.fields)
			}
		})
	}
}
