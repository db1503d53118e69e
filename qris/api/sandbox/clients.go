package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"
	"unicode"

	"github.com/qriskit/qriskit/qris/api"
)

// Client is one API client: the X-Client-Key it sends, the X-Client-Token
// that goes with it (also the HMAC key of its X-Signature and of its
// callbacks' signatures, as the gateway documents), and the IP ranges it
// may call from.
type Client struct {
	Key   string `json:"key"`
	Token string `json:"token"`
	// IP lists the CIDR ranges ("203.0.113.0/24", "::1/128") calls may
	// come from, as a gateway project's "ip" list does; nil means every
	// address. A call from elsewhere is answered 403 UNAUTHORIZED.
	IP []string `json:"ip,omitempty"`
}

// allows reports whether a call from addr (the connection's remote
// address, host:port) may use c; ranges are c.IP, parsed.
func allows(ranges []netip.Prefix, addr string) bool {
	if ranges == nil {
		return true
	}
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		return false
	}
	ip := ap.Addr().Unmap()
	for _, p := range ranges {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseRanges reads c.IP; nil stays nil (every address).
func parseRanges(c Client) ([]netip.Prefix, error) {
	if c.IP == nil {
		return nil, nil
	}
	if len(c.IP) == 0 {
		return nil, errors.New(`"ip" is empty, which would refuse every call: leave it out to allow every address, or write ["0.0.0.0/0", "::/0"]`)
	}
	ps := make([]netip.Prefix, 0, len(c.IP))
	for _, s := range c.IP {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("ip %q is not a CIDR range such as 203.0.113.0/24 or 0.0.0.0/0", s)
		}
		p = p.Masked()
		if p.Addr().Is4() && p.Bits() == 0 {
			// 0.0.0.0/0 is what a project writes for "anywhere"; let it
			// cover IPv6 callers too, as the gateway cannot mean less.
			ps = append(ps, netip.PrefixFrom(netip.IPv6Unspecified(), 0))
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// maxClientsFile bounds the clients file: thousands of clients fit.
const maxClientsFile = 1 << 20

// LoadClients reads a clients file: a JSON array of {"key", "token",
// "ip"} objects ("ip" optional), for example
//
//	[{"key": "shop-1", "token": "t0k3n", "ip": ["127.0.0.0/8", "::1/128"]}]
func LoadClients(path string) ([]Client, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrClients, err)
	}
	defer f.Close()
	cs, err := ParseClients(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cs, nil
}

// ParseClients reads the clients file format from r (see [LoadClients]).
// It is as strict as the API's request decoder: unknown, differently-cased
// or repeated field names, trailing data, empty or duplicate keys, empty
// tokens, and ip entries that are not CIDR ranges are refused (a "secret",
// which older sandboxes had, is an unknown field: the token is the HMAC key). An error from the decoder wraps
// both [ErrClients] and the *api.FieldError naming the field ([0].key).
func ParseClients(r io.Reader) ([]Client, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxClientsFile+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrClients, err)
	}
	if len(data) > maxClientsFile {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrClients, maxClientsFile)
	}
	// The API's strict decoder: plain encoding/json would take "KEY" for
	// key and let a second "token" silently win.
	var entries []clientEntry
	if err := api.UnmarshalStrict(data, &entries); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrClients, err)
	}
	cs := make([]Client, len(entries))
	for i, e := range entries {
		cs[i] = Client{Key: e.Key, Token: e.Token}
		if e.IP != nil {
			cs[i].IP = *e.IP
		}
	}
	if err := checkClients(cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// clientEntry is one object of the clients file. The strict decoder
// takes no slices, so "ip" brings its own decoder.
type clientEntry struct {
	Key   string  `json:"key"`
	Token string  `json:"token"`
	IP    *ipList `json:"ip"`
}

// ipList is the "ip" array of a clients file: strings only.
type ipList []string

// UnmarshalJSON accepts a JSON array of strings (null is "not given").
func (l *ipList) UnmarshalJSON(b []byte) error {
	var v []string
	if string(b) == "null" {
		return nil
	}
	if err := json.Unmarshal(b, &v); err != nil || v == nil {
		return fmt.Errorf("%w: ip: want an array of CIDR strings such as [\"0.0.0.0/0\"]", api.ErrWrongType)
	}
	*l = v
	return nil
}

// checkClients also guards Config.Clients set in code.
func checkClients(cs []Client) error {
	if len(cs) == 0 {
		return fmt.Errorf("%w: the list is empty", ErrClients)
	}
	seen := make(map[string]bool, len(cs))
	for i, c := range cs {
		for _, f := range []struct{ name, v string }{{"key", c.Key}, {"token", c.Token}} {
			if f.v == "" {
				return fmt.Errorf("%w: client %d has no %s", ErrClients, i+1, f.name)
			}
			// Keys and tokens travel in HTTP headers.
			if strings.ContainsFunc(f.v, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsControl(r) }) {
				return fmt.Errorf("%w: client %d: %s must be printable ASCII", ErrClients, i+1, f.name)
			}
		}
		if _, err := parseRanges(c); err != nil {
			return fmt.Errorf("%w: client %d: %v", ErrClients, i+1, err)
		}
		if seen[c.Key] {
			return fmt.Errorf("%w: key %q appears twice", ErrClients, c.Key)
		}
		seen[c.Key] = true
	}
	return nil
}
