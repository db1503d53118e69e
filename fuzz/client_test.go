package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/qris/api"
)

// answer is an http.RoundTripper that answers every call with one status
// and body, so the client's reading is fuzzed without a network.
type answer struct {
	status int
	body   []byte
}

func (a answer) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: a.status, Body: io.NopCloser(bytes.NewReader(a.body)), Header: http.Header{}, Request: r}, nil
}

// FuzzClientRead: whatever the gateway answers, the client does not
// panic; a refusal is an *api.Error holding the body as sent; a 2xx is a
// result, an *api.Error (a responseCode that refuses), a
// *VerificationError or an error wrapping ErrNotResponse; every
// transaction read keeps its raw JSON.
func FuzzClientRead(f *testing.F) {
	resp, err := os.ReadFile("../testdata/api-example-response.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(resp),
		`{"responseCode":200,"responseMessage":"success","responseData":[]}`,
		`{"responseCode":200,"responseData":[{"id":"x","status":"refunded","fee":"85","qris":{"deeplink":1}}]}`,
		`{"responseCode":409,"responseMessage":"dup","errorCode":"DUPLICATE_REFERENCE","errors":[{"field":"reference","message":"used"}],"transactionId":"t"}`,
		`{"error":{"code":"PRODUCT_ACCESS_ERROR","message":"no"}}`,
		`{"responseCode":"401","code":"UNAUTHORIZED"}`,
		"upstream down", "", "null", "[1]",
	} {
		for _, st := range []int{200, 409, 422, 502} {
			f.Add(st, []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 200 || status > 599 || status == 429 || status >= 500 {
			status = 200 + (status&0xffff)%300 // retried statuses would only repeat the same answer
		}
		c := api.NewClient("k", "t", api.WithBaseURL("http://gateway.test/api"),
			api.WithHTTPClient(&http.Client{Transport: answer{status, body}}), api.WithRetry(api.RetryPolicy{Attempts: 1}),
			api.WithVerifyOptions(api.VerifyOptions{Scan: func([]byte) (string, error) { return "", errors.New("no scan") }}))
		req := api.Request{Reference: "R", Amount: 10000, ViewName: "V", AdditionalInfo: api.AdditionalInfo{Callback: "http://a.test/"}}
		check := func(what string, err error, txs ...*api.Transaction) {
			var ge *api.Error
			var ve *api.VerificationError
			switch {
			case status >= 300:
				if !errors.As(err, &ge) || ge.StatusCode != status || !bytes.Equal(ge.Body, body) {
					t.Fatalf("%s: status %d: err = %v, want an *api.Error with the body", what, status, err)
				}
			case err == nil:
				for _, tx := range txs {
					if tx.Extra == nil || !json.Valid(tx.Extra.Raw) {
						t.Fatalf("%s: a transaction without its raw JSON: %+v", what, tx)
					}
				}
			case errors.As(err, &ge), errors.Is(err, api.ErrNotResponse):
			case errors.As(err, &ve):
				if ve.Transaction == nil || len(ve.Problems) == 0 {
					t.Fatalf("%s: empty verification error %+v", what, ve)
				}
			default:
				t.Fatalf("%s: unexpected error %v", what, err)
			}
			if err != nil && !utf8.ValidString(err.Error()) && utf8.Valid(body) {
				t.Fatalf("%s: message is not UTF-8: %q", what, err)
			}
		}
		tx, err := c.CreateQRIS(context.Background(), req)
		check("create", err, tx)
		ts, err := c.Transactions(context.Background(), api.Query{})
		ptrs := make([]*api.Transaction, len(ts))
		for i := range ts {
			ptrs[i] = &ts[i]
		}
		check("list", err, ptrs...)
	})
}
