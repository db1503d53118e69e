package sandbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
)

// The authentication headers the contract names.
const (
	HeaderClientKey   = "X-Client-Key"
	HeaderClientToken = "X-Client-Token"
	HeaderSignature   = "X-Signature"
)

// Sign returns the sandbox's X-Signature for body: the lower-case hex
// HMAC-SHA256 of the raw body bytes, keyed with the client's secret. The
// contract names the header but not the scheme; this is the sandbox's.
// A GET signs the empty body. Callbacks are signed the same way.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// CheckSignature reports whether sig (hex, either case) is the signature of
// body under secret, in constant time; receivers of callbacks use it.
func CheckSignature(secret string, body []byte, sig string) bool {
	got, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// authenticate checks the three headers against the known clients and
// returns the caller. Messages say which header is wrong, since telling a
// developer exactly what to fix is the sandbox's job.
func (s *Server) authenticate(r *http.Request, body []byte) (Client, *apiError) {
	key := r.Header.Get(HeaderClientKey)
	if key == "" {
		return Client{}, errorf(http.StatusUnauthorized, "missing %s header", HeaderClientKey)
	}
	c, ok := s.clients[key]
	if !ok {
		return Client{}, errorf(http.StatusUnauthorized, "unknown client key %q", key)
	}
	token := r.Header.Get(HeaderClientToken)
	if token == "" {
		return Client{}, errorf(http.StatusUnauthorized, "missing %s header", HeaderClientToken)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(c.Token)) != 1 {
		return Client{}, errorf(http.StatusUnauthorized, "wrong %s for client %q", HeaderClientToken, key)
	}
	if s.cfg.DisableSignature {
		return c, nil
	}
	sig := r.Header.Get(HeaderSignature)
	if sig == "" {
		return Client{}, errorf(http.StatusUnauthorized, "missing %s header (hex HMAC-SHA256 of the raw body with the client's secret)", HeaderSignature)
	}
	if !CheckSignature(c.Secret, body, sig) {
		return Client{}, errorf(http.StatusUnauthorized, "wrong %s: want the hex HMAC-SHA256 of the raw body (%d bytes) with the client's secret", HeaderSignature, len(body))
	}
	return c, nil
}
