package api

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestStatusJSON(t *testing.T) {
	for _, s := range []Status{StatusPending, StatusSuccess, StatusFailed, StatusExpired} {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal(%q): %v", s, err)
		}
		var got Status
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("round trip of %q: got %q, %v", s, got, err)
		}
		if !s.Valid() {
			t.Errorf("%q.Valid() = false", s)
		}
		if s.Final() == (s == StatusPending) {
			t.Errorf("%q.Final() = %v", s, s.Final())
		}
	}
	bad := []struct {
		in      string
		wrongTy bool
	}{
		{`"paid"`, false}, {`"Pending"`, false}, {`"SUCCESS"`, false}, {`""`, false},
		{`null`, false}, {`1`, true}, {`true`, true}, {`["pending"]`, true}, {`{"status":"pending"}`, true},
	}
	for _, tt := range bad {
		var s Status = StatusPending
		err := json.Unmarshal([]byte(tt.in), &s)
		if !errors.Is(err, ErrUnknownStatus) {
			t.Errorf("Unmarshal(%s) = %v, want ErrUnknownStatus", tt.in, err)
		}
		if errors.Is(err, ErrWrongType) != tt.wrongTy {
			t.Errorf("Unmarshal(%s) = %v, ErrWrongType should be %v", tt.in, err, tt.wrongTy)
		}
		if s != StatusPending {
			t.Errorf("Unmarshal(%s) changed the value to %q", tt.in, s)
		}
	}
	if _, err := json.Marshal(Status("paid")); !errors.Is(err, ErrUnknownStatus) {
		t.Errorf("Marshal(paid) = %v, want ErrUnknownStatus", err)
	}
	if _, err := json.Marshal(Status("")); !errors.Is(err, ErrUnknownStatus) {
		t.Errorf("Marshal of the zero Status = %v, want ErrUnknownStatus", err)
	}
	if Status("paid").Valid() || Status("paid").Final() {
		t.Error("an unknown status is neither valid nor final")
	}
}

func TestFeePayerJSON(t *testing.T) {
	for _, p := range []FeePayer{FeePayerCustomer, FeePayerMerchant} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal(%q): %v", p, err)
		}
		var got FeePayer
		if err := json.Unmarshal(b, &got); err != nil || got != p {
			t.Errorf("round trip of %q: got %q, %v", p, got, err)
		}
		if !p.Valid() || p.String() != string(p) {
			t.Errorf("%q: Valid or String wrong", p)
		}
	}
	for _, in := range []string{`"buyer"`, `"Customer"`, `""`, `null`, `0`, `false`, `{}`} {
		p := FeePayerMerchant
		if err := json.Unmarshal([]byte(in), &p); !errors.Is(err, ErrUnknownFeePayer) {
			t.Errorf("Unmarshal(%s) = %v, want ErrUnknownFeePayer", in, err)
		}
		if p != FeePayerMerchant {
			t.Errorf("Unmarshal(%s) changed the value to %q", in, p)
		}
	}
	if _, err := json.Marshal(FeePayer("buyer")); !errors.Is(err, ErrUnknownFeePayer) {
		t.Errorf("Marshal(buyer) = %v, want ErrUnknownFeePayer", err)
	}
	if FeePayer("buyer").Valid() {
		t.Error("buyer is not a valid fee payer")
	}
}

func TestFeePayerPayable(t *testing.T) {
	tests := []struct {
		p    FeePayer
		want int64
	}{
		{FeePayerCustomer, 10085},
		{FeePayerMerchant, 10000},
		{FeePayer(""), 0},
	}
	for _, tt := range tests {
		if got := tt.p.Payable(10000, 85); got != tt.want {
			t.Errorf("%q.Payable(10000, 85) = %d, want %d", tt.p, got, tt.want)
		}
	}
}

func TestParseEnums(t *testing.T) {
	if s, err := ParseStatus("expired"); err != nil || s != StatusExpired {
		t.Errorf("ParseStatus(expired) = %q, %v", s, err)
	}
	if _, err := ParseStatus("EXPIRED"); err == nil || err.Error() != `unknown status "EXPIRED" (want success, pending, expired or failed)` {
		t.Errorf("ParseStatus(EXPIRED) = %v", err)
	}
	if p, err := ParseFeePayer("merchant"); err != nil || p != FeePayerMerchant {
		t.Errorf("ParseFeePayer(merchant) = %q, %v", p, err)
	}
	if _, err := ParseFeePayer("both"); err == nil || err.Error() != `unknown fee payer "both" (want customer or merchant)` {
		t.Errorf("ParseFeePayer(both) = %v", err)
	}
}
