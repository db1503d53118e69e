package fuzz

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

// imagePrefix marks fakeImage's output. The image is not what FuzzCreate
// fuzzes (a body cannot change it), and rendering and scanning a real PNG
// per request would cost most of the run.
const imagePrefix = "QR:"

func fakeImage(content string) (string, error) {
	return base64.StdEncoding.EncodeToString([]byte(imagePrefix + content)), nil
}

// fakeScan is fakeImage's inverse, for api.VerifyOptions.Scan.
func fakeScan(b []byte) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(string(b))
	if err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(string(raw), imagePrefix)
	if !ok {
		return "", fmt.Errorf("not a fake image: %q", raw)
	}
	return s, nil
}

// sandboxCall sends a request signed by the demo client to h.
func sandboxCall(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	c := sandbox.DemoClient()
	r.Header.Set(api.HeaderClientKey, c.Key)
	r.Header.Set(api.HeaderClientToken, c.Token)
	r.Header.Set(api.HeaderSignature, api.Sign(c.Key, c.Token, []byte(body)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// FuzzCreate: whatever body the demo client signs, POST /api/qris answers
// with the status the api package's own decoder and validator predict (413
// over MaxBodyBytes, 422 for a body that is not UTF-8 or that ParseRequest
// or Validate refuses or an amount that the fee pushes over 13 digits, 409
// for a reference this run already used, 200 otherwise), never a 5xx,
// always in the contract's envelope (the error envelope, with an error
// code and a fields list, for a failure) with responseCode equal to the
// status. A 200 carries a transaction that
// api.VerifyResponse finds no error in, checked against the request and the
// demo merchant (a real dynamic QRIS from qris.ToDynamic), and GET /api/qris/{id}
// returns the same transaction.
func FuzzCreate(f *testing.F) {
	for _, s := range apiSeeds(f) {
		f.Add(s)
	}
	f.Add(`{"reference":"R1","amount":9999999999914,"viewName":"V","additionalInfo":{"callback":"http://127.0.0.1:1/n"}}`)
	f.Add(`{"reference":"R2","amount":1,"expiryMinutes":525600,"viewName":"Café ☕","additionalInfo":{"callback":"http://[::1]:80/x"}}`)
	f.Add(`{"reference":"R","amount":1e400}`)
	fee, err := sandbox.ParseFeeRule(sandbox.DefaultFeeRule)
	if err != nil {
		f.Fatal(err)
	}
	s, err := sandbox.New(sandbox.Config{DB: sandbox.MemoryDB, Image: fakeImage})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	h := s.Handler()
	// The references this process has created, to predict 409.
	used := map[string]bool{}
	f.Fuzz(func(t *testing.T, body string) {
		want := http.StatusOK
		req, err := api.ParseRequest([]byte(body))
		switch {
		case len(body) > sandbox.MaxBodyBytes:
			want = http.StatusRequestEntityTooLarge
		case err != nil, !utf8.ValidString(body), req.Validate() != nil, req.Amount+fee.Fee(req.Amount) > api.MaxAmount:
			want = http.StatusUnprocessableEntity
		case used[req.Reference]:
			want = http.StatusConflict
		}
		w := sandboxCall(h, http.MethodPost, "/api/qris", body)
		if w.Code != want {
			t.Fatalf("status %d, want %d, for %q: %s", w.Code, want, body, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("Content-Type %q", ct)
		}
		raw := bytes.Clone(w.Body.Bytes())
		if w.Code != http.StatusOK {
			var e struct {
				ResponseCode    int    `json:"responseCode"`
				ResponseMessage string `json:"responseMessage"`
				ErrorCode       string `json:"errorCode"`
				Errors          []struct {
					Field   string `json:"field"`
					Message string `json:"message"`
				} `json:"errors"`
				TransactionID string `json:"transactionId"`
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil || e.ResponseCode != w.Code || e.ResponseMessage == "" || e.ErrorCode == "" || len(e.Errors) == 0 ||
				(w.Code == http.StatusConflict) != (e.TransactionID != "") {
				t.Fatalf("error envelope for %q: %s: %v", body, raw, err)
			}
			return
		}
		resp, err := api.DecodeResponse(w.Body)
		if err != nil || resp.ResponseCode != w.Code || resp.ResponseMessage == "" || resp.ResponseData == nil {
			t.Fatalf("envelope for %q: %s: %v", body, raw, err)
		}
		used[req.Reference] = true
		ps, err := api.VerifyResponse(raw, api.VerifyOptions{
			Request: &req, Merchant: sandbox.DemoMerchant, Now: time.Now(), Scan: fakeScan,
		})
		if err != nil || !qris.Valid(ps) {
			t.Fatalf("the answer to %q does not verify: %v %v", body, err, ps)
		}
		tx := *resp.ResponseData
		if tx.Status != api.StatusPending || tx.FeePayer != api.FeePayerCustomer || tx.Fee != fee.Fee(req.Amount) {
			t.Fatalf("new transaction %+v", tx)
		}
		g := sandboxCall(h, http.MethodGet, "/api/qris/"+tx.ID, "")
		got, err := api.DecodeResponse(g.Body)
		if g.Code != http.StatusOK || err != nil || got.ResponseData == nil {
			t.Fatalf("GET %s: %d %v", tx.ID, g.Code, err)
		}
		back := *got.ResponseData
		if !back.ExpiredDate.Equal(tx.ExpiredDate) {
			t.Fatalf("expiredDate %v, created with %v", back.ExpiredDate, tx.ExpiredDate)
		}
		back.ExpiredDate, tx.ExpiredDate = time.Time{}, time.Time{}
		if back != tx {
			t.Fatalf("GET gives %+v, POST gave %+v", back, tx)
		}
	})
}
