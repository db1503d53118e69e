package qris

import (
	"slices"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// unchangedEdits are changes a user makes to a decoded Payment, each
// marked same when it leaves what the Payment holds as decoded.
var unchangedEdits = []struct {
	name string
	same bool
	edit func(p *Payment)
}{
	{"none", true, func(p *Payment) {}},
	{"name copied", true, func(p *Payment) { p.MerchantName = strings.Clone(p.MerchantName) }},
	{"name", false, func(p *Payment) { p.MerchantName = "TOKO LAIN" }},
	{"amount", false, func(p *Payment) { p.Amount = "12,50" }},
	{"country", false, func(p *Payment) { p.CountryCode = "SG" }},
	{"no city", false, func(p *Payment) { p.MerchantCity = "" }},
	{"postal code", false, func(p *Payment) { p.PostalCode = "12345" }},
	{"tip", false, func(p *Payment) { p.TipIndicator = "01" }},
	{"bill number", false, func(p *Payment) { p.AdditionalData.BillNumber = "INV-1" }},
	{"no additional data", false, func(p *Payment) { p.AdditionalData = AdditionalData{} }},
	{"language", false, func(p *Payment) { p.Language.Preference = "ID" }},
	{"national NMID", false, func(p *Payment) { p.National.NMID = "ID1234567890123" }},
	{"no national", false, func(p *Payment) { p.National = NationalAccount{} }},
	{"account PAN", false, func(p *Payment) {
		if len(p.MerchantAccounts) > 0 {
			p.MerchantAccounts[0].PAN += "1"
		} else {
			p.MerchantAccounts = append(p.MerchantAccounts, MerchantAccount{Tag: 26, GUID: "ID.CO.X.WWW"})
		}
	}},
	{"account other", false, func(p *Payment) {
		if len(p.MerchantAccounts) > 0 {
			a := &p.MerchantAccounts[0]
			a.Other = append(slices.Clone(a.Other), TagValue{Tag: 98, Value: "X"})
		} else {
			p.MerchantAccounts = append(p.MerchantAccounts, MerchantAccount{Tag: 26, GUID: "ID.CO.X.WWW"})
		}
	}},
	{"accounts reversed", false, func(p *Payment) {
		p.MerchantAccounts = slices.Clone(p.MerchantAccounts)
		slices.Reverse(p.MerchantAccounts)
		if len(p.MerchantAccounts) < 2 {
			p.MerchantAccounts = append(p.MerchantAccounts, MerchantAccount{Tag: 50, GUID: "ID.CO.X.WWW"})
		}
	}},
	{"last account dropped", false, func(p *Payment) {
		if n := len(p.MerchantAccounts); n > 0 {
			p.MerchantAccounts = p.MerchantAccounts[:n-1]
		} else {
			p.MerchantAccounts = append(p.MerchantAccounts, MerchantAccount{Tag: 26, GUID: "ID.CO.X.WWW"})
		}
	}},
	{"additional other", false, func(p *Payment) {
		d := &p.AdditionalData
		d.Other = append(slices.Clone(d.Other), TagValue{Tag: 98, Value: "X"})
	}},
	{"additional other reversed", false, func(p *Payment) {
		d := &p.AdditionalData
		d.Other = slices.Clone(d.Other)
		slices.Reverse(d.Other)
		if len(d.Other) < 2 {
			d.Other = append(d.Other, TagValue{Tag: 97, Value: "X"})
		}
	}},
	{"scheme account", false, func(p *Payment) {
		p.SchemeAccounts = append(slices.Clone(p.SchemeAccounts), TagValue{Tag: 25, Value: "4000"})
	}},
	{"rfu", false, func(p *Payment) { p.RFU = append(slices.Clone(p.RFU), TagValue{Tag: 79, Value: "X"}) }},
	{"unreserved", false, func(p *Payment) {
		p.Unreserved = append(slices.Clone(p.Unreserved), UnreservedTemplate{Tag: 99, GUID: "A000"})
	}},
	{"unreserved value", false, func(p *Payment) {
		if len(p.UnreservedValues) > 0 {
			p.UnreservedValues = slices.Clone(p.UnreservedValues)
			p.UnreservedValues[0].Value += "1"
		} else {
			p.UnreservedValues = append(p.UnreservedValues, TagValue{Tag: 81, Value: "0066800000000"})
		}
	}},
	{"unreserved data", false, func(p *Payment) {
		if len(p.Unreserved) > 0 {
			u := &p.Unreserved[0]
			u.Data = append(slices.Clone(u.Data), TagValue{Tag: 98, Value: "X"})
		} else {
			p.Unreserved = append(p.Unreserved, UnreservedTemplate{Tag: 80, GUID: "A000"})
		}
	}},
}

// TestUnchangedAgreesWithBuild holds Encode's and Validate's shortcut for
// an unchanged Payment to the plain path: for every test payload and every
// edit, Encode gives what building the Payment gives, the comparison finds
// a Payment unchanged only when building it gives back its input, and
// Validate reports what validating p.String() does.
func TestUnchangedAgreesWithBuild(t *testing.T) {
	decoders := []func(string) (*Payment, error){Decode, DecodeLenient, func(s string) (*Payment, error) {
		return DecodeWith(emv.Parser{SkipCRC: true, AllowLong: true}, s)
	}}
	taken := 0
	for _, s := range layoutPayloads(t) {
		for _, decode := range decoders {
			for _, e := range unchangedEdits {
				p, err := decode(s)
				if p == nil {
					continue
				}
				e.edit(p)
				root := p.root(nil)
				same := p.unchanged(root)
				built, berr := p.encode(root)
				got, gerr := p.Encode()
				if got != built || (gerr == nil) != (berr == nil) || gerr != nil && gerr.Error() != berr.Error() {
					t.Fatalf("%s: %q: Encode gives %q, %v; building gives %q, %v", e.name, s, got, gerr, built, berr)
				}
				if same && built != s {
					t.Fatalf("%s: %q: found unchanged, but building gives %q", e.name, s, built)
				}
				if e.same && built == s && !same {
					t.Errorf("%s: %q: not found unchanged (decode error %v)", e.name, s, err)
				}
				if same {
					taken++
				}
				for _, o := range []Options{{}, {Strict: true}, {Profile: ProfileEMV}} {
					want := Validate(p.String(), o)
					if gotPs := p.Validate(o); !slices.Equal(gotPs, want) && p.String() != "" {
						t.Fatalf("%s: %q: p.Validate = %v, Validate(p.String()) = %v", e.name, s, gotPs, want)
					}
				}
			}
		}
	}
	if taken == 0 {
		t.Error("no Payment was found unchanged: the shortcut is never taken")
	}
}

// TestEncodeAllocs: issue 13's promise for the write path, that Encode
// makes at most 2 allocations, for a decoded Payment unchanged (in
// ascending order or not) and changed.
func TestEncodeAllocs(t *testing.T) {
	gateway, static := modelGateway(t), modelVectors(t)["P4"]
	for _, s := range []string{gateway, static} {
		p, err := Decode(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{p.MerchantName, "TOKO LAIN"} {
			p.MerchantName = name
			if n := testing.AllocsPerRun(100, func() {
				if _, err := p.Encode(); err != nil {
					t.Fatal(err)
				}
			}); n > 2 {
				t.Errorf("%.30s... named %q: Encode allocates %v times, want at most 2", s, name, n)
			}
		}
	}
}
