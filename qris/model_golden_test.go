package qris

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

const modelGoldenPath = "testdata/golden/model.golden"

// modelEdits are the changes applied to every decoded payload before it is
// encoded again: a root value, new and removed objects at the root and in
// templates, and a list entry, so the merge of old order and new objects is
// pinned as well as the unchanged round trip.
var modelEdits = []struct {
	name string
	edit func(p *Payment)
}{
	{"unchanged", func(p *Payment) {}},
	{"name", func(p *Payment) { p.MerchantName = "TOKO LAIN" }},
	{"amount-", func(p *Payment) {
		p.Amount, p.TipIndicator, p.ConvenienceFeeFixed, p.ConvenienceFeePercentage = "", "", "", ""
	}},
	{"62+", func(p *Payment) {
		p.AdditionalData.BillNumber = "B-1"
		p.AdditionalData.MerchantTaxID = "TAX42"
		p.AdditionalData.MerchantChannel = "000"
	}},
	{"62-", func(p *Payment) { p.AdditionalData = AdditionalData{} }},
	{"51 64 rfu", func(p *Payment) {
		p.National.Criteria = "UKE"
		p.Language = LanguageTemplate{Preference: "ID", MerchantName: "TOKO"}
		p.RFU = append(p.RFU, TagValue{Tag: 70, Value: "X"})
	}},
	{"accounts", func(p *Payment) {
		if len(p.MerchantAccounts) > 0 {
			p.MerchantAccounts[0].MerchantID = "M1"
			p.MerchantAccounts[0].Other = append(p.MerchantAccounts[0].Other, TagValue{Tag: 9, Value: "Z"})
		}
	}},
}

// TestModelGolden pins, for every payload in testdata, what the model
// makes of it: the JSON form of the decoded Payment, the JSON read back
// and encoded, and the encoding after each of modelEdits (or the error).
func TestModelGolden(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# Decode, JSON and Encode of every payload in testdata; rewrite with\n#   go test ./qris -run ModelGolden -update\n")
	ids, vectors := goldenVectors(t)
	type in struct{ key, payload string }
	var inputs []in
	for _, id := range ids {
		inputs = append(inputs, in{"vector " + id, vectors[id]})
	}
	inputs = append(inputs, in{"gateway example", modelGateway(t)})
	for i, e := range goldenCorpus(t) {
		inputs = append(inputs, in{fmt.Sprintf("corpus %d", i+1), e.Payload})
	}
	for _, x := range inputs {
		fmt.Fprintf(&b, "\n== %s\n", x.key)
		p, err := DecodeLenient(x.payload)
		if err != nil {
			fmt.Fprintf(&b, "decode error: %v\n", err)
		}
		if p == nil {
			continue
		}
		js, err := json.Marshal(p)
		fmt.Fprintf(&b, "json: %s %v\n", js, err)
		var q Payment
		if err := json.Unmarshal(js, &q); err != nil {
			fmt.Fprintf(&b, "json read: %v\n", err)
		} else {
			s, err := q.Encode()
			fmt.Fprintf(&b, "json encode: %s %v equal=%v\n", s, err, q.Equal(p))
		}
		for _, e := range modelEdits {
			c, _ := DecodeLenient(x.payload)
			e.edit(c)
			s, err := c.Encode()
			if e.name == "unchanged" && err == nil && s == x.payload {
				s = "(the input)"
			}
			fmt.Fprintf(&b, "%s: %s %v\n", e.name, s, err)
		}
	}
	if *updateGolden {
		if err := os.WriteFile(modelGoldenPath, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(filepath.FromSlash(modelGoldenPath))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		got := bytes.Split(b.Bytes(), []byte("\n"))
		exp := bytes.Split(want, []byte("\n"))
		for i := range min(len(got), len(exp)) {
			if !bytes.Equal(got[i], exp[i]) {
				t.Fatalf("%s line %d:\n got %s\nwant %s", modelGoldenPath, i+1, got[i], exp[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d", modelGoldenPath, len(got), len(exp))
	}
}
