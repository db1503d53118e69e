package render

import (
	"testing"

	"github.com/qriskit/qriskit/internal/testcorpus"
	qrcode "github.com/skip2/go-qrcode"
)

// skip2/go-qrcode is the reference the encoder is held to. Two of skip2's
// choices differ from ours on purpose, so the comparison takes both from
// skip2 and checks the rest bit for bit:
//
//   - Segments. skip2 splits content greedily (runs of one mode, merged
//     left to right, or one segment in the widest mode if that is shorter);
//     ours are the shortest split, which often needs a smaller version.
//     skip2Segments below is skip2's rule, fed to our encoder.
//   - Mask. skip2's penalty is not the standard's: its N1 scores runs from
//     six modules rather than five, its N3 is a window with a reset that
//     misses overlapping and edge patterns, and its N4 rounds the dark
//     share differently. So ours and skip2's can pick different masks for
//     the same data. The comparison builds ours with skip2's mask, and
//     checks that skip2's penalty, run on our eight candidates, picks that
//     same mask: the scoring rule is then the only difference.

// skip2Level maps our levels to skip2's names for them.
func skip2Level(l Level) qrcode.RecoveryLevel {
	switch l {
	case Low:
		return qrcode.Low
	case Quartile:
		return qrcode.High // skip2 calls Q "High"
	case High:
		return qrcode.Highest // and H "Highest"
	}
	return qrcode.Medium
}

var allLevels = []Level{Low, Medium, Quartile, High}

// skip2Segments is skip2's segmentation (encoder.go, dataEncoder.encode) for
// a version class.
func skip2Segments(content string, class int) []segment {
	modeOf := func(c byte) mode {
		switch {
		case isDigit(c):
			return numeric
		case alnumValue[c] >= 0:
			return alphanumeric
		}
		return byteMode
	}
	// Runs of one mode.
	var runs []segment
	widest := numeric
	for i := 0; i < len(content); i++ {
		m := modeOf(content[i])
		widest = max(widest, m)
		if len(runs) > 0 && runs[len(runs)-1].mode == m {
			runs[len(runs)-1].end = i + 1
		} else {
			runs = append(runs, segment{mode: m, start: i, end: i + 1})
		}
	}
	one := func(s segment) int { return segmentBits(content, []segment{s}, class) }
	// Merge each run with following runs of a narrower or equal mode while
	// the merged run is shorter than the two apart.
	var merged []segment
	for i := 0; i < len(runs); {
		cur := runs[i]
		j := i + 1
		for ; j < len(runs) && runs[j].mode <= cur.mode; j++ {
			joined := segment{mode: cur.mode, start: cur.start, end: runs[j].end}
			if one(joined) >= one(cur)+one(runs[j]) {
				break
			}
			cur = joined
		}
		merged = append(merged, cur)
		i = j
	}
	single := segment{mode: widest, start: 0, end: len(content)}
	if one(single) <= segmentBits(content, merged, class) {
		return []segment{single}
	}
	return merged
}

// skip2Mask reads the mask from the format information of a skip2 bitmap
// with its 4-module border.
func skip2Mask(bitmap [][]bool) int {
	n := len(bitmap) - 8
	var bits uint32
	i := 0
	formatModules(n, 0, func(x, y int, _ bool) {
		if i < 15 && bitmap[y+4][x+4] {
			bits |= 1 << uint(i)
		}
		i++
	})
	return int((bits ^ 0x5412) >> 10 & 7)
}

// skip2Penalty is skip2's mask score (symbol.go, penaltyScore), ported.
func skip2Penalty(dark []byte, n int) int {
	at := func(x, y int) bool { return dark[y*n+x] == 1 }
	p := 0
	// N1, counted from a run of six.
	for _, get := range []func(a, b int) bool{func(a, b int) bool { return at(a, b) }, func(a, b int) bool { return at(b, a) }} {
		for a := range n {
			last, count := get(a, 0), 1
			for b := 1; b < n; b++ {
				if v := get(a, b); v != last {
					last, count = v, 1
				} else {
					count++
					if count == 6 {
						p += 4
					} else if count > 6 {
						p++
					}
				}
			}
		}
	}
	// N2.
	for y := 1; y < n; y++ {
		for x := 1; x < n; x++ {
			c := at(x, y)
			if c == at(x-1, y) && c == at(x, y-1) && c == at(x-1, y-1) {
				p += 3
			}
		}
	}
	// N3, an 11-bit window reset after each match.
	for _, get := range []func(a, b int) bool{func(a, b int) bool { return at(b, a) }, func(a, b int) bool { return at(a, b) }} {
		for a := range n {
			var buf int16
			for b := range n {
				buf <<= 1
				if get(a, b) {
					buf |= 1
				}
				switch buf & 0x7ff {
				case 0x05d, 0x5d0:
					p += 40
					buf = 0xFF
				default:
					if b == n-1 && buf&0x7f == 0x5d {
						p += 40
						buf = 0xFF
					}
				}
			}
		}
	}
	// N4.
	dark4 := 0
	for _, d := range dark {
		dark4 += int(d)
	}
	dev := n*n/2 - dark4
	if dev < 0 {
		dev = -dev
	}
	return p + 10*(dev/(n*n/20))
}

// checkAgainstSkip2 encodes content at a level with skip2 and with our
// encoder given skip2's segments and mask, and fails unless the two are
// the same bit for bit and skip2's own scoring of our candidates picks its
// mask. It returns skip2's version and whether our scoring picked the same
// mask, or 0 when skip2 cannot encode the content.
func checkAgainstSkip2(t testing.TB, content string, l Level) (version int, sameMask bool) {
	t.Helper()
	q, err := qrcode.New(content, skip2Level(l))
	if err != nil {
		return 0, false
	}
	want := q.Bitmap()
	version = q.VersionNumber
	mask := skip2Mask(want)
	segs := skip2Segments(content, versionClass(version))
	got := buildCode(content, segs, version, l, mask)
	if got.size != len(want)-8 {
		t.Fatalf("%q level %v: %d modules, skip2 %d", content, l, got.size, len(want)-8)
	}
	for y := range got.size {
		for x := range got.size {
			if got.Dark(x, y) != want[y+4][x+4] {
				t.Fatalf("%q level %v version %d mask %d: module (%d,%d) differs from skip2", content, l, version, mask, x, y)
			}
		}
	}
	// skip2's scoring on our candidates picks skip2's mask.
	best, bestScore := -1, 0
	for m, cand := range candidates(t, content, segs, version, l) {
		if p := skip2Penalty(cand, got.size); best < 0 || p < bestScore {
			best, bestScore = m, p
		}
	}
	if best != mask {
		t.Fatalf("%q level %v: skip2's scoring of our candidates picks mask %d, skip2 used %d", content, l, best, mask)
	}
	ours := buildCode(content, segs, version, l, -1)
	return version, ours.Mask == mask
}

// testdataPayloads is every payload in the module's test data: the
// corpus, the gateway's example and the spec's vectors.
func testdataPayloads(tb testing.TB) []string {
	tb.Helper()
	out := corpus(tb)
	for _, v := range testcorpus.Vectors(tb) {
		out = append(out, v.Payload)
	}
	return out
}

func TestEncoderMatchesSkip2Testdata(t *testing.T) {
	same, total := 0, 0
	for _, content := range testdataPayloads(t) {
		for _, l := range allLevels {
			v, sameMask := checkAgainstSkip2(t, content, l)
			if v == 0 {
				t.Fatalf("skip2 cannot encode %q at %v", content, l)
			}
			total++
			if sameMask {
				same++
			}
		}
	}
	t.Logf("%d of %d codes: the standard's penalty picks skip2's mask", same, total)
}

// byteCapacity is how many bytes a version holds in one byte segment.
func byteCapacity(version int, l Level) int {
	return (8*dataCodewords(version, l) - 4 - byteMode.countBits(versionClass(version))) / 8
}

// Every version at every level, each filled to the last byte skip2 puts in
// it: the capacity tables, block layout, alignment patterns and version
// information of all 160 symbols.
func TestEncoderMatchesSkip2EveryVersion(t *testing.T) {
	for _, l := range allLevels {
		for v := 1; v <= 40; v++ {
			n := byteCapacity(v, l)
			b := make([]byte, n)
			for i := range b {
				b[i] = "abcdefghijklmnopqrstuvwxyz{|}~"[(i*7+v*13+int(l))%30]
			}
			got, _ := checkAgainstSkip2(t, string(b), l)
			if got != v {
				t.Fatalf("%d bytes at %v: skip2 chose version %d, want %d", n, l, got, v)
			}
		}
	}
}

// candidates returns the symbol under each of the eight masks, a byte a
// module, row by row.
func candidates(tb testing.TB, content string, segs []segment, version int, l Level) [8][]byte {
	sym := newSymbol(version)
	sym.place(makeCodewords(content, segs, version, l))
	rows, cols := sym.bitRows()
	n := sym.size
	mr, mc := make([]bitRow, n), make([]bitRow, n)
	var out [8][]byte
	for m := range out {
		sym.masked(m, l, rows, cols, mr, mc)
		out[m] = make([]byte, n*n)
		for y := range n {
			for x := range n {
				out[m][y*n+x] = b2u(mr[y].get(x))
				if mc[x].get(y) != mr[y].get(x) {
					tb.Fatalf("mask %d: column %d disagrees with row %d", m, x, y)
				}
			}
		}
	}
	return out
}
