package sandbox

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"github.com/qriskit/qriskit/qris/api"
)

// ErrClients is wrapped by every error about the clients list.
var ErrClients = errors.New("invalid clients")

// Client is one API client: the X-Client-Key it sends, the X-Client-Token
// that goes with it, and the secret its X-Signature and its callbacks are
// signed with.
type Client struct {
	Key    string `json:"key"`
	Token  string `json:"token"`
	Secret string `json:"secret"`
}

// maxClientsFile bounds the clients file: thousands of clients fit.
const maxClientsFile = 1 << 20

// LoadClients reads a clients file: a JSON array of {"key", "token",
// "secret"} objects, for example
//
//	[{"key": "shop-1", "token": "t0k3n", "secret": "s3cr3t"}]
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
// or repeated field names, trailing data, empty or duplicate keys, and
// empty tokens or secrets are refused. An error from the decoder wraps
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
	// key and let a second "secret" silently win.
	var cs []Client
	if err := api.UnmarshalStrict(data, &cs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrClients, err)
	}
	if err := checkClients(cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// checkClients also guards Config.Clients set in code.
func checkClients(cs []Client) error {
	if len(cs) == 0 {
		return fmt.Errorf("%w: the list is empty", ErrClients)
	}
	seen := make(map[string]bool, len(cs))
	for i, c := range cs {
		for _, f := range []struct{ name, v string }{{"key", c.Key}, {"token", c.Token}, {"secret", c.Secret}} {
			if f.v == "" {
				return fmt.Errorf("%w: client %d has no %s", ErrClients, i+1, f.name)
			}
			// Keys and tokens travel in HTTP headers.
			if strings.ContainsFunc(f.v, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsControl(r) }) {
				return fmt.Errorf("%w: client %d: %s must be printable ASCII", ErrClients, i+1, f.name)
			}
		}
		if seen[c.Key] {
			return fmt.Errorf("%w: key %q appears twice", ErrClients, c.Key)
		}
		seen[c.Key] = true
	}
	return nil
}
