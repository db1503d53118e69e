package sandbox

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
)

func TestParseFeeRule(t *testing.T) {
	good := []struct {
		in    string
		want  FeeRule
		canon string
	}{
		{"none", FeeRule{}, "none"},
		{"flat:0", FeeRule{}, "none"},
		{"flat:85", FeeRule{Flat: 85}, "flat:85"},
		{"percent:0.7", FeeRule{PerMillion: 7000}, "percent:0.7"},
		{"percent:0.0001", FeeRule{PerMillion: 1}, "percent:0.0001"},
		{"percent:100", FeeRule{PerMillion: 1_000_000}, "percent:100"},
		{"percent:2.", FeeRule{PerMillion: 20000}, "percent:2"},
		{"flat:85+percent:0.5", FeeRule{Flat: 85, PerMillion: 5000}, "flat:85+percent:0.5"},
		{"percent:0.5+flat:85", FeeRule{Flat: 85, PerMillion: 5000}, "flat:85+percent:0.5"},
		{"flat:85 + percent:1.25", FeeRule{Flat: 85, PerMillion: 12500}, "flat:85+percent:1.25"},
	}
	for _, tt := range good {
		got, err := ParseFeeRule(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseFeeRule(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.canon {
			t.Errorf("%q.String() = %q, want %q", tt.in, got.String(), tt.canon)
		}
		if again, err := ParseFeeRule(got.String()); err != nil || again != got {
			t.Errorf("String() of %q does not parse back: %+v, %v", tt.in, again, err)
		}
	}
	for _, in := range []string{"", "85", "flat", "flat:", "flat:-1", "flat:+5", "flat:1.5", "flat:10000000000000",
		"percent:", "percent:.5", "percent:0.00001", "percent:100.01", "percent:-1", "percent:1e2", "percent:1,5",
		"flat:1+flat:2", "fixed:85", "none+flat:1", "flat:85+"} {
		if r, err := ParseFeeRule(in); !errors.Is(err, ErrFeeRule) {
			t.Errorf("ParseFeeRule(%q) = %+v, %v; want ErrFeeRule", in, r, err)
		}
	}
}

func TestFee(t *testing.T) {
	tests := []struct {
		rule   FeeRule
		amount int64
		want   int64
	}{
		{FeeRule{Flat: 85}, 10000, 85},
		{FeeRule{PerMillion: 7000}, 15000, 105}, // 105 exactly
		{FeeRule{PerMillion: 7000}, 15050, 105}, // 105.35 rounds down
		{FeeRule{PerMillion: 7000}, 15072, 106}, // 105.504 rounds up
		{FeeRule{PerMillion: 5000}, 100, 1},     // 0.5 rounds half up
		{FeeRule{PerMillion: 5000}, 99, 0},      // 0.495
		{FeeRule{Flat: 85, PerMillion: 5000}, 10000, 135},
		{FeeRule{PerMillion: 1_000_000}, api.MaxAmount, api.MaxAmount}, // no overflow at the extremes
		{FeeRule{PerMillion: 999_999}, api.MaxAmount, 9_999_989_999_999},
		{FeeRule{}, 10000, 0},
	}
	for _, tt := range tests {
		if got := tt.rule.Fee(tt.amount); got != tt.want {
			t.Errorf("%s.Fee(%d) = %d, want %d", tt.rule, tt.amount, got, tt.want)
		}
	}
}

func TestParseClients(t *testing.T) {
	cs, err := ParseClients(strings.NewReader(`[{"key":"a","token":"t"},{"key":"b","token":"t2","ip":["127.0.0.0/8","::1/128"]}]`))
	if err != nil || len(cs) != 2 || cs[0].IP != nil || cs[1].Key != "b" || cs[1].Token != "t2" || strings.Join(cs[1].IP, " ") != "127.0.0.0/8 ::1/128" {
		t.Fatalf("ParseClients = %+v, %v", cs, err)
	}
	for name, in := range map[string]string{
		"empty list":        `[]`,
		"not JSON":          `key=a`,
		"an object":         `{"key":"a","token":"t"}`,
		"unknown field":     `[{"key":"a","token":"t","role":"admin"}]`,
		"the old secret":    `[{"key":"a","token":"t","secret":"s"}]`,
		"trailing data":     `[{"key":"a","token":"t"}] []`,
		"no key":            `[{"token":"t"}]`,
		"no token":          `[{"key":"a"}]`,
		"null entry":        `[null]`,
		"duplicate key":     `[{"key":"a","token":"t"},{"key":"a","token":"u"}]`,
		"newline in key":    `[{"key":"a\nb","token":"t"}]`,
		"non-ASCII token":   `[{"key":"a","token":"tö"}]`,
		"ip not CIDR":       `[{"key":"a","token":"t","ip":["127.0.0.1"]}]`,
		"ip not an address": `[{"key":"a","token":"t","ip":["localhost/8"]}]`,
		"ip empty list":     `[{"key":"a","token":"t","ip":[]}]`,
		"ip not a list":     `[{"key":"a","token":"t","ip":"0.0.0.0/0"}]`,
		"too large":         `[` + strings.Repeat(" ", maxClientsFile) + `]`,
	} {
		if _, err := ParseClients(strings.NewReader(in)); !errors.Is(err, ErrClients) {
			t.Errorf("%s: ParseClients = %v, want ErrClients", name, err)
		}
	}
	_, err = ParseClients(strings.NewReader(`[{"key":"a","token":"t","ip":["10.0.0.0/8","10.1.2.3"]}]`))
	if err == nil || !strings.Contains(err.Error(), `client 1: ip "10.1.2.3" is not a CIDR range`) {
		t.Errorf("a bad range: %v", err)
	}
}

// TestParseClientsStrict checks that the clients file gets the API's
// strictness, not encoding/json's: a differently-cased name is not the
// field, and a repeated one is refused rather than letting the last win.
func TestParseClientsStrict(t *testing.T) {
	for _, tt := range []struct {
		name, in, field string
		want            error
	}{
		{"wrong case and duplicate", `[{"KEY":"a","Token":"b","token":"c","token":"d"}]`, "[0].KEY", api.ErrUnknownField},
		{"wrong case", `[{"key":"a","Token":"b"}]`, "[0].Token", api.ErrUnknownField},
		{"duplicate", `[{"key":"a","token":"b","token":"c"}]`, "[0].token", api.ErrDuplicateField},
		{"duplicate in the second", `[{"key":"a","token":"b"},{"key":"b","key":"c","token":"b"}]`, "[1].key", api.ErrDuplicateField},
		{"wrong type", `[{"key":"a","token":1}]`, "[0].token", api.ErrWrongType},
	} {
		_, err := ParseClients(strings.NewReader(tt.in))
		var fe *api.FieldError
		if !errors.Is(err, ErrClients) || !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: ParseClients = %v, want ErrClients and %v at %q", tt.name, err, tt.want, tt.field)
		}
	}
}

func TestLoadClients(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "clients.json")
	if err := os.WriteFile(path, []byte(`[{"key":"a","token":"t"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if cs, err := LoadClients(path); err != nil || len(cs) != 1 {
		t.Errorf("LoadClients = %+v, %v", cs, err)
	}
	if _, err := LoadClients(filepath.Join(dir, "missing.json")); !errors.Is(err, ErrClients) || !errors.Is(err, os.ErrNotExist) && !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[]`), 0o600)
	if _, err := LoadClients(bad); !errors.Is(err, ErrClients) || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad file: %v (want ErrClients naming the file)", err)
	}
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	base := func() Config {
		return Config{DB: filepath.Join(dir, "ok.db"), Dynamic: fakeDynamic, Image: fakeImage}
	}
	notSandbox := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", notSandbox)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (x TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	future := filepath.Join(dir, "future.db")
	db, _ = sql.Open("sqlite", future)
	if _, err := db.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name   string
		edit   func(*Config)
		target error
		want   string
	}{
		{"fee payer", func(c *Config) { c.FeePayer = "buyer" }, api.ErrUnknownFeePayer, "buyer"},
		{"negative flat fee", func(c *Config) { c.Fee = &FeeRule{Flat: -1} }, ErrFeeRule, "flat fee -1"},
		{"percentage over 100", func(c *Config) { c.Fee = &FeeRule{PerMillion: 1_000_001} }, ErrFeeRule, "percentage"},
		{"empty client list", func(c *Config) { c.Clients = []Client{} }, ErrClients, "empty"},
		{"duplicate clients", func(c *Config) { c.Clients = []Client{DemoClient(), DemoClient()} }, ErrClients, "twice"},
		{"base URL", func(c *Config) { c.BaseURL = "localhost:8080" }, nil, "base URL"},
		{"base URL with query", func(c *Config) { c.BaseURL = "http://h/?x=1" }, nil, "base URL"},
		{"merchant", func(c *Config) {
			c.Dynamic = func(string, int64, string) (string, error) { return "", errors.New("not a static QRIS") }
		}, nil, "the merchant QRIS cannot be made dynamic: not a static QRIS"},
		{"dynamic merchant", func(c *Config) {
			c.Merchant = "00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI520458125303360540510000" +
				"5802ID5911TOKO CONTOH6007JAKARTA61051011062070703A016304"
			c.Merchant = withCRC(t, c.Merchant)
		}, ErrDynamicMerchant, "`qris static` turns a dynamic one back"},
		{"signature reading", func(c *Config) { c.SignatureOver = "body" }, nil, `signature reading "body"`},
		{"client IP range", func(c *Config) { c.Clients = []Client{{Key: "k", Token: "t", IP: []string{"10.0.0.1"}}} }, ErrClients, "not a CIDR range"},
		// The conversion's error, without its package name mid-sentence.
		{"merchant that does not parse", func(c *Config) { c.Merchant, c.Dynamic = "0002010102", nil }, qris.ErrNotQRIS,
			"the merchant QRIS cannot be made dynamic: not a valid QRIS payload: tag 01 at offset 6: value runs past the end"},
		{"database path with ?", func(c *Config) { c.DB = filepath.Join(dir, "a?b.db") }, nil, "must not contain '?'"},
		{"database directory missing", func(c *Config) { c.DB = filepath.Join(dir, "no", "such", "dir.db") }, nil, "dir.db"},
		{"someone else's database", func(c *Config) { c.DB = notSandbox }, nil, "not a sandbox database"},
		{"a newer schema", func(c *Config) { c.DB = future }, nil, "schema version 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := base()
			tt.edit(&cfg)
			s, err := New(cfg)
			if err == nil {
				s.Close()
				t.Fatal("New succeeded")
			}
			if tt.target != nil && !errors.Is(err, tt.target) {
				t.Errorf("New = %v, want %v", err, tt.target)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

// withCRC replaces the last four characters of a payload ending in 6304
// with its CRC.
func withCRC(t *testing.T, p string) string {
	t.Helper()
	return p + fmt.Sprintf("%04X", crc16(p))
}

// crc16 is CRC-16/CCITT-FALSE, bit by bit, independent of emv's tables.
func crc16(s string) uint16 {
	crc := uint16(0xFFFF)
	for _, c := range []byte(s) {
		crc ^= uint16(c) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// A version-1 database (before the transactions list) is upgraded in
// place, and what it held is listed.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(schema + "PRAGMA user_version = 1;"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	h := newHarness(t, func(c *Config) { c.DB = path })
	tx := h.create(demo, "R1", 10000)
	if got := h.list(demo, "status=pending"); len(got) != 1 || got[0].ID != tx.ID {
		t.Errorf("list after the upgrade: %+v", got)
	}
	var v int
	if err := h.s.store.w.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != schemaVersion {
		t.Errorf("user_version %d, %v", v, err)
	}
}

func TestMemoryDB(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DB = MemoryDB })
	tx := h.create(demo, "R1", 10000)
	// Reads and writes share the one in-memory database.
	if got := mustOK(t, h.call(&demo, "GET", "/api/qris/"+tx.ID, "")); got.ID != tx.ID {
		t.Errorf("GET %+v", got)
	}
	mustOK(t, h.call(&demo, "POST", "/api/qris/"+tx.ID+"/pay", ""))
}

func TestBaseURL(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.BaseURL = "https://sandbox.example/gw/" })
	tx := h.create(demo, "R1", 10000)
	if want := "https://sandbox.example/gw/qris/" + tx.ID + "/page"; tx.QRIS.URL != want {
		t.Errorf("url %q, want %q", tx.QRIS.URL, want)
	}
}

func TestBanner(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Clients = nil })
	b := h.s.Banner("http://127.0.0.1:8080/")
	for _, want := range []string{"listening on http://127.0.0.1:8080\n", "demo (TOKO CONTOH, JAKARTA)", "flat:85, paid by the customer",
		"signature  hex HMAC-SHA512 keyed by the token, of the key followed by the body (either)",
		"key demo-key  token demo-token\n", "curl -s http://127.0.0.1:8080/api/qris", `printf %s "demo-key$body" | openssl dgst -sha512 -hmac demo-token`} {
		if !strings.Contains(b, want) {
			t.Errorf("banner lacks %q:\n%s", want, b)
		}
	}
	h = newHarness(t, func(c *Config) {
		c.DisableSignature = true
		c.Merchant = "custom-static"
		c.FeePayer = api.FeePayerMerchant
	})
	b = h.s.Banner("http://127.0.0.1:9")
	for _, want := range []string{"merchant   custom", "paid by the merchant", "not checked", "clients    2: demo-key, shop-2"} {
		if !strings.Contains(b, want) {
			t.Errorf("banner lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(b, otherClient.Token) || strings.Contains(b, DemoClientToken) || strings.Contains(b, "faults") {
		t.Errorf("banner shows the tokens of configured clients, or faults that are off:\n%s", b)
	}
	h = newHarness(t, func(c *Config) { c.Faults = true; c.FaultDelay = time.Second })
	if b := h.s.Banner("http://127.0.0.1:9"); !strings.Contains(b, "faults     on: magic amounts answer errors, 9001 is slow (1s), 9002 drops the answer") {
		t.Errorf("banner does not say faults are on:\n%s", b)
	}
}
