package emv_test

import (
	"errors"
	"fmt"

	"github.com/qriskit/qriskit/emv"
)

const static = "00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7"

func ExampleParse() {
	p, err := emv.Parse(static)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range p.Fields()[:4] {
		fmt.Printf("%s at %3d: %s\n", f.Tag, f.Offset, f.Value)
	}
	name, _ := p.Get(59)
	fmt.Println("merchant:", name.Value)
	// Output:
	// 00 at   0: 01
	// 01 at   6: 11
	// 26 at  12: 0017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI
	// 51 at  79: 0014ID.CO.QRIS.WWW0215ID10200000000010303UMI
	// merchant: TOKO CONTOH
}

func ExampleParse_error() {
	bad := static[:len(static)-4] + "0000"
	_, err := emv.Parse(bad)
	var e *emv.Error
	if errors.As(err, &e) && errors.Is(err, emv.ErrCRCMismatch) {
		fmt.Printf("tag %s at offset %d: found %s, computed %s\n", e.Tag, e.Offset, e.Found, e.Computed)
	}
	// Output:
	// tag 63 at offset 194: found 0000, computed 99F7
}

// SkipCRC reads the structure and leaves the checksum's value unread: a
// wrong one is no error, but a 63 that is missing or misplaced still is.
func ExampleParser_skipCRC() {
	ps := emv.Parser{SkipCRC: true}
	p, err := ps.Parse(static[:len(static)-4] + "0000")
	fmt.Println(len(p.Fields()), p.CRC(), err)
	_, err = ps.Parse("000201")
	fmt.Println(errors.Is(err, emv.ErrCRCMissing))
	// Output:
	// 12 0000 <nil>
	// true
}

func ExampleField_Template() {
	p, _ := emv.Parse(static)
	account, _ := p.Get(26)
	subs, err := account.Template()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range subs {
		fmt.Printf("%s %s\n", f.Path(), f.Value)
	}
	// Output:
	// 26.00 ID.CO.EXAMPLE.WWW
	// 26.01 936099990000000017
	// 26.02 EX0000001
	// 26.03 UMI
}

func ExamplePayload_Lookup() {
	p, _ := emv.Parse(static)
	terminal, ok := p.Lookup(62, 7)
	fmt.Println(terminal.Value, ok)
	// Output: A01 true
}

func ExampleBuilder() {
	var b emv.Builder
	b.Add(0, "01")
	b.Add(1, "12")
	b.AddTemplate(62, func(c *emv.Builder) {
		c.Add(1, "INV-0001")
		c.Add(7, "A01")
	})
	s, err := b.Payload()
	fmt.Println(s, err)
	// Output: 00020101021262190108INV-00010703A0163040AFB <nil>
}

func ExampleCRC() {
	fmt.Println(emv.CRC("123456789"))
	fmt.Println(emv.ExpectedCRC(static[:len(static)-8])) // without tag 63
	fmt.Println(emv.ExpectedCRC(static))                 // with it
	// Output:
	// 29B1
	// 99F7
	// 99F7
}

// A Digest fed a payload in pieces sums to what Checksum gives for all of
// it at once.
func ExampleDigest() {
	body := static[:len(static)-4] // up to and including "6304"
	var d emv.Digest
	for len(body) > 0 {
		n := min(len(body), 64)
		d, body = d.UpdateString(body[:n]), body[n:]
	}
	fmt.Printf("%04X %04X\n", d.Sum16(), emv.Checksum([]byte(static[:len(static)-4])))
	// Output: 99F7 99F7
}

// AppendCRC writes the checksum as a payload carries it.
func ExampleDigest_AppendCRC() {
	body := static[:len(static)-4]
	out := emv.Digest{}.UpdateString(body).AppendCRC([]byte(body))
	fmt.Println(string(out) == static, string(out[len(out)-4:]))
	// Output: true 99F7
}

// A payload of printable ASCII only needs no per-value character check;
// one with a multi-byte name does.
func ExamplePayload_Printable() {
	var b emv.Builder
	b.Add(0, "01")
	b.Add(59, "Kopi Kenangan")
	plain, _ := b.Payload()
	b.Reset()
	b.Add(0, "01")
	b.Add(59, "Kafé Kenangan")
	accented, _ := b.Payload()
	for _, s := range []string{plain, accented} {
		p, err := emv.Parse(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		name, _ := p.Get(59)
		fmt.Printf("%s: printable ASCII %v\n", name.Value, p.Printable())
	}
	// Output:
	// Kopi Kenangan: printable ASCII true
	// Kafé Kenangan: printable ASCII false
}
