package sandbox

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// Defaults used when the matching [Config] field is zero.
const (
	// DefaultAddr is where `qris serve` listens: loopback only, since the
	// sandbox is a development tool.
	DefaultAddr = "127.0.0.1:8080"
	// DefaultDB is the database file, in the working directory.
	DefaultDB = "qris-sandbox.db"
	// MemoryDB keeps everything in memory, gone when the server stops.
	MemoryDB = ":memory:"
	// DefaultExpiry applies when a request has no expiryMinutes; it is the
	// contract example's 30 minutes.
	DefaultExpiry = 30 * time.Minute
	// MaxBodyBytes caps every request body the sandbox reads.
	MaxBodyBytes = api.MaxRequestBytes

	// DemoMerchant is the built-in merchant: the spec's fake static QRIS
	// (TOKO CONTOH, JAKARTA, NMID ID1020000000001), CRC correct.
	DemoMerchant = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

	// The built-in client's credentials, used when Config.Clients is nil.
	// The token is also the HMAC key of the client's signatures.
	DemoClientKey   = "demo-key"
	DemoClientToken = "demo-token"

	// DefaultPageSize is how many transactions one page of
	// GET /api/transactions holds when Config.PageSize is 0.
	DefaultPageSize = 20
	// DefaultFaultDelay is how long the slow-answer fault (amount
	// FaultSlow) waits when Config.FaultDelay is 0.
	DefaultFaultDelay = 3 * time.Second
	// Retention is how far back GET /api/transactions reaches: the
	// gateway keeps the last seven days.
	Retention = 7 * 24 * time.Hour
)

// DemoClient returns the built-in client, allowed from every address.
func DemoClient() Client {
	return Client{Key: DemoClientKey, Token: DemoClientToken}
}

// SignatureOver says which bytes an X-Signature may cover besides the
// client's key. The gateway documents HMAC-SHA512 of the key followed by
// json_encode of the body, without saying whether it re-encodes the body
// it decoded or hashes the bytes it received.
type SignatureOver string

// The readings of the signature scheme.
const (
	// SignatureOverEither accepts either reading (the default); the
	// X-Sandbox-Signature-Over response header says which matched.
	SignatureOverEither SignatureOver = "either"
	// SignatureOverRaw accepts only a signature over the bytes received.
	SignatureOverRaw SignatureOver = "raw"
	// SignatureOverJSONEncode accepts only a signature over json_encode
	// of the decoded body: compact, fields in the order sent, '/' as \/,
	// non-ASCII as \uXXXX ([api.MarshalPHP]'s output).
	SignatureOverJSONEncode SignatureOver = "json_encode"
)

// ParseSignatureOver reads the --signature-over flag: either, raw or
// json_encode.
func ParseSignatureOver(s string) (SignatureOver, error) {
	switch v := SignatureOver(s); v {
	case SignatureOverEither, SignatureOverRaw, SignatureOverJSONEncode:
		return v, nil
	}
	return "", fmt.Errorf("signature reading %q: want either, raw or json_encode", s)
}

// Config configures a [Server]. The zero value is a working sandbox: the
// demo merchant and client, a database file in the working directory, the
// default fee paid by the customer, real QRIS conversion and PNG rendering.
type Config struct {
	// DB is the SQLite database file; "" means DefaultDB and MemoryDB
	// (":memory:") keeps nothing after Close. The path must not contain
	// '?'.
	DB string
	// Merchant is the static QRIS that every transaction's dynamic code is
	// made from; "" means DemoMerchant. New refuses one it cannot convert.
	Merchant string
	// Fee is the fee rule; nil means DefaultFeeRule.
	Fee *FeeRule
	// FeePayer says who pays the fee; "" means customer, as in the
	// contract's example.
	FeePayer api.FeePayer
	// Clients are the API clients; nil means the demo client alone.
	Clients []Client
	// DisableSignature turns off the X-Signature check on API calls. The
	// key and token are still checked; callbacks are still signed.
	DisableSignature bool
	// SignatureOver says which reading of the signature scheme is
	// accepted; "" means SignatureOverEither.
	SignatureOver SignatureOver
	// Faults turns on the fault table: the magic amounts (see
	// [FaultAmounts]) that make a create answer a documented error, answer
	// slowly or drop the connection. Off by default, since an amount that
	// fails on purpose would surprise anyone not asking for it.
	Faults bool
	// FaultDelay is how long the slow-answer fault waits before
	// answering; 0 means DefaultFaultDelay.
	FaultDelay time.Duration
	// PageSize is the page size of GET /api/transactions; 0 means
	// DefaultPageSize.
	PageSize int
	// BaseURL is this server's public root (http://127.0.0.1:8080), used to
	// build qris.url; "" means the scheme and Host of each request.
	BaseURL string
	// DefaultExpiry is the lifetime of a transaction whose request has no
	// expiryMinutes; 0 means DefaultExpiry.
	DefaultExpiry time.Duration

	// Dynamic turns the static Merchant into the dynamic QRIS of one
	// transaction, carrying amount in tag 54 and referenceLabel in 62.05.
	// nil means qris.ToDynamic.
	Dynamic func(static string, amount int64, referenceLabel string) (string, error)
	// Image renders QRIS content as a base64 PNG; nil means render.Base64
	// with default options.
	Image func(content string) (string, error)
	// Now is the clock for creation and expiry; nil means time.Now.
	// Callback retries always run on the real clock.
	Now func() time.Time

	// Callback tunes delivery of notifications; zero fields take the
	// defaults documented on CallbackConfig.
	Callback CallbackConfig
	// ShutdownTimeout bounds how long Close waits for callbacks in flight
	// and Serve waits for requests in flight; 0 means 10 seconds.
	ShutdownTimeout time.Duration
	// Logger receives one line per request and per callback attempt; nil
	// discards them.
	Logger *slog.Logger
}

// CallbackConfig tunes callback delivery.
type CallbackConfig struct {
	// Attempts is how many times a callback is tried before it is given up;
	// 0 means 6.
	Attempts int
	// Backoff is the wait after the first failed attempt, doubled after
	// each further one; 0 means 1 second.
	Backoff time.Duration
	// MaxBackoff caps the wait between attempts; 0 means 30 seconds.
	MaxBackoff time.Duration
	// Timeout bounds one attempt, connection to response; 0 means 10
	// seconds.
	Timeout time.Duration
	// Workers is how many callbacks may be in flight at once; 0 means 4.
	Workers int
	// Client sends the callbacks; nil means a client that does not follow
	// redirects (a 3xx counts as a failed attempt). Its own Timeout, if
	// any, applies on top of Timeout.
	Client *http.Client
}

func (c CallbackConfig) withDefaults() CallbackConfig {
	if c.Attempts <= 0 {
		c.Attempts = 6
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 30 * time.Second
	}
	if c.MaxBackoff < c.Backoff {
		c.MaxBackoff = c.Backoff
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.Client == nil {
		c.Client = &http.Client{
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return c
}

// delay is the wait after the attempt-th failure (1-based): Backoff,
// 2×Backoff, 4×Backoff, … capped at MaxBackoff.
func (c CallbackConfig) delay(attempt int) time.Duration {
	d := c.Backoff
	for i := 1; i < attempt && d < c.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, c.MaxBackoff)
}
