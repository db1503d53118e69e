package sandbox

import (
	"bytes"
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"

	"github.com/qriskit/qriskit/qris/api"
)

// The payer's page and the QR image are the only public routes: the payer
// has the URL from the QR flow but no API credentials. A transaction id is
// a random UUID, so the URL itself is the capability.

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{{if .Pending}}<meta http-equiv="refresh" content="5">{{end}}
<title>{{.Title}} · {{.ViewName}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222;text-align:center}
.status{font-size:1.6rem;font-weight:600;padding:.6rem;border-radius:.5rem;margin:1rem 0}
.pending{background:#fff6d6}.success{background:#dcf5e3}.failed{background:#fde0e0}.expired{background:#e8e8e8}
img{width:16rem;height:16rem;image-rendering:pixelated}
dl{display:grid;grid-template-columns:auto auto;gap:.3rem 1rem;text-align:left;justify-content:center}
dt{color:#666}.note{color:#777;font-size:.85rem;margin-top:2rem}
</style>
</head>
<body>
<h1>{{.ViewName}}</h1>
<div class="status {{.Status}}">{{.Title}}</div>
{{if .Pending}}<img src="image.png" alt="QRIS code for this payment">{{end}}
<dl>
<dt>{{.AmountLabel}}</dt><dd>{{.Payable}}</dd>
<dt>Reference</dt><dd>{{.Reference}}</dd>
{{if .Pending}}<dt>Expires</dt><dd>{{.Expires}}</dd>{{end}}
<dt>Transaction</dt><dd><code>{{.ID}}</code></dd>
</dl>
<p class="note">qriskit sandbox: no money moves. {{if .Pending}}Simulate the payment with
POST /api/qris/{{.ID}}/pay; this page refreshes itself.{{end}}</p>
</body>
</html>
`))

type pageData struct {
	ID, ViewName, Reference string
	Status                  api.Status
	Title, Payable, Expires string
	AmountLabel             string
	Pending                 bool
}

// amountLabels name the amount by what happened to it: a settled page
// must not still ask the payer to pay.
var amountLabels = map[api.Status]string{
	api.StatusPending: "Amount to pay",
	api.StatusSuccess: "Paid",
	api.StatusFailed:  "Failed",
	api.StatusExpired: "Expired",
}

var pageTitles = map[api.Status]string{
	api.StatusPending: "Waiting for payment",
	api.StatusSuccess: "Payment successful",
	api.StatusFailed:  "Payment failed",
	api.StatusExpired: "Payment expired",
}

// publicTxn loads a transaction for a public route, answering 404 or 500
// itself when it cannot.
func (s *Server) publicTxn(w http.ResponseWriter, r *http.Request) (txn, bool) {
	t, e := s.lookup(r, "")
	if e != nil {
		writeError(w, e)
		return txn{}, false
	}
	return t, true
}

// page is GET /qris/{id}/page, where qris.url sends the payer.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	t, ok := s.publicTxn(w, r)
	if !ok {
		return
	}
	d := pageData{
		ID: t.ID, ViewName: t.ViewName, Reference: t.Reference, Status: t.Status,
		Title: pageTitles[t.Status], AmountLabel: amountLabels[t.Status], Payable: rupiah(t.FeePayer.Payable(t.Amount, t.Fee)),
		Expires: t.ExpiresAt.In(jakarta).Format("2 Jan 2006 15:04 WIB"), Pending: t.Status == api.StatusPending,
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, d); err != nil {
		writeError(w, s.internal(r, "rendering the page", err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
	w.Write(buf.Bytes())
}

// imagePNG is GET /qris/{id}/image.png: qris.image, decoded.
func (s *Server) imagePNG(w http.ResponseWriter, r *http.Request) {
	t, ok := s.publicTxn(w, r)
	if !ok {
		return
	}
	png, err := base64.StdEncoding.DecodeString(t.Image)
	if err != nil {
		writeError(w, s.internal(r, "decoding the stored image", err))
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Content-Length", strconv.Itoa(len(png)))
	// The code of a transaction never changes.
	w.Header().Set("Cache-Control", "public, max-age=86400, immutable")
	w.Write(png)
}

// rupiah formats n the Indonesian way: Rp 10.085.
func rupiah(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, c)
	}
	return "Rp " + string(b)
}
