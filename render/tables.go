package render

// The QR code's capacity tables (ISO/IEC 18004:2015, table 9), indexed by
// Level and then by version; index 0 is unused.

// versions is the number of entries in each table: versions 1-40 and the
// unused 0.
const versions = 41

// eccPerBlock is the number of error-correction codewords in each block.
var eccPerBlock = [4][versions]int{
	Medium:   {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	Low:      {0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	Quartile: {0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	High:     {0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

// eccBlocks is the number of blocks the codewords are split into.
var eccBlocks = [4][versions]int{
	Medium:   {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	Low:      {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	Quartile: {0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	High:     {0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// rawModules is the number of modules a version has for codewords: the whole
// symbol less the finder, separator, timing and alignment patterns and the
// format and version information. The remainder after whole codewords is
// left light (0 to 7 bits).
func rawModules(version int) int {
	n := (16*version+128)*version + 64
	if version >= 2 {
		align := version/7 + 2
		n -= (25*align-10)*align - 55
		if version >= 7 {
			n -= 36
		}
	}
	return n
}

// dataCodewords is how many codewords of data a version holds at a level.
func dataCodewords(version int, l Level) int {
	return rawModules(version)/8 - eccPerBlock[l][version]*eccBlocks[l][version]
}

// alignmentCentres returns the row and column coordinates of the alignment
// patterns' centres: 6, then evenly spaced (by an even step) to size-7.
func alignmentCentres(version int) []int {
	if version == 1 {
		return nil
	}
	count := version/7 + 2
	step := 26
	if version != 32 { // the standard's one exception to the formula
		step = (version*4 + count*2 + 1) / (count*2 - 2) * 2
	}
	centres := make([]int, count)
	centres[0] = 6
	for i, pos := count-1, 4*version+10; i > 0; i, pos = i-1, pos-step {
		centres[i] = pos
	}
	return centres
}
