package render

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

// penalty scores a size×size symbol. scratch must hold size×size bytes: it
// receives the symbol transposed, so that columns are scored by the same
// row loop, over contiguous memory, as rows.
func penalty(dark, scratch []byte, size int) int {
	score, darkCount := 0, 0
	for y := range size {
		row := dark[y*size : (y+1)*size]
		score += linePenalty(row)
		for x, d := range row {
			scratch[x*size+y] = d
			darkCount += int(d)
		}
		if y > 0 {
			above := dark[(y-1)*size : y*size]
			for x := 1; x < size; x++ {
				d := row[x]
				if d == row[x-1] && d == above[x] && d == above[x-1] {
					score += 3
				}
			}
		}
	}
	for x := range size {
		score += linePenalty(scratch[x*size : (x+1)*size])
	}
	total := size * size
	dev := 2*darkCount - total
	if dev < 0 {
		dev = -dev
	}
	return score + dev*10/total*10
}

// linePenalty is rules N1 and N3 over one row or column. For N3 the last 15
// modules are kept as bits (newest lowest), with four light ones shifted in
// before and after the line: a window ending 00001011101 is a pattern with
// light before it, one ending 10111010000 a pattern with light after it,
// and 000010111010000 is one pattern both ways, to be counted once.
func linePenalty(line []byte) int {
	score, patterns := 0, 0
	run := 0
	var last byte = 2 // no module yet
	var w uint32
	for _, d := range line {
		if d == last {
			run++
			if run == 5 {
				score += 3
			} else if run > 5 {
				score++
			}
		} else {
			last, run = d, 1
		}
		w = (w<<1 | uint32(d)) & 0x7FFF
		patterns += finderLike(w)
	}
	for range 4 {
		w = w << 1 & 0x7FFF
		patterns += finderLike(w)
	}
	return score + 40*patterns
}

func finderLike(w uint32) int {
	n := 0
	if w&0x7FF == 0b00001011101 {
		n++
	}
	if w&0x7FF == 0b10111010000 {
		n++
		if w == 0b000010111010000 {
			n--
		}
	}
	return n
}
