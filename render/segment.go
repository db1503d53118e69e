package render

// mode is a QR segment's data mode. Kanji and ECI are not used: content is
// written as its UTF-8 bytes, which is what phone readers expect.
type mode uint8

const (
	numeric mode = iota
	alphanumeric
	byteMode
)

// indicator is the 4-bit mode indicator that starts a segment.
func (m mode) indicator() uint32 {
	switch m {
	case numeric:
		return 0b0001
	case alphanumeric:
		return 0b0010
	}
	return 0b0100
}

// countBits is the width of a segment's character count, which grows at
// versions 10 and 27; class is 0 for versions 1-9, 1 for 10-26, 2 for 27-40.
func (m mode) countBits(class int) int {
	return [3][3]int{
		numeric:      {10, 12, 14},
		alphanumeric: {9, 11, 13},
		byteMode:     {8, 16, 16},
	}[m][class]
}

// versionClass says which count-field widths a version uses.
func versionClass(version int) int {
	switch {
	case version <= 9:
		return 0
	case version <= 26:
		return 1
	}
	return 2
}

// alnumValue is each byte's value in alphanumeric mode, or -1 for a byte that
// mode cannot hold.
var alnumValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, c := range "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:" {
		t[c] = int8(i)
	}
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// segment is a run of the content written in one mode.
type segment struct {
	mode       mode
	start, end int // byte offsets into the content
}

// segmentBits is how many bits the segments take with their headers.
func segmentBits(content string, segs []segment, class int) int {
	bits := 0
	for _, s := range segs {
		n := s.end - s.start
		bits += 4 + s.mode.countBits(class)
		switch s.mode {
		case numeric:
			bits += 10*(n/3) + [3]int{0, 4, 7}[n%3]
		case alphanumeric:
			bits += 11*(n/2) + 6*(n%2)
		default:
			bits += 8 * n
		}
	}
	return bits
}

// The states of the segmentation search: the mode of the segment the last
// byte went into and, for numeric and alphanumeric, how many of its bytes
// wait for a full group (three digits take 10 bits, two letters 11).
const (
	stN0 = iota // numeric, a whole number of groups
	stN1        // numeric, one digit pending
	stN2        // numeric, two digits pending
	stA0        // alphanumeric, a whole number of pairs
	stA1        // alphanumeric, one letter pending
	stB         // byte
	numStates
)

// stateMode is the mode each search state writes in.
var stateMode = [numStates]mode{numeric, numeric, numeric, alphanumeric, alphanumeric, byteMode}

// optimalSegments splits the content into the segments with the shortest
// bit stream for a version class. Each byte extends the current segment or
// starts a new one; counting each group's bits as its bytes arrive (a digit
// costs 4, 3, 3 bits as a group of three fills to 10; a letter 6, 5) makes
// every cost an exact integer, so a dynamic programme over six states finds
// the true minimum. No count field overflows: a segment longer than its
// field allows would alone exceed the class's largest capacity.
func optimalSegments(content string, class int) []segment {
	n := len(content)
	const inf = 1 << 30
	// from[i][s] is the state before byte i when byte i ends in state s.
	from := make([][numStates]uint8, n)
	var cost, next [numStates]int
	header := func(m mode) int { return 4 + m.countBits(class) }
	for s := range cost {
		cost[s] = inf
	}
	for i := 0; i < n; i++ {
		c := content[i]
		for s := range next {
			next[s] = inf
		}
		// best is the cheapest state to start a new segment from; at the
		// first byte there is nothing before it.
		best, bestState := 0, uint8(0)
		if i > 0 {
			best = inf
			for s, v := range cost {
				if v < best {
					best, bestState = v, uint8(s)
				}
			}
		}
		try := func(to int, v int, prev uint8) {
			if v < next[to] {
				next[to] = v
				from[i][to] = prev
			}
		}
		if isDigit(c) {
			try(stN1, best+header(numeric)+4, bestState)
			try(stN1, cost[stN0]+4, stN0)
			try(stN2, cost[stN1]+3, stN1)
			try(stN0, cost[stN2]+3, stN2)
		}
		if alnumValue[c] >= 0 {
			try(stA1, best+header(alphanumeric)+6, bestState)
			try(stA1, cost[stA0]+6, stA0)
			try(stA0, cost[stA1]+5, stA1)
		}
		try(stB, best+header(byteMode)+8, bestState)
		try(stB, cost[stB]+8, stB)
		cost = next
	}
	// Walk back from the cheapest end, cutting where the mode changes or a
	// new segment of the same mode began (which the search never prefers,
	// but the walk does not need to assume it).
	end := 0
	for s, v := range cost {
		if v < cost[end] {
			end = s
		}
	}
	var segs []segment
	s := uint8(end)
	stop := n
	for i := n - 1; i >= 0; i-- {
		prev := from[i][s]
		if i == 0 || startsSegment(prev, s) {
			segs = append(segs, segment{mode: stateMode[s], start: i, end: stop})
			stop = i
		}
		s = prev
	}
	for i, j := 0, len(segs)-1; i < j; i, j = i+1, j-1 {
		segs[i], segs[j] = segs[j], segs[i]
	}
	return segs
}

// startsSegment says whether moving from state prev to state s, on one byte,
// began a new segment: the mode changed, or the group count restarted.
func startsSegment(prev, s uint8) bool {
	if stateMode[prev] != stateMode[s] {
		return true
	}
	switch s {
	case stN1:
		return prev != stN0
	case stN2:
		return prev != stN1
	case stN0:
		return prev != stN2
	case stA1:
		return prev != stA0
	case stA0:
		return prev != stA1
	}
	return false // byte after byte: the search never starts a second byte run
}

// bitWriter appends bits, most significant first, to a byte slice.
type bitWriter struct {
	buf  []byte
	nbit int
}

func (w *bitWriter) write(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.nbit%8 == 0 {
			w.buf = append(w.buf, 0)
		}
		if v>>uint(i)&1 != 0 {
			w.buf[w.nbit/8] |= 0x80 >> uint(w.nbit%8)
		}
		w.nbit++
	}
}

// writeSegments writes each segment's mode indicator, count and data.
func (w *bitWriter) writeSegments(content string, segs []segment, class int) {
	for _, s := range segs {
		data := content[s.start:s.end]
		w.write(s.mode.indicator(), 4)
		w.write(uint32(len(data)), s.mode.countBits(class))
		switch s.mode {
		case numeric:
			for i := 0; i < len(data); i += 3 {
				g := data[i:min(i+3, len(data))]
				v := uint32(0)
				for _, c := range []byte(g) {
					v = v*10 + uint32(c-'0')
				}
				w.write(v, [4]int{0, 4, 7, 10}[len(g)])
			}
		case alphanumeric:
			for i := 0; i+1 < len(data); i += 2 {
				w.write(uint32(alnumValue[data[i]])*45+uint32(alnumValue[data[i+1]]), 11)
			}
			if len(data)%2 == 1 {
				w.write(uint32(alnumValue[data[len(data)-1]]), 6)
			}
		default:
			for i := 0; i < len(data); i++ {
				w.write(uint32(data[i]), 8)
			}
		}
	}
}
