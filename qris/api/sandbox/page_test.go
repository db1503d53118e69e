package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPage(t *testing.T) {
	h := newHarness(t, nil)
	body := `{"reference":"<b>R1</b>","amount":1234567,"viewName":"Toko <script>alert(1)</script>","additionalInfo":{"callback":"http://127.0.0.1:1/"}}`
	tx := mustOK(t, h.call(&demo, "POST", "/api/qris", body))
	paid := h.create(demo, "R2", 10000)
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+paid.ID+"/pay", ""))
	failed := h.create(demo, "R3", 10000)
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+failed.ID+"/pay", `{"status":"failed"}`))
	expired := h.create(demo, "R4", 10000)

	page := func(id string) string {
		t.Helper()
		w := h.call(nil, "GET", "/qris/"+id+"/page", "") // public: no headers
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
			t.Fatalf("page: %d %v", w.Code, w.Header())
		}
		return w.Body.String()
	}
	p := page(tx.ID)
	for _, want := range []string{"Waiting for payment", "<dt>Amount to pay</dt><dd>Rp 1.234.652</dd>", `<img src="image.png"`, `http-equiv="refresh"`,
		"Toko &lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;R1&lt;/b&gt;", "23 Mar 2025 10:24 WIB", tx.ID} {
		if !strings.Contains(p, want) {
			t.Errorf("pending page lacks %q", want)
		}
	}
	if strings.Contains(p, "<script>") {
		t.Error("the view name was not escaped")
	}
	for id, want := range map[string][]string{
		paid.ID:   {"Payment successful", "<dt>Paid</dt><dd>Rp 10.085</dd>"},
		failed.ID: {"Payment failed", "<dt>Failed</dt><dd>Rp 10.085</dd>"},
	} {
		p := page(id)
		if !strings.Contains(p, want[0]) || !strings.Contains(p, want[1]) || strings.Contains(p, "<img") || strings.Contains(p, "refresh") || strings.Contains(p, "Amount to pay") {
			t.Errorf("settled page: want %q, no image, no refresh, no amount to pay:\n%s", want, p)
		}
	}
	h.clock.Advance(time.Hour)
	if p := page(expired.ID); !strings.Contains(p, "Payment expired") || !strings.Contains(p, "<dt>Expired</dt><dd>Rp 10.085</dd>") || strings.Contains(p, "<img") || strings.Contains(p, "Amount to pay") {
		t.Errorf("expired page:\n%s", p)
	}
	// The page noticed the expiry; the API agrees.
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+expired.ID, "")); got.Status != "expired" {
		t.Errorf("status %s after the page showed expired", got.Status)
	}
	mustFail(t, h.call(nil, "GET", "/qris/nope/page", ""), http.StatusNotFound, "TRANSACTION_NOT_FOUND", `no transaction "nope"`)
}

func TestImagePNG(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	w := h.call(nil, "GET", "/qris/"+tx.ID+"/image.png", "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Fatalf("image: %d %v", w.Code, w.Header())
	}
	if got, want := w.Body.String(), "PNG:"+tx.QRIS.Content; got != want {
		t.Errorf("image bytes %q, want %q (the decoded qris.image)", got, want)
	}
	if w.Header().Get("Content-Length") != strconv.Itoa(w.Body.Len()) {
		t.Errorf("Content-Length %s for %d bytes", w.Header().Get("Content-Length"), w.Body.Len())
	}
	mustFail(t, h.call(nil, "GET", "/qris/nope/image.png", ""), http.StatusNotFound, "TRANSACTION_NOT_FOUND", "no transaction")

	bad := newHarness(t, func(c *Config) { c.Image = func(string) (string, error) { return "not base64!", nil } })
	tx = bad.create(demo, "R1", 10000)
	mustFail(t, bad.call(nil, "GET", "/qris/"+tx.ID+"/image.png", ""), http.StatusInternalServerError, "INTERNAL_ERROR", "decoding the stored image")
}

func TestRupiah(t *testing.T) {
	for n, want := range map[int64]string{0: "Rp 0", 85: "Rp 85", 999: "Rp 999", 1000: "Rp 1.000", 10085: "Rp 10.085",
		1234567: "Rp 1.234.567", 9999999999999: "Rp 9.999.999.999.999"} {
		if got := rupiah(n); got != want {
			t.Errorf("rupiah(%d) = %q, want %q", n, got, want)
		}
	}
}
