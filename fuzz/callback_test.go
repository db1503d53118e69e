package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/qris/api"
)

// FuzzCallbackHandler: for any body, signed over its bytes, the handler
// answers 200 (and calls the function once, with an id and a status) or
// 400 (and does not); it answers 200 whenever encoding/json finds a
// non-empty id and status in a JSON object; a redelivery of what it
// handled is a duplicate; and a signature over other bytes is always 401.
func FuzzCallbackHandler(f *testing.F) {
	for _, s := range apiSeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{
		`{"id":"tx-1","status":"success","amount":10000,"fee":85,"totalAmount":10085,"feePayer":"customer"}`,
		`{"id":"tx-1","status":"refunded","amount":"10000","expiredDate":"soon","paidAt":1}`,
		`{"ID":"tx-1","Status":"pending"}`,
		`{"id":"tx-1","status":"success","id":7}`,
		`{"id":"","status":"success"}`,
		`{"id":"tx-1"}`,
		"{\"id\":\"\xff\",\"status\":\"success\"}",
		` {"id":"a\/b\u00e9","status":"failed"} `,
		`[{"id":"tx-1","status":"success"}]`,
		`null`,
	} {
		f.Add(s)
	}
	const key, token = "client-key", "client-token"
	post := func(h http.Handler, body, signed string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/notify", strings.NewReader(body))
		r.Header.Set(api.HeaderSignature, api.Sign(key, token, []byte(signed)))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > api.MaxCallbackBytes {
			return
		}
		var calls []api.Transaction
		h := api.NewCallbackHandler(key, token, func(_ context.Context, tx api.Transaction) error {
			calls = append(calls, tx)
			return nil
		})
		if w := post(h, body, body+"x"); w.Code != 401 || len(calls) != 0 {
			t.Fatalf("signed over other bytes: %d %q, %d calls", w.Code, w.Body, len(calls))
		}
		w := post(h, body, body)
		switch {
		case w.Code == 200 && len(calls) == 1:
			if calls[0].ID == "" || calls[0].Status == "" {
				t.Fatalf("the function got %+v", calls[0])
			}
			if again := post(h, body, body); again.Code != 200 || again.Body.String() != "duplicate\n" || len(calls) != 1 {
				t.Fatalf("redelivery: %d %q, %d calls", again.Code, again.Body, len(calls))
			}
		case w.Code == 400 && len(calls) == 0:
			var loose struct{ ID, Status string }
			if json.Unmarshal([]byte(body), &loose) == nil && loose.ID != "" && loose.Status != "" &&
				bytes.HasPrefix(bytes.TrimLeft([]byte(body), " \t\r\n"), []byte("{")) {
				t.Fatalf("refused %q, in which encoding/json finds %+v: %q", body, loose, w.Body)
			}
		default:
			t.Fatalf("%d %q with %d calls", w.Code, w.Body, len(calls))
		}
	})
}
