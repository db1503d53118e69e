package emv

import (
	"testing"

	"github.com/sigurn/crc16"
)

// BenchmarkParse and BenchmarkCRC run on the same bytes, the gateway's
// example content (284 characters): compare their ns/op as a ratio.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(gatewayContent)))
	var p Payload
	var ps Parser
	for b.Loop() {
		if err := ps.ParseInto(&p, gatewayContent); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseNew is Parse with a fresh Payload each time (one allocation).
func BenchmarkParseNew(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(gatewayContent)))
	for b.Loop() {
		if _, err := Parse(gatewayContent); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCRC is sigurn/crc16's byte loop alone over the same bytes: the
// yardstick the issues set their bounds by.
func BenchmarkCRC(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(gatewayContent)))
	data := []byte(gatewayContent)
	table := crc16.MakeTable(crc16.CRC16_CCITT_FALSE)
	var sink uint16
	for b.Loop() {
		sink += crc16.Checksum(data[:len(data)-4], table)
	}
	if sink == 1 {
		b.Log(sink)
	}
}

// BenchmarkChecksum is emv's own checksum over the same bytes: sigurn's
// CRC read 16 bytes a step.
func BenchmarkChecksum(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(gatewayContent)))
	data := []byte(gatewayContent)
	var sink uint16
	for b.Loop() {
		sink += Checksum(data[:len(data)-4])
	}
	if sink == 1 {
		b.Log(sink)
	}
}

// BenchmarkIsTLV is IsTLV on the template BenchmarkTemplate parses: it
// keeps nothing, so it costs less.
func BenchmarkIsTLV(b *testing.B) {
	b.ReportAllocs()
	p, err := Parse(gatewayContent)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := p.Get(62)
	for b.Loop() {
		if !IsTLV(f.Value) {
			b.Fatal("62 is not TLV")
		}
	}
}

func BenchmarkTemplate(b *testing.B) {
	b.ReportAllocs()
	p, err := Parse(gatewayContent)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := p.Get(62)
	var dst Fields
	for b.Loop() {
		if dst, err = f.AppendTemplate(dst[:0]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	p, err := Parse(gatewayContent)
	if err != nil {
		b.Fatal(err)
	}
	var bld Builder
	var out []byte
	for b.Loop() {
		bld.Reset()
		for _, f := range p.Fields()[:len(p.Fields())-1] {
			bld.Add(f.Tag, f.Value)
		}
		if out, err = bld.AppendPayload(out[:0]); err != nil {
			b.Fatal(err)
		}
	}
}
