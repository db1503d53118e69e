package sandbox

import (
	"bytes"
	"crypto/subtle"
	"net/http"
	"net/netip"

	"github.com/qriskit/qriskit/qris/api"
)

// The authentication headers the contract names (the api package's).
const (
	HeaderClientKey   = api.HeaderClientKey
	HeaderClientToken = api.HeaderClientToken
	HeaderSignature   = api.HeaderSignature
	// HeaderSignatureOver is the sandbox's answer header saying which bytes
	// the request's X-Signature covered: "raw" (the body as received, or
	// the key alone without a body) or "json_encode" (json_encode of the
	// decoded body). When both readings give the same bytes it says raw.
	HeaderSignatureOver = "X-Sandbox-Signature-Over"
)

// client is a configured client with its IP ranges parsed.
type client struct {
	Client
	ranges []netip.Prefix
}

// authenticate checks the three headers against the known clients, then
// the caller's address, and returns the caller and which reading of the
// signature matched. Messages say which header is wrong, since telling a
// developer exactly what to fix is the sandbox's job.
func (s *Server) authenticate(r *http.Request, body []byte) (client, string, *apiError) {
	unauthorized := func(field, msg, format string, args ...any) (client, string, *apiError) {
		return client{}, "", errorf(http.StatusUnauthorized, codeUnauthorized, format, args...).withField(field, msg)
	}
	key := r.Header.Get(HeaderClientKey)
	if key == "" {
		return unauthorized(HeaderClientKey, "missing", "missing %s header", HeaderClientKey)
	}
	c, ok := s.clients[key]
	if !ok {
		return unauthorized(HeaderClientKey, "unknown", "unknown client key %q", key)
	}
	token := r.Header.Get(HeaderClientToken)
	if token == "" {
		return unauthorized(HeaderClientToken, "missing", "missing %s header", HeaderClientToken)
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(c.Token)) != 1 {
		return unauthorized(HeaderClientToken, "wrong", "wrong %s for client %q", HeaderClientToken, key)
	}
	over := ""
	if !s.cfg.DisableSignature {
		sig := r.Header.Get(HeaderSignature)
		if sig == "" {
			return unauthorized(HeaderSignature, "missing", "missing %s header (%s)", HeaderSignature, s.scheme())
		}
		if over = s.signatureOver(c.Client, body, sig); over == "" {
			return unauthorized(HeaderSignature, "wrong", "wrong %s: want %s, over the %d bytes of the body received", HeaderSignature, s.scheme(), len(body))
		}
	}
	if !allows(c.ranges, r.RemoteAddr) {
		return client{}, "", errorf(http.StatusForbidden, codeUnauthorized,
			"not permitted from %s: client %q may call only from %v", hostOf(r.RemoteAddr), key, c.IP).withField("ip", "not in the client's ranges")
	}
	return c, over, nil
}

// scheme describes the accepted signature for messages.
func (s *Server) scheme() string {
	switch s.cfg.SignatureOver {
	case SignatureOverRaw:
		return "lowercase hex HMAC-SHA512, keyed by the token, of the key followed by the body as sent"
	case SignatureOverJSONEncode:
		return "lowercase hex HMAC-SHA512, keyed by the token, of the key followed by json_encode of the body"
	}
	return "lowercase hex HMAC-SHA512, keyed by the token, of the key followed by the body (as sent, or as json_encode writes it)"
}

// signatureOver returns the reading under which sig signs body for c:
// raw, json_encode, or "" for none.
func (s *Server) signatureOver(c Client, body []byte, sig string) string {
	if s.cfg.SignatureOver != SignatureOverJSONEncode && api.CheckSignature(c.Key, c.Token, body, sig) {
		return signatureOverRaw
	}
	if s.cfg.SignatureOver == SignatureOverRaw || len(bytes.TrimSpace(body)) == 0 {
		return ""
	}
	again, err := api.ReencodePHP(body)
	if err != nil {
		return ""
	}
	if api.CheckSignature(c.Key, c.Token, again, sig) {
		return signatureOverJSONEncode
	}
	return ""
}

func hostOf(addr string) string {
	if ap, err := netip.ParseAddrPort(addr); err == nil {
		return ap.Addr().Unmap().String()
	}
	return addr
}

// The values of HeaderSignatureOver.
const (
	signatureOverRaw        = "raw"
	signatureOverJSONEncode = "json_encode"
)
