package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
)

// Server is a running sandbox: its database, its callback queue and its
// HTTP handler. Serve it with [Server.Serve] (or mount [Server.Handler]
// yourself) and stop it with [Server.Close].
type Server struct {
	cfg      Config
	fee      FeeRule
	clients  map[string]client
	now      func() time.Time
	dynamic  func(string, int64, string) (string, error)
	image    func(string) (string, error)
	log      *slog.Logger
	store    *store
	callback *deliverer
	handler  http.Handler
	closing  atomic.Bool
	closeErr error
	once     sync.Once
}

// The Jakarta offset of every expiredDate. Indonesia has no daylight
// saving, so a fixed zone is exact and needs no time zone database.
var jakarta = time.FixedZone("WIB", 7*60*60)

// New opens (or creates) the database, checks the configuration and starts
// the callback queue, resuming callbacks a previous run left undelivered.
func New(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg}
	if s.cfg.DB == "" {
		s.cfg.DB = DefaultDB
	}
	if s.cfg.Merchant == "" {
		s.cfg.Merchant = DemoMerchant
	}
	if cfg.Fee != nil {
		s.fee = *cfg.Fee
	} else {
		rule, err := ParseFeeRule(DefaultFeeRule)
		if err != nil {
			return nil, err
		}
		s.fee = rule
	}
	if s.fee.Flat < 0 || s.fee.Flat > api.MaxAmount || s.fee.PerMillion < 0 || s.fee.PerMillion > maxPerMillion {
		return nil, fmt.Errorf("%w: flat fee %d, percentage %d per million", ErrFeeRule, s.fee.Flat, s.fee.PerMillion)
	}
	if s.cfg.FeePayer == "" {
		s.cfg.FeePayer = api.FeePayerCustomer
	}
	if _, err := api.ParseFeePayer(string(s.cfg.FeePayer)); err != nil {
		return nil, err
	}
	clients := cfg.Clients
	if clients == nil {
		clients = []Client{DemoClient()}
	}
	if err := checkClients(clients); err != nil {
		return nil, err
	}
	s.clients = make(map[string]client, len(clients))
	for _, c := range clients {
		ranges, _ := parseRanges(c) // checkClients has parsed them once
		s.clients[c.Key] = client{Client: c, ranges: ranges}
	}
	if s.cfg.SignatureOver == "" {
		s.cfg.SignatureOver = SignatureOverEither
	}
	if _, err := ParseSignatureOver(string(s.cfg.SignatureOver)); err != nil {
		return nil, err
	}
	if s.cfg.PageSize <= 0 {
		s.cfg.PageSize = DefaultPageSize
	}
	if s.cfg.FaultDelay <= 0 {
		s.cfg.FaultDelay = DefaultFaultDelay
	}
	if s.cfg.BaseURL != "" {
		u, err := url.Parse(s.cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("base URL %q: want http(s)://host[:port][/path]", s.cfg.BaseURL)
		}
		s.cfg.BaseURL = strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	if s.cfg.DefaultExpiry <= 0 {
		s.cfg.DefaultExpiry = DefaultExpiry
	}
	if s.cfg.ShutdownTimeout <= 0 {
		s.cfg.ShutdownTimeout = 10 * time.Second
	}
	s.cfg.Callback = s.cfg.Callback.withDefaults()
	s.now, s.dynamic, s.image, s.log = cfg.Now, cfg.Dynamic, cfg.Image, cfg.Logger
	if s.now == nil {
		s.now = time.Now
	}
	if s.dynamic == nil {
		s.dynamic = realDynamic
	}
	if s.image == nil {
		s.image = realImage
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	// A dynamic merchant code carries an amount and a reference of its
	// own: refuse it rather than guess which parts are the merchant's.
	if p, err := qris.Decode(s.cfg.Merchant); err == nil && p.IsDynamic() {
		return nil, fmt.Errorf("%w (point of initiation 12, amount %q): give the merchant's static QRIS; `qris static` turns a dynamic one back", ErrDynamicMerchant, p.Amount)
	}
	// Fail at start, not on the first payment, if the merchant cannot be
	// made dynamic.
	if _, err := s.dynamic(s.cfg.Merchant, 10000, "0000000000000000"); err != nil {
		return nil, &merchantError{err}
	}
	st, err := openStore(s.cfg.DB)
	if err != nil {
		return nil, err
	}
	s.store = st
	s.callback = newDeliverer(st, s.cfg.Callback, s.tokenOf, func(msg string, args ...any) { s.log.Info(msg, args...) })
	s.handler = s.routes()
	return s, nil
}

// tokenOf returns the token that signs key's callbacks.
func (s *Server) tokenOf(key string) (string, bool) {
	c, ok := s.clients[key]
	return c.Token, ok
}

// Handler returns the sandbox's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers HTTP on ln until ctx is cancelled, then stops accepting
// connections and waits up to Config.ShutdownTimeout for requests in
// flight. The http.Server it runs has read, write and idle timeouts, so a
// slow or stalled client cannot hold a connection open. It does not Close
// the Server.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.httpServer()
	// http.Server.Shutdown waits 5 seconds for a connection that was
	// opened but has not sent a byte (browsers and pooled clients open
	// them ahead of need), so remember those and close them ourselves:
	// closing one loses nothing, since no request has started on it.
	var mu sync.Mutex
	unused := make(map[net.Conn]bool)
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		if st == http.StateNew {
			unused[c] = true
		} else {
			delete(unused, c)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- hs.Shutdown(sctx) }()
	mu.Lock()
	for c := range unused {
		c.Close()
	}
	mu.Unlock()
	err := <-shut
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// httpServer is the http.Server Serve runs, apart from its connection
// tracking; the timeouts are the ones the README states.
func (s *Server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Close stops the callback queue, waiting up to Config.ShutdownTimeout for
// deliveries in flight (the rest stay queued for the next start), and
// closes the database. API calls after Close are answered 503. Close is
// safe to call more than once.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.closing.Store(true)
		s.callback.stop(s.cfg.ShutdownTimeout)
		s.closeErr = s.store.close()
	})
	return s.closeErr
}

// Banner is what `qris serve` prints at start: where the sandbox listens,
// its merchant, fee and database, the clients (with the demo client's
// credentials in full, since they are public anyway), and a first call to
// try. baseURL is where the server listens, such as http://127.0.0.1:8080.
func (s *Server) Banner(baseURL string) string {
	baseURL = strings.TrimSuffix(baseURL, "/")
	var b strings.Builder
	fmt.Fprintf(&b, "qris sandbox listening on %s\n", baseURL)
	fmt.Fprintf(&b, "  database   %s\n", s.cfg.DB)
	merchant := "custom"
	if s.cfg.Merchant == DemoMerchant {
		merchant = "demo (TOKO CONTOH, JAKARTA)"
	}
	fmt.Fprintf(&b, "  merchant   %s\n", merchant)
	fmt.Fprintf(&b, "  fee        %s, paid by the %s\n", s.fee, s.cfg.FeePayer)
	sig := "hex HMAC-SHA512 keyed by the token, of the key followed by the body (" + string(s.cfg.SignatureOver) + ")"
	if s.cfg.DisableSignature {
		sig = "not checked (switched off)"
	}
	fmt.Fprintf(&b, "  signature  %s\n", sig)
	if s.cfg.Faults {
		fmt.Fprintf(&b, "  faults     on: magic amounts answer errors, %d is slow (%v), %d drops the answer (see the sandbox README)\n",
			FaultSlow, s.cfg.FaultDelay, FaultDrop)
	}
	demo, isDemo := s.clients[DemoClientKey]
	if isDemo && demo.Token == DemoClientToken && demo.IP == nil && len(s.clients) == 1 {
		fmt.Fprintf(&b, "  client     key %s  token %s\n", demo.Key, demo.Token)
		body := `{"reference":"INV-1","amount":10000,"viewName":"Toko Contoh","additionalInfo":{"callback":"http://127.0.0.1:9999/notify"}}`
		fmt.Fprintf(&b, "\ntry:\n  body='%s'\n", body)
		fmt.Fprintf(&b, "  curl -s %s/api/qris \\\n", baseURL)
		fmt.Fprintf(&b, "    -H '%s: %s' -H '%s: %s' \\\n", HeaderClientKey, demo.Key, HeaderClientToken, demo.Token)
		fmt.Fprintf(&b, "    -H \"%s: $(printf %%s \"%s$body\" | openssl dgst -sha512 -hmac %s -r | cut -d' ' -f1)\" \\\n", HeaderSignature, demo.Key, demo.Token)
		fmt.Fprintf(&b, "    -d \"$body\"\n")
	} else {
		keys := make([]string, 0, len(s.clients))
		for k := range s.clients {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		fmt.Fprintf(&b, "  clients    %d: %s\n", len(keys), strings.Join(keys, ", "))
	}
	return b.String()
}
