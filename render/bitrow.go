package render

import "math/bits"

// bitRow is one row (or column) of a symbol as bits, for scoring masks a
// word at a time. Bit pad+x is the module at x; the pad bits before and the
// bits after the symbol's width are light, which is what the penalty rules
// take the outside of the symbol to be. 192 bits hold the widest symbol
// (177 modules) with room for four light modules either side.
type bitRow [3]uint64

const pad = 4

func (r *bitRow) set(x int, dark bool) {
	i := uint(x + pad)
	if dark {
		r[i/64] |= 1 << (i % 64)
	} else {
		r[i/64] &^= 1 << (i % 64)
	}
}

func (r *bitRow) get(x int) bool {
	i := uint(x + pad)
	return r[i/64]>>(i%64)&1 != 0
}

func (r bitRow) andNot(s bitRow) bitRow { return bitRow{r[0] &^ s[0], r[1] &^ s[1], r[2] &^ s[2]} }
func (r bitRow) xor(s bitRow) bitRow    { return bitRow{r[0] ^ s[0], r[1] ^ s[1], r[2] ^ s[2]} }
func (r bitRow) not() bitRow            { return bitRow{^r[0], ^r[1], ^r[2]} }

func (r bitRow) count() int {
	return bits.OnesCount64(r[0]) + bits.OnesCount64(r[1]) + bits.OnesCount64(r[2])
}

// span returns a row with bits lo to hi set, inclusive.
func span(lo, hi int) bitRow {
	var r bitRow
	for i := lo; i <= hi; i++ {
		r[i/64] |= 1 << uint(i%64)
	}
	return r
}
