package qris

import (
	"os"
	"strings"
	"testing"

	"github.com/sigurn/crc16"

	"github.com/qriskit/qriskit/emv"
)

// The benchmarks of the model run on two real payloads: the gateway's example
// content (284 characters, a dynamic QRIS with objects out of ascending
// order) and a real static QRIS (LinkAja, spec vector P4). BenchmarkCRC runs
// sigurn/crc16 alone over the same bytes, and BenchmarkEncodeFloor a plain
// append encoder, so each can be read as a ratio in one run: issue 13 asks
// EncodeUnchanged / EncodeFloor ≤ 1.5 with at most 2 allocations.

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

// BenchmarkEncodeUnchanged encodes the decoded gateway example as it is:
// through the one write path, which then gives back the input.
func BenchmarkEncodeUnchanged(b *testing.B) {
	gateway, _ := benchPayloads(b)
	p, err := Decode(gateway)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if s, err := p.Encode(); err != nil || len(s) != len(gateway) {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeFloor is the baseline of BenchmarkEncodeUnchanged: a plain
// append encoder over the same fields (ASCII, ascending order, no checks),
// with its checksum, into one string.
func BenchmarkEncodeFloor(b *testing.B) {
	gateway, _ := benchPayloads(b)
	p, err := Decode(gateway)
	if err != nil {
		b.Fatal(err)
	}
	var buf [emv.MaxLength]byte
	if got := floorEncode(buf[:0], p); len(got) != len(gateway) {
		b.Fatalf("the floor encoder wrote %d characters, the input has %d", len(got), len(gateway))
	}
	b.ReportAllocs()
	for b.Loop() {
		if s := floorEncode(buf[:0], p); len(s) != len(gateway) {
			b.Fatal(s)
		}
	}
}

// BenchmarkEncodeUnchangedAscending is BenchmarkEncodeUnchanged for the
// static payload, whose objects ascend at the root and in every template,
// as in most real payloads: Encode writes it without reading the input
// again. BenchmarkEncodeFloorAscending is its baseline.
func BenchmarkEncodeUnchangedAscending(b *testing.B) {
	_, static := benchPayloads(b)
	p, err := Decode(static)
	if err != nil {
		b.Fatal(err)
	}
	if p.shuffled != (tagBits{}) {
		b.Fatal("the static payload is out of ascending order")
	}
	b.ReportAllocs()
	for b.Loop() {
		if s, err := p.Encode(); err != nil || len(s) != len(static) {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeFloorAscending(b *testing.B) {
	_, static := benchPayloads(b)
	p, err := Decode(static)
	if err != nil {
		b.Fatal(err)
	}
	var buf [emv.MaxLength]byte
	if got := floorEncode(buf[:0], p); got != static {
		b.Fatalf("the floor encoder wrote %q, the input is %q", got, static)
	}
	b.ReportAllocs()
	for b.Loop() {
		if s := floorEncode(buf[:0], p); len(s) != len(static) {
			b.Fatal(s)
		}
	}
}

// floorEncode writes p as the simplest encoder would.
func floorEncode(dst []byte, p *Payment) string {
	w := floorWriter{dst}
	w.put(0, p.PayloadFormat)
	w.put(1, string(p.Initiation))
	w.list(p.SchemeAccounts)
	for i := range p.MerchantAccounts {
		a := &p.MerchantAccounts[i]
		h := w.open(a.Tag)
		w.put(0, a.GUID)
		w.put(1, a.PAN)
		w.put(2, a.MerchantID)
		w.put(3, a.Criteria)
		w.list(a.Other)
		w.close(h)
	}
	n := &p.National
	h := w.open(51)
	w.put(0, n.GUID)
	w.put(1, n.PAN)
	w.put(2, n.NMID)
	w.put(3, n.Criteria)
	w.list(n.Other)
	w.close(h)
	w.put(52, p.MerchantCategoryCode)
	w.put(53, p.Currency)
	w.put(54, string(p.Amount))
	w.put(55, p.TipIndicator)
	w.put(56, string(p.ConvenienceFeeFixed))
	w.put(57, string(p.ConvenienceFeePercentage))
	w.put(58, p.CountryCode)
	w.put(59, p.MerchantName)
	w.put(60, p.MerchantCity)
	w.put(61, p.PostalCode)
	d := &p.AdditionalData
	h = w.open(62)
	for t, v := range [...]string{d.BillNumber, d.MobileNumber, d.StoreLabel, d.LoyaltyNumber, d.ReferenceLabel, d.CustomerLabel, d.TerminalLabel, d.Purpose, d.ConsumerDataRequest, d.MerchantTaxID, d.MerchantChannel} {
		w.put(emv.Tag(t+1), v)
	}
	w.list(d.Other)
	w.close(h)
	w.b = append(w.b, "6304"...)
	sum := emv.Checksum(w.b)
	for shift := 12; shift >= 0; shift -= 4 {
		w.b = append(w.b, "0123456789ABCDEF"[sum>>shift&15])
	}
	return string(w.b)
}

type floorWriter struct{ b []byte }

func (w *floorWriter) put(t emv.Tag, v string) {
	if v != "" {
		w.b = append(w.b, t.String()...)
		w.b = append(w.b, emv.Tag(len(v)).String()...)
		w.b = append(w.b, v...)
	}
}

func (w *floorWriter) list(l []TagValue) {
	for _, o := range l {
		w.put(o.Tag, o.Value)
	}
}

func (w *floorWriter) open(t emv.Tag) int {
	w.b = append(w.b, t.String()...)
	w.b = append(w.b, "00"...)
	return len(w.b) - 4
}

func (w *floorWriter) close(head int) {
	n := len(w.b) - head - 4
	w.b[head+2], w.b[head+3] = byte('0'+n/10), byte('0'+n%10)
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
