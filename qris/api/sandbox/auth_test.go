package sandbox

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/qris/api"
)

func TestAuthHeaders(t *testing.T) {
	body := requestBody("R1", 10000, "")
	sig := api.Sign(demo.Key, demo.Token, []byte(body))
	tests := []struct {
		name   string
		header func(h http.Header)
		status int
		field  string
		want   string
	}{
		{"all good", func(http.Header) {}, 200, "", ""},
		{"upper-case hex signature", func(h http.Header) { h.Set(HeaderSignature, strings.ToUpper(sig)) }, 200, "", ""},
		{"no key", func(h http.Header) { h.Del(HeaderClientKey) }, 401, HeaderClientKey, "missing X-Client-Key header"},
		{"unknown key", func(h http.Header) { h.Set(HeaderClientKey, "nobody") }, 401, HeaderClientKey, `unknown client key "nobody"`},
		{"no token", func(h http.Header) { h.Del(HeaderClientToken) }, 401, HeaderClientToken, "missing X-Client-Token header"},
		{"wrong token", func(h http.Header) { h.Set(HeaderClientToken, "demo-tokeN") }, 401, HeaderClientToken, `wrong X-Client-Token for client "demo-key"`},
		{"another client's token", func(h http.Header) { h.Set(HeaderClientToken, otherClient.Token) }, 401, HeaderClientToken, "wrong X-Client-Token"},
		{"no signature", func(h http.Header) { h.Del(HeaderSignature) }, 401, HeaderSignature, "missing X-Signature header (lowercase hex HMAC-SHA512"},
		{"signature of another body", func(h http.Header) { h.Set(HeaderSignature, api.Sign(demo.Key, demo.Token, []byte(body+" "))) }, 401, HeaderSignature, "wrong X-Signature"},
		{"signature keyed by another token", func(h http.Header) { h.Set(HeaderSignature, api.Sign(demo.Key, otherClient.Token, []byte(body))) }, 401, HeaderSignature, "wrong X-Signature"},
		{"signature without the key", func(h http.Header) { h.Set(HeaderSignature, api.Sign("", demo.Token, []byte(body))) }, 401, HeaderSignature, "wrong X-Signature"},
		{"the old HMAC-SHA256 scheme", func(h http.Header) {
			h.Set(HeaderSignature, "56ac7f56e914bef3517f466bf985dfad85b6c93d0b6eea362e961e7dd66ffda0")
		}, 401, HeaderSignature, "wrong X-Signature"},
		{"signature not hex", func(h http.Header) { h.Set(HeaderSignature, "not-hex") }, 401, HeaderSignature, "wrong X-Signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			r := newRequest("POST", "/api/qris", body)
			sign(r, demo, body)
			tt.header(r.Header)
			w := serve(h.s, r)
			if tt.status == 200 {
				mustOK(t, w)
				if got := w.Header().Get(HeaderSignatureOver); got != "raw" {
					t.Errorf("%s = %q, want raw", HeaderSignatureOver, got)
				}
				return
			}
			e := mustFail(t, w, tt.status, "UNAUTHORIZED", tt.want)
			if len(e.Errors) != 1 || e.Errors[0].Field != tt.field {
				t.Errorf("errors %+v, want the one field %s", e.Errors, tt.field)
			}
		})
	}
}

// The signature may cover the body as sent or json_encode of it, and the
// answer says which; Config.SignatureOver narrows that to one reading.
func TestSignatureReadings(t *testing.T) {
	// Pretty-printed, with a slash and non-ASCII text: json_encode of it
	// differs from its bytes.
	body := "{\n  \"reference\": \"R-é\",\n  \"amount\": 10000,\n  \"viewName\": \"Café ☕ 🍜\",\n  \"additionalInfo\": {\"callback\": \"http://127.0.0.1:1/notify\"}\n}"
	encoded := `{"reference":"R-\u00e9","amount":10000,"viewName":"Caf\u00e9 \u2615 \ud83c\udf5c","additionalInfo":{"callback":"http:\/\/127.0.0.1:1\/notify"}}`
	got, err := api.ReencodePHP([]byte(body))
	if err != nil || string(got) != encoded {
		t.Fatalf("jsonEncode = %s, %v\nwant %s", got, err, encoded)
	}
	raw := api.Sign(demo.Key, demo.Token, []byte(body))
	php := api.Sign(demo.Key, demo.Token, []byte(encoded))
	for _, tt := range []struct {
		reading SignatureOver
		sig     string
		want    string // "" for 401
	}{
		{"", raw, "raw"},
		{"", php, "json_encode"},
		{SignatureOverEither, php, "json_encode"},
		{SignatureOverRaw, raw, "raw"},
		{SignatureOverRaw, php, ""},
		{SignatureOverJSONEncode, php, "json_encode"},
		{SignatureOverJSONEncode, raw, ""},
	} {
		h := newHarness(t, func(c *Config) { c.SignatureOver = tt.reading })
		r := newRequest("POST", "/api/qris", body)
		sign(r, demo, body)
		r.Header.Set(HeaderSignature, tt.sig)
		w := serve(h.s, r)
		if tt.want == "" {
			mustFail(t, w, 401, "UNAUTHORIZED", "wrong X-Signature")
			continue
		}
		mustOK(t, w)
		if over := w.Header().Get(HeaderSignatureOver); over != tt.want {
			t.Errorf("reading %q: %s = %q, want %q", tt.reading, HeaderSignatureOver, over, tt.want)
		}
	}
	if _, err := ParseSignatureOver("both"); err == nil {
		t.Error("ParseSignatureOver accepted both")
	}
	if _, err := New(Config{DB: MemoryDB, SignatureOver: "both", Dynamic: fakeDynamic, Image: fakeImage}); err == nil {
		t.Error("New accepted SignatureOver both")
	}
}

// A GET without a body signs the key alone.
func TestSignatureOfKeyAlone(t *testing.T) {
	h := newHarness(t, nil)
	r := newRequest("GET", "/api/transactions", "")
	r.Header.Set(HeaderClientKey, demo.Key)
	r.Header.Set(HeaderClientToken, demo.Token)
	r.Header.Set(HeaderSignature, api.Sign(demo.Key, demo.Token, nil))
	if w := serve(h.s, r); w.Code != 200 || w.Header().Get(HeaderSignatureOver) != "raw" {
		t.Fatalf("GET signed over the key alone: %d %s %v", w.Code, w.Body, w.Header())
	}
	r.Header.Set(HeaderSignature, api.Sign(demo.Key, demo.Token, []byte("{}")))
	mustFail(t, serve(h.s, r), 401, "UNAUTHORIZED", "wrong X-Signature")
}

// Authentication comes before the body is looked at, so an unknown
// caller learns nothing about what a valid body would be.
func TestAuthBeforeValidation(t *testing.T) {
	h := newHarness(t, nil)
	r := newRequest("POST", "/api/qris", `{"nonsense":true}`)
	mustFail(t, serve(h.s, r), 401, "UNAUTHORIZED", "missing X-Client-Key")
}

func TestDisableSignature(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DisableSignature = true })
	body := requestBody("R1", 10000, "")
	r := newRequest("POST", "/api/qris", body)
	r.Header.Set(HeaderClientKey, demo.Key)
	r.Header.Set(HeaderClientToken, demo.Token)
	w := serve(h.s, r)
	mustOK(t, w)
	if over := w.Header().Get(HeaderSignatureOver); over != "" {
		t.Errorf("%s = %q with the check off", HeaderSignatureOver, over)
	}
	// A wrong signature is ignored too, but the token is still checked.
	r = newRequest("POST", "/api/qris", body)
	sign(r, demo, "something else")
	r.Header.Set(HeaderClientToken, "wrong")
	mustFail(t, serve(h.s, r), 401, "UNAUTHORIZED", "wrong X-Client-Token")
}

// Every API route needs the three headers, under /api and under the old
// paths; GETs sign the key alone.
func TestEveryAPIRouteNeedsHeaders(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	for _, prefix := range []string{"/api", ""} {
		for _, route := range []struct{ method, path string }{
			{"POST", "/qris"},
			{"GET", "/transactions"},
			{"GET", "/qris/" + tx.ID},
			{"POST", "/qris/" + tx.ID + "/pay"},
			{"GET", "/qris/" + tx.ID + "/callbacks"},
		} {
			path := prefix + route.path
			t.Run(route.method+" "+path, func(t *testing.T) {
				mustFail(t, serve(h.s, newRequest(route.method, path, "")), 401, "UNAUTHORIZED", "missing X-Client-Key")
				r := newRequest(route.method, path, "")
				sign(r, demo, "")
				r.Header.Set(HeaderSignature, api.Sign(demo.Key, demo.Token, []byte("x")))
				mustFail(t, serve(h.s, r), 401, "UNAUTHORIZED", "wrong X-Signature")
			})
		}
	}
	mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, ""))
	mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, ""))
}

// A client's IP ranges are checked against the connection's address: a
// call from elsewhere is 403 UNAUTHORIZED, after the credentials.
func TestIPRanges(t *testing.T) {
	body := requestBody("R1", 10000, "")
	tests := []struct {
		name   string
		ip     []string
		remote string
		ok     bool
	}{
		{"no ranges: everywhere", nil, "192.0.2.1:1234", true},
		{"in the range", []string{"192.0.2.0/24"}, "192.0.2.1:1234", true},
		{"in the second range", []string{"10.0.0.0/8", "192.0.2.1/32"}, "192.0.2.1:1234", true},
		{"outside", []string{"10.0.0.0/8"}, "192.0.2.1:1234", false},
		{"IPv6 inside", []string{"2001:db8::/32"}, "[2001:db8::1]:443", true},
		{"IPv6 outside", []string{"2001:db8::/32"}, "[2001:db9::1]:443", false},
		{"IPv4-mapped IPv6 caller", []string{"192.0.2.0/24"}, "[::ffff:192.0.2.9]:80", true},
		{"0.0.0.0/0 is everywhere, IPv6 too", []string{"0.0.0.0/0"}, "[::1]:80", true},
		{"loopback only, from loopback", []string{"127.0.0.0/8", "::1/128"}, "127.0.0.1:5555", true},
		{"an unparsable remote address", []string{"0.0.0.0/0"}, "somewhere", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Client{Key: "k", Token: "t", IP: tt.ip}
			h := newHarness(t, func(cfg *Config) { cfg.Clients = []Client{c} })
			r := newRequest("POST", "/api/qris", body)
			r.RemoteAddr = tt.remote
			sign(r, c, body)
			w := serve(h.s, r)
			if tt.ok {
				mustOK(t, w)
				return
			}
			e := mustFail(t, w, http.StatusForbidden, "UNAUTHORIZED", "not permitted from")
			if len(e.Errors) != 1 || e.Errors[0].Field != "ip" {
				t.Errorf("errors %+v", e.Errors)
			}
			// Wrong credentials from outside are still 401: the range is
			// checked only for a caller who proved who it is.
			r = newRequest("POST", "/api/qris", body)
			r.RemoteAddr = tt.remote
			sign(r, Client{Key: "k", Token: "wrong"}, body)
			mustFail(t, serve(h.s, r), 401, "UNAUTHORIZED", "wrong X-Client-Token")
		})
	}
}
