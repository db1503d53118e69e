package api

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"testing"
)

func TestSign(t *testing.T) {
	key, token := "client-key", "client-token"
	body := []byte(`{"reference":"INV-1"}`)
	m := hmac.New(sha512.New, []byte(token))
	m.Write([]byte(key + string(body)))
	want := hex.EncodeToString(m.Sum(nil))
	if got := Sign(key, token, body); got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
	if !CheckSignature(key, token, body, want) {
		t.Error("CheckSignature refuses Sign's result")
	}
	for name, sig := range map[string]string{
		"other body": Sign(key, token, []byte(`{}`)),
		"other key":  Sign("k2", token, body),
		"not hex":    "zz",
		"empty":      "",
		"truncated":  want[:len(want)-2],
	} {
		if CheckSignature(key, token, body, sig) {
			t.Errorf("%s: CheckSignature accepts %q", name, sig)
		}
	}
	// Without a body the key alone is signed.
	m = hmac.New(sha512.New, []byte(token))
	m.Write([]byte(key))
	if got := Sign(key, token, nil); got != hex.EncodeToString(m.Sum(nil)) {
		t.Errorf("Sign without a body = %s", got)
	}
}

func TestMarshalPHP(t *testing.T) {
	type obj struct {
		B string `json:"b"`
		A string `json:"a"`
	}
	for _, c := range []struct {
		in   any
		want string
	}{
		{obj{"https://x.test/cb?a=1&b=<2>", "it's"}, `{"b":"https:\/\/x.test\/cb?a=1&b=<2>","a":"it's"}`},
		{obj{"Toko Ibu Ané", "日本"}, `{"b":"Toko Ibu An\u00e9","a":"\u65e5\u672c"}`},
		{obj{"😀", "\t\"\\\u2028"}, `{"b":"\ud83d\ude00","a":"\t\"\\\u2028"}`},
		{map[string]int{"n": 10000}, `{"n":10000}`},
	} {
		got, err := MarshalPHP(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("MarshalPHP(%v) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	if _, err := MarshalPHP(obj{B: "\xff"}); !errors.Is(err, ErrBadText) {
		t.Errorf("invalid UTF-8: err = %v, want ErrBadText", err)
	}
}

func TestMarshalPHPReplacementCharacter(t *testing.T) {
	// A real U+FFFD and a literal backslash-u text are not invalid UTF-8.
	got, err := MarshalPHP([]string{"\uFFFD", `\ufffd`})
	if want := `["\ufffd","\\ufffd"]`; err != nil || string(got) != want {
		t.Errorf("MarshalPHP = %s, %v; want %s", got, err, want)
	}
}
