package api

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render"
)

// demoStatic is the spec digest's fake merchant (S1), CRC right.
const demoStatic = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

func rules(ps []qris.Problem) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Rule+":"+p.Tag)
	}
	return out
}

func TestVerifyContractExample(t *testing.T) {
	body, err := os.ReadFile("testdata/api-example-response.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		now  time.Time
		want []string
	}{
		// 54 = 19477 while the customer owes totalAmount 10085: the example
		// disagrees with itself, and a checker must say so.
		{"no clock", time.Time{}, []string{"A04:54"}},
		{"before expiry", time.Date(2025, 3, 23, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600)), []string{"A04:54"}},
		{"after expiry", time.Date(2025, 3, 23, 3, 24, 58, 0, time.UTC), []string{"A04:54", "A09:responseData.expiredDate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := VerifyResponse(body, VerifyOptions{Now: tt.now})
			if err != nil {
				t.Fatal(err)
			}
			if got := rules(ps); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v\n%v", got, tt.want, ps)
			}
		})
	}
	ps, _ := VerifyResponse(body, VerifyOptions{})
	if !strings.Contains(ps[0].Message, "19477") || !strings.Contains(ps[0].Message, "10085") || ps[0].Offset != 215 {
		t.Fatalf("A04 should name both sums and the offset of 54: %+v", ps[0])
	}
	// The example's request matches its response.
	reqBody, err := os.ReadFile("testdata/api-example-request.json")
	if err != nil {
		t.Fatal(err)
	}
	req, err := ParseRequest(reqBody)
	if err != nil {
		t.Fatal(err)
	}
	ps, _ = VerifyResponse(body, VerifyOptions{Request: &req})
	if got := rules(ps); !slices.Equal(got, []string{"A04:54"}) {
		t.Fatalf("with the request: %v", got)
	}
}

// goodTransaction is what a faithful gateway returns for the demo merchant.
func goodTransaction(t *testing.T) (Transaction, Request) {
	t.Helper()
	id := "66e934f6-f5d6-4f1c-bb3d-450ec2873782"
	content, err := qris.ToDynamic(demoStatic, qris.DynamicOptions{Amount: "10085", ReferenceLabel: "66e934f6f5d64f1c"})
	if err != nil {
		t.Fatal(err)
	}
	img, err := render.Base64(content, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	exp, _ := time.Parse(time.RFC3339, "2025-03-23T10:24:58+07:00")
	cb := AdditionalInfo{Callback: "http://127.0.0.1:9/notify"}
	tx := Transaction{
		ID: id, MerchantRef: "REFF012", Status: StatusPending, FeePayer: FeePayerCustomer,
		Amount: 10000, Fee: 85, TotalAmount: 10085, ExpiredDate: exp, AdditionalInfo: cb,
		QRIS: QRIS{Content: content, Image: img},
	}
	return tx, Request{Reference: "REFF012", Amount: 10000, ViewName: "Toko", AdditionalInfo: cb}
}

func TestVerifyClean(t *testing.T) {
	tx, req := goodTransaction(t)
	o := VerifyOptions{Request: &req, Merchant: demoStatic, Now: tx.ExpiredDate.Add(-time.Minute)}
	if ps := Verify(tx, o); len(ps) != 0 {
		t.Fatalf("a faithful response has problems: %v", ps)
	}
	// The same through the JSON path, whole envelope and bare responseData.
	b, err := json.Marshal(Response{ResponseCode: 200, ResponseMessage: "success", ResponseData: &tx})
	if err != nil {
		t.Fatal(err)
	}
	if ps, err := VerifyResponse(b, o); err != nil || len(ps) != 0 {
		t.Fatalf("envelope: %v %v", ps, err)
	}
	b, _ = json.Marshal(tx)
	if ps, err := VerifyResponse(b, o); err != nil || len(ps) != 0 {
		t.Fatalf("bare: %v %v", ps, err)
	}
}

func TestVerifyRules(t *testing.T) {
	otherStatic := withFreshCRC(strings.Replace(demoStatic, "5911TOKO CONTOH", "5911TOKO LAINNY", 1))
	tests := []struct {
		name   string
		mutate func(tx *Transaction, req *Request, o *VerifyOptions)
		want   []string
	}{
		{"A03 static content", func(tx *Transaction, _ *Request, _ *VerifyOptions) {
			tx.QRIS.Content, tx.QRIS.Image = demoStatic, ""
		}, []string{"A03:01", "A04:54"}},
		{"A04 merchant pays the fee", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.FeePayer = FeePayerMerchant }, []string{"A04:54"}},
		{"A05 total", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.TotalAmount = 10086 }, []string{"A04:54", "A05:totalAmount"}},
		{"A06 negative fee", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.Fee = -85; tx.TotalAmount = 9915 }, []string{"A04:54", "A06:fee"}},
		{"A06 zero amount", func(tx *Transaction, r *Request, _ *VerifyOptions) { tx.Amount = 0; r.Amount = 0 }, []string{"A06:amount"}},
		{"A07 image of another code", func(tx *Transaction, _ *Request, _ *VerifyOptions) {
			tx.QRIS.Image, _ = render.Base64(demoStatic, render.Options{})
		}, []string{"A07:qris.image"}},
		{"A07 not an image", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.QRIS.Image = "bm90IGFuIGltYWdl" }, []string{"A07:qris.image"}},
		{"A09 expired", func(tx *Transaction, _ *Request, o *VerifyOptions) { o.Now = tx.ExpiredDate }, []string{"A09:expiredDate"}},
		{"A10 id", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.ID = "66e934f6f5d64f1c" }, []string{"A10:id"}},
		{"A13 echoes", func(_ *Transaction, r *Request, _ *VerifyOptions) {
			r.Reference, r.Amount, r.AdditionalInfo.Callback = "OTHER", 9999, "https://example.test/cb"
		}, []string{"A13:additionalInfo.callback", "A13:amount", "A13:merchantRef"}},
		{"A14 reference label", func(tx *Transaction, _ *Request, _ *VerifyOptions) {
			tx.ID = "00000000-f5d6-4f1c-bb3d-450ec2873782"
		}, []string{"A14:62.05"}},
		{"A15 another merchant", func(_ *Transaction, _ *Request, o *VerifyOptions) { o.Merchant = otherStatic }, []string{"A15:qris.content"}},
		{"A15 merchant QRIS unreadable", func(_ *Transaction, _ *Request, o *VerifyOptions) { o.Merchant = "garbage" }, []string{"A15:qris.content"}},
		{"A16 settled", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.Status = StatusSuccess }, []string{"A16:status"}},
		{"A17 not Jakarta time", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.ExpiredDate = tx.ExpiredDate.UTC() }, []string{"A17:expiredDate"}},
		{"A02 broken content", func(tx *Transaction, _ *Request, _ *VerifyOptions) {
			tx.QRIS.Content = tx.QRIS.Content[:len(tx.QRIS.Content)-4] + "0000"
			tx.QRIS.Image = ""
		}, []string{"A02:qris.content", "R07:63"}},
		{"A02 empty content", func(tx *Transaction, _ *Request, _ *VerifyOptions) { tx.QRIS = QRIS{} }, []string{"A02:qris.content"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, req := goodTransaction(t)
			o := VerifyOptions{Request: &req, Merchant: demoStatic, Now: tx.ExpiredDate.Add(-time.Minute)}
			tt.mutate(&tx, &req, &o)
			got := rules(Verify(tx, o))
			want := slices.Clone(tt.want)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
}

func TestVerifyResponseFields(t *testing.T) {
	tx, _ := goodTransaction(t)
	good, _ := json.Marshal(tx)
	tests := []struct {
		name string
		edit func(m map[string]any)
		want []string
	}{
		{"A11 unknown status", func(m map[string]any) { m["status"] = "paid" }, []string{"A11:status"}},
		{"A12 unknown fee payer", func(m map[string]any) { m["feePayer"] = "both" }, []string{"A12:feePayer"}},
		{"A06 fractional amount", func(m map[string]any) { m["amount"] = 10000.5 }, []string{"A06:amount"}},
		{"A06 missing total", func(m map[string]any) { delete(m, "totalAmount") }, []string{"A06:totalAmount"}},
		{"A08 not RFC 3339", func(m map[string]any) { m["expiredDate"] = "23/03/2025 10:24" }, []string{"A08:expiredDate"}},
		{"A08 missing", func(m map[string]any) { delete(m, "expiredDate") }, []string{"A08:expiredDate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(good, &m); err != nil {
				t.Fatal(err)
			}
			tt.edit(m)
			b, _ := json.Marshal(m)
			ps, err := VerifyResponse(b, VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := rules(ps); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestVerifyEnvelope(t *testing.T) {
	for _, tc := range []struct {
		body string
		want []string
	}{
		{`{"responseCode":400,"responseMessage":"bad request"}`, []string{"A01:responseCode", "A01:responseData"}},
		{`{"responseCode":200,"responseMessage":"success","responseData":null}`, []string{"A01:responseData"}},
	} {
		ps, err := VerifyResponse([]byte(tc.body), VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := rules(ps); !slices.Equal(got, tc.want) {
			t.Fatalf("%s: got %v", tc.body, got)
		}
		if !strings.Contains(ps[len(ps)-1].Message, "gateway answered") {
			t.Fatalf("message %q", ps[len(ps)-1].Message)
		}
	}
	for bad, want := range map[string]string{
		``:                          "not a JSON response object: not valid JSON at byte 0: unexpected end of JSON input",
		`null`:                      "not a JSON response object: the input is null",
		`[1,2]`:                     "not a JSON response object: the input is an array",
		`"x"`:                       "not a JSON response object: the input is a string",
		`{"responseData":5}`:        "not a JSON response object: responseData is a number",
		`{"responseData":{"id":5}}`: `not a JSON response object: "responseData.id" is a number, want a string`,
		`{"id":5}`:                  `not a JSON response object: "id" is a number, want a string`,
		`{"qris":[]}`:               `not a JSON response object: "qris" is an array, want an object`,
	} {
		_, err := VerifyResponse([]byte(bad), VerifyOptions{})
		if !errors.Is(err, ErrNotResponse) || err.Error() != want {
			t.Errorf("%q: %v\nwant %s", bad, err, want)
		}
	}
}

func TestVerifyRulesTable(t *testing.T) {
	rs := VerifyRules()
	if len(rs) < 17 {
		t.Fatalf("%d rules", len(rs))
	}
	for i, r := range rs {
		if r.ID == "" || r.Summary == "" || (r.Severity != qris.SeverityError && r.Severity != qris.SeverityWarning) {
			t.Errorf("bad rule %+v", r)
		}
		if i > 0 && rs[i-1].ID >= r.ID {
			t.Errorf("rules out of order at %s", r.ID)
		}
	}
	rs[0].ID = "changed"
	if VerifyRules()[0].ID != "A01" {
		t.Fatal("VerifyRules must return a copy")
	}
}

func withFreshCRC(s string) string {
	body := s[:len(s)-4]
	return body + emv.CRC(body)
}

// TestVerifyEnumMessages checks that A11 and A12 name the allowed values
// from the enums' own lists, so the verifier cannot drift from them.
func TestVerifyEnumMessages(t *testing.T) {
	ps := Verify(Transaction{Status: "paid", FeePayer: "bank"}, VerifyOptions{})
	want := map[string]string{
		"A11": `status: unknown status "paid" (want success, pending, expired or failed)`,
		"A12": `feePayer: unknown fee payer "bank" (want customer or merchant)`,
	}
	for _, p := range ps {
		if w, ok := want[p.Rule]; ok {
			if p.Message != w {
				t.Errorf("%s message = %q, want %q", p.Rule, p.Message, w)
			}
			delete(want, p.Rule)
		}
	}
	for rule := range want {
		t.Errorf("no %s problem in %v", rule, rules(ps))
	}
}
