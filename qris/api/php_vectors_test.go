package api

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
)

// phpVectors is testdata/php/vectors.json, made by vectors.php with real
// PHP: what json_encode and hash_hmac give for each request body.
type phpVectors struct {
	Requests []struct {
		Name      string  `json:"name"`
		Key       string  `json:"key"`
		Token     string  `json:"token"`
		Body      Request `json:"body"`
		JSON      string  `json:"json"`
		Signature string  `json:"signature"`
	} `json:"requests"`
	KeyOnly []struct {
		Key       string `json:"key"`
		Token     string `json:"token"`
		Signature string `json:"signature"`
	} `json:"keyOnly"`
	InvalidUTF8 string `json:"invalidUTF8"`
}

func readPHPVectors(t *testing.T) phpVectors {
	t.Helper()
	b, err := os.ReadFile("testdata/php/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var v phpVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Requests) < 10 || len(v.KeyOnly) == 0 {
		t.Fatalf("vectors.json holds %d requests and %d key-only signatures; regenerate it", len(v.Requests), len(v.KeyOnly))
	}
	return v
}

// TestPHPVectors holds MarshalPHP and Sign to PHP's own json_encode and
// hash_hmac, byte for byte.
func TestPHPVectors(t *testing.T) {
	v := readPHPVectors(t)
	for _, c := range v.Requests {
		got, err := MarshalPHP(c.Body)
		if err != nil {
			t.Errorf("%s: MarshalPHP: %v", c.Name, err)
			continue
		}
		if string(got) != c.JSON {
			t.Errorf("%s: MarshalPHP\n got %s\nwant %s", c.Name, got, c.JSON)
		}
		if sig := Sign(c.Key, c.Token, []byte(c.JSON)); sig != c.Signature {
			t.Errorf("%s: Sign = %s, PHP says %s", c.Name, sig, c.Signature)
		}
		if !CheckSignature(c.Key, c.Token, []byte(c.JSON), c.Signature) {
			t.Errorf("%s: CheckSignature refuses PHP's signature", c.Name)
		}
	}
	for _, c := range v.KeyOnly {
		if sig := Sign(c.Key, c.Token, nil); sig != c.Signature {
			t.Errorf("key %q alone: Sign = %s, PHP says %s", c.Key, sig, c.Signature)
		}
	}
	// PHP refuses invalid UTF-8; so must MarshalPHP.
	if v.InvalidUTF8 == "accepted" {
		t.Fatal("vectors.json says PHP accepted invalid UTF-8")
	}
	if _, err := MarshalPHP(Request{ViewName: "bad \xff byte"}); !errors.Is(err, ErrBadText) {
		t.Errorf("invalid UTF-8: err = %v, want ErrBadText as PHP refuses it (%s)", err, v.InvalidUTF8)
	}
}
