package api

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"unicode/utf8"
)

// The gateway's authentication headers, sent on every call.
const (
	HeaderClientKey   = "X-Client-Key"   // the API key: identifies the application
	HeaderClientToken = "X-Client-Token" // the secret token, also the signature's HMAC key
	HeaderSignature   = "X-Signature"    // Sign's result
)

// Sign returns the gateway's X-Signature: the lowercase hex HMAC-SHA512,
// keyed by token, of key followed by body. A request without a body (the
// transactions list) passes a nil body and so signs the key alone.
//
// The gateway documents the scheme as
// hash_hmac('sha512', $key + json_encode($body), $token); '+' there can
// only mean concatenation. Whether it hashes the bytes it received or
// json_encode of the body it decoded is not said: sending the bytes of
// [MarshalPHP] and signing those is right under both readings.
func Sign(key, token string, body []byte) string {
	return hex.EncodeToString(mac(key, token, body))
}

// CheckSignature reports, in constant time, whether sig (hex, either case)
// is [Sign]'s result for key, token and body.
func CheckSignature(key, token string, body []byte, sig string) bool {
	got, err := hex.DecodeString(sig)
	if err != nil {
		return false
	}
	return hmac.Equal(got, mac(key, token, body))
}

func mac(key, token string, body []byte) []byte {
	m := hmac.New(sha512.New, []byte(token))
	m.Write([]byte(key))
	m.Write(body)
	return m.Sum(nil)
}

// MarshalPHP encodes v as PHP's json_encode does with its default flags:
// compact, fields in their declared order, '/' written as "\/", and every
// character outside ASCII as a lowercase \uXXXX escape (a UTF-16 surrogate
// pair beyond the Basic Multilingual Plane). '<', '>', '&' and the apostrophe stay
// as they are, as PHP leaves them. A string that is not valid UTF-8 is an
// error, as json_encode fails on it, rather than being changed silently.
func MarshalPHP(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return phpEscape(out)
}

// phpEscape rewrites compact encoding/json output into json_encode's
// escapes. Outside strings JSON is ASCII without '/', so every '/' and
// every non-ASCII byte it meets is inside a string. encoding/json writes
// the escape \ufffd only for invalid UTF-8 (a real U+FFFD comes as its
// bytes), so meeting that escape means the input was not UTF-8.
func phpEscape(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b)+len(b)/8)
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\':
			if bytes.HasPrefix(b[i:], []byte(`\ufffd`)) {
				return nil, ErrBadText
			}
			out = append(out, b[i:i+2]...) // an escape encoding/json wrote
			i += 2
		case c == '/':
			out = append(out, '\\', '/')
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return nil, ErrBadText
			}
			if r > 0xFFFF {
				r -= 0x10000
				out = appendU(out, 0xD800+(r>>10))
				out = appendU(out, 0xDC00+(r&0x3FF))
			} else {
				out = appendU(out, r)
			}
			i += n
		}
	}
	return out, nil
}

func appendU(out []byte, r rune) []byte {
	const hexdigits = "0123456789abcdef"
	return append(out, '\\', 'u', hexdigits[r>>12&0xF], hexdigits[r>>8&0xF], hexdigits[r>>4&0xF], hexdigits[r&0xF])
}
