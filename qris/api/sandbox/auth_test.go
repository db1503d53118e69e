package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

func TestSign(t *testing.T) {
	// HMAC-SHA256 test vector from RFC 4231, test case 2.
	got := Sign("Jefe", []byte("what do ya want for nothing?"))
	want := "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
	if got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	body := []byte(`{"a":1}`)
	sig := Sign("s", body)
	for _, tt := range []struct {
		secret, body, sig string
		ok                bool
	}{
		{"s", `{"a":1}`, sig, true},
		{"s", `{"a":1}`, strings.ToUpper(sig), true},
		{"s", `{"a":1} `, sig, false},
		{"t", `{"a":1}`, sig, false},
		{"s", `{"a":1}`, sig[:62], false},
		{"s", `{"a":1}`, "zz" + sig[2:], false},
		{"s", `{"a":1}`, "", false},
	} {
		if got := CheckSignature(tt.secret, []byte(tt.body), tt.sig); got != tt.ok {
			t.Errorf("CheckSignature(%q, %q, %q) = %v", tt.secret, tt.body, tt.sig, got)
		}
	}
}

func TestAuthHeaders(t *testing.T) {
	body := requestBody("R1", 10000, "")
	tests := []struct {
		name   string
		header func(h http.Header)
		status int
		want   string
	}{
		{"all good", func(http.Header) {}, 200, ""},
		{"upper-case hex signature", func(h http.Header) { h.Set(HeaderSignature, strings.ToUpper(Sign(demo.Secret, []byte(body)))) }, 200, ""},
		{"no key", func(h http.Header) { h.Del(HeaderClientKey) }, 401, "missing X-Client-Key header"},
		{"unknown key", func(h http.Header) { h.Set(HeaderClientKey, "nobody") }, 401, `unknown client key "nobody"`},
		{"no token", func(h http.Header) { h.Del(HeaderClientToken) }, 401, "missing X-Client-Token header"},
		{"wrong token", func(h http.Header) { h.Set(HeaderClientToken, "demo-tokeN") }, 401, `wrong X-Client-Token for client "demo-key"`},
		{"another client's token", func(h http.Header) { h.Set(HeaderClientToken, otherClient.Token) }, 401, "wrong X-Client-Token"},
		{"no signature", func(h http.Header) { h.Del(HeaderSignature) }, 401, "missing X-Signature header"},
		{"signature of another body", func(h http.Header) { h.Set(HeaderSignature, Sign(demo.Secret, []byte(body+" "))) }, 401, "wrong X-Signature"},
		{"signature with another secret", func(h http.Header) { h.Set(HeaderSignature, Sign(otherClient.Secret, []byte(body))) }, 401, "wrong X-Signature"},
		{"signature not hex", func(h http.Header) { h.Set(HeaderSignature, "not-hex") }, 401, "wrong X-Signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			r := newRequest("POST", "/qris", body)
			r.Header.Set("Content-Type", "application/json")
			sign(r, demo, body)
			tt.header(r.Header)
			w := serve(h.s, r)
			if tt.status == 200 {
				mustOK(t, w)
				return
			}
			mustFail(t, w, tt.status, tt.want)
		})
	}
}

// Authentication comes before the body is looked at, so an unknown
// caller learns nothing about what a valid body would be.
func TestAuthBeforeValidation(t *testing.T) {
	h := newHarness(t, nil)
	r := newRequest("POST", "/qris", `{"nonsense":true}`)
	r.Header.Set("Content-Type", "application/json")
	mustFail(t, serve(h.s, r), 401, "missing X-Client-Key")
}

func TestDisableSignature(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DisableSignature = true })
	body := requestBody("R1", 10000, "")
	r := newRequest("POST", "/qris", body)
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(HeaderClientKey, demo.Key)
	r.Header.Set(HeaderClientToken, demo.Token)
	mustOK(t, serve(h.s, r))
	// A wrong signature is ignored too, but the token is still checked.
	r = newRequest("POST", "/qris", body)
	r.Header.Set("Content-Type", "application/json")
	sign(r, demo, "something else")
	r.Header.Set(HeaderClientToken, "wrong")
	mustFail(t, serve(h.s, r), 401, "wrong X-Client-Token")
}

// Every API route needs the three headers; GETs sign the empty body.
func TestEveryAPIRouteNeedsHeaders(t *testing.T) {
	h := newHarness(t, nil)
	tx := h.create(demo, "R1", 10000)
	for _, route := range []struct{ method, path string }{
		{"POST", "/qris"},
		{"GET", "/qris/" + tx.ID},
		{"POST", "/qris/" + tx.ID + "/pay"},
		{"GET", "/qris/" + tx.ID + "/callbacks"},
	} {
		t.Run(route.method+" "+route.path, func(t *testing.T) {
			mustFail(t, serve(h.s, newRequest(route.method, route.path, "")), 401, "missing X-Client-Key")
			r := newRequest(route.method, route.path, "")
			sign(r, demo, "")
			r.Header.Set(HeaderSignature, Sign(demo.Secret, []byte("x")))
			mustFail(t, serve(h.s, r), 401, "wrong X-Signature")
		})
	}
	// A GET signed over the empty body passes.
	mustOK(t, h.call(&demo, "GET", "/qris/"+tx.ID, ""))
}
