package qris

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
	"github.com/qriskit/qriskit/emv"
)

// TestEncodeUnmodified: every payload of the corpus and the spec vectors
// that decodes re-encodes to itself, whatever its order or checksum.
func TestEncodeUnmodified(t *testing.T) {
	payloads := []string{modelGateway(t)}
	for _, s := range modelVectors(t) {
		payloads = append(payloads, s)
	}
	for _, e := range modelCorpus(t) {
		payloads = append(payloads, e.Payload)
	}
	n := 0
	for _, s := range payloads {
		p, _ := DecodeLenient(s)
		if !rootComplete(p, s) {
			continue // a partial value
		}
		got, err := p.Encode()
		if err != nil || got != s {
			t.Errorf("Encode(Decode(%q)) = %q, %v", s, got, err)
		}
		n++
	}
	if n < 110 {
		t.Errorf("re-encoded %d payloads, want all that decode", n)
	}
}

// TestEncodeChangeName: in every valid QRIS of the corpus, changing the
// merchant name changes 59 and 63 only, each object staying in its place.
func TestEncodeChangeName(t *testing.T) {
	payloads := []string{modelGateway(t)}
	for _, e := range modelCorpus(t) {
		if e.Scheme == "qris" && e.Valid && e.CRCOK && !templateFault(e) {
			payloads = append(payloads, e.Payload)
		}
	}
	if len(payloads) < 20 {
		t.Fatalf("only %d valid QRIS payloads", len(payloads))
	}
	for _, s := range payloads {
		p, err := DecodeLenient(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		p.MerchantName = "TOKO BARU"
		out, err := p.Encode()
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		in, _ := emv.Parser{AllowLong: true, AllowLowercaseCRC: true}.Parse(s)
		got, err := emv.Parse(out)
		if err != nil {
			t.Fatalf("re-encoded %q: %v", out, err)
		}
		a, b := in.Fields(), got.Fields()
		if len(a) != len(b) {
			t.Fatalf("%q -> %q: %d objects, want %d", s, out, len(b), len(a))
		}
		for i := range a {
			switch {
			case a[i].Tag != b[i].Tag:
				t.Errorf("%q: object %d is %s, was %s", out, i, b[i].Tag, a[i].Tag)
			case a[i].Tag == 59:
				if b[i].Value != "TOKO BARU" {
					t.Errorf("%q: 59 = %q", out, b[i].Value)
				}
			case a[i].Tag == emv.CRCTag:
				if b[i].Value != emv.CRC(out[:len(out)-4]) {
					t.Errorf("%q: stale CRC", out)
				}
			case a[i].Value != b[i].Value:
				t.Errorf("%q: %s changed from %q to %q", out, a[i].Tag, a[i].Value, b[i].Value)
			}
		}
	}
}

// TestEncodeEdits: a new object goes right after the original one with the
// nearest lower tag; removed ones disappear; templates keep their own order.
func TestEncodeEdits(t *testing.T) {
	v := modelVectors(t)
	gw := modelGateway(t)
	tests := []struct {
		name string
		in   string
		edit func(p *Payment)
		want string // the payload without its CRC
	}{
		{"S1 to S2 by hand", v["S1"], func(p *Payment) {
			p.Initiation = Dynamic
			p.Amount = "15000"
			p.AdditionalData.BillNumber = "INV-0001"
		}, v["S2"][:len(v["S2"])-8]},
		{"remove 62 and 61", v["S1"], func(p *Payment) {
			p.AdditionalData = AdditionalData{}
			p.PostalCode = ""
		}, strings.Replace(v["S1"][:len(v["S1"])-8], "61051011062070703A01", "", 1)},
		{"fee after the amount", v["S2"], func(p *Payment) {
			p.TipIndicator = "02"
			p.ConvenienceFeeFixed = "1000"
		}, v["S3"][:len(v["S3"])-8]},
		{"reverse order kept, new 54 right after 53", v["V4"], func(p *Payment) {
			p.Amount = "5000"
			p.Initiation = Dynamic
		}, strings.NewReplacer("010211", "010212", "5303360", "5303360"+"54045000").Replace(v["V4"][:len(v["V4"])-8])},
		{"01 removed, new 64 after 63's place: last", v["V4"], func(p *Payment) {
			p.Initiation = ""
			p.Language = LanguageTemplate{Preference: "ID", MerchantName: "Toko"}
		}, strings.Replace(v["V4"][:len(v["V4"])-8], "010211", "", 1) + "64140002ID0104Toko"},
		{"new 01 right after 00", withCRC(strings.Replace(v["V4"][:len(v["V4"])-8], "010211", "", 1)), func(p *Payment) {
			p.Initiation = Static
		}, "000201" + "010211" + strings.Replace(v["V4"][6:len(v["V4"])-8], "010211", "", 1)},
		// The gateway's 62 holds 01, 05, 07, 99: a new 02 goes between 01 and 05.
		{"template order kept", gw, func(p *Payment) { p.AdditionalData.MobileNumber = "0812" },
			strings.Replace(gw[:len(gw)-8], "627601161757471499309912", "628401161757471499309912"+"02040812", 1)},
		{"new RFU and unreserved at the end, ascending", v["S1"], func(p *Payment) {
			p.Unreserved = []UnreservedTemplate{{Tag: 81, GUID: "X"}}
			p.RFU = []TagValue{{Tag: 70, Value: "R"}}
		}, v["S1"][:len(v["S1"])-8] + "7001R" + "81050001X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(p)
			got, err := p.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if want := withCRC(tt.want); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if p.TLV().String() != tt.in {
				t.Error("TLV changed with the edit")
			}
		})
	}
}

// TestEncodeFromScratch: a Payment built by hand comes out in ascending
// order and decodes back to itself.
func TestEncodeFromScratch(t *testing.T) {
	p := &Payment{
		PayloadFormat: "01", Initiation: Static,
		MerchantAccounts:     []MerchantAccount{{Tag: 26, GUID: "ID.CO.EXAMPLE.WWW", PAN: "936099990000000017", MerchantID: "EX0000001", Criteria: "UMI"}},
		National:             NationalAccount{GUID: "ID.CO.QRIS.WWW", NMID: "ID1020000000001", Criteria: "UMI"},
		MerchantCategoryCode: "5812", Currency: "360", CountryCode: "ID",
		MerchantName: "TOKO CONTOH", MerchantCity: "JAKARTA", PostalCode: "10110",
		AdditionalData: AdditionalData{TerminalLabel: "A01"},
	}
	got, err := p.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if want := modelVectors(t)["S1"]; got != want || p.String() != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	q, err := Decode(got)
	if err != nil || !q.Equal(p) || !p.Equal(q) {
		t.Errorf("Decode(Encode(p)) = %+v, %v", q, err)
	}
}

func TestEncodeErrors(t *testing.T) {
	long := strings.Repeat("x", 99)
	base := func() *Payment {
		p, err := Decode("00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name  string
		edit  func(p *Payment)
		want  error
		cause error
	}{
		{"scheme tag out of range", func(p *Payment) { p.SchemeAccounts = []TagValue{{Tag: 30, Value: "x"}} }, ErrValue, nil},
		{"account tag out of range", func(p *Payment) { p.MerchantAccounts[0].Tag = 51 }, ErrValue, nil},
		{"account twice", func(p *Payment) { p.MerchantAccounts = append(p.MerchantAccounts, p.MerchantAccounts[0]) }, ErrValue, emv.ErrDuplicate},
		{"RFU tag out of range", func(p *Payment) { p.RFU = []TagValue{{Tag: 80, Value: "x"}} }, ErrValue, nil},
		{"unreserved tag out of range", func(p *Payment) { p.Unreserved = []UnreservedTemplate{{Tag: 79, GUID: "x"}} }, ErrValue, nil},
		{"named tag in a list", func(p *Payment) { p.MerchantAccounts[0].Other = []TagValue{{Tag: 1, Value: "9"}} }, ErrValue, nil},
		{"sub tag twice", func(p *Payment) { p.AdditionalData.Other = []TagValue{{Tag: 50, Value: "a"}, {Tag: 50, Value: "b"}} }, ErrValue, emv.ErrDuplicate},
		{"sub tag over 99", func(p *Payment) { p.Language.Other = []TagValue{{Tag: 100, Value: "a"}} }, ErrValue, nil},
		{"empty list value", func(p *Payment) { p.RFU = []TagValue{{Tag: 65}} }, ErrValue, emv.ErrEmptyValue},
		{"value over 99", func(p *Payment) { p.MerchantName = long + "x" }, ErrTooLong, emv.ErrValueTooLong},
		{"template over 99", func(p *Payment) { p.AdditionalData.Purpose = long[:90] }, ErrTooLong, emv.ErrValueTooLong},
		{"payload over 512", func(p *Payment) {
			for tag := emv.Tag(80); tag < 86; tag++ {
				p.Unreserved = append(p.Unreserved, UnreservedTemplate{Tag: tag, GUID: "G", Data: []TagValue{{Tag: 1, Value: long[:80]}}})
			}
		}, ErrTooLong, nil},
		{"bad UTF-8", func(p *Payment) { p.MerchantCity = "\xff" }, ErrValue, emv.ErrUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base()
			tt.edit(p)
			s, err := p.Encode()
			if !errors.Is(err, tt.want) || tt.cause != nil && !errors.Is(err, tt.cause) {
				t.Fatalf("Encode = %q, %v; want %v (%v)", s, err, tt.want, tt.cause)
			}
			var e *Error
			if !errors.As(err, &e) || e.Error() == "" {
				t.Errorf("%v is not a *qris.Error", err)
			}
			if p.String() != "" {
				t.Errorf("String() = %q, want \"\" on error", p.String())
			}
		})
	}
}

// TestEncodeLongInput: a payload over 512 decoded leniently may be changed
// and stays as long as it was.
func TestEncodeLongInput(t *testing.T) {
	long := sizedPayload(t, 600)
	p, err := DecodeLenient(long)
	if err != nil {
		t.Fatal(err)
	}
	p.MerchantName = "TOKO"
	if _, err := p.Encode(); err != nil {
		t.Errorf("shorter edit of a long payload: %v", err)
	}
	p.Unreserved = append(p.Unreserved, UnreservedTemplate{Tag: 99, GUID: strings.Repeat("G", 32)})
	if _, err := p.Encode(); !errors.Is(err, ErrTooLong) {
		t.Errorf("longer edit of a long payload: %v, want ErrTooLong", err)
	}
}

// TestPropertyRoundTrip: decode(encode(x)) == x for generated payments, and
// the encoding comes out in ascending tag order.
func TestPropertyRoundTrip(t *testing.T) {
	props := gopter.NewProperties(modelProperties())
	props.Property("Decode(Encode(p)) equals p", prop.ForAll(func(p *Payment) string {
		s, err := p.Encode()
		if err != nil {
			return err.Error()
		}
		q, err := Decode(s)
		if err != nil {
			return fmt.Sprintf("Decode(%q): %v", s, err)
		}
		if !q.Equal(p) || !p.Equal(q) {
			return fmt.Sprintf("Decode(%q) differs", s)
		}
		if q.String() != s {
			return "re-encoding differs"
		}
		fs := q.TLV().Fields()
		for i := 1; i < len(fs)-1; i++ {
			if fs[i].Tag <= fs[i-1].Tag {
				return fmt.Sprintf("%q: %s after %s", s, fs[i].Tag, fs[i-1].Tag)
			}
		}
		return ""
	}, genPayment()))
	props.TestingRun(t)
}

func TestEqual(t *testing.T) {
	v := modelVectors(t)
	a, _ := Decode(v["S1"])
	b, _ := Decode(v["V4"]) // the same objects in reverse order
	if !a.Equal(b) || !b.Equal(a) {
		t.Error("S1 and V4 hold the same objects")
	}
	var nilP *Payment
	if a.Equal(nil) || !nilP.Equal(nil) {
		t.Error("Equal with nil")
	}
	edits := []func(p *Payment){
		func(p *Payment) { p.MerchantName = "X" },
		func(p *Payment) { p.MerchantAccounts[0].PAN = "1" },
		func(p *Payment) { p.MerchantAccounts[0].Tag = 27 },
		func(p *Payment) { p.MerchantAccounts = nil },
		func(p *Payment) { p.National.Other = []TagValue{{Tag: 9, Value: "x"}} },
		func(p *Payment) { p.AdditionalData.Purpose = "x" },
		func(p *Payment) { p.Language.Preference = "ID" },
		func(p *Payment) { p.RFU = []TagValue{{Tag: 65, Value: "x"}} },
		func(p *Payment) { p.Unreserved = []UnreservedTemplate{{Tag: 80, GUID: "x"}} },
		func(p *Payment) { p.Amount = "1" },
	}
	for i, edit := range edits {
		c, _ := Decode(v["S1"])
		edit(c)
		if a.Equal(c) || c.Equal(a) {
			t.Errorf("edit %d: still equal", i)
		}
	}
	c, _ := Decode(v["S1"])
	d, _ := Decode(v["S1"])
	c.AdditionalData.Other = []TagValue{{50, "a"}, {51, "b"}}
	d.AdditionalData.Other = []TagValue{{51, "b"}, {50, "a"}}
	if !c.Equal(d) {
		t.Error("lists compare as sets")
	}
	d.AdditionalData.Other = []TagValue{{51, "b"}, {51, "b"}}
	if c.Equal(d) {
		t.Error("multisets differ")
	}
}
