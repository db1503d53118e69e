package qris

import (
	"encoding/json"
	"testing"

	"github.com/qriskit/qriskit/emv"
)

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Rule: "R15", Tag: "54", Offset: 123, Severity: SeverityError, Message: "bad"}, "error R15 tag 54 at 123: bad"},
		{Problem{Rule: "Q10", Tag: "51.00", Offset: 7, Severity: SeverityWarning, Message: "m"}, "warning Q10 tag 51.00 at 7: m"},
		{Problem{Rule: "R01", Offset: 0, Severity: SeverityError, Message: "m"}, "error R01 at 0: m"},
		{Problem{Rule: "V03", Tag: "totalAmount", Offset: -1, Severity: SeverityError, Message: "m"}, "error V03 field totalAmount: m"},
		{Problem{Rule: "V03", Tag: "5", Offset: -1, Severity: SeverityError, Message: "m"}, "error V03 field 5: m"},
		{Problem{Rule: "V03", Tag: "62.9", Offset: -1, Severity: SeverityError, Message: "m"}, "error V03 field 62.9: m"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestProblemJSON(t *testing.T) {
	p := Problem{Rule: "R15", Tag: "54", Offset: 9, Severity: SeverityWarning, Message: "m"}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"rule":"R15","tag":"54","offset":9,"severity":"warning","message":"m"}` {
		t.Fatalf("%s", b)
	}
	var back Problem
	if err := json.Unmarshal(b, &back); err != nil || back != p {
		t.Fatalf("%+v %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"severity":"fatal"}`), &back); err == nil {
		t.Fatal("unknown severity accepted")
	}
	if SeverityError.String() != "error" || Severity(0).String() != "unknown" {
		t.Fatal("Severity.String")
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		path []uint8
		name string
		ok   bool
	}{
		{[]uint8{54}, "Transaction Amount", true},
		{[]uint8{62, 5}, "Reference Label", true},
		{[]uint8{62, 99, 1}, "Proprietary Data", true},
		{[]uint8{26, 1}, "Merchant PAN", true},
		{[]uint8{51, 2}, "National Merchant ID (NMID)", true},
		{[]uint8{54, 1}, "", false},
		{[]uint8{}, "", false},
	}
	for _, tt := range tests {
		var path []emv.Tag
		for _, p := range tt.path {
			path = append(path, emv.Tag(p))
		}
		o, ok := Describe(path...)
		if ok != tt.ok || (ok && o.Name != tt.name) || Name(path...) != tt.name {
			t.Errorf("Describe(%v) = %v %v", tt.path, o, ok)
		}
	}
	for _, o := range Objects() {
		if o.Template != (o.Sub != nil) {
			t.Errorf("%s: Template and Sub disagree", o.Name)
		}
		if o.Key == "" || o.Name == "" || o.Min < 1 || o.Max < o.Min || o.Max > 99 {
			t.Errorf("bad entry %+v", o)
		}
	}
	if AlphanumericSpecial.String() != "ans" || Numeric.String() != "N" || String.String() != "S" || Format(0).String() != "?" {
		t.Error("Format.String")
	}
}

// TestObjectsCopies: the table handed out is a copy: shrinking the bound of
// 59 and renaming a 62 sub-object in it, or in what Describe returns,
// changes neither validation nor names.
func TestObjectsCopies(t *testing.T) {
	clean := modelStatics(t)[0]
	if ps := Validate(clean, Options{}); ps != nil {
		t.Fatalf("not clean: %v", ps)
	}
	table := Objects()
	for i := range table {
		if table[i].From == 59 {
			table[i].Max = 3
		}
		for j := range table[i].Sub {
			table[i].Sub[j].Name = "changed"
		}
	}
	if o, ok := Describe(59); ok {
		o.Max = 3
	}
	if o, ok := Describe(62); ok {
		o.Sub[1].Max = 1
	}
	if ps := Validate(clean, Options{}); ps != nil {
		t.Errorf("after changing copies of the table: %v", ps)
	}
	if o, _ := Describe(59); o.Max != 25 {
		t.Errorf("Describe(59).Max = %d after a copy was changed", o.Max)
	}
	if Name(62, 1) != "Bill Number" || Objects()[0].Name != "Payload Format Indicator" {
		t.Errorf("names changed: %q", Name(62, 1))
	}
}
