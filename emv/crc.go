package emv

import "github.com/sigurn/crc16"

// crcTable is CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection,
// xorout 0): ISO/IEC 13239 as EMV MPM §4.7.3 prescribes. It is read only.
var crcTable = crc16.MakeTable(crc16.CRC16_CCITT_FALSE)

// Checksum returns the CRC-16/CCITT-FALSE of b.
func Checksum(b []byte) uint16 { return crc16.Checksum(b, crcTable) }

// checksum is Checksum over a string, without copying it. It is kept out of
// line so the table loop is compiled once, the same wherever it is used.
//
//go:noinline
func checksum(s string) uint16 { return crc16.Checksum(bytesOf(s), crcTable) }

// CRC returns the 4 uppercase hex digits of the checksum of s. For a payload,
// s is everything up to and including "6304"; see [ExpectedCRC] to get the
// right value from a payload with or without its tag 63.
func CRC(s string) string { return hex16(checksum(s)) }

// ExpectedCRC returns the checksum a payload should carry. It works with or
// without an existing tag 63: when the root objects parse and the last one is
// 63, or when the payload ends in "6304" and four more characters, the sum
// covers everything before the value; otherwise it covers s + "6304".
func ExpectedCRC(s string) string {
	var buf [16]Field
	if fs, err := walk(buf[:0], s, 0, isASCII(s), [3]uint8{}); err == nil && len(fs) > 0 && fs[len(fs)-1].Tag == CRCTag {
		last := fs[len(fs)-1]
		return CRC(s[:len(s)-len(last.Value)])
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
	b := [4]byte{hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15]}
	return string(b[:])
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
