package emv

// Tag is a data object identifier, 00..99. Its meaning depends on where it
// stands: 01 at the root is not 01 inside template 62.
type Tag uint8

// tagDigits lets Tag.String slice a constant instead of allocating.
const tagDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

// CRCTag is the tag of the checksum object, which must be the last one.
const CRCTag Tag = 63

// String returns the tag as its two digits, "00".."99"; a value above 99 (which
// no payload can hold) prints as "??".
func (t Tag) String() string {
	if t > 99 {
		return "??"
	}
	return tagDigits[2*int(t) : 2*int(t)+2]
}

// ParseTag reads two decimal digits.
func ParseTag(s string) (Tag, bool) {
	if len(s) != 2 || s[0]-'0' > 9 || s[1]-'0' > 9 {
		return 0, false
	}
	return Tag((s[0]-'0')*10 + s[1] - '0'), true
}
