package render

import "math/bits"

// The mask penalty (ISO/IEC 18004:2015, 7.8.3): the encoder keeps the mask
// whose symbol scores lowest. The rules read as ZXing reads them, which is
// what the tests hold this to:
//
//   - N1: a run of five or more same-coloured modules in a row or column
//     scores 3, plus 1 for each module beyond five.
//   - N2: each 2×2 block of one colour scores 3 (blocks may overlap).
//   - N3: each dark-light-dark-dark-dark-light-dark pattern in a row or
//     column with four light modules before or after it scores 40, once
//     even when both sides are light; outside the symbol counts as light.
//   - N4: 10 for every whole 5% the dark share is away from half.
//
// The rules run on bit rows, the rows and (for the column rules) the
// columns of the symbol, so each is a few word operations a line.

// scorer scores the masked candidates of one symbol size.
type scorer struct {
	n int
	// words is how many words of a bitRow the symbol and its light
	// margins use: one up to version 9, two up to 25, three beyond.
	words int
	// runs marks the bits where a run of five can start (modules 0 to
	// n-5), blocks where a 2×2 block can (modules 0 to n-2).
	runs, blocks bitRow
}

func newScorer(n int) scorer {
	return scorer{n: n, words: (n + 2*pad + 63) / 64, runs: span(pad, pad+n-5), blocks: span(pad, pad+n-2)}
}

// penalty scores a symbol given as its rows and its columns.
func (s scorer) penalty(rows, cols []bitRow) int {
	score, dark := 0, 0
	for y := range rows {
		score += s.line(&rows[y]) + s.line(&cols[y])
		dark += rows[y].count()
		if y > 0 {
			score += 3 * s.blocks2x2(&rows[y-1], &rows[y])
		}
	}
	total := s.n * s.n
	dev := 2*dark - total
	if dev < 0 {
		dev = -dev
	}
	return score + dev*10/total*10
}

// word returns word w of a row, 0 beyond its ends, for the shifts below.
func word(a *bitRow, w int) uint64 {
	if w < 0 || w >= len(a) {
		return 0
	}
	return a[w]
}

// blocks2x2 counts rule N2's blocks between two neighbouring rows: where
// the rows agree in two neighbouring columns and the upper row's two
// modules agree.
func (s scorer) blocks2x2(a, b *bitRow) int {
	count := 0
	for w := range s.words {
		aw, bw := a[w], b[w]
		an := aw>>1 | word(a, w+1)<<63 // the module to the right
		bn := bw>>1 | word(b, w+1)<<63
		same := ^(aw ^ bw) & ^(an ^ bn) & ^(aw ^ an)
		count += bits.OnesCount64(same & s.blocks[w])
	}
	return count
}

// line is rules N1 and N3 over one row or column, a word at a time; next(k)
// is the word of modules k to the right, prev(k) k to the left.
func (s scorer) line(a *bitRow) int {
	score, patterns := 0, 0
	for w := range s.words {
		cur, nw, pw := a[w], word(a, w+1), word(a, w-1)
		next := func(k uint) uint64 { return cur>>k | nw<<(64-k) }
		prev := func(k uint) uint64 { return cur<<k | pw>>(64-k) }
		// N1: with eq marking modules equal to the next one, five of a
		// colour start wherever four eqs follow in a row. A run of L ≥ 5
		// holds L-4 such starts and scores 3+(L-5): one a start, and 2
		// more for its first, where the module before differs.
		eq := ^(cur ^ next(1))
		eqNext := ^(next(1) ^ next(2)) & ^(next(2) ^ next(3)) & ^(next(3) ^ next(4))
		five := eq & eqNext & s.runs[w]
		eqPrev := ^(prev(1) ^ cur)
		if w == 0 {
			eqPrev &^= 1 << pad // the light pad before the line is not a colour
		}
		score += bits.OnesCount64(five) + 2*bits.OnesCount64(five&^eqPrev)
		// N3: 1011101 with 0000 after it or before it; the pad and the
		// bits past the line are light.
		p := cur &^ next(1) & next(2) & next(3) & next(4) &^ next(5) & next(6)
		after := ^(next(7) | next(8) | next(9) | next(10))
		before := ^(prev(1) | prev(2) | prev(3) | prev(4))
		patterns += bits.OnesCount64(p & (after | before))
	}
	return score + 40*patterns
}
