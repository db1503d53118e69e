package render

import (
	"fmt"
	"sync"
)

// This file is the QR code encoder (ISO/IEC 18004:2015, model 2): content
// to segments to codewords with error correction, codewords placed in the
// symbol around its function patterns, and the data mask with the lowest
// penalty.

// Code is one QR code symbol: the modules without the quiet zone, and the
// choices the encoder made for them.
type Code struct {
	// Version is 1 to 40; the symbol is 4×Version+17 modules across.
	Version int
	// Level is the error-correction level.
	Level Level
	// Mask is the data mask, 0 to 7, chosen for the lowest penalty score.
	Mask int

	size int
	dark []byte // size×size modules row by row, 1 for dark
}

// Size returns the number of modules across the symbol, without a quiet zone.
func (c *Code) Size() int { return c.size }

// Dark reports whether the module in column x, row y is dark; (0, 0) is the
// top-left module of the symbol, inside the quiet zone. Outside the symbol
// every module is light.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.size || y >= c.size {
		return false
	}
	return c.dark[y*c.size+x] == 1
}

// Encode builds the QR code for the content: the content split into the
// numeric, alphanumeric and byte segments that give the shortest bit
// stream, in the smallest version (at least Options.MinVersion) that holds
// it at Options.Level. The other fields of Options are checked, as every
// producer checks them, but do not change the symbol.
func Encode(content string, o Options) (*Code, error) {
	s, err := o.resolve("Encode")
	if err != nil {
		return nil, err
	}
	return encodeCode("Encode", content, s)
}

func encodeCode(op, content string, s style) (*Code, error) {
	if content == "" {
		return nil, &Error{Op: op, Err: ErrEmpty, Detail: "give the text the code should hold"}
	}
	segs, version, ok := chooseVersion(content, s.level, s.minVersion)
	if !ok {
		return nil, &Error{Op: op, Err: ErrTooLong, Detail: tooLongDetail(content, s.level, s.minVersion)}
	}
	return buildCode(content, segs, version, s.level, -1), nil
}

// chooseVersion finds the smallest version from minVersion up whose data
// capacity at the level holds the content's optimal segments. Segments are
// found again for each version class, since count fields widen at versions
// 10 and 27 and the best split can change with them.
func chooseVersion(content string, l Level, minVersion int) ([]segment, int, bool) {
	if len(content) > maxContent {
		return nil, 0, false // more than any symbol holds, in any mode
	}
	for class, last := range [3]int{9, 26, 40} {
		if minVersion > last {
			continue
		}
		segs := optimalSegments(content, class)
		bits := segmentBits(content, segs, class)
		for v := max(minVersion, [3]int{1, 10, 27}[class]); v <= last; v++ {
			if bits <= 8*dataCodewords(v, l) {
				return segs, v, true
			}
		}
	}
	return nil, 0, false
}

// buildCode writes the segments into a symbol of the version and level:
// codewords, then the function patterns and data, then the mask, which is
// the one with the lowest penalty unless mask is 0 to 7.
func buildCode(content string, segs []segment, version int, l Level, mask int) *Code {
	codewords := makeCodewords(content, segs, version, l)
	sym := newSymbol(version)
	sym.place(codewords)
	c := &Code{Version: version, Level: l, size: sym.size}
	rows, cols := sym.bitRows()
	if mask < 0 {
		// Score each mask into one pair of buffers; on a tie the lower mask
		// number wins, as in the standard's reference.
		sc := newScorer(sym.size)
		mr, mc := make([]bitRow, sym.size), make([]bitRow, sym.size)
		bestScore := 0
		for m := range 8 {
			sym.masked(m, l, rows, cols, mr, mc)
			if score := sc.penalty(mr, mc); m == 0 || score < bestScore {
				bestScore, mask = score, m
			}
		}
	}
	c.Mask = mask
	sym.masked(mask, l, rows, cols, rows, cols)
	c.dark = make([]byte, sym.size*sym.size)
	for y, r := range rows {
		for x := range sym.size {
			c.dark[y*sym.size+x] = b2u(r.get(x))
		}
	}
	return c
}

// makeCodewords returns the final sequence of codewords: the segments, a
// terminator and padding to the version's data capacity, split into blocks,
// each block's error correction appended, and the blocks interleaved.
func makeCodewords(content string, segs []segment, version int, l Level) []byte {
	class := versionClass(version)
	capacity := dataCodewords(version, l)
	w := bitWriter{buf: make([]byte, 0, capacity)}
	w.writeSegments(content, segs, class)
	// Up to four zero bits of terminator, then zeros to a byte boundary.
	w.write(0, min(4, 8*capacity-w.nbit))
	w.write(0, (8-w.nbit%8)%8)
	for i := 0; len(w.buf) < capacity; i++ {
		w.buf = append(w.buf, [2]byte{0xEC, 0x11}[i%2])
	}
	data := w.buf

	// Blocks: the last numLong blocks hold one more data codeword than the
	// others; every block has the same number of error-correction codewords.
	numBlocks := eccBlocks[l][version]
	eccLen := eccPerBlock[l][version]
	raw := rawModules(version) / 8
	shortLen := raw/numBlocks - eccLen // data codewords in a short block
	numShort := numBlocks - raw%numBlocks

	out := make([]byte, raw)
	ecc := make([]byte, eccLen)
	t := gf()
	start := 0
	for b := range numBlocks {
		n := shortLen
		if b >= numShort {
			n++
		}
		block := data[start : start+n]
		start += n
		// Data codeword i of block b goes to position i×numBlocks+b, but
		// long blocks' extra codeword comes after every block's others.
		for i, d := range block {
			pos := i*numBlocks + b
			if i == shortLen {
				pos = shortLen*numBlocks + (b - numShort)
			}
			out[pos] = d
		}
		t.remainder(block, ecc)
		for i, e := range ecc {
			out[len(data)+i*numBlocks+b] = e
		}
	}
	return out
}

// symbol is a symbol being built: modules and which of them belong to
// function patterns (finders, separators, timing, alignment, format and
// version information), which data and masks leave alone.
type symbol struct {
	version int
	size    int
	dark    []byte // 1 for dark
	fn      []bool // true for a function module
	// fnRows and fnCols are fn as bit rows and columns, with the bits
	// outside the symbol set too, so that masks leave them light.
	fnRows, fnCols []bitRow
}

func newSymbol(version int) *symbol {
	n := 4*version + 17
	s := &symbol{version: version, size: n, dark: make([]byte, n*n), fn: make([]bool, n*n)}
	// Timing patterns along row 6 and column 6, drawn first so that the
	// finders and alignment patterns overwrite their ends.
	for i := range n {
		s.setFn(6, i, i%2 == 0)
		s.setFn(i, 6, i%2 == 0)
	}
	// Finder patterns with their light separators, in three corners.
	for _, c := range [3][2]int{{3, 3}, {n - 4, 3}, {3, n - 4}} {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= n || y >= n {
					continue
				}
				d := max(abs(dx), abs(dy)) // rings: 0-1 dark, 2 light, 3 dark, 4 separator
				s.setFn(x, y, d != 2 && d != 4)
			}
		}
	}
	// Alignment patterns at every pair of centres except the three that
	// would overlap the finders.
	centres := alignmentCentres(version)
	last := len(centres) - 1
	for i, cx := range centres {
		for j, cy := range centres {
			if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					s.setFn(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	// Reserve the format information (drawn with each mask) and draw the
	// version information, which does not depend on the mask.
	formatModules(n, 0, s.setFn)
	if version >= 7 {
		bits := versionBits(version)
		for i := range 18 {
			dark := bits>>uint(i)&1 != 0
			a, b := n-11+i%3, i/3
			s.setFn(a, b, dark)
			s.setFn(b, a, dark)
		}
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func (s *symbol) setFn(x, y int, dark bool) {
	i := y*s.size + x
	s.dark[i] = b2u(dark)
	s.fn[i] = true
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// formatBits is the 15-bit format information for a level and mask: five
// data bits, a BCH(15,5) remainder, XORed with 101010000010010 so that it
// is never all light.
func formatBits(l Level, mask int) uint32 {
	levelBits := [4]uint32{Medium: 0b00, Low: 0b01, Quartile: 0b11, High: 0b10}[l]
	data := levelBits<<3 | uint32(mask)
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem&0x3FF) ^ 0x5412
}

// versionBits is the 18-bit version information: six data bits and a
// BCH(18,6) remainder.
func versionBits(version int) uint32 {
	rem := uint32(version)
	for range 12 {
		rem = rem<<1 ^ (rem>>11)*0x1F25
	}
	return uint32(version)<<12 | rem&0xFFF
}

// formatModules calls set for each module of the format information, in
// both of its places beside the finders, and for the dark module that sits
// with the lower copy.
func formatModules(n int, bits uint32, set func(x, y int, dark bool)) {
	bit := func(i int) bool { return bits>>uint(i)&1 != 0 }
	for i := range 6 {
		set(8, i, bit(i))
	}
	set(8, 7, bit(6))
	set(8, 8, bit(7))
	set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		set(14-i, 8, bit(i))
	}
	for i := range 8 {
		set(n-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		set(8, n-15+i, bit(i))
	}
	set(8, n-8, true)
}

// place writes the codewords' bits, most significant first, into the data
// modules: two-module-wide columns from the right edge, upwards then
// downwards in turn, stepping over the vertical timing pattern. Modules left
// over after the last codeword (the remainder bits) stay light.
func (s *symbol) place(codewords []byte) {
	n := s.size
	i, total := 0, 8*len(codewords)
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range n {
			y := vert
			if upward {
				y = n - 1 - vert
			}
			for x := right; x >= right-1; x-- {
				k := y*n + x
				if s.fn[k] || i >= total {
					continue
				}
				s.dark[k] = codewords[i>>3] >> uint(7-i&7) & 1
				i++
			}
		}
	}
}

// bitRows returns the symbol's modules as rows and as columns, and sets
// fnRows and fnCols.
func (s *symbol) bitRows() (rows, cols []bitRow) {
	n := s.size
	rows, cols = make([]bitRow, n), make([]bitRow, n)
	s.fnRows, s.fnCols = make([]bitRow, n), make([]bitRow, n)
	outside := span(pad, pad+n-1).not()
	for i := range n {
		s.fnRows[i], s.fnCols[i] = outside, outside
	}
	for y := range n {
		for x := range n {
			k := y*n + x
			if s.dark[k] == 1 {
				rows[y].set(x, true)
				cols[x].set(y, true)
			}
			if s.fn[k] {
				s.fnRows[y].set(x, true)
				s.fnCols[x].set(y, true)
			}
		}
	}
	return rows, cols
}

// masked writes into mr and mc the rows and columns of the symbol whose
// unmasked rows and columns are rows and cols, with the mask applied to
// every data module and the format information for the level and mask
// drawn. mr and mc may be rows and cols themselves.
func (s *symbol) masked(mask int, l Level, rows, cols, mr, mc []bitRow) {
	t := maskTables()
	for i := range rows {
		mr[i] = rows[i].xor(t.rows[mask][i%12].andNot(s.fnRows[i]))
		mc[i] = cols[i].xor(t.cols[mask][i%12].andNot(s.fnCols[i]))
	}
	n := s.size
	formatModules(n, formatBits(l, mask), func(x, y int, dark bool) {
		mr[y].set(x, dark)
		mc[x].set(y, dark)
	})
}

// maskPatterns holds each mask over the widest row, for rows and for
// columns. A mask's condition repeats every 12 rows and every 12 columns
// (the periods are 2, 3, 4 and 6), so rows[m][y%12] is mask m along row y
// and cols[m][x%12] is mask m down column x.
type maskPatterns struct {
	rows, cols [8][12]bitRow
}

var maskTables = sync.OnceValue(func() *maskPatterns {
	t := &maskPatterns{}
	for m := range 8 {
		for p := range 12 {
			for i := range 177 {
				t.rows[m][p].set(i, maskBit(m, i, p))
				t.cols[m][p].set(i, maskBit(m, p, i))
			}
		}
	}
	return t
})

// maskBit is data mask m's condition at column x, row y (the standard's j
// and i): where it holds, the data module is inverted.
func maskBit(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	case 7:
		return ((x+y)%2+x*y%3)%2 == 0
	}
	panic(fmt.Sprintf("render: mask %d", m))
}
