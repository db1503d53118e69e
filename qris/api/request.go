package api

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds the contract leaves open. Each is chosen so that a request inside
// it can always be turned into a valid transaction; see the constants.
const (
	// MaxReferenceLength bounds reference, in characters. The contract only
	// says references are unique; 64 holds any UUID (36), ULID (26) or
	// prefixed order number merchants use, and keeps the (client,
	// reference) uniqueness index small.
	MaxReferenceLength = 64
	// MaxViewNameLength bounds viewName, in characters. The name is only
	// shown to people, never put into the QR code, so the bound is about
	// display, not about QRIS's 25-character merchant name.
	MaxViewNameLength = 100
	// MaxCallbackLength bounds additionalInfo.callback, in bytes: the
	// common practical limit for URLs.
	MaxCallbackLength = 2048
	// MaxAmount is the largest amount in whole rupiah: 13 digits, the most
	// a QRIS transaction amount (tag 54, at most 13 characters) can carry.
	MaxAmount int64 = 9_999_999_999_999
	// MaxExpiryMinutes bounds expiryMinutes at one year. The contract sets
	// no ceiling; this one keeps expiry arithmetic far from overflow and
	// catches a timestamp or a millisecond count sent by mistake.
	MaxExpiryMinutes = 365 * 24 * 60
)

// Request is the body of POST {HOST}/qris.
//
// Amounts are whole rupiah held in an int64. In JSON they must be written as
// integers (10000): the strict decoders refuse 10000.5, 1e4 and "10000"
// with [ErrNotWhole] or [ErrWrongType], because a gateway that rounded
// would charge the payer a sum nobody asked for.
type Request struct {
	// Reference is the caller's transaction identifier, unique per client.
	Reference string `json:"reference"`
	// Amount is what the payer must pay before any fee, in whole rupiah.
	Amount int64 `json:"amount"`
	// ExpiryMinutes is the transaction's lifetime; nil means the gateway's
	// default. A pointer, so that an explicit 0 can be refused rather than
	// read as "not given".
	ExpiryMinutes *int `json:"expiryMinutes,omitempty"`
	// ViewName is the receiver's name as shown for the transaction.
	ViewName string `json:"viewName"`
	// AdditionalInfo carries the callback URL.
	AdditionalInfo AdditionalInfo `json:"additionalInfo"`
}

// AdditionalInfo is the additionalInfo object of both request and response.
type AdditionalInfo struct {
	// Callback is the URL that receives notifications about the
	// transaction: an absolute http or https URL.
	Callback string `json:"callback"`
}

// Validate checks the request against the contract and the bounds above.
// It returns nil or a [FieldErrors] holding every problem at once, each
// naming its field by JSON path and wrapping a sentinel ([ErrMissing],
// [ErrNotPositive], [ErrOutOfRange], [ErrTooLong], [ErrBadText],
// [ErrBadURL]), so one round trip tells a client everything to fix.
func (r Request) Validate() error {
	var errs FieldErrors
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, &FieldError{Field: field, Err: err})
		}
	}
	add("reference", checkText(r.Reference, MaxReferenceLength))
	add("amount", checkRange(r.Amount, MaxAmount, "want a positive whole number of rupiah", "the largest amount a QRIS code can carry"))
	if r.ExpiryMinutes != nil {
		add("expiryMinutes", checkRange(int64(*r.ExpiryMinutes), MaxExpiryMinutes, "leave it out to use the default", "one year in minutes"))
	}
	add("viewName", checkText(r.ViewName, MaxViewNameLength))
	add("additionalInfo.callback", checkCallback(r.AdditionalInfo.Callback))
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// checkText requires a non-blank, printable string of at most max
// characters. Control characters are refused because these values end up
// in logs, pages and database keys where they would be invisible or
// harmful.
func checkText(s string, max int) error {
	if strings.TrimSpace(s) == "" {
		return ErrMissing
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%w: not valid UTF-8", ErrBadText)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, n, max)
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Errorf("%w: control character %U at byte %d", ErrBadText, r, i)
	}
	return nil
}

// checkRange requires 0 < v <= max, the bounds of every number in a
// request. zero says what to send instead of a value that is not positive;
// over says why max is the ceiling.
func checkRange(v, max int64, zero, over string) error {
	if v <= 0 {
		return fmt.Errorf("%w: %d (%s)", ErrNotPositive, v, zero)
	}
	if v > max {
		return fmt.Errorf("%w: %d is more than %d, %s", ErrOutOfRange, v, max, over)
	}
	return nil
}

// checkCallback requires an absolute http or https URL with a host: the
// gateway has to reach it without any base to resolve it against.
func checkCallback(s string) error {
	if strings.TrimSpace(s) == "" {
		return ErrMissing
	}
	if len(s) > MaxCallbackLength {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrTooLong, len(s), MaxCallbackLength)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrBadURL, strings.TrimPrefix(err.Error(), "parse "))
	}
	if u.Scheme == "" {
		return fmt.Errorf("%w: relative; start it with http:// or https://", ErrBadURL)
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return fmt.Errorf("%w: scheme %q", ErrBadURL, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: no host", ErrBadURL)
	}
	return nil
}
