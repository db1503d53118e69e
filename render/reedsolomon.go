package render

import "sync"

// Reed-Solomon error correction over GF(256) with the QR code's field
// polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots α^0..α^(n-1).

// gfTables holds the field's exponent and logarithm tables and the generator
// polynomial of every error-correction length a QR code uses, built once.
type gfTables struct {
	exp [512]byte // exp[i] = α^i, doubled so that exp[log a + log b] needs no modulo
	log [256]byte // log[α^i] = i; log[0] is unused
	// gen[n] is the degree-n generator without its leading 1, highest
	// power first, as logarithms, so that the division's inner loop is a
	// table add.
	gen [31][]byte
}

var gf = sync.OnceValue(func() *gfTables {
	t := &gfTables{}
	x := 1
	for i := 0; i < 255; i++ {
		t.exp[i] = byte(x)
		t.exp[i+255] = byte(x)
		t.log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	for v := range versions {
		for _, l := range eccPerBlock {
			n := l[v]
			if n == 0 || t.gen[n] != nil {
				continue
			}
			t.gen[n] = t.generator(n)
		}
	}
	return t
})

func (t *gfTables) mul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return t.exp[int(t.log[a])+int(t.log[b])]
}

// generator returns (x - α^0)(x - α^1)...(x - α^(n-1)) without its leading
// coefficient, as logarithms.
func (t *gfTables) generator(n int) []byte {
	// g holds the coefficients after the leading 1, highest power first.
	g := make([]byte, n)
	g[n-1] = 1
	root := byte(1)
	for i := 0; i < n; i++ {
		// Multiply by (x - root): each coefficient becomes itself times
		// root plus the next one (subtraction is addition in GF(2^8)).
		for j := 0; j < n; j++ {
			g[j] = t.mul(g[j], root)
			if j+1 < n {
				g[j] ^= g[j+1]
			}
		}
		root = t.mul(root, 2)
	}
	for j := range g {
		g[j] = t.log[g[j]] // no coefficient of a product of (x - α^i) is 0
	}
	return g
}

// remainder writes the error-correction codewords for data into ecc: the
// remainder of data·x^len(ecc) divided by the generator of that degree.
func (t *gfTables) remainder(data, ecc []byte) {
	gen := t.gen[len(ecc)]
	clear(ecc)
	for _, d := range data {
		factor := d ^ ecc[0]
		copy(ecc, ecc[1:])
		ecc[len(ecc)-1] = 0
		if factor == 0 {
			continue
		}
		lf := int(t.log[factor])
		for j, lg := range gen {
			ecc[j] ^= t.exp[lf+int(lg)]
		}
	}
}
