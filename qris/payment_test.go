package qris

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/internal/testcorpus"
)

// modelCorpusEntry is one line of ../testdata/corpus.jsonl: a real payload
// and the labels an independent checker gave it.
type modelCorpusEntry = testcorpus.Entry

// templateFault reports whether the labels record what emv refuses though
// the labeller's root parse took it: a template that is not TLV, or a
// length of 00. The labeller knows no schemes: a tag it calls a broken
// template that the payload's scheme uses as a plain value (PromptPay's
// 81, a TrueMoney message) is no fault.
func templateFault(e modelCorpusEntry) bool {
	if strings.Contains(e.Note, "length 00") {
		return true
	}
	pr := row(DetectProfile(e.Payload))
	for _, p := range e.Problems {
		if !strings.Contains(p, "do not parse as TLV") {
			continue
		}
		for _, m := range faultTag.FindAllStringSubmatch(p, -1) {
			if t, ok := emv.ParseTag(m[1]); !ok || pr.value(t) == nil {
				return true
			}
		}
	}
	return false
}

// faultTag finds the tags in a label's list of templates that do not parse.
var faultTag = regexp.MustCompile(`'tag': '([0-9]{2})'`)

func modelCorpus(t testing.TB) []modelCorpusEntry { return testcorpus.Corpus(t) }

// modelVectors is spec-vectors.txt by id.
func modelVectors(t testing.TB) map[string]string { return testcorpus.VectorMap(t) }

// Generators for the gopter properties.

// genText makes strings of lo..hi characters drawn from chars (a rune
// generator).
func genText(lo, hi int, chars gopter.Gen) gopter.Gen {
	return gopter.CombineGens(gen.IntRange(lo, hi), gen.SliceOfN(hi, chars)).Map(func(v []interface{}) string {
		return string(v[1].([]rune)[:v[0].(int)])
	})
}

// genANS makes printable ASCII without '|', which QRIS keeps out of its
// values.
func genANS(lo, hi int) gopter.Gen {
	return genText(lo, hi, gen.RuneRange(0x20, 0x7E).Map(func(r rune) rune {
		if r == '|' {
			return '/'
		}
		return r
	}))
}

func genDigits(lo, hi int) gopter.Gen { return genText(lo, hi, gen.RuneRange('0', '9')) }

// genMaybe makes "" three times in four, else a value of g (a string).
func genMaybe(g gopter.Gen) gopter.Gen {
	return gen.Weighted([]gen.WeightedGen{{Weight: 3, Gen: gen.Const("")}, {Weight: 1, Gen: g}})
}

// genAmountText makes a valid amount, written in each allowed way.
func genAmountText() gopter.Gen {
	return gopter.CombineGens(gen.Int64Range(1, 99999999), gen.IntRange(0, 4)).Map(func(v []interface{}) string {
		n := strconv.FormatInt(v[0].(int64), 10)
		switch v[1].(int) {
		case 1:
			return n + "."
		case 2:
			return n + "." + n[len(n)-1:]
		case 3:
			return n + ".05"
		}
		return n
	})
}

// genTagValues makes up to max objects with distinct tags in lo..hi, in
// ascending order, with values of 1..n printable characters.
func genTagValues(lo, hi emv.Tag, max, n int) gopter.Gen {
	return gopter.CombineGens(gen.IntRange(0, max), gen.SliceOfN(max, gen.IntRange(int(lo), int(hi))), gen.SliceOfN(max, genANS(1, n))).
		Map(func(v []interface{}) []TagValue {
			var out []TagValue
			var seen tagBits
			tags, values := v[1].([]int), v[2].([]string)
			for i := 0; i < v[0].(int); i++ {
				if t := emv.Tag(tags[i]); !seen.has(t) {
					seen.add(t)
					out = append(out, TagValue{Tag: t, Value: values[i]})
				}
			}
			slices.SortFunc(out, byTag)
			return out
		})
}

func genMerchantAccount() gopter.Gen {
	return gopter.CombineGens(genANS(1, 20), genMaybe(genDigits(1, 19)), genMaybe(genANS(1, 15)),
		genMaybe(gen.OneConstOf("UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU")), genTagValues(4, 99, 1, 8)).
		Map(func(v []interface{}) MerchantAccount {
			return MerchantAccount{GUID: v[0].(string), PAN: v[1].(string), MerchantID: v[2].(string), Criteria: v[3].(string), Other: v[4].([]TagValue)}
		})
}

// genPayment makes payments of every shape the model holds: card scheme
// primitives, merchant accounts with extra sub-objects, amounts written each
// allowed way, fees, additional data with named and other sub-objects, a
// language template in other scripts, RFU and unreserved templates. Values
// are well formed enough to encode, not necessarily valid QRIS.
func genPayment() gopter.Gen {
	accounts := gopter.CombineGens(gen.SliceOfN(2, gen.IntRange(26, 50)), gen.SliceOfN(2, genMerchantAccount()), gen.IntRange(0, 2)).
		Map(func(v []interface{}) []MerchantAccount {
			var out []MerchantAccount
			var seen tagBits
			for i, t := range v[0].([]int)[:v[2].(int)] {
				if !seen.has(emv.Tag(t)) {
					seen.add(emv.Tag(t))
					a := v[1].([]MerchantAccount)[i]
					a.Tag = emv.Tag(t)
					out = append(out, a)
				}
			}
			slices.SortFunc(out, func(a, b MerchantAccount) int { return int(a.Tag) - int(b.Tag) })
			return out
		})
	national := gopter.CombineGens(gen.Bool(), genDigits(13, 13), genMaybe(gen.OneConstOf("UMI", "URE"))).
		Map(func(v []interface{}) NationalAccount {
			if !v[0].(bool) {
				return NationalAccount{}
			}
			return NationalAccount{GUID: "ID.CO.QRIS.WWW", NMID: "ID" + v[1].(string), Criteria: v[2].(string)}
		})
	tip := gopter.CombineGens(gen.IntRange(0, 3), genAmountText(), gen.OneConstOf("2.5", "0.01", "99.99", "10")).
		Map(func(v []interface{}) [3]string {
			switch v[0].(int) {
			case 1:
				return [3]string{"01"}
			case 2:
				return [3]string{"02", v[1].(string)}
			case 3:
				return [3]string{"03", "", v[2].(string)}
			}
			return [3]string{}
		})
	additional := gopter.CombineGens(gen.SliceOfN(11, genMaybe(genANS(1, 6))), genTagValues(12, 99, 1, 8), gen.Bool()).
		Map(func(v []interface{}) AdditionalData {
			var d AdditionalData
			tpl := d.tmpl()
			for i, s := range v[0].([]string) {
				*fieldIn(&tpl.fields, describe(62, emv.Tag(i+1))) = s
			}
			d.Other = v[1].([]TagValue)
			if v[2].(bool) {
				d.Other = append([]TagValue{{Tag: 0, Value: "x"}}, d.Other...)
			}
			return d
		})
	script := gen.OneGenOf(gen.RuneRange('a', 'z'), gen.RuneRange(0x4E00, 0x4E20), gen.OneConstOf('é', 'ñ', ' '))
	language := gopter.CombineGens(gen.Bool(), gen.OneConstOf("ID", "ZH"), genText(1, 10, script), genMaybe(genText(1, 8, script)), genTagValues(3, 99, 1, 4)).
		Map(func(v []interface{}) LanguageTemplate {
			if !v[0].(bool) {
				return LanguageTemplate{}
			}
			return LanguageTemplate{Preference: v[1].(string), MerchantName: v[2].(string), MerchantCity: v[3].(string), Other: v[4].([]TagValue)}
		})
	unreserved := gopter.CombineGens(gen.Bool(), gen.IntRange(80, 99), genANS(1, 16), genTagValues(1, 99, 1, 8)).
		Map(func(v []interface{}) []UnreservedTemplate {
			if !v[0].(bool) {
				return nil
			}
			return []UnreservedTemplate{{Tag: emv.Tag(v[1].(int)), GUID: v[2].(string), Data: v[3].([]TagValue)}}
		})
	letters := gen.RuneRange('A', 'Z')
	return gopter.CombineGens(
		gen.OneConstOf("", "11", "12"), genTagValues(2, 25, 1, 20), accounts, national,
		genDigits(4, 4), genDigits(3, 3), genMaybe(genAmountText()), tip,
		genText(2, 2, letters), genANS(1, 25), genANS(1, 15), genMaybe(genDigits(1, 10)),
		additional, language, genTagValues(65, 79, 1, 10), unreserved,
	).Map(func(v []interface{}) *Payment {
		tip := v[7].([3]string)
		return &Payment{
			PayloadFormat: "01", Initiation: Initiation(v[0].(string)), SchemeAccounts: v[1].([]TagValue),
			MerchantAccounts: v[2].([]MerchantAccount), National: v[3].(NationalAccount),
			MerchantCategoryCode: v[4].(string), Currency: v[5].(string), Amount: Amount(v[6].(string)),
			TipIndicator: tip[0], ConvenienceFeeFixed: Amount(tip[1]), ConvenienceFeePercentage: Amount(tip[2]),
			CountryCode: v[8].(string), MerchantName: v[9].(string), MerchantCity: v[10].(string), PostalCode: v[11].(string),
			AdditionalData: v[12].(AdditionalData), Language: v[13].(LanguageTemplate), RFU: v[14].([]TagValue),
			Unreserved: v[15].([]UnreservedTemplate),
		}
	}).SuchThat(func(p *Payment) bool {
		_, err := p.Encode() // a template over 99 or a payload over 512 is drawn again
		return err == nil
	})
}

// genStaticQRIS makes static QRIS payloads that validate clean: a domestic
// acquirer account in 26, template 51, and optionally a tip prompt and
// additional data a sticker carries.
func genStaticQRIS() gopter.Gen {
	criteria := gen.OneConstOf("UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU")
	alnum := gen.OneGenOf(gen.RuneRange('A', 'Z'), gen.RuneRange('0', '9'))
	proprietary := genDigits(1, 9).Map(func(s string) string { return "000200" + "01" + fmt.Sprintf("%02d", len(s)) + s })
	return gopter.CombineGens(
		gen.OneConstOf("ID.CO.EXAMPLE.WWW", "ID.DANA.WWW", "COM.GO-JEK.WWW", "ID.CO.SHOPEE.WWW"),
		genDigits(14, 14), genText(8, 15, alnum), criteria, genDigits(13, 13),
		genDigits(4, 4), genANS(1, 25), genANS(1, 15), genDigits(5, 5),
		genMaybe(genANS(1, 8)), genMaybe(genANS(1, 8)), genMaybe(gen.Const("***")),
		genMaybe(gen.OneConstOf("A", "M", "E", "AME", "EA")), genMaybe(proprietary), gen.Bool(),
	).Map(func(v []interface{}) string {
		p := &Payment{
			PayloadFormat: "01", Initiation: Static,
			MerchantAccounts: []MerchantAccount{{Tag: 26, GUID: v[0].(string), PAN: "9360" + v[1].(string),
				MerchantID: v[2].(string), Criteria: v[3].(string)}},
			National:             NationalAccount{GUID: "ID.CO.QRIS.WWW", NMID: "ID" + v[4].(string), Criteria: v[3].(string)},
			MerchantCategoryCode: v[5].(string), Currency: "360", CountryCode: "ID",
			MerchantName: v[6].(string), MerchantCity: v[7].(string), PostalCode: v[8].(string),
			AdditionalData: AdditionalData{TerminalLabel: v[9].(string), StoreLabel: v[10].(string),
				BillNumber: v[11].(string), ConsumerDataRequest: v[12].(string)},
		}
		if s := v[13].(string); s != "" {
			p.AdditionalData.Other = []TagValue{{Tag: 99, Value: s}}
		}
		if v[14].(bool) {
			p.TipIndicator = "01"
		}
		s, err := p.Encode()
		if err != nil {
			panic(err) // sized to fit: a generator bug
		}
		return s
	})
}

// genDynamicOptions makes valid options: amounts written each allowed way,
// every tip kind, references of every length.
func genDynamicOptions() gopter.Gen {
	tip := gopter.CombineGens(gen.IntRange(0, 3), genAmountText(), gen.OneConstOf("2.5", "0.01", "99.99", "10", "05.5")).
		Map(func(v []interface{}) Tip {
			switch k := TipKind(v[0].(int)); k {
			case TipFixed:
				return Tip{Kind: k, Value: Amount(v[1].(string))}
			case TipPercentage:
				return Tip{Kind: k, Value: Amount(v[2].(string))}
			default:
				return Tip{Kind: k}
			}
		})
	amount := gopter.CombineGens(genAmountText(), gen.IntRange(0, 2)).Map(func(v []interface{}) string {
		return strings.Repeat("0", v[1].(int)) + v[0].(string) // leading zeros are dropped
	})
	return gopter.CombineGens(amount, tip, genMaybe(genANS(1, 25)), genMaybe(genANS(1, 25)), genMaybe(genANS(1, 25))).
		Map(func(v []interface{}) DynamicOptions {
			return DynamicOptions{Amount: v[0].(string), Tip: v[1].(Tip), BillNumber: v[2].(string),
				ReferenceLabel: v[3].(string), TerminalLabel: v[4].(string)}
		})
}

// modelProperties returns gopter parameters with a fixed seed, so a failure
// reproduces, and enough runs to matter.
func modelProperties() *gopter.TestParameters {
	p := gopter.DefaultTestParametersWithSeed(20261125)
	p.MinSuccessfulTests = 300
	p.MaxDiscardRatio = 20
	return p
}

func TestPaymentTip(t *testing.T) {
	tests := []struct {
		indicator, fixed, pct string
		want                  Tip
		name                  string
	}{
		{"", "", "", Tip{}, "none"},
		{"01", "", "", Tip{Kind: TipPrompt}, "prompt"},
		{"02", "500", "", Tip{Kind: TipFixed, Value: "500"}, "fixed"},
		{"03", "", "2.5", Tip{Kind: TipPercentage, Value: "2.5"}, "percentage"},
		{"04", "500", "", Tip{Kind: TipUnknown}, "unknown"},
	}
	for _, tt := range tests {
		p := Payment{TipIndicator: tt.indicator, ConvenienceFeeFixed: Amount(tt.fixed), ConvenienceFeePercentage: Amount(tt.pct)}
		if got := p.Tip(); got != tt.want || got.Kind.String() != tt.name {
			t.Errorf("55 = %q: Tip() = %+v (%s), want %+v (%s)", tt.indicator, got, got.Kind, tt.want, tt.name)
		}
		if tt.want.Kind != TipUnknown && tt.want.Kind.indicator() != tt.indicator {
			t.Errorf("%s: indicator %q, want %q", tt.name, tt.want.Kind.indicator(), tt.indicator)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	cause := &emv.Error{Offset: 7, Tag: "63", Err: emv.ErrCRCMismatch}
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Err: ErrNotQRIS}, "qris: not a valid QRIS payload"},
		{&Error{Tag: "54", Err: ErrAmount, Detail: `"0" is zero`}, `qris: tag 54: invalid amount: "0" is zero`},
		{&Error{Err: ErrNotQRIS, Cause: cause}, "qris: not a valid QRIS payload: tag 63 at offset 7: CRC mismatch"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	var e *emv.Error
	if err := error(tests[2].err); !errors.Is(err, ErrNotQRIS) || !errors.Is(err, emv.ErrCRCMismatch) || !errors.As(err, &e) || e != cause {
		t.Error("the sentinel and the cause are not both reachable")
	}
}
