package sandbox

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/qriskit/qriskit/qris/api"
)

// DefaultFeeRule is the fee when [Config].Fee is nil: a flat Rp 85, which
// gives the contract example's numbers (amount 10000, fee 85, total 10085).
const DefaultFeeRule = "flat:85"

// FeeRule computes the gateway's fee for an amount: a flat part plus a
// percentage of the amount. The zero value charges nothing.
type FeeRule struct {
	// Flat is a fixed fee in whole rupiah.
	Flat int64
	// PerMillion is the percentage part in millionths of the amount
	// (0.7 % = 7000), so percentages with up to four decimals are exact.
	PerMillion int64
}

const (
	perMillionPerPercent = 10_000
	maxPerMillion        = 100 * perMillionPerPercent
)

// ParseFeeRule reads the --fee syntax: "none", or one or both of
// "flat:RUPIAH" and "percent:P" joined by "+", for example "flat:85",
// "percent:0.7" or "flat:85+percent:0.5". RUPIAH is a whole number; P is a
// decimal from 0 to 100 with at most four decimals.
func ParseFeeRule(s string) (FeeRule, error) {
	var r FeeRule
	if s == "none" {
		return r, nil
	}
	seen := map[string]bool{}
	for term := range strings.SplitSeq(s, "+") {
		kind, val, ok := strings.Cut(strings.TrimSpace(term), ":")
		if !ok {
			return FeeRule{}, fmt.Errorf("%w %q: want none, flat:RUPIAH, percent:P or both joined by +", ErrFeeRule, s)
		}
		if seen[kind] {
			return FeeRule{}, fmt.Errorf("%w %q: %s given twice", ErrFeeRule, s, kind)
		}
		seen[kind] = true
		switch kind {
		case "flat":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil || n < 0 || n > api.MaxAmount || !isDigits(val) {
				return FeeRule{}, fmt.Errorf("%w %q: flat fee %q is not a whole number of rupiah from 0 to %d", ErrFeeRule, s, val, api.MaxAmount)
			}
			r.Flat = n
		case "percent":
			pm, err := parsePercent(val)
			if err != nil {
				return FeeRule{}, fmt.Errorf("%w %q: %v", ErrFeeRule, s, err)
			}
			r.PerMillion = pm
		default:
			return FeeRule{}, fmt.Errorf("%w %q: unknown part %q (want flat or percent)", ErrFeeRule, s, kind)
		}
	}
	return r, nil
}

// parsePercent turns "0.7" into 7000 millionths without going through
// floating point, which cannot hold 0.7 exactly.
func parsePercent(v string) (int64, error) {
	whole, frac, _ := strings.Cut(v, ".")
	if whole == "" || !isDigits(whole) || (frac != "" && !isDigits(frac)) || len(frac) > 4 || len(whole) > 3 {
		return 0, fmt.Errorf("percentage %q is not a decimal with at most four decimals", v)
	}
	frac += strings.Repeat("0", 4-len(frac))
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	pm := w*perMillionPerPercent + f
	if pm > maxPerMillion {
		return 0, fmt.Errorf("percentage %s is more than 100", v)
	}
	return pm, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Fee is the fee for amount: Flat plus the percentage of amount rounded
// half up to a whole rupiah (0.7 % of 15050 is 105.35, so 105; of 15000 it
// is exactly 105; of 15072 it is 105.504, so 106). Gateways charge whole
// rupiah, and half up is the rounding people expect on an invoice.
func (r FeeRule) Fee(amount int64) int64 {
	if amount <= 0 {
		return r.Flat
	}
	// amount*PerMillion can pass 2^63 for the largest amounts, so split
	// amount into millions and the rest.
	hi, lo := amount/1_000_000, amount%1_000_000
	return r.Flat + hi*r.PerMillion + (lo*r.PerMillion+500_000)/1_000_000
}

// String writes r in the syntax ParseFeeRule reads.
func (r FeeRule) String() string {
	var parts []string
	if r.Flat != 0 {
		parts = append(parts, "flat:"+strconv.FormatInt(r.Flat, 10))
	}
	if r.PerMillion != 0 {
		p := strconv.FormatInt(r.PerMillion/perMillionPerPercent, 10)
		if f := r.PerMillion % perMillionPerPercent; f != 0 {
			p += "." + strings.TrimRight(fmt.Sprintf("%04d", f), "0")
		}
		parts = append(parts, "percent:"+p)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}
