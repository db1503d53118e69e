package qris

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

const conversionGoldenPath = "testdata/golden/conversions.golden"

// goldenDynamicOptions are the option sets every input is converted with:
// amounts as written and canonicalised, each kind of tip, references that
// replace or add 62 sub-objects, ones too long for 62 together, and a
// validated conversion.
var goldenDynamicOptions = []struct {
	name string
	o    DynamicOptions
}{
	{"amount", DynamicOptions{Amount: "15000", NoCheck: true}},
	{"decimals+prompt", DynamicOptions{Amount: "1000.50", Tip: Tip{Kind: TipPrompt}, NoCheck: true}},
	{"zeros+fixed+bill", DynamicOptions{Amount: "015000.", Tip: Tip{Kind: TipFixed, Value: "500"}, BillNumber: "INV-0001", NoCheck: true}},
	{"percent+ref+terminal", DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "2.5"}, ReferenceLabel: "REF-42", TerminalLabel: "T01", NoCheck: true}},
	{"max+asked", DynamicOptions{Amount: "9999999999999", BillNumber: "***", ReferenceLabel: "***", TerminalLabel: "***", NoCheck: true}},
	{"terminal", DynamicOptions{Amount: "250.5", TerminalLabel: "A01", NoCheck: true}},
	{"long refs", DynamicOptions{Amount: "1", BillNumber: strings.Repeat("B", 25), ReferenceLabel: strings.Repeat("R", 25), TerminalLabel: strings.Repeat("T", 25), NoCheck: true}},
	{"validate", DynamicOptions{Amount: "100", Tip: Tip{Kind: TipFixed, Value: "0.50"}}},
}

// goldenBadOptions are refused before the input is read; they are tried on
// the first variant of each input only.
var goldenBadOptions = []struct {
	name string
	o    DynamicOptions
}{
	{"bad amount", DynamicOptions{Amount: "12,50"}},
	{"no amount", DynamicOptions{}},
	{"bad fee", DynamicOptions{Amount: "1", Tip: Tip{Kind: TipFixed, Value: "0"}}},
	{"bad percent", DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "100"}}},
	{"unknown tip", DynamicOptions{Amount: "1", Tip: Tip{Kind: TipUnknown}}},
	{"bad ref", DynamicOptions{Amount: "1", ReferenceLabel: "A|B"}},
	{"non-ascii bill", DynamicOptions{Amount: "1", BillNumber: "caf\u00e9"}},
}

// goldenEdits change a decoded Payment before Encode.
var goldenEdits = []struct {
	name string
	edit func(p *Payment)
}{
	{"unchanged", func(p *Payment) {}},
	{"name+amount", func(p *Payment) { p.MerchantName, p.Amount = "EDITED", "777" }},
	{"62+postal", func(p *Payment) {
		p.AdditionalData.BillNumber, p.AdditionalData.TerminalLabel, p.PostalCode = "B-1", "", ""
	}},
	{"tip+country", func(p *Payment) {
		p.TipIndicator, p.ConvenienceFeeFixed, p.CountryCode, p.Initiation = "02", "1500", "SG", Dynamic
	}},
}

// conversionInputs returns every payload of testdata (as goldenRecords
// lists them, then the model JSON files), each with variants that take
// other ways through a conversion: its root objects reversed after 00
// (out of order), and its checksum in lowercase.
func conversionInputs(t *testing.T) (keys, payloads []string) {
	add := func(key, s string) {
		keys = append(keys, key)
		payloads = append(payloads, s)
		if r, ok := reversed(s, true, true); ok {
			keys = append(keys, key+" reversed")
			payloads = append(payloads, r)
		}
		if r, ok := reversed(s, false, true); ok && r != s {
			keys = append(keys, key+" reversed 62")
			payloads = append(payloads, r)
		}
		if l := strings.ToLower(s[max(0, len(s)-4):]); len(s) >= 4 && l != s[len(s)-4:] {
			keys = append(keys, key+" lowercase crc")
			payloads = append(payloads, s[:len(s)-4]+l)
		}
	}
	for _, r := range goldenRecords(t) {
		add(r.key, r.payload)
	}
	names, err := filepath.Glob("testdata/model/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("model files: %v", err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var p Payment
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		s, err := p.Encode()
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		add("model "+filepath.Base(n), s)
	}
	return keys, payloads
}

// reversed returns s with its root objects after 00 in reverse order (when
// root is set), the objects of its 62 reversed (when sub is set) and a
// fresh checksum, when s parses and has objects to move.
func reversed(s string, root, sub bool) (string, bool) {
	pl, err := emv.Parser{AllowLowercaseCRC: true, AllowLong: true, SkipCRC: true}.Parse(s)
	fs := pl.Fields()
	if err != nil || len(fs) < 4 {
		return "", false
	}
	var b strings.Builder
	obj := func(f emv.Field) {
		if subs, err := f.Template(); sub && f.Tag == 62 && err == nil {
			var v strings.Builder
			for i := len(subs) - 1; i >= 0; i-- {
				fmt.Fprintf(&v, "%s%02d%s", subs[i].Tag, len([]rune(subs[i].Value)), subs[i].Value)
			}
			f.Value = v.String()
		}
		fmt.Fprintf(&b, "%s%02d%s", f.Tag, len([]rune(f.Value)), f.Value)
	}
	obj(fs[0])
	for k := 1; k < len(fs); k++ {
		i := k
		if root {
			i = len(fs) - k
		}
		if fs[i].Tag != emv.CRCTag {
			obj(fs[i])
		}
	}
	b.WriteString("6304")
	return b.String() + emv.CRC(b.String()), true
}

// goldenOutcome is a conversion's result or its error text.
func goldenOutcome(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}

func renderConversions(t *testing.T) []byte {
	var b bytes.Buffer
	b.WriteString(`# Outputs and error texts of every conversion of every payload in testdata
# (goldenRecords' order, then testdata/model), each also with its root
# objects reversed after 00 and with a lowercase checksum. Option sets are
# in conversion_golden_test.go. Regenerate with
#   go test ./qris -run ConversionGolden -update
`)
	keys, payloads := conversionInputs(t)
	for i, s := range payloads {
		fmt.Fprintf(&b, "\n== %s\npayload: %s\n", keys[i], s)
		fmt.Fprintf(&b, "static: %s\n", goldenOutcome(ToStatic(s)))
		for _, c := range goldenDynamicOptions {
			fmt.Fprintf(&b, "dynamic %s: %s\n", c.name, goldenOutcome(ToDynamic(s, c.o)))
		}
		if !strings.Contains(keys[i], " reversed") && !strings.Contains(keys[i], " lowercase") {
			for _, c := range goldenBadOptions {
				fmt.Fprintf(&b, "dynamic %s: %s\n", c.name, goldenOutcome(ToDynamic(s, c.o)))
			}
		}
		for _, e := range goldenEdits {
			p, err := DecodeLenient(s)
			if p == nil {
				fmt.Fprintf(&b, "encode %s: no payment: %v\n", e.name, err)
				continue
			}
			e.edit(p)
			fmt.Fprintf(&b, "encode %s: %s\n", e.name, goldenOutcome(p.Encode()))
		}
	}
	return b.Bytes()
}

// TestConversionGolden holds ToStatic, ToDynamic and Payment.Encode after
// edits to the outputs and error texts recorded in the golden file.
func TestConversionGolden(t *testing.T) {
	got := renderConversions(t)
	if *updateGolden {
		if err := os.WriteFile(conversionGoldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(conversionGoldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, old) {
		t.Errorf("%s differs from the conversions' outcome:\n%s\n(run go test ./qris -run ConversionGolden -update and review the diff)", conversionGoldenPath, firstDiff(old, got))
	}
}
