package render

import (
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// zxingPenalty is gozxing's mask penalty (rules 1 to 4, as its encoder
// scores masks), the reading of the standard ours is held to.
func zxingPenalty(dark []byte, n int) int {
	m := encoder.NewByteMatrix(n, n)
	for y := range n {
		for x := range n {
			m.Set(x, y, int8(dark[y*n+x]))
		}
	}
	return encoder.MaskUtil_applyMaskPenaltyRule1(m) + encoder.MaskUtil_applyMaskPenaltyRule2(m) +
		encoder.MaskUtil_applyMaskPenaltyRule3(m) + encoder.MaskUtil_applyMaskPenaltyRule4(m)
}

// scoreBytes scores a byte-a-module matrix with our scorer.
func scoreBytes(dark []byte, n int) int {
	rows, cols := make([]bitRow, n), make([]bitRow, n)
	for y := range n {
		for x := range n {
			if dark[y*n+x] == 1 {
				rows[y].set(x, true)
				cols[x].set(y, true)
			}
		}
	}
	return newScorer(n).penalty(rows, cols)
}

// Every mask candidate of every testdata payload scores the same as
// gozxing scores it, and the encoder keeps the lowest-scoring one.
func TestPenaltyMatchesZXing(t *testing.T) {
	for i, content := range testdataPayloads(t) {
		l := allLevels[i%4]
		segs, v, ok := chooseVersion(content, l, 1)
		if !ok {
			t.Fatalf("%q does not fit at %v", content, l)
		}
		c := buildCode(content, segs, v, l, -1)
		best, bestScore := -1, 0
		for m, cand := range candidates(t, content, segs, v, l) {
			ours, theirs := scoreBytes(cand, c.size), zxingPenalty(cand, c.size)
			if ours != theirs {
				t.Fatalf("%q mask %d: penalty %d, gozxing %d", content, m, ours, theirs)
			}
			if best < 0 || ours < bestScore {
				best, bestScore = m, ours
			}
		}
		if c.Mask != best {
			t.Fatalf("%q: chose mask %d, the lowest score is mask %d's", content, c.Mask, best)
		}
	}
}

// Random and near-uniform matrices of every symbol width, where runs,
// blocks and finder-like patterns meet the edges and each other.
func TestPenaltyMatchesZXingRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for v := 1; v <= 40; v++ {
		n := 4*v + 17
		for _, density := range []float64{0.5, 0.1, 0.9} {
			dark := make([]byte, n*n)
			for i := range dark {
				if r.Float64() < density {
					dark[i] = 1
				}
			}
			// Plant finder-like lines along the edges and overlapping.
			for i, c := range "10111010000101110100001011101" {
				if i < n {
					dark[i] = byte(c - '0')
					dark[i*n+n-1] = byte(c - '0')
				}
			}
			if ours, theirs := scoreBytes(dark, n), zxingPenalty(dark, n); ours != theirs {
				t.Fatalf("version %d density %v: penalty %d, gozxing %d", v, density, ours, theirs)
			}
		}
	}
}
