package qris

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/qriskit/qriskit/emv"
)

// orderEdits are the changes TestPropertyAscendingOrder makes to a decoded
// payment: each either takes the part from another payment (a change, an
// addition or, where the other has none, a removal) or clears it.
var orderEdits = []func(p, from *Payment, clear bool){
	func(p, q *Payment, c bool) { p.Initiation = pick(c, q.Initiation) },
	func(p, q *Payment, c bool) { p.SchemeAccounts = pick(c, q.SchemeAccounts) },
	func(p, q *Payment, c bool) { p.MerchantAccounts = pick(c, q.MerchantAccounts) },
	func(p, q *Payment, c bool) { p.National = pick(c, q.National) },
	func(p, q *Payment, c bool) { p.National.NMID = pick(c, q.National.NMID) },
	func(p, q *Payment, c bool) { p.National.Other = pick(c, q.National.Other) },
	func(p, q *Payment, c bool) { p.MerchantCategoryCode = pick(c, q.MerchantCategoryCode) },
	func(p, q *Payment, c bool) { p.Currency = pick(c, q.Currency) },
	func(p, q *Payment, c bool) { p.Amount = pick(c, q.Amount) },
	func(p, q *Payment, c bool) {
		p.TipIndicator, p.ConvenienceFeeFixed = pick(c, q.TipIndicator), pick(c, q.ConvenienceFeeFixed)
	},
	func(p, q *Payment, c bool) { p.CountryCode = pick(c, q.CountryCode) },
	func(p, q *Payment, c bool) { p.MerchantName = pick(c, q.MerchantName) },
	func(p, q *Payment, c bool) { p.MerchantCity = pick(c, q.MerchantCity) },
	func(p, q *Payment, c bool) { p.PostalCode = pick(c, q.PostalCode) },
	func(p, q *Payment, c bool) { p.AdditionalData = pick(c, q.AdditionalData) },
	func(p, q *Payment, c bool) { p.AdditionalData.BillNumber = pick(c, q.AdditionalData.BillNumber) },
	func(p, q *Payment, c bool) { p.AdditionalData.TerminalLabel = pick(c, q.AdditionalData.TerminalLabel) },
	func(p, q *Payment, c bool) { p.AdditionalData.Purpose = pick(c, q.AdditionalData.Purpose) },
	func(p, q *Payment, c bool) { p.AdditionalData.Other = pick(c, q.AdditionalData.Other) },
	func(p, q *Payment, c bool) { p.Language = pick(c, q.Language) },
	func(p, q *Payment, c bool) { p.RFU = pick(c, q.RFU) },
	func(p, q *Payment, c bool) { p.Unreserved = pick(c, q.Unreserved) },
	func(p, q *Payment, c bool) {
		if len(p.MerchantAccounts) > 0 && len(q.MerchantAccounts) > 0 {
			a := &p.MerchantAccounts[0]
			a.PAN, a.Other = pick(c, q.MerchantAccounts[0].PAN), pick(c, q.MerchantAccounts[0].Other)
		}
	},
}

// pick returns v, or its zero value when clear is set.
func pick[T any](clear bool, v T) T {
	if clear {
		var zero T
		return zero
	}
	return v
}

// TestPropertyAscendingOrder: Encode reads the input again only for the
// root or the templates whose objects were out of ascending order, and
// writes the rest in ascending tag order. The law: for generated payloads
// (ascending, as a Payment built from scratch encodes), the same with their
// objects shuffled, and the payloads of the corpus and the spec vectors,
// under random
// changes, Encode gives what it gives when it reads the order of every
// object from the input, as it did before.
func TestPropertyAscendingOrder(t *testing.T) {
	var inputs []string
	for _, e := range modelCorpus(t) {
		inputs = append(inputs, e.Payload)
	}
	for _, v := range modelVectors(t) {
		inputs = append(inputs, v)
	}
	generated := genPayment().Map(func(p *Payment) string { return p.String() })
	shuffled := gopter.CombineGens(generated, gen.UInt64()).Map(func(v []interface{}) string {
		return shuffleObjects(v[0].(string), v[1].(uint64))
	})
	source := gen.OneGenOf(generated, shuffled, gen.IntRange(0, len(inputs)-1).Map(func(i int) string { return inputs[i] }))

	props := gopter.NewProperties(modelProperties())
	props.Property("Encode without reading the order equals Encode reading it", prop.ForAll(func(s string, q *Payment, mask uint64) string {
		p, _ := DecodeLenient(s)
		if p == nil {
			return ""
		}
		for i, edit := range orderEdits {
			switch mask >> (2 * i) & 3 {
			case 1:
				edit(p, q, false)
			case 2:
				edit(p, q, true)
			}
		}
		reread := *p
		reread.shuffled = tagBits{^uint64(0), ^uint64(0)}
		got, err := p.Encode()
		want, wantErr := reread.Encode()
		if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			return fmt.Sprintf("from %q:\n got  %q, %v\n want %q, %v", s, got, err, want, wantErr)
		}
		return ""
	}, source, genPayment(), gen.UInt64()))
	props.TestingRun(t)
}

// TestDecodeOrderBits: Decode marks the root and the templates whose
// objects are out of ascending tag order, and nothing
// in an ascending payload; Encode keeps each order.
func TestDecodeOrderBits(t *testing.T) {
	tests := []struct {
		name     string
		objects  []string // root objects, in order, checksum added at the end
		root     bool
		shuffled []emv.Tag
	}{
		{"ascending", []string{"000201", "010211", "5303360", "5802ID", "62070503ABC"}, false, nil},
		{"root", []string{"000201", "5802ID", "5303360"}, true, nil},
		{"template", []string{"000201", "26140002ID0104ABCD", "5303360", "621405030010103ABC"}, false, []emv.Tag{62}},
		{"both", []string{"000201", "5303360", "51140104123400020X", "62070503ABC"}, true, []emv.Tag{51}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := strings.Join(tt.objects, "")
			s := content + "6304" + fmt.Sprintf("%04X", emv.Checksum([]byte(content+"6304")))
			p, err := DecodeLenient(s)
			if p == nil {
				t.Fatalf("DecodeLenient(%q): %v", s, err)
			}
			for _, tag := range []emv.Tag{emv.CRCTag, 26, 51, 62} {
				want := tag == emv.CRCTag && tt.root || slices.Contains(tt.shuffled, tag)
				if p.orderRead(tag) != want {
					t.Errorf("order of %s read: %v, want %v", tag, p.orderRead(tag), want)
				}
			}
			if got := p.String(); got != s {
				t.Errorf("unchanged: %q, want the input %q", got, s)
			}
			p.MerchantName = "TOKO" // new, after 58 wherever it stands
			got, err := p.Encode()
			if err != nil {
				t.Fatal(err)
			}
			k := strings.Index(got, "5802ID")
			if want := strings.Index(content, "5802ID"); (want < 0) != (k < 0) || k >= 0 && got[k+6:k+14] != "5904TOKO" {
				t.Errorf("with 59 added: %q", got)
			}
		})
	}
}

// shuffleObjects returns s with its root objects, and the objects of each
// template Decode reads, in an order drawn from seed, and a checksum.
func shuffleObjects(s string, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	pl, _ := emv.Parser{SkipCRC: true, AllowLong: true}.ParseFields(nil, s)
	fs := pl.Fields()
	var objs []string
	for _, f := range fs {
		if f.Tag == emv.CRCTag {
			continue
		}
		v := f.Value
		if subs, err := f.AppendTemplate(nil); err == nil && templateTag(f.Tag) {
			var parts []string
			for _, sub := range subs {
				parts = append(parts, tlvChars(sub.Tag, sub.Value))
			}
			r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
			v = strings.Join(parts, "")
		}
		objs = append(objs, tlvChars(f.Tag, v))
	}
	r.Shuffle(len(objs), func(i, j int) { objs[i], objs[j] = objs[j], objs[i] })
	content := strings.Join(objs, "") + "6304"
	return content + fmt.Sprintf("%04X", emv.Checksum([]byte(content)))
}

// templateTag reports whether Decode reads t as a template.
func templateTag(t emv.Tag) bool { return t >= 26 && t <= 51 || t == 62 || t == 64 || t >= 80 }

// tlvChars writes one object, its length in characters.
func tlvChars(t emv.Tag, v string) string {
	return t.String() + fmt.Sprintf("%02d", utf8.RuneCountInString(v)) + v
}
