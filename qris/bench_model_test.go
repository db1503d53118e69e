package qris

import (
	"os"
	"strings"
	"testing"

	"github.com/sigurn/crc16"
)

// The benchmarks of the model run on two real payloads: the gateway's example
// content (284 characters, a dynamic QRIS with objects out of ascending
// order) and a real static QRIS (LinkAja, spec vector P4). BenchmarkCRC runs
// sigurn/crc16 alone over the same bytes, so each can be read as a ratio in
// one run:
//
//	DecodeValidate / CRC/gateway  ≤ 1.6, ≤ 2 allocations
//	Dynamic        / CRC/static   ≤ 2.4, 1 allocation (the result)

func benchPayloads(b *testing.B) (gateway, static string) {
	b.Helper()
	raw, err := os.ReadFile("../testdata/gateway-example.txt")
	if err != nil {
		b.Fatal(err)
	}
	gateway = strings.TrimSpace(string(raw))
	static = modelVectors(b)["P4"]
	if len(gateway) != 284 || static == "" {
		b.Fatalf("test payloads changed: %d characters, P4 %q", len(gateway), static)
	}
	return gateway, static
}

func BenchmarkDecodeValidate(b *testing.B) {
	gateway, _ := benchPayloads(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(gateway)))
	for b.Loop() {
		p, err := Decode(gateway)
		if err != nil {
			b.Fatal(err)
		}
		if problems := p.Validate(Options{}); problems != nil {
			b.Fatal(problems)
		}
	}
}

// keptPayment makes BenchmarkDecodeValidateKept's Payment outlive its loop
// iteration, as a caller that stores or returns it does.
var keptPayment *Payment

// BenchmarkDecodeValidateKept is BenchmarkDecodeValidate for a caller that
// keeps the Payment: it lives on the heap, one allocation more.
func BenchmarkDecodeValidateKept(b *testing.B) {
	gateway, _ := benchPayloads(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(gateway)))
	for b.Loop() {
		p, err := Decode(gateway)
		if err != nil {
			b.Fatal(err)
		}
		if problems := p.Validate(Options{}); problems != nil {
			b.Fatal(problems)
		}
		keptPayment = p
	}
}

func BenchmarkDecode(b *testing.B) {
	gateway, _ := benchPayloads(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(gateway)))
	for b.Loop() {
		if _, err := Decode(gateway); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDynamic measures the conversion itself (NoCheck), the figure
// its bound names; BenchmarkDynamicChecked adds the default checklist.
func BenchmarkDynamic(b *testing.B) {
	_, static := benchPayloads(b)
	benchDynamic(b, static, true)
}

func BenchmarkDynamicChecked(b *testing.B) {
	_, static := benchPayloads(b)
	benchDynamic(b, static, false)
}

// BenchmarkDynamicOutOfOrder re-amounts the gateway's dynamic example,
// whose objects are out of tag order: the planned way of converting, with
// the same one reading of the input for both checksums.
func BenchmarkDynamicOutOfOrder(b *testing.B) {
	gateway, _ := benchPayloads(b)
	benchDynamic(b, gateway, true)
}

func benchDynamic(b *testing.B, payload string, noCheck bool) {
	o := DynamicOptions{Amount: "15000", BillNumber: "INV-0001", NoCheck: noCheck}
	b.ReportAllocs()
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		if _, err := ToDynamic(payload, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCRC(b *testing.B) {
	gateway, static := benchPayloads(b)
	table := crc16.MakeTable(crc16.CRC16_CCITT_FALSE)
	for _, bc := range []struct{ name, payload string }{{"gateway", gateway}, {"static", static}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.payload)))
			data := []byte(bc.payload)
			var sink uint16
			for b.Loop() {
				sink += crc16.Checksum(data[:len(data)-4], table)
			}
			if sink == 1 {
				b.Log(sink)
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	gateway, _ := benchPayloads(b)
	p, err := Decode(gateway)
	if err != nil {
		b.Fatal(err)
	}
	p.MerchantName = "TOKO LAIN"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIsDerived(b *testing.B) {
	_, static := benchPayloads(b)
	dynamic, err := ToDynamic(static, DynamicOptions{Amount: "15000"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, _, err := IsDerived(static, dynamic); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
