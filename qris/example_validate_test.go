package qris_test

import (
	"fmt"

	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// A dynamic QRIS whose amount is written with a comma and whose static
// sticker lost its postal code: every problem comes back at once.
func ExampleValidate() {
	var b emv.Builder
	b.Add(0, "01")
	b.Add(1, "12")
	b.AddTemplate(26, func(t *emv.Builder) {
		t.Add(0, "ID.CO.EXAMPLE.WWW")
		t.Add(1, "936099990000000017")
		t.Add(2, "EX0000001")
		t.Add(3, "UMI")
	})
	b.AddTemplate(51, func(t *emv.Builder) {
		t.Add(0, "ID.CO.QRIS.WWW")
		t.Add(2, "ID1020000000001")
		t.Add(3, "UMI")
	})
	b.Add(52, "5812")
	b.Add(53, "360")
	b.Add(54, "12,50")
	b.Add(58, "ID")
	b.Add(59, "TOKO CONTOH")
	b.Add(60, "JAKARTA")
	payload, err := b.Payload()
	if err != nil {
		fmt.Println(err)
		return
	}
	problems := qris.Validate(payload, qris.Options{})
	for _, p := range problems {
		fmt.Println(p)
	}
	fmt.Println("valid:", qris.Valid(problems))
	// Output:
	// error Q13 tag 54 at 142: amount "12,50" is not a number: use digits and at most one '.'
	// error Q03 tag 61 at 151: country is "ID" but 61, the postal code, is missing
	// valid: false
}

// The same checks on a payload parsed once, as a decoder that keeps the
// parsed payload does; a clean payload gives nil.
func ExampleValidatePayload() {
	const content = "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"
	pl, err := emv.Parse(content)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(qris.ValidatePayload(&pl, qris.Options{Strict: true}))
	// Output:
	// []
}

// Strict and lenient modes differ where real payloads break the letter of
// the spec: a merchant name over 25 characters is a warning for a gateway,
// an error for an issuer.
func ExampleOptions() {
	const kaltimtara = "00020101021226690023ID.CO.BANKALTIMTARA.WWW011893600124024091802802092409180280303URE51440014ID.CO.QRIS.WWW0215ID20243452761720303URE5204752353033605405100005802ID5944(TEST) RETRIBUSI PARKIR PELABUHAN BULUMINUNG6015PENAJAM PASER U610576141622501121122334455340705479056304F16E"
	for _, o := range []qris.Options{{}, {Strict: true}} {
		ps := qris.Validate(kaltimtara, o)
		fmt.Println(ps[0].Rule, ps[0].Severity, "valid:", qris.Valid(ps))
	}
	// Output:
	// Q22 warning valid: true
	// Q22 error valid: false
}

// The checklist, as a command line lists it.
func ExampleRules() {
	for _, r := range qris.Rules()[:3] {
		fmt.Printf("%s %-5s %s\n", r.ID, r.Severity, r.Summary)
	}
	r, _ := qris.LookupRule("Q08")
	fmt.Println(r.ID, r.Source)
	// Output:
	// R01 error The payload is valid UTF-8 and not empty; inside templates 26..51, whose content is ans, only printable ASCII (0x20..0x7E).
	// R02 error The root is a run of ID (2 digits), length (01..99, in characters) and value, using up the whole string.
	// R03 error Every template (26..51, 62, 64, 80..99, 62.50..99) is itself such a run, with nothing left over.
	// Q08 QRIS Table 4.6
}

// A bulk validator parses each payload once, into storage it reuses, and
// hands the outcome over whether the parse failed or not.
func ExampleValidateParsed() {
	parser := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var pl emv.Payload
	for _, line := range []string{
		"00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3",
		"0002010102116304",
	} {
		err := parser.ParseInto(&pl, line)
		for _, p := range qris.ValidateParsed(&pl, err, qris.Options{Profile: qris.ProfileEMV}) {
			fmt.Println(p)
		}
	}
	// Output:
	// error R02 tag 63 at 12: the payload is not a run of ID-length-value objects: value runs past the end (length 4, 0 characters left); the length counts the value's characters
}

// A bulk validator reuses one Scratch for every line, and writes each
// line's problems out before validating the next one.
func ExampleScratch() {
	parser := emv.Parser{AllowLowercaseCRC: true, AllowLong: true}
	var (
		pl      emv.Payload
		scratch qris.Scratch
	)
	for n, line := range []string{"", "00020101021163041234", "0002010102115303360"} {
		err := parser.ParseInto(&pl, line)
		problems := scratch.ValidateParsed(&pl, err, qris.Options{Profile: qris.ProfileEMV})
		fmt.Print(n+1, ":")
		for _, p := range problems {
			fmt.Print(" ", p.Rule)
		}
		fmt.Println()
	}
	// Output:
	// 1: R01
	// 2: R11 R13 R14 R19 R20 R21 R07
	// 3: R11 R13 R19 R20 R21 R06
}
