package qris

import "strconv"

// Amount is a decimal as written in a payload (54, 56, 57): digits with at
// most one '.' as the decimal mark. It stays text, so "1000", "1000." and
// "1000.00" are kept as they were written; [Amount.Cmp], [Amount.Equal] and
// [Amount.Minor] read it exactly. No float is involved anywhere.
//
// A decoded Amount is whatever the payload held, well formed or not (the
// validator says which); [ParseAmount] makes one that is valid for 54 or 56.
type Amount string

// maxAmountLen is the most characters 54 and 56 hold [EMV Table 3.6].
const maxAmountLen = 13

// ParseAmount checks s as a transaction amount for a currency with two
// decimals (IDR): digits with at most one '.', at most two decimals, at most
// 13 characters, and more than zero. A trailing '.' and leading zeros are
// kept as written.
func ParseAmount(s string) (Amount, error) {
	if f := amtCheck(s); f != amtOK {
		return "", &Error{Err: ErrAmount, Detail: f.detail(s)}
	}
	return Amount(s), nil
}

// amtFault says why a text is not an amount, without allocating until a
// message is wanted.
type amtFault uint8

const (
	amtOK amtFault = iota
	amtEmpty
	amtSyntax
	amtDecimals
	amtLong
	amtZero
	amtRange
)

func (f amtFault) detail(s string) string {
	q := strconv.Quote(s)
	switch f {
	case amtEmpty:
		return "empty"
	case amtSyntax:
		return q + " is not digits with at most one '.'"
	case amtDecimals:
		return q + " has more than 2 decimals"
	case amtLong:
		return q + " is longer than 13 characters"
	case amtZero:
		return q + " is zero"
	case amtRange:
		return q + " is outside 0.01..99.99"
	}
	return q
}

// amtCheck applies the rules of 54 and 56 [EMV 4.7.4][QRIS 4.7.8].
func amtCheck(s string) amtFault { return amtCheckLen(s, maxAmountLen) }

// amtCheckPercent applies the rules of 57: at most 5 characters, digits and
// at most one '.', from 0.01 to 99.99 [EMV 4.7.8][QRIS 4.7.11.1].
func amtCheckPercent(s string) amtFault {
	if f := amtCheckLen(s, 5); f != amtOK {
		return f
	}
	if whole, _, _ := amtSplit(s); len(amtTrim(whole)) > 2 {
		return amtRange
	}
	return amtOK
}

// amtCheckLen checks that s is a number of at most maxLen characters: digits
// with at most one '.' and 2 decimals, more than zero.
// It reads s with the validator's grammar (checkAmountSyntax), so that
// ParseAmount, the conversions and Validate judge an amount alike.
func amtCheckLen(s string, maxLen int) amtFault {
	a := checkAmountSyntax(s)
	switch {
	case s == "":
		return amtEmpty
	case !a.ok:
		return amtSyntax
	case a.decimals > 2:
		return amtDecimals
	case len(s) > maxLen:
		return amtLong
	case a.zero:
		return amtZero
	}
	return amtOK
}

// amtSplit cuts s into its whole and fractional digits; ok is false
// unless s is one or more digits, then optionally '.' and digits.
func amtSplit(s string) (whole, frac string, ok bool) {
	dot := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' && dot < 0 {
			dot = i
			continue
		}
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	if dot < 0 {
		return s, "", s != ""
	}
	return s[:dot], s[dot+1:], dot > 0
}

// amtTrim drops leading zeros.
func amtTrim(s string) string {
	for len(s) > 0 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// String returns the amount as written.
func (a Amount) String() string { return string(a) }

// Minor returns the amount in hundredths (sen for rupiah): "15000" is
// 1500000, "98.7" is 9870. It fails with ErrAmount for text that is not
// digits with at most one '.' and two decimals, or that does not fit an
// int64.
func (a Amount) Minor() (int64, error) {
	whole, frac, ok := amtSplit(string(a))
	if !ok || len(frac) > 2 {
		f := amtSyntax
		if ok {
			f = amtDecimals
		}
		return 0, &Error{Err: ErrAmount, Detail: f.detail(string(a))}
	}
	whole = amtTrim(whole)
	if len(whole) > 16 {
		return 0, &Error{Err: ErrAmount, Detail: strconv.Quote(string(a)) + " does not fit in 64 bits"}
	}
	var v int64
	for i := 0; i < len(whole); i++ {
		v = v*10 + int64(whole[i]-'0')
	}
	for i := 0; i < 2; i++ {
		v *= 10
		if i < len(frac) {
			v += int64(frac[i] - '0')
		}
	}
	return v, nil
}

// Cmp compares amounts by value, exactly and at any length: -1 if a < b, 0
// if equal ("1000" and "1000.00" are), +1 if a > b. Text that is not digits
// with at most one '.' orders before every well-formed amount, and among
// itself as strings, so Cmp is a total order.
func (a Amount) Cmp(b Amount) int {
	aw, af, aok := amtSplit(string(a))
	bw, bf, bok := amtSplit(string(b))
	switch {
	case !aok && !bok:
		return amtCmpText(string(a), string(b))
	case !aok:
		return -1
	case !bok:
		return 1
	}
	aw, bw = amtTrim(aw), amtTrim(bw)
	if len(aw) != len(bw) {
		if len(aw) < len(bw) {
			return -1
		}
		return 1
	}
	if c := amtCmpText(aw, bw); c != 0 {
		return c
	}
	// Fractions compare digit by digit, a missing digit reading as 0.
	for i := 0; i < len(af) || i < len(bf); i++ {
		x, y := byte('0'), byte('0')
		if i < len(af) {
			x = af[i]
		}
		if i < len(bf) {
			y = bf[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Equal reports whether a and b have the same value: Cmp(b) == 0.
func (a Amount) Equal(b Amount) bool { return a.Cmp(b) == 0 }

func amtCmpText(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// amtCanonical returns a valid amount as the encoder writes it: no
// leading zeros and no trailing '.'; the decimals given are kept. The result
// is a substring of s.
func amtCanonical(s string) string {
	s = trimZeros(s)
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
