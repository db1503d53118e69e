package emv

import (
	"encoding/binary"

	"github.com/sigurn/crc16"
)

// crcTable is CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection,
// xorout 0): ISO/IEC 13239 as EMV MPM §4.7.3 prescribes. It is read only.
var crcTable = crc16.MakeTable(crc16.CRC16_CCITT_FALSE)

// Checksum returns the CRC-16/CCITT-FALSE of b.
func Checksum(b []byte) uint16 { return crc16.Complete(update(crcInit, b), crcTable) }

// update returns the CRC register r after reading b: what sigurn/crc16's
// Update returns, 16 bytes a step instead of one.
//
// sigurn's loop looks each byte up with the register it leaves, so every
// byte waits for the one before. The register is linear in its input, so
// a byte's share of the register 15 bytes later can be looked up on its own
// ("slicing", as hash/crc32 does without a CRC instruction): the 16 lookups
// of a step do not wait for each other. The tables come from sigurn's own
// one-byte update, and the last bytes of b (fewer than 8) go through
// sigurn's loop itself; TestUpdateIsSigurns holds the two together.
func update(r uint16, b []byte) uint16 {
	t := sliceTables
	for len(b) >= 16 {
		hi := binary.BigEndian.Uint64(b)
		lo := binary.BigEndian.Uint64(b[8:])
		x := uint16(hi>>48) ^ r // the register meets the first two bytes
		r = t[15][x>>8] ^ t[14][x&0xFF] ^ t[13][byte(hi>>40)] ^ t[12][byte(hi>>32)] ^
			t[11][byte(hi>>24)] ^ t[10][byte(hi>>16)] ^ t[9][byte(hi>>8)] ^ t[8][byte(hi)] ^
			t[7][lo>>56] ^ t[6][byte(lo>>48)] ^ t[5][byte(lo>>40)] ^ t[4][byte(lo>>32)] ^
			t[3][byte(lo>>24)] ^ t[2][byte(lo>>16)] ^ t[1][byte(lo>>8)] ^ t[0][byte(lo)]
		b = b[16:]
	}
	if len(b) >= 8 {
		w := binary.BigEndian.Uint64(b)
		x := uint16(w>>48) ^ r
		r = t[7][x>>8] ^ t[6][x&0xFF] ^ t[5][byte(w>>40)] ^ t[4][byte(w>>32)] ^
			t[3][byte(w>>24)] ^ t[2][byte(w>>16)] ^ t[1][byte(w>>8)] ^ t[0][byte(w)]
		b = b[8:]
	}
	return crc16.Update(r, b, crcTable)
}

// The class of a run of bytes, as classify returns it: 0 means printable
// ASCII (0x20..0x7E), EMV's common character set.
const (
	classNotPrintable uint8 = 0x01 // some byte is below 0x20, 0x7F, or not ASCII
	classNotASCII     uint8 = 0x80 // some byte is >= 0x80 (and so not printable)
)

// classify returns the class of b's bytes, a word at a time: the parse
// learns from it whether lengths in characters are lengths in bytes
// (ASCII) and whether every character passes the formats ans and S
// (printable).
func classify(b []byte) uint8 {
	if len(b) < 8 {
		// Spaces are printable ASCII: padding with them changes no class.
		pad := [8]byte{' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '}
		copy(pad[:], b)
		b = pad[:]
	}
	// The last word overlaps what the loop reads: a byte seen twice
	// changes no flag, and no byte is left over.
	last := binary.LittleEndian.Uint64(b[len(b)-8:])
	// or collects the bytes' high bits (>= 0x80); odd has a high bit set
	// for a byte below 0x20 (it borrows when 0x20 is taken) or 0x7F (it
	// carries when 1 is added). A borrow or a carry only reaches a byte
	// that is flagged already, so neither hides a flag.
	or, odd := last, (last-ones*0x20)|(last+ones)
	for len(b) >= 16 {
		w, v := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		or |= w | v
		odd |= (w - ones*0x20) | (w + ones) | (v - ones*0x20) | (v + ones)
		b = b[16:]
	}
	if len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		or |= w
		odd |= (w - ones*0x20) | (w + ones)
	}
	switch {
	case or&highs != 0:
		return classNotASCII | classNotPrintable
	case odd&highs != 0:
		return classNotPrintable
	}
	return 0
}

// The words of classify: a byte of ones, and the high bits.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// sliceTables[k][v] is the register after reading byte v and then k zero
// bytes, from a zero register (8 KiB, read only). Row 0 is sigurn's table;
// each further row is the one before it, one zero byte on. It is built
// when the package loads, as crcTable is (and hash/crc32's IEEETable):
// about 4,000 table steps. Built on first use instead (sync.OnceValue),
// every checksum would pay for the call that checks (benchmarks/README.md).
var sliceTables = func() *[16][256]uint16 {
	var t [16][256]uint16
	for v := range 256 {
		t[0][v] = crc16.Update(0, []byte{byte(v)}, crcTable)
	}
	for k := 1; k < len(t); k++ {
		for v := range 256 {
			r := t[k-1][v]
			t[k][v] = r<<8 ^ t[0][r>>8]
		}
	}
	return &t
}()

// CRC returns the 4 uppercase hex digits of the checksum of s. For a payload,
// s is everything up to and including "6304"; see [ExpectedCRC] to get the
// right value from a payload with or without its tag 63.
func CRC(s string) string { return hex16(Checksum(bytesOf(s))) }

// ExpectedCRC returns the checksum a payload should carry. It works with or
// without an existing tag 63. When the root objects parse, the last one
// decides: if it is 63 the sum covers everything before its value,
// otherwise s + "6304" (a value that merely ends in "6304" is not a CRC
// header). When they do not parse, a payload ending in "6304", or in
// "6304" and four more characters, is taken to hold the header; anything
// else gets s + "6304".
func ExpectedCRC(s string) string {
	var buf [16]Field
	if fs, err := walk(buf[:0], true, s, 0, isASCII(s), [3]uint8{}); err == nil && len(fs) > 0 {
		if last := fs[len(fs)-1]; last.Tag == CRCTag {
			return CRC(s[:len(s)-len(last.Value)])
		}
		return CRC(s + "6304")
	}
	n := len(s)
	switch {
	case n >= 4 && s[n-4:] == "6304":
		return CRC(s)
	case n >= 8 && s[n-8:n-4] == "6304":
		return CRC(s[:n-4])
	}
	return CRC(s + "6304")
}

const hexDigits = "0123456789ABCDEF"

func hex16(v uint16) string {
	var b [4]byte
	return string(appendHex16(b[:0], v))
}

// appendHex16 appends the 4 uppercase hex digits of v, as a payload's 63
// carries them.
func appendHex16(dst []byte, v uint16) []byte {
	return append(dst, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// parseHex16 reads 4 hex digits of either case and says whether any was
// lowercase.
func parseHex16(s string) (v uint16, lower, ok bool) {
	if len(s) != 4 {
		return 0, false, false
	}
	for i := 0; i < 4; i++ {
		c := s[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
			lower = true
		default:
			return 0, false, false
		}
		v = v<<4 | uint16(d)
	}
	return v, lower, true
}

// Digest is the payload checksum computed in pieces: feed it the bytes of a
// payload in order with Update, and Sum16 returns what [Checksum] returns
// for all of them at once. The zero Digest has read nothing. A Digest is a
// value: Update returns the new state and leaves its receiver as it was,
// so a state can be kept and reused.
type Digest struct {
	// r is the CRC register xor its initial value, so that the zero
	// Digest is the initial state.
	r uint16
}

// crcInit is the initial register of CRC-16/CCITT-FALSE.
const crcInit = 0xFFFF

// Update returns the state after reading b.
func (d Digest) Update(b []byte) Digest {
	return Digest{update(d.r^crcInit, b) ^ crcInit}
}

// UpdateString is Update for a string, without copying it.
func (d Digest) UpdateString(s string) Digest { return d.Update(bytesOf(s)) }

// Sum16 returns the checksum of the bytes read.
func (d Digest) Sum16() uint16 { return crc16.Complete(d.r^crcInit, crcTable) }

// AppendCRC appends the checksum of the bytes read to dst as the 4
// uppercase hex digits that end a payload, and returns the extended slice.
func (d Digest) AppendCRC(dst []byte) []byte { return appendHex16(dst, d.Sum16()) }
