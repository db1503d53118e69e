package qris

import (
	"encoding/binary"
	"unicode/utf8"
)

// Syntax helpers of the validator: character classes and the amount grammar.
// They run on every value of every payload, so they neither allocate nor
// decode runes when the bytes say it is not needed.

const pipe = '|'

// badANS returns the character offset and the first character of s outside
// printable ASCII, or -1.
func badANS(s string) (int, rune) {
	n := 0
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			return n, r
		}
		n++
	}
	return -1, 0
}

// digitsOnly reports whether s is made of "0".."9" only (true for "").
func digitsOnly(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// Digits are 0x30..0x39: high nibble 3, and adding 6 to the low
		// nibble carries into none (a carry out of a byte needs >= 0xFA,
		// which the first test refuses).
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if x&0xF0F0F0F0F0F0F0F0 != 0x3030303030303030 || (x+0x0606060606060606)&0xF0F0F0F0F0F0F0F0 != 0x3030303030303030 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	return true
}

// indexPipe returns the character offset of the first '|' in s, or -1.
func indexPipe(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == pipe {
			return n
		}
		if s[i] < utf8.RuneSelf || utf8.RuneStart(s[i]) {
			n++
		}
	}
	return -1
}

// runeCount is the length in characters, the unit of every EMV length; a
// payload known to be ASCII skips the decoding.
func runeCount(s string, ascii bool) int {
	if ascii {
		return len(s)
	}
	return utf8.RuneCountInString(s)
}

// amountSyntax is what checkAmountSyntax reads of an amount.
type amountSyntax struct {
	ok          bool // digits, then optionally '.' and digits
	zero        bool // every digit is 0
	leadingZero bool // the whole part has a 0 before another digit: "0150"
	decimals    int  // digits after the '.'
}

// checkAmountSyntax reads s with the grammar of EMV 4.7.4 and QRIS 4.7.8:
// one or more digits, then optionally a '.' and zero or more digits ("98",
// "98.", "98.73"). No sign, no separator, no space. The decimal count is
// left to the caller, whose currency decides it.
func checkAmountSyntax(s string) amountSyntax {
	var a amountSyntax
	whole := -1 // length of the whole part, once the '.' is seen
	nonzero := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c-'0' <= 9:
			if c != '0' {
				nonzero = true
			}
		case c == '.' && whole < 0:
			whole = i
		default:
			return a
		}
	}
	if whole < 0 {
		whole = len(s)
	} else {
		a.decimals = len(s) - whole - 1
	}
	if whole == 0 {
		return a
	}
	a.ok = true
	a.zero = !nonzero
	a.leadingZero = whole > 1 && s[0] == '0'
	return a
}

// percentHundredths reads a valid amount syntax as hundredths of a percent,
// rounding nothing: ok is false when digits beyond the second decimal are
// not zero, or the value does not fit.
func percentHundredths(s string) (v int, exact bool) {
	exact = true
	dec := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			dec = 0
			continue
		}
		if dec >= 0 {
			dec++
			if dec > 2 {
				if c != '0' {
					exact = false
				}
				continue
			}
		}
		if v > 1e9 {
			return v, false
		}
		v = v*10 + int(c-'0')
	}
	switch {
	case dec <= 0:
		v *= 100
	case dec == 1:
		v *= 10
	}
	return v, exact
}

// labelChars is the set of characters of a domain label, letters, digits
// and '-', as a bitmask over ASCII.
const (
	labelCharsLo = 1<<'-' | (1<<10-1)<<'0'                   // 0x00..0x3F
	labelCharsHi = (1<<26-1)<<('A'-64) | (1<<26-1)<<('a'-64) // 0x40..0x7F
)

// isReverseDomain reports whether s reads as a reverse domain name: two or
// more labels of letters, digits and '-', joined by '.' ("ID.CO.QRIS.WWW").
func isReverseDomain(s string) bool {
	mask := [2]uint64{labelCharsLo, labelCharsHi}
	dots := 0
	prev := byte('.') // a label may not start at the beginning empty
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if prev == '.' {
				return false
			}
			dots++
		case c >= 128 || mask[c>>6]>>(c&63)&1 == 0:
			return false
		}
		prev = c
	}
	return dots > 0 && prev != '.'
}

// isUpperAlpha reports whether s is made of "A".."Z" only.
func isUpperAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'A' > 'Z'-'A' {
			return false
		}
	}
	return true
}

// isAlpha reports whether s is made of ASCII letters only.
func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]|0x20-'a' > 'z'-'a' {
			return false
		}
	}
	return true
}
