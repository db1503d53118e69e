package qris

import (
	"errors"
	"testing"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		// The examples of EMV 4.7.4 and QRIS 4.7.8 [spec §3.3].
		{"98.73", true}, {"98", true}, {"98.", true},
		{"1000.00", true}, {"1000", true}, {"1000.", true},
		{"98,73", false}, {"3 705", false}, {"1000,00", false}, {"1 000", false},
		{"1.000", false}, // a thousands separator reads as three decimals, more than IDR's two
		{"0.01", true}, {"007", true}, {"1234567890123", true}, {"123456789012.", true},
		{"", false}, {"0", false}, {"0.00", false}, {"000.", false}, {".5", false}, {"1.2.3", false},
		{"-5", false}, {"+5", false}, {"1e3", false}, {"12345678901234", false}, {"1.234", false},
		{"١٢", false}, {" 5", false},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseAmount(%q) = %q, %v; want ok=%v", tt.in, a, err, tt.ok)
			continue
		}
		if err != nil {
			var e *Error
			if !errors.Is(err, ErrAmount) || !errors.As(err, &e) || e.Detail == "" {
				t.Errorf("ParseAmount(%q): error %v does not wrap ErrAmount with a detail", tt.in, err)
			}
		} else if a.String() != tt.in {
			t.Errorf("ParseAmount(%q) = %q, want it kept as written", tt.in, a)
		}
	}
}

func TestAmountMinor(t *testing.T) {
	tests := []struct {
		in   Amount
		want int64
		ok   bool
	}{
		{"15000", 1500000, true}, {"98.7", 9870, true}, {"98.73", 9873, true}, {"98.", 9800, true},
		{"0.01", 1, true}, {"0", 0, true}, {"007.5", 750, true}, {"9999999999999999", 999999999999999900, true},
		{"99999999999999999", 0, false}, {"1.234", 0, false}, {"1,5", 0, false}, {"", 0, false}, {".5", 0, false},
	}
	for _, tt := range tests {
		got, err := tt.in.Minor()
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%q.Minor() = %d, %v; want %d ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrAmount) {
			t.Errorf("%q.Minor(): %v does not wrap ErrAmount", tt.in, err)
		}
	}
}

func TestAmountCmp(t *testing.T) {
	tests := []struct {
		a, b Amount
		want int
	}{
		{"1000", "1000.00", 0}, {"1000.", "1000", 0}, {"01000", "1000.0", 0},
		{"999.99", "1000", -1}, {"1000.01", "1000", 1}, {"2", "10", -1}, {"0.5", "0.50", 0},
		{"0.05", "0.5", -1}, {"12345678901234567890", "12345678901234567889.999", 1},
		{"1,5", "1", -1}, {"1", "1,5", 1}, {"a", "b", -1}, {"b", "a", 1}, {"x", "x", 0},
	}
	for _, tt := range tests {
		if got := tt.a.Cmp(tt.b); got != tt.want {
			t.Errorf("%q.Cmp(%q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Cmp(tt.a); got != -tt.want {
			t.Errorf("%q.Cmp(%q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
		if tt.a.Equal(tt.b) != (tt.want == 0) {
			t.Errorf("%q.Equal(%q) = %v", tt.a, tt.b, !(tt.want == 0))
		}
	}
}

func TestAmountPercentage(t *testing.T) {
	tests := []struct {
		in   string
		want amtFault
	}{
		{"2.5", amtOK}, {"00.01", amtOK}, {"99.99", amtOK}, {"0.01", amtOK}, {"5", amtOK}, {"5.", amtOK}, {"010", amtOK},
		{"", amtEmpty}, {"0", amtZero}, {"00.00", amtZero}, {"100", amtRange}, {"100.0", amtRange},
		{"2.555", amtDecimals}, {"2,5", amtSyntax}, {"5%", amtSyntax}, {"099.99", amtLong},
	}
	for _, tt := range tests {
		if got := amtCheckPercent(tt.in); got != tt.want {
			t.Errorf("amtCheckPercent(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestAmountCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"15000", "15000"}, {"015000", "15000"}, {"15000.", "15000"}, {"0015000.", "15000"},
		{"0.50", "0.50"}, {"00.5", "0.5"}, {"15000.50", "15000.50"}, {"1", "1"},
	}
	for _, tt := range tests {
		if got := amtCanonical(tt.in); got != tt.want {
			t.Errorf("amtCanonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAmountAgreesWithValidate: ParseAmount (and so ToDynamic) accepts an
// amount exactly when Validate, under the QRIS profile, reports no error on
// 54 holding it: one grammar judges both. (Under the EMV profile the
// number of decimals is the currency's business, so "1.234" passes there.)
func TestAmountAgreesWithValidate(t *testing.T) {
	amount := func(v string) string { return valBuild(t, valSet(valDynamic(), "54", v)) }
	cases := []string{
		"1", "15000", "15000.5", "15000.50", "0.01", "0015000", "15000.", "9999999999999",
		"0", "0.00", "00", ".5", "1.234", "12,50", "1e3", "-1", "+1", "1..2", "1.2.3",
		"99999999999999", "12345678901.5", " 1", "１",
	}
	for _, s := range cases {
		_, perr := ParseAmount(s)
		for _, o := range []Options{{}, {Strict: true}} {
			bad := false
			for _, p := range Validate(amount(s), o) {
				if p.Tag == "54" && p.Severity == SeverityError {
					bad = true
				}
			}
			if bad != (perr != nil) {
				t.Errorf("%q, strict %v: ParseAmount says %v, Validate's errors on 54: %v", s, o.Strict, perr, bad)
			}
		}
	}
}
