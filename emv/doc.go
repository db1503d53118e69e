// Package emv reads and writes EMVCo Merchant-Presented Mode (MPM) QR payloads:
// the ID-length-value (TLV) text inside payment QR codes, ending in a
// CRC-16/CCITT-FALSE checksum (tag 63).
//
// [Parse] turns a payload string into its root data objects, in the order they
// appear, without copying: every [Field] value is a view into the input. A
// template (a value that is itself TLV, such as 26..51, 62, 64 or 80..99) is
// parsed only when the caller asks, with [Field.Template]; whether a tag is a
// template is the caller's or the profile's call, never the parser's. Nothing is
// reordered or dropped, so [Payload.String] of a parsed payload is the input.
//
// [Builder] writes payloads. Templates are built with a continuation
// ([Builder.AddTemplate]), so no caller ever computes a length by hand, and
// [Builder.Payload] appends "6304" and the checksum.
//
// [Checksum], [CRC] and [ExpectedCRC] compute the checksum in one piece;
// [Digest] computes it in pieces. The checksum is sigurn/crc16's, read 16
// bytes a step through tables built from sigurn's own update (the technique
// of hash/crc32; BenchmarkChecksum against BenchmarkCRC measures it), and
// held to that loop by property tests and fuzzing.
//
// Lengths count characters (runes), not bytes, and the checksum runs over the
// UTF-8 bytes. Every failure is an [*Error] carrying the character offset and
// the tag, and wrapping one of the sentinels below, for [errors.Is].
//
// This package knows TLV and CRC and nothing of any national profile: QRIS
// rules live in package qris.
package emv
