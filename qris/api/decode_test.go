package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"
)

const goodRequest = `{"reference":"REFF012","amount":10000,"expiryMinutes":30,"viewName":"Merchant Name","additionalInfo":{"callback":"http://your-site-callback.com/notify"}}`

func TestDecodeRequestAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Request
	}{
		{"compact", goodRequest, validRequest()},
		{"white space around", " \n\t" + goodRequest + "\r\n ", validRequest()},
		{"no expiry", `{"reference":"R","amount":1,"viewName":"V","additionalInfo":{"callback":"https://a.example"}}`,
			Request{Reference: "R", Amount: 1, ViewName: "V", AdditionalInfo: AdditionalInfo{Callback: "https://a.example"}}},
		{"null expiry", `{"reference":"R","amount":1,"expiryMinutes":null,"viewName":"V","additionalInfo":{"callback":"https://a.example"}}`,
			Request{Reference: "R", Amount: 1, ViewName: "V", AdditionalInfo: AdditionalInfo{Callback: "https://a.example"}}},
		{"fields in another order", `{"additionalInfo":{"callback":"https://a.example"},"viewName":"V","amount":-7,"reference":"R"}`,
			Request{Reference: "R", Amount: -7, ViewName: "V", AdditionalInfo: AdditionalInfo{Callback: "https://a.example"}}},
		{"empty object", `{}`, Request{}},
		{"escaped text", `{"reference":"A\u00e9\"B"}`, Request{Reference: "Aé\"B"}},
		{"largest int64", `{"amount":9223372036854775807}`, Request{Amount: 9223372036854775807}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeRequest(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("DecodeRequest: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeRequestRefuses(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		field  string
		target error
	}{
		{"empty body", ``, "", ErrMalformed},
		{"only space", "  \n", "", ErrMalformed},
		{"array", `[1]`, "", ErrMalformed},
		{"string", `"x"`, "", ErrMalformed},
		{"null", `null`, "", ErrMalformed},
		{"truncated", `{"reference":"R"`, "", ErrMalformed},
		{"syntax error", `{"reference" "R"}`, "", ErrMalformed},
		{"trailing comma", `{"reference":"R",}`, "", ErrMalformed},
		{"second object", goodRequest + `{}`, "", ErrTrailingData},
		{"trailing garbage", goodRequest + ` x`, "", ErrTrailingData},
		{"trailing number", goodRequest + `1`, "", ErrTrailingData},
		{"unknown field", `{"reference":"R","currency":"IDR"}`, "currency", ErrUnknownField},
		{"unknown nested field", `{"additionalInfo":{"callback":"https://a.example","secret":1}}`, "additionalInfo.secret", ErrUnknownField},
		{"differently cased field", `{"Reference":"R"}`, "Reference", ErrUnknownField},
		{"differently cased nested field", `{"additionalInfo":{"Callback":"https://a.example"}}`, "additionalInfo.Callback", ErrUnknownField},
		{"response field in a request", `{"merchantRef":"R"}`, "merchantRef", ErrUnknownField},
		{"duplicate field", `{"amount":1,"amount":100000}`, "amount", ErrDuplicateField},
		{"duplicate nested field", `{"additionalInfo":{"callback":"https://a.example","callback":"https://b.example"}}`, "additionalInfo.callback", ErrDuplicateField},
		{"fractional amount", `{"amount":10000.5}`, "amount", ErrNotWhole},
		{"amount with .0", `{"amount":10000.0}`, "amount", ErrNotWhole},
		{"amount with exponent", `{"amount":1e4}`, "amount", ErrNotWhole},
		{"amount as string", `{"amount":"10000"}`, "amount", ErrWrongType},
		{"amount as bool", `{"amount":true}`, "amount", ErrWrongType},
		{"amount as object", `{"amount":{"value":1}}`, "amount", ErrWrongType},
		{"amount as array", `{"amount":[1]}`, "amount", ErrWrongType},
		{"amount overflows int64", `{"amount":9223372036854775808}`, "amount", ErrOutOfRange},
		{"negative overflow", `{"amount":-9223372036854775809}`, "amount", ErrOutOfRange},
		{"fractional expiry", `{"expiryMinutes":30.5}`, "expiryMinutes", ErrNotWhole},
		{"expiry as string", `{"expiryMinutes":"30"}`, "expiryMinutes", ErrWrongType},
		{"reference as number", `{"reference":12}`, "reference", ErrWrongType},
		{"view name as object", `{"viewName":{}}`, "viewName", ErrWrongType},
		{"additionalInfo as string", `{"additionalInfo":"https://a.example"}`, "additionalInfo", ErrWrongType},
		{"additionalInfo as array", `{"additionalInfo":[]}`, "additionalInfo", ErrWrongType},
		{"callback as number", `{"additionalInfo":{"callback":1}}`, "additionalInfo.callback", ErrWrongType},
		{"too large", `{"reference":"` + strings.Repeat("a", MaxRequestBytes) + `"}`, "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest(strings.NewReader(tt.in))
			if !errors.Is(err, tt.target) {
				t.Fatalf("DecodeRequest = %v, want %v", err, tt.target)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("DecodeRequest = %T, want *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
		})
	}
}

func TestDecodeRequestMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"amount":10000.5}`, "amount: not a whole number: 10000.5 (write an integer, with no fraction or exponent)"},
		{`{"amount":"10000"}`, `amount: wrong JSON type: want a number, got string "10000"`},
		{`{"Amount":1}`, "Amount: unknown field"},
		{goodRequest + "{}", "body: trailing data after the JSON object"},
		{`[]`, "body: malformed JSON: want a JSON object, got an array"},
	}
	for _, tt := range tests {
		_, err := DecodeRequest(strings.NewReader(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("DecodeRequest(%s) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestDecodeRequestReadError(t *testing.T) {
	boom := errors.New("connection reset")
	_, err := DecodeRequest(iotest.ErrReader(boom))
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("DecodeRequest(failing reader) = %v", err)
	}
	// Exactly at the limit is fine; the limit is about the body, not the
	// JSON inside it.
	body := goodRequest + strings.Repeat(" ", MaxRequestBytes-len(goodRequest))
	if _, err := DecodeRequest(strings.NewReader(body)); err != nil {
		t.Errorf("a body of exactly MaxRequestBytes: %v", err)
	}
}

func TestDecodeResponseRefuses(t *testing.T) {
	example, err := os.ReadFile("testdata/api-example-response.json")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(old, new string) string {
		if !bytes.Contains(example, []byte(old)) {
			t.Fatalf("example has no %q", old)
		}
		return strings.Replace(string(example), old, new, 1)
	}
	tests := []struct {
		name   string
		in     string
		field  string
		target error
	}{
		{"unknown status", edit(`"pending"`, `"paid"`), "responseData.status", ErrUnknownStatus},
		{"status as number", edit(`"pending"`, `2`), "responseData.status", ErrWrongType},
		{"status null", edit(`"pending"`, `null`), "responseData.status", ErrUnknownStatus},
		{"unknown fee payer", edit(`"customer"`, `"buyer"`), "responseData.feePayer", ErrUnknownFeePayer},
		{"date without offset", edit(`"2025-03-23T10:24:58+07:00"`, `"2025-03-23 10:24:58"`), "responseData.expiredDate", ErrBadTime},
		{"date as number", edit(`"2025-03-23T10:24:58+07:00"`, `1742700298`), "responseData.expiredDate", ErrBadTime},
		{"fractional fee", edit(`"fee": 85`, `"fee": 85.5`), "responseData.fee", ErrNotWhole},
		{"code as string", edit(`"responseCode": 200`, `"responseCode": "200"`), "responseCode", ErrWrongType},
		{"unknown qris field", edit(`"url": ""`, `"url": "", "png": ""`), "responseData.qris.png", ErrUnknownField},
		{"duplicate id", edit(`"merchantRef"`, `"id": "x", "merchantRef"`), "responseData.id", ErrDuplicateField},
		{"trailing data", string(example) + "}", "", ErrTrailingData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeResponse(strings.NewReader(tt.in))
			if !errors.Is(err, tt.target) {
				t.Fatalf("DecodeResponse = %v, want %v", err, tt.target)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("DecodeResponse = %v, want field %q", err, tt.field)
			}
		})
	}
	if _, err := DecodeResponse(strings.NewReader(`{"responseCode":200,"responseMessage":"x","responseData":` + strings.Repeat(" ", MaxResponseBytes) + `null}`)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized response: %v", err)
	}
}

func TestDecodeErrorEnvelope(t *testing.T) {
	resp, err := DecodeResponse(strings.NewReader(`{"responseCode":401,"responseMessage":"unknown client key"}`))
	if err != nil {
		t.Fatal(err)
	}
	if resp.ResponseCode != 401 || resp.ResponseData != nil {
		t.Errorf("got %+v", resp)
	}
	out, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"responseCode":401,"responseMessage":"unknown client key"}` {
		t.Errorf("error envelope encodes as %s", out)
	}
}

// The contract's own examples, copied unchanged from the spec, decode
// strictly and encode back to the very same bytes.
func TestContractExamplesRoundTrip(t *testing.T) {
	t.Run("request", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/api-example-request.json")
		if err != nil {
			t.Fatal(err)
		}
		req, err := DecodeRequest(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := req.Validate(); err != nil {
			t.Errorf("the contract's example request is invalid: %v", err)
		}
		want := validRequest()
		if !reflect.DeepEqual(req, want) {
			t.Errorf("decoded %+v, want %+v", req, want)
		}
		assertSameJSON(t, req, raw)
	})
	t.Run("response", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/api-example-response.json")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := DecodeResponse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		d := resp.ResponseData
		if resp.ResponseCode != 200 || resp.ResponseMessage != "success" || d == nil {
			t.Fatalf("envelope: %+v", resp)
		}
		if d.ID != "66e934f6-f5d6-4f1c-bb3d-450ec2873782" || d.MerchantRef != "REFF012" ||
			d.Status != StatusPending || d.FeePayer != FeePayerCustomer ||
			d.Amount != 10000 || d.Fee != 85 || d.TotalAmount != 10085 ||
			d.AdditionalInfo.Callback != "http://your-site-callback.com/notify" ||
			d.QRIS.Image != "" || d.QRIS.URL != "" || !strings.HasSuffix(d.QRIS.Content, "630436F3") {
			t.Errorf("responseData: %+v", d)
		}
		wantTime := time.Date(2025, 3, 23, 3, 24, 58, 0, time.UTC)
		if !d.ExpiredDate.Equal(wantTime) {
			t.Errorf("expiredDate = %v, want %v", d.ExpiredDate, wantTime)
		}
		if _, off := d.ExpiredDate.Zone(); off != 7*3600 {
			t.Errorf("expiredDate offset = %d s, want +07:00", off)
		}
		assertSameJSON(t, resp, raw)
	})
}

// assertSameJSON encodes v the way the contract's files are laid out (four
// spaces) and wants the same bytes back.
func assertSameJSON(t *testing.T, v any, want []byte) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if !bytes.Equal(got, want) {
		t.Errorf("re-encoded:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnmarshalStrict(t *testing.T) {
	var pay struct {
		Status Status `json:"status"`
		Note   *string
	}
	if err := UnmarshalStrict([]byte(`{"status":"failed","Note":"x"}`), &pay); err != nil || pay.Status != StatusFailed || *pay.Note != "x" {
		t.Errorf("UnmarshalStrict = %v, %+v", err, pay)
	}
	if err := UnmarshalStrict([]byte(`{"status":"paid"}`), &pay); !errors.Is(err, ErrUnknownStatus) {
		t.Errorf("unknown status: %v", err)
	}
	var withSlice struct {
		Tags []string `json:"tags"`
	}
	if err := UnmarshalStrict([]byte(`{"tags":["a"]}`), &withSlice); !errors.Is(err, ErrWrongType) {
		t.Errorf("slice field: %v", err)
	}
	var list []struct {
		Key string `json:"key"`
	}
	if err := UnmarshalStrict([]byte(`[{"key":"a"},{"key":"b"}]`), &list); err != nil || len(list) != 2 || list[1].Key != "b" {
		t.Errorf("array of objects: %v, %+v", err, list)
	}
	for _, tt := range []struct {
		in, field string
		want      error
	}{
		{`[{"key":"a","key":"b"}]`, "[0].key", ErrDuplicateField},
		{`[{"key":"a"},{"KEY":"b"}]`, "[1].KEY", ErrUnknownField},
		{`[{"key":1}]`, "[0].key", ErrWrongType},
		{`[{"key":"a"}] []`, "", ErrTrailingData},
		{`{"key":"a"}`, "", ErrMalformed},
		{`[{"key":"a"}`, "", ErrMalformed},
	} {
		var fe *FieldError
		if err := UnmarshalStrict([]byte(tt.in), &list); !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("UnmarshalStrict(%s) = %v, want %v at %q", tt.in, err, tt.want, tt.field)
		}
	}
	for _, v := range []any{nil, pay, new(int), (*Request)(nil), new([]int), new([]*Request)} {
		if err := UnmarshalStrict([]byte(`{}`), v); !errors.Is(err, ErrWrongType) {
			t.Errorf("UnmarshalStrict(%T) = %v, want ErrWrongType", v, err)
		}
	}
}

// TestDecodeRequestWorstCaseSize builds the longest request that is still
// valid without insignificant white space: every text field at its bound,
// every character escaped as long as JSON allows (a surrogate pair for a
// character outside the BMP, \u00XX for a byte of the callback, which is
// bounded in bytes), field names escaped too. MaxRequestBytes must hold it,
// and the figure MaxRequestBytes's comment gives must stay true.
func TestDecodeRequestWorstCaseSize(t *testing.T) {
	escape := func(s string) string { // every byte of ASCII s as \u00XX
		var b strings.Builder
		for i := range len(s) {
			fmt.Fprintf(&b, `\u%04x`, s[i])
		}
		return b.String()
	}
	key := func(name string) string { return `"` + escape(name) + `":` }
	grin := `\ud83d\ude00` // U+1F600, one character in 12 bytes
	callback := "http://a.example/"
	callback += strings.Repeat("p", MaxCallbackLength-len(callback))
	body := "{" + key("reference") + `"` + strings.Repeat(grin, MaxReferenceLength) + `",` +
		key("amount") + strconv.FormatInt(MaxAmount, 10) + "," +
		key("expiryMinutes") + strconv.Itoa(MaxExpiryMinutes) + "," +
		key("viewName") + `"` + strings.Repeat(grin, MaxViewNameLength) + `",` +
		key("additionalInfo") + "{" + key("callback") + `"` + escape(callback) + `"}}`

	t.Logf("worst-case valid request: %d bytes", len(body))
	if len(body) > MaxRequestBytes {
		t.Fatalf("worst-case request is %d bytes, more than MaxRequestBytes %d", len(body), MaxRequestBytes)
	}
	if len(body) > 15_000 {
		t.Errorf("worst-case request is %d bytes; MaxRequestBytes's comment says under 15 KB", len(body))
	}
	req, err := DecodeRequest(strings.NewReader(body))
	if err != nil {
		t.Fatalf("DecodeRequest: %v", err)
	}
	if err := req.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if n := utf8.RuneCountInString(req.Reference); n != MaxReferenceLength {
		t.Errorf("reference has %d characters, want %d", n, MaxReferenceLength)
	}
	if n := utf8.RuneCountInString(req.ViewName); n != MaxViewNameLength {
		t.Errorf("viewName has %d characters, want %d", n, MaxViewNameLength)
	}
	if req.AdditionalInfo.Callback != callback || req.Amount != MaxAmount || req.ExpiryMinutes == nil || *req.ExpiryMinutes != MaxExpiryMinutes {
		t.Errorf("decoded %+v, not the values written", req)
	}
	// One more character anywhere makes it invalid: the body is at the bound.
	longer := strings.Replace(body, grin, grin+grin, 1)
	if req, err := ParseRequest([]byte(longer)); err != nil || !errors.Is(req.Validate(), ErrTooLong) {
		t.Errorf("one character over the bound: parse %v, validate %v; want ErrTooLong", err, req.Validate())
	}
}
