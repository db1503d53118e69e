package qris

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
	"github.com/qriskit/qriskit/emv"
)

// TestToDynamicVectors: the conversions of the spec's worked examples give
// the published payloads, byte for byte.
func TestToDynamicVectors(t *testing.T) {
	v := modelVectors(t)
	tests := []struct {
		name string
		in   string
		o    DynamicOptions
		want string
	}{
		{"S1 to S2", v["S1"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001"}, v["S2"]},
		{"leading zeros and trailing dot dropped", v["S1"], DynamicOptions{Amount: "0015000.", BillNumber: "INV-0001"}, v["S2"]},
		{"lowercase CRC accepted", v["S6"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001"}, v["S2"]},
		{"S1 to S3, fixed fee", v["S1"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001", Tip: Tip{Kind: TipFixed, Value: "1000"}}, v["S3"]},
		{"S1 to S4, percentage", v["S1"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001", Tip: Tip{Kind: TipPercentage, Value: "2.5"}}, v["S4"]},
		{"S2 re-amounted", v["S2"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001"}, v["S2"]},
		{"S3 re-amounted drops the old fee", v["S3"], DynamicOptions{Amount: "15000", BillNumber: "INV-0001"}, v["S2"]},
		{"tip prompt", v["S1"], DynamicOptions{Amount: "15000", Tip: Tip{Kind: TipPrompt}},
			withCRC(strings.Replace(strings.Replace(v["S1"][:len(v["S1"])-8], "010211", "010212", 1), "5303360", "5303360"+"540515000"+"550201", 1))},
		{"references placed by sub-tag", v["S1"], DynamicOptions{Amount: "1", ReferenceLabel: "R1", TerminalLabel: "T9", BillNumber: "B"},
			withCRC(strings.NewReplacer("010211", "010212", "5303360", "5303360"+"54011", "62070703A01", "6217"+"0101B"+"0502R1"+"0702T9").Replace(v["S1"][:len(v["S1"])-8]))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToDynamic(tt.in, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// modelStatics returns the real static QRIS of the corpus that validate
// clean.
func modelStatics(t *testing.T) []string {
	var out []string
	for _, e := range modelCorpus(t) {
		if e.Scheme == "qris" && e.Valid && !templateFault(e) && strings.HasPrefix(e.Payload, "000201010211") &&
			len(Validate(e.Payload, Options{})) == 0 {
			out = append(out, e.Payload)
		}
	}
	if p4 := modelVectors(t)["P4"]; len(Validate(p4, Options{})) == 0 {
		out = append(out, p4)
	}
	if len(out) < 10 {
		t.Fatalf("%d clean static payloads in the corpus", len(out))
	}
	return out
}

// TestToDynamicRealStatics converts every clean real static QRIS: the
// result validates clean, derives from its input, and ToStatic gives the
// input back.
func TestToDynamicRealStatics(t *testing.T) {
	for _, s := range modelStatics(t) {
		d, err := ToDynamic(s, DynamicOptions{Amount: "25000.50", ReferenceLabel: "ORDER-77"})
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if problems := Validate(d, Options{}); problems != nil {
			t.Errorf("%q -> %q: %v", s, d, problems)
		}
		if ok, differ, err := IsDerived(s, d); !ok || err != nil {
			t.Errorf("%q -> %q: not derived: %v %v", s, d, differ, err)
		}
		p, err := Decode(d)
		if err != nil || p.Amount != "25000.50" || !p.IsDynamic() || p.AdditionalData.ReferenceLabel != "ORDER-77" {
			t.Errorf("%q: decoded %v, %v", d, p, err)
		}
		back, err := ToStatic(d)
		if err != nil {
			t.Errorf("ToStatic(%q): %v", d, err)
			continue
		}
		// The static code comes back whole unless it carried what a static
		// code loses: 55..57, or 62.01 / 62.05 ("***" prompts).
		p, _ = Decode(s)
		if p.TipIndicator == "" && p.AdditionalData.BillNumber == "" && p.AdditionalData.ReferenceLabel == "" && back != s {
			t.Errorf("ToStatic(%q)\n = %q\nwant %q", d, back, s)
		}
		if msg := sameObjects(s, back, tagBits{1<<55 | 1<<56 | 1<<57 | 1<<62 | 1<<63}, tagBits{1<<1 | 1<<5}); msg != "" {
			t.Errorf("ToStatic(ToDynamic(%q)): %s", s, msg)
		}
	}
}

// TestToDynamicDynamicInput: a dynamic input is re-amounted as if made
// static first, its objects kept in their places.
func TestToDynamicDynamicInput(t *testing.T) {
	gw := modelGateway(t)
	o := DynamicOptions{Amount: "50000", ReferenceLabel: "NEW-REF"}
	got, err := ToDynamic(gw, o)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ToStatic(gw)
	if err != nil {
		t.Fatal(err)
	}
	via, err := ToDynamic(st, o)
	if err != nil || via != got {
		t.Errorf("ToDynamic(gateway) = %q\nToDynamic(ToStatic(gateway)) = %q, %v", got, via, err)
	}
	p, err := Decode(got)
	if err != nil {
		t.Fatal(err)
	}
	d := p.AdditionalData
	if p.Amount != "50000" || d.BillNumber != "" || d.ReferenceLabel != "NEW-REF" || d.TerminalLabel != "154039343" || len(d.Other) != 1 {
		t.Errorf("re-amounted gateway: %+v", d)
	}
	var tags []emv.Tag
	for _, f := range p.TLV().Fields() {
		tags = append(tags, f.Tag)
	}
	// The gateway's order (62 before 53, 60 before 52) stays; the new 62
	// content and 54 keep their places.
	want := []emv.Tag{0, 1, 26, 51, 62, 53, 54, 60, 52, 59, 58, 61, 63}
	if !slices.Equal(tags, want) {
		t.Errorf("order %v, want %v", tags, want)
	}
}

func TestToStatic(t *testing.T) {
	v := modelVectors(t)
	for _, id := range []string{"S2", "S3", "S4", "S1", "S6", "V2", "V3"} {
		got, err := ToStatic(v[id])
		if err != nil || got != v["S1"] {
			t.Errorf("ToStatic(%s) = %q, %v; want S1", id, got, err)
		}
	}
	// P2: the Kaltimtara test QR keeps its terminal label, loses its bill
	// number, and its 44-character name stays as it was.
	got, err := ToStatic(v["P2"])
	if err != nil {
		t.Fatal(err)
	}
	want := withCRC(strings.NewReplacer("010212", "010211", "540510000", "", "62250112112233445534070547905", "6209070547905").
		Replace(v["P2"][:len(v["P2"])-8]))
	if got != want {
		t.Errorf("ToStatic(P2)\n = %s\nwant %s", got, want)
	}
	// The gateway: 62 keeps 07 and 99.
	p, err := Decode(mustToStatic(t, modelGateway(t)))
	if err != nil || p.IsDynamic() || p.Amount != "" || p.AdditionalData.BillNumber != "" ||
		p.AdditionalData.ReferenceLabel != "" || p.AdditionalData.TerminalLabel != "154039343" || len(p.AdditionalData.Other) != 1 {
		t.Errorf("ToStatic(gateway): %+v, %v", p, err)
	}
	// A 62 of references only disappears.
	only := withCRC(strings.Replace(v["S2"][:len(v["S2"])-8], "62190108INV-00010703A01", "62120108INV-0001", 1))
	if got := mustToStatic(t, only); got != withCRC(strings.Replace(v["S1"][:len(v["S1"])-8], "62070703A01", "", 1)) {
		t.Errorf("62 of references only: %s", got)
	}
}

func mustToStatic(t *testing.T, s string) string {
	t.Helper()
	out, err := ToStatic(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConversionErrors(t *testing.T) {
	v := modelVectors(t)
	s1 := v["S1"]
	content := s1[:len(s1)-8]
	long := strings.Repeat("x", 25)
	bigger := withCRC(strings.Replace(content, "62070703A01", "6287"+"0125"+long+"0325"+long+"0425"+long, 1))
	tests := []struct {
		name   string
		in     string
		o      DynamicOptions
		want   error
		emvErr error // the emv sentinel wrapped too, if any
		tag    string
	}{
		{"no amount", s1, DynamicOptions{}, ErrAmount, nil, "54"},
		{"zero amount", s1, DynamicOptions{Amount: "0.00"}, ErrAmount, nil, "54"},
		{"comma", s1, DynamicOptions{Amount: "1000,00"}, ErrAmount, nil, "54"},
		{"three decimals", s1, DynamicOptions{Amount: "10.125"}, ErrAmount, nil, "54"},
		{"negative", s1, DynamicOptions{Amount: "-10"}, ErrAmount, nil, "54"},
		{"14 characters", s1, DynamicOptions{Amount: "12345678901234"}, ErrAmount, nil, "54"},
		{"14 characters with zeros dropped still too long", s1, DynamicOptions{Amount: "00012345678901234"}, ErrAmount, nil, "54"},
		{"percentage 0", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "0"}}, ErrTip, nil, "57"},
		{"percentage 100", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "100"}}, ErrTip, nil, "57"},
		{"percentage 3 decimals", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "1.255"}}, ErrTip, nil, "57"},
		{"percentage with %", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPercentage, Value: "5%"}}, ErrTip, nil, "57"},
		{"fixed fee 0", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipFixed, Value: "0"}}, ErrTip, nil, "56"},
		{"fixed fee missing", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipFixed}}, ErrTip, nil, "56"},
		{"prompt with a value", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPrompt, Value: "5"}}, ErrTip, nil, "55"},
		{"value without a kind", s1, DynamicOptions{Amount: "1", Tip: Tip{Value: "5"}}, ErrTip, nil, "55"},
		{"unknown kind", s1, DynamicOptions{Amount: "1", Tip: Tip{Kind: TipUnknown}}, ErrTip, nil, "55"},
		{"bill number over 25", s1, DynamicOptions{Amount: "1", BillNumber: long + "x"}, ErrReference, nil, "62.01"},
		{"reference with |", s1, DynamicOptions{Amount: "1", ReferenceLabel: "A|B"}, ErrReference, nil, "62.05"},
		{"terminal not ASCII", s1, DynamicOptions{Amount: "1", TerminalLabel: "Café"}, ErrReference, nil, "62.07"},
		{"62 over 99", bigger, DynamicOptions{Amount: "1", ReferenceLabel: "ABCDEFGHIJ"}, ErrTooLong, nil, "62"},
		{"payload over 512", sizedPayload(t, 508), DynamicOptions{Amount: "1"}, ErrTooLong, nil, ""},
		{"input over 512", sizedPayload(t, 600), DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrTooLong, ""},
		{"empty input", "", DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrEmpty, ""},
		{"bad CRC", v["P1"], DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrCRCMismatch, ""},
		{"CRC not hex", v["P5"], DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrCRCSyntax, ""},
		{"not UTF-8", s1[:30] + "\xff" + s1[31:], DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrUTF8, ""},
		{"duplicate tag", v["N5"], DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrDuplicate, ""},
		{"Hong Kong", v["P6"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "53"},
		{"01 before 00", v["N11"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "00"},
		{"no postal code", v["N4"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "61"},
		{"country not ID", withCRC(strings.Replace(content, "5802ID", "5802SG", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "58"},
		{"01 = 13", withCRC(strings.Replace(content, "010211", "010213", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "01"},
		{"no merchant account", withCRC(strings.Replace(strings.Replace(content, "51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI", "", 1),
			"26630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI", "", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "51"},
		{"62 not TLV", withCRC(strings.Replace(content, "62070703A01", "6207X703A01", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, emv.ErrNotTLV, "62"},
		{"checklist: | in 59", v["N8"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "59"},
		{"checklist: criteria XYZ", v["N9"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "26.03"},
		{"checklist: 55=02 without 56", v["N1"], DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "56"},
		{"checklist: 55=02 without 56, a tip asked", v["N1"], DynamicOptions{Amount: "1", Tip: Tip{Kind: TipPrompt}}, ErrNotQRIS, nil, "56"},
		{"checklist: 55=03 without 57", withCRC(strings.Replace(content, "5802ID", "5502035802ID", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "57"},
		{"checklist: 55=04", withCRC(strings.Replace(content, "5802ID", "5502045802ID", 1)), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "55"},
		{"PIX", withCRC("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***"), DynamicOptions{Amount: "1"}, ErrNotQRIS, nil, "53"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToDynamic(tt.in, tt.o)
			checkConversionError(t, got, err, tt.want, tt.emvErr, tt.tag)
		})
	}
	t.Run("NoCheck copies the merchant's defects", func(t *testing.T) {
		got, err := ToDynamic(v["N8"], DynamicOptions{Amount: "1", NoCheck: true})
		if err != nil || !strings.Contains(got, "5911TOKO|CONTOH") {
			t.Errorf("%q, %v", got, err)
		}
		got, err = ToDynamic(v["N1"], DynamicOptions{Amount: "1", NoCheck: true})
		if err != nil || !strings.Contains(got, "550202") || Valid(Validate(got, Options{})) {
			t.Errorf("N1 with NoCheck: %q, %v; want its defect copied", got, err)
		}
		if got, err := ToDynamic(s1, DynamicOptions{Amount: "1"}); err != nil || got == "" {
			t.Errorf("a clean input refused: %v", err)
		}
	})
	t.Run("an option error comes before the checklist", func(t *testing.T) {
		if _, err := ToDynamic(v["N1"], DynamicOptions{Amount: "0"}); !errors.Is(err, ErrAmount) {
			t.Errorf("amount 0 on N1: %v, want ErrAmount", err)
		}
	})
	t.Run("exactly 512", func(t *testing.T) {
		got, err := ToDynamic(sizedPayload(t, 507), DynamicOptions{Amount: "1"})
		if err != nil || len(got) != 512 {
			t.Errorf("%d characters, %v", len(got), err)
		}
	})
	t.Run("ToStatic without 51", func(t *testing.T) {
		dyn := withCRC(strings.Replace(v["S2"][:len(v["S2"])-8], "51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI", "", 1))
		got, err := ToStatic(dyn)
		checkConversionError(t, got, err, ErrNotQRIS, nil, "51")
	})
	t.Run("ToStatic bad CRC", func(t *testing.T) {
		got, err := ToStatic(v["P1"])
		checkConversionError(t, got, err, ErrNotQRIS, emv.ErrCRCMismatch, "")
	})
}

func checkConversionError(t *testing.T, got string, err, want, emvErr error, tag string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("got %q, %v; want %v", got, err, want)
	}
	var e *Error
	if !errors.As(err, &e) || (tag != "" && e.Tag != tag) {
		t.Errorf("%v: tag %q, want %q", err, e.Tag, tag)
	}
	if emvErr != nil {
		var ee *emv.Error
		if !errors.Is(err, emvErr) || !errors.As(err, &ee) {
			t.Errorf("%v does not wrap %v in an *emv.Error", err, emvErr)
		}
	}
	if got != "" || err.Error() == "" {
		t.Errorf("result %q with error %v", got, err)
	}
}

func TestIsDerived(t *testing.T) {
	v := modelVectors(t)
	s1 := v["S1"]
	content := s1[:len(s1)-8]
	tests := []struct {
		name    string
		static  string
		dynamic string
		differ  []emv.Tag
	}{
		{"S2 from S1", s1, v["S2"], nil},
		{"S4 from S1", s1, v["S4"], nil},
		{"reverse order", v["V4"], v["S2"], nil},
		{"lowercase CRC", v["S6"], v["S2"], nil},
		{"other name", s1, withCRC(strings.Replace(content, "5911TOKO CONTOH", "5909TOKO LAIN", 1)), []emv.Tag{59}},
		{"other NMID and city", s1, withCRC(strings.Replace(strings.Replace(content, "ID1020000000001", "ID1020000000002", 1), "6007JAKARTA", "6007BANDUNG", 1)), []emv.Tag{51, 60}},
		{"postal code dropped", s1, withCRC(strings.Replace(content, "6105101106", "6", 1)), []emv.Tag{61}},
		{"another merchant", v["P4"], v["S2"], []emv.Tag{26, 51, 52, 59, 60, 61}},
		{"card scheme account added", s1, withCRC(strings.Replace(content, "26630017", "0204ABCD26630017", 1)), []emv.Tag{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, differ, err := IsDerived(tt.static, tt.dynamic)
			if err != nil || ok != (tt.differ == nil) || !slices.Equal(differ, tt.differ) {
				t.Errorf("IsDerived = %v, %v, %v; want differ %v", ok, differ, err, tt.differ)
			}
		})
	}
	for _, bad := range []struct{ static, dynamic, which string }{{v["P1"], s1, "static"}, {s1, v["P5"], "dynamic"}} {
		_, _, err := IsDerived(bad.static, bad.dynamic)
		var e *Error
		if !errors.Is(err, ErrNotQRIS) || !errors.As(err, &e) || !strings.Contains(e.Detail, bad.which) {
			t.Errorf("IsDerived with a bad %s payload: %v", bad.which, err)
		}
	}
}

// TestPropertyConversions: for generated static QRIS and options, ToDynamic
// keeps every merchant object byte for byte and in order, the result
// validates clean and derives from its input, ToStatic gives back the
// merchant's data, and re-amounting the result equals converting its static
// form.
func TestPropertyConversions(t *testing.T) {
	props := gopter.NewProperties(modelProperties())
	props.Property("static to dynamic and back", prop.ForAll(func(s string, o DynamicOptions) string {
		if problems := Validate(s, Options{}); problems != nil {
			return fmt.Sprintf("generated input %q: %v", s, problems)
		}
		d, err := ToDynamic(s, o)
		if errors.Is(err, ErrTooLong) {
			return tooLongChecked(s, o, err)
		}
		if err != nil {
			return err.Error()
		}
		if problems := Validate(d, Options{}); problems != nil {
			return fmt.Sprintf("%q: %v", d, problems)
		}
		if ok, differ, err := IsDerived(s, d); !ok || err != nil {
			return fmt.Sprintf("not derived: %v %v", differ, err)
		}
		set := tagBits{}
		for t, v := range map[emv.Tag]string{1: o.BillNumber, 5: o.ReferenceLabel, 7: o.TerminalLabel} {
			if v != "" {
				set.add(t)
			}
		}
		rootSkip := tagBits{1<<1 | 1<<54 | 1<<62 | 1<<63}
		if o.Tip.Kind != TipNone {
			rootSkip[0] |= 1<<55 | 1<<56 | 1<<57
		}
		if msg := sameObjects(s, d, rootSkip, set); msg != "" {
			return "ToDynamic: " + msg
		}
		st, err := ToStatic(d)
		if err != nil {
			return err.Error()
		}
		set.add(1)
		set.add(5)
		if msg := sameObjects(s, st, tagBits{1<<54 | 1<<55 | 1<<56 | 1<<57 | 1<<62 | 1<<63}, set); msg != "" {
			return "ToStatic: " + msg
		}
		again, err := ToDynamic(d, o)
		via, err2 := ToDynamic(st, o)
		if err != nil || err2 != nil || again != via {
			return fmt.Sprintf("re-amounting: %q, %v; via static %q, %v", again, err, via, err2)
		}
		return ""
	}, genStaticQRIS(), genDynamicOptions()))
	props.TestingRun(t)
}

// sameObjects compares the root objects of a and b but those in skip, and
// the 62 sub-objects but those in skipSub: each must be in both or neither,
// with the same value, in the same relative order.
func sameObjects(a, b string, skip, skipSub tagBits) string {
	pa, err := emv.Parser{AllowLowercaseCRC: true}.Parse(a)
	if err != nil {
		return err.Error()
	}
	pb, err := emv.Parse(b)
	if err != nil {
		return err.Error()
	}
	if msg := sameFields(pa.Fields(), pb.Fields(), skip, ""); msg != "" {
		return msg
	}
	fa, _ := pa.Get(62)
	fb, _ := pb.Get(62)
	sa, _ := fa.Template()
	sb, _ := fb.Template()
	return sameFields(sa, sb, skipSub, "62.")
}

func sameFields(a, b emv.Fields, skip tagBits, prefix string) string {
	keep := func(fs emv.Fields) (out []string) {
		for _, f := range fs {
			if !skip.has(f.Tag) {
				out = append(out, f.Tag.String()+"="+f.Value)
			}
		}
		return out
	}
	if ka, kb := keep(a), keep(b); !slices.Equal(ka, kb) {
		return fmt.Sprintf("%sobjects %v became %v", prefix, ka, kb)
	}
	return ""
}

// tooLongChecked accepts ErrTooLong only when the result would indeed be
// over a bound: 62 over 99 characters (the options' references are what can
// push it there).
func tooLongChecked(s string, o DynamicOptions, err error) string {
	p, derr := Decode(s)
	if derr != nil {
		return derr.Error()
	}
	d := p.AdditionalData
	for _, r := range []struct {
		v string
		f *string
	}{{o.BillNumber, &d.BillNumber}, {o.ReferenceLabel, &d.ReferenceLabel}, {o.TerminalLabel, &d.TerminalLabel}} {
		if r.v != "" {
			*r.f = r.v
		}
	}
	p.AdditionalData = d
	if _, eerr := p.Encode(); !errors.Is(eerr, ErrTooLong) {
		return fmt.Sprintf("ToDynamic said %v, yet the references fit", err)
	}
	return ""
}

// TestConversionWays: an input in tag order and the same objects out of
// order (root and 62 reversed) convert to the same objects with the same
// values, or fail with the same error, for every clean static of the
// corpus, its dynamic forms, and options that add, replace and drop
// objects. (This held the one-pass and planned engines to each other
// before the conversion had one write path; the golden file now holds
// both orders to their recorded outputs.)
func TestConversionWays(t *testing.T) {
	long := strings.Repeat("R", 25)
	options := []DynamicOptions{
		{Amount: "15000"},
		{Amount: "15000.50", BillNumber: "INV-1"},
		{Amount: "1", ReferenceLabel: "REF", TerminalLabel: "T01"},
		{Amount: "99", BillNumber: "B", ReferenceLabel: "R", TerminalLabel: "T", Tip: Tip{Kind: TipPrompt}},
		{Amount: "20000", Tip: Tip{Kind: TipFixed, Value: "2500"}},
		{Amount: "20000", Tip: Tip{Kind: TipPercentage, Value: "1.5"}, TerminalLabel: "K1"},
		{Amount: "5", BillNumber: long, ReferenceLabel: long, TerminalLabel: long},
	}
	inputs := modelStatics(t)
	for _, s := range modelStatics(t) {
		for _, o := range options[1:4] {
			if d, err := ToDynamic(s, o); err == nil {
				inputs = append(inputs, d)
			}
		}
	}
	same := func(a, b string, aerr, berr error) bool {
		if aerr != nil || berr != nil {
			return fmt.Sprint(aerr) == fmt.Sprint(berr)
		}
		p, perr := Decode(a)
		q, qerr := Decode(b)
		return perr == nil && qerr == nil && p.Equal(q)
	}
	var dynamic, static int
	for _, s := range inputs {
		r, ok := reversed(s, true, true)
		if !ok {
			t.Fatalf("%q does not reverse", s)
		}
		for _, o := range options {
			a, aerr := ToDynamic(s, o)
			b, berr := ToDynamic(r, o)
			if !same(a, b, aerr, berr) {
				t.Errorf("ToDynamic(%+v):\n in order %q, %v\n reversed %q, %v", o, a, aerr, b, berr)
			}
			if aerr == nil {
				dynamic++
			}
		}
		a, aerr := ToStatic(s)
		b, berr := ToStatic(r)
		if !same(a, b, aerr, berr) {
			t.Errorf("ToStatic:\n in order %q, %v\n reversed %q, %v", a, aerr, b, berr)
		}
		if aerr == nil {
			static++
		}
	}
	if dynamic < 100 || static < 10 {
		t.Errorf("only %d conversions and %d ToStatic succeeded: the comparison proves little", dynamic, static)
	}
}

// TestToDynamicNonASCII: an input with multi-byte characters (a merchant
// name with 'é') is converted with lengths counted in characters.
func TestToDynamicNonASCII(t *testing.T) {
	p4 := modelVectors(t)["P4"]
	p, err := Decode(p4)
	if err != nil {
		t.Fatal(err)
	}
	name := p.MerchantName
	in := withCRC(strings.Replace(p4[:len(p4)-8], "59"+fmt.Sprintf("%02d", len(name))+name, "5905CAFÉS", 1))
	if in == withCRC(p4[:len(p4)-8]) {
		t.Fatalf("merchant name %q not found in P4", name)
	}
	for _, tc := range []struct {
		name string
		o    DynamicOptions
		err  error
	}{
		// A name that is not ASCII breaks R27: the conversion of such an
		// input is tested with the checklist off, which refuses it.
		{"checklist", DynamicOptions{Amount: "15000"}, ErrNotQRIS},
		{"amount and bill", DynamicOptions{Amount: "15000", BillNumber: "INV-1", NoCheck: true}, nil},
		{"every reference and a tip", DynamicOptions{Amount: "1", BillNumber: strings.Repeat("B", 25), ReferenceLabel: strings.Repeat("R", 25), TerminalLabel: strings.Repeat("T", 25), Tip: Tip{Kind: TipFixed, Value: "500"}, NoCheck: true}, nil},
		{"bad amount", DynamicOptions{Amount: "0", NoCheck: true}, ErrAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ToDynamic(in, tc.o)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("ToDynamic = %q, %v; want %v", d, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			q, err := Decode(d)
			if err != nil {
				t.Fatalf("Decode(%q): %v", d, err)
			}
			if q.MerchantName != "CAFÉS" || q.Amount != Amount(tc.o.Amount) || q.AdditionalData.BillNumber != tc.o.BillNumber || !q.IsDynamic() {
				t.Errorf("ToDynamic(%q) = %q: name %q, amount %q, bill %q", in, d, q.MerchantName, q.Amount, q.AdditionalData.BillNumber)
			}
			// ToStatic gives the input back, but for a terminal label set
			// over the input's, which a static code keeps.
			back, err := ToStatic(d)
			if err != nil || (back != in) != (tc.o.TerminalLabel != "") {
				t.Errorf("ToStatic(%q) = %q, %v; input %q", d, back, err, in)
			}
		})
	}
}

// TestConversionChecksum: a conversion checks its input's checksum and
// reports a wrong one before any other fault of the input, as a parse
// that checks it would.
func TestConversionChecksum(t *testing.T) {
	v := modelVectors(t)
	s1 := v["S1"]
	content := s1[:len(s1)-8]
	wrongSum := func(s string) string {
		sum := s[len(s)-4:]
		return s[:len(s)-4] + string("0123456789ABCDEF"[(strings.IndexByte("0123456789ABCDEF", sum[0])+1)%16]) + sum[1:]
	}
	for _, s := range modelStatics(t) {
		bad := wrongSum(s)
		got, err := ToDynamic(bad, DynamicOptions{Amount: "1000", BillNumber: "B1"})
		checkConversionError(t, got, err, ErrNotQRIS, emv.ErrCRCMismatch, "")
		got, err = ToStatic(bad)
		if !errors.Is(err, emv.ErrCRCMismatch) && !errors.Is(err, ErrNotQRIS) {
			t.Errorf("ToStatic of a wrong checksum: %q, %v", got, err)
		}
		// Any one character of the value changed is caught.
		for i := len(s) - 4; i < len(s); i++ {
			b := []byte(s)
			b[i] ^= 1
			if got, err := ToDynamic(string(b), DynamicOptions{Amount: "1"}); err == nil {
				t.Errorf("checksum %q of %q taken: %q", b[len(b)-4:], s, got)
			}
		}
	}
	// A lowercase checksum is accepted and the result's is uppercase.
	lower := content + "6304" + strings.ToLower(emv.CRC(content+"6304"))
	if got, err := ToDynamic(lower, DynamicOptions{Amount: "1"}); err != nil || emv.CRC(got[:len(got)-4]) != got[len(got)-4:] {
		t.Errorf("lowercase checksum: %q, %v", got, err)
	}
	// The checksum comes first: before a missing 61, an over-long 62, an
	// over-long result.
	for _, in := range []string{
		wrongSum(v["N4"]),
		wrongSum(sizedPayload(t, 508)),
		wrongSum(withCRC(content[:len(content)-11] + "62" + "99" + "0195" + strings.Repeat("X", 95))),
	} {
		got, err := ToDynamic(in, DynamicOptions{Amount: "1", ReferenceLabel: "ABCDEFGHIJ"})
		checkConversionError(t, got, err, ErrNotQRIS, emv.ErrCRCMismatch, "")
	}
	// A 63 of four characters that are not hex, multi-byte ones included,
	// is refused as a parse refuses it, with the sum of what precedes it.
	for _, crc := range []string{"36G3", "36é3"} {
		in := content + "6304" + crc
		_, want := emv.Parse(in)
		got, err := ToDynamic(in, DynamicOptions{Amount: "1"})
		checkConversionError(t, got, err, ErrNotQRIS, emv.ErrCRCSyntax, "")
		if e, ok := errors.AsType[*emv.Error](err); !ok || want == nil || !strings.Contains(want.Error(), e.Computed) || e.Computed != emv.CRC(content+"6304") {
			t.Errorf("63 %q: %v; a parse says %v", crc, err, want)
		}
	}
}
