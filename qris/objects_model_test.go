package qris

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

// TestFieldsMatchTable ties each typed form's fields list to the object
// table: every row that names a field reaches a different Go field, and
// every string field of the type (but the tags) is reached by one row.
func TestFieldsMatchTable(t *testing.T) {
	type form struct {
		name   string
		value  any // pointer to the zero value whose fields are listed
		fields fieldPtrs
		table  []Object
	}
	var p Payment
	var a MerchantAccount
	var n NationalAccount
	var d AdditionalData
	var l LanguageTemplate
	var u UnreservedTemplate
	forms := []form{
		{"Payment", &p, p.fields(), objects},
		{"MerchantAccount", &a, a.tmpl().fields, merchantAccountSub},
		{"NationalAccount", &n, n.tmpl().fields, nationalSub},
		{"AdditionalData", &d, d.tmpl().fields, additionalDataSub},
		{"LanguageTemplate", &l, l.tmpl().fields, languageSub},
		{"UnreservedTemplate", &u, u.tmpl().fields, guidTemplateSub},
	}
	for _, f := range forms {
		v := reflect.ValueOf(f.value).Elem()
		want := map[string]bool{}
		for i := range v.NumField() {
			if sf := v.Type().Field(i); sf.IsExported() && sf.Type.Kind() == reflect.String {
				want[sf.Name] = true
			}
		}
		got := map[string]string{} // Go field -> JSON key of its row
		for i := range f.table {
			o := &f.table[i]
			ptr := fieldIn(&f.fields, o)
			if ptr == nil {
				continue
			}
			if o.From != o.To {
				t.Errorf("%s: row %s..%s names a field but covers several tags", f.name, o.From, o.To)
			}
			*ptr = "marker"
			name := ""
			for j := range v.NumField() {
				if fv := v.Field(j); fv.Kind() == reflect.String && fv.String() == "marker" {
					name = v.Type().Field(j).Name
				}
			}
			*ptr = ""
			if name == "" {
				t.Errorf("%s: row %s (%s) reaches no field of the type", f.name, o.From, o.Key)
				continue
			}
			if k, dup := got[name]; dup {
				t.Errorf("%s: rows %q and %q both reach %s", f.name, k, o.Key, name)
			}
			got[name] = o.Key
		}
		for name := range want {
			if _, ok := got[name]; !ok {
				t.Errorf("%s.%s has no row in the object table: decode, encode and JSON would not see it", f.name, name)
			}
		}
	}
}

// TestMerchantChannel follows one named sub-object, 62.11, through every
// reader of the table: decode into its field, encode byte for byte, its
// JSON key, its label, its rule, and its place when added.
func TestMerchantChannel(t *testing.T) {
	in := withCRC("000201010211" + tlv(26, tlv(0, "ID.CO.TEST")+tlv(1, "936000000001")+tlv(3, "UMI")) +
		"5204581253033605802ID5904TOKO6007JAKARTA" + tlv(62, "0703A01"+"1005TAX42"+"1103000"))
	p, err := Decode(in)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.AdditionalData; d.MerchantChannel != "000" || d.MerchantTaxID != "TAX42" || d.TerminalLabel != "A01" || d.Other != nil {
		t.Fatalf("62 decoded as %+v", d)
	}
	if s, err := p.Encode(); err != nil || s != in {
		t.Fatalf("Encode = %q, %v; want the input", s, err)
	}
	js, err := json.Marshal(&p.AdditionalData)
	if err != nil || !strings.Contains(string(js), `"merchantChannel":"000"`) {
		t.Fatalf("JSON = %s, %v", js, err)
	}
	var back AdditionalData
	if err := json.Unmarshal(js, &back); err != nil || back.MerchantChannel != "000" {
		t.Fatalf("JSON read back: %+v, %v", back, err)
	}
	if Name(62, 11) != "Merchant Channel" {
		t.Errorf("Name(62, 11) = %q", Name(62, 11))
	}
	if o, ok := Describe(62, 11); !ok || o.Rule != "R23" || o.Required || o.Min != 3 || o.Max != 3 {
		t.Errorf("Describe(62, 11) = %+v, %v", o, ok)
	}
	// Set on a payload without it, it lands after 62.10, inside 62.
	p.AdditionalData.MerchantChannel = ""
	out, err := p.Encode()
	if err != nil {
		t.Fatal(err)
	}
	q, _ := Decode(out)
	q.AdditionalData.MerchantChannel = "123"
	out, err = q.Encode()
	if err != nil || !strings.Contains(out, tlv(62, "0703A01"+"1005TAX42"+"1103123")) {
		t.Errorf("adding 62.11 gave %q, %v", out, err)
	}
	if problems := Validate(out, Options{Profile: ProfileEMV}); len(problems) != 0 {
		t.Errorf("the payload with 62.11 has problems: %v", problems)
	}
	// A 62.11 written by hand into the list is refused: it has a field.
	q.AdditionalData.MerchantChannel = ""
	q.AdditionalData.Other = []TagValue{{Tag: 11, Value: "999"}}
	if _, err := q.Encode(); err == nil {
		t.Error("Encode took 62.11 in AdditionalData.Other")
	}
}

// TestTableColumns: the rule and required columns say what the validator
// enforces for the objects every payload needs.
func TestTableColumns(t *testing.T) {
	for _, tt := range []struct {
		path     []emv.Tag
		rule     string
		required bool
	}{
		{[]emv.Tag{0}, "R05", true}, {[]emv.Tag{52}, "R13", true}, {[]emv.Tag{59}, "R20", true},
		{[]emv.Tag{60}, "R21", true}, {[]emv.Tag{54}, "R15", false}, {[]emv.Tag{26, 0}, "R12", true},
		{[]emv.Tag{64, 0}, "R24", true}, {[]emv.Tag{62, 1}, "R23", false}, {[]emv.Tag{70}, "R26", false},
	} {
		o, ok := Describe(tt.path...)
		if !ok || o.Rule != tt.rule || o.Required != tt.required {
			t.Errorf("Describe(%v) = %+v, want rule %s required %v", tt.path, o, tt.rule, tt.required)
		}
	}
	var walk func(table []Object)
	walk = func(table []Object) {
		for _, o := range table {
			if _, ok := LookupRule(o.Rule); o.Rule != "" && !ok {
				t.Errorf("row %s..%s (%s) names rule %s, which Rules does not hold", o.From, o.To, o.Key, o.Rule)
			}
			walk(o.Sub)
		}
	}
	walk(Objects())
}

// tlv writes one data object.
func tlv(t emv.Tag, v string) string { return t.String() + emv.Tag(len(v)).String() + v }
