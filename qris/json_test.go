package qris

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

var updateModel = flag.Bool("update-model", false, "rewrite the golden files under testdata/model")

// TestJSONGolden pins the JSON form of payloads that use every part of it.
func TestJSONGolden(t *testing.T) {
	v := modelVectors(t)
	tests := []struct{ file, payload string }{
		{"gateway.json", modelGateway(t)},
		{"s4-percentage-fee.json", v["S4"]},
		{"s5-language.json", v["S5"]},
		{"p6-card-scheme.json", v["P6"]},
		// The EMVCo Chinese sample: RFU, unreserved, 62.10 and 62.50, 64.03.
		{"emvco-cn.json", "00020101021102160004hoge0104abcd520441115303156540523.7255020256035005802CN5914BEST TRANSPORT6007BEIJING6107123456762950105123450205678900305098760405543210505abcde0605fghij0705klmno0805pqres0903tuv1004abcd5004ijkl64280002ZH0102北京0204最佳运输0304abcd65020080320016A0112233449988770708123456786304C659"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := Decode(tt.payload)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "model", tt.file)
			if *updateModel {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update-model to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("JSON differs from %s:\n%s", path, got)
			}
			var back Payment
			if err := json.Unmarshal(want, &back); err != nil {
				t.Fatal(err)
			}
			if !back.Equal(p) {
				t.Errorf("%s reads back as a different payment", path)
			}
		})
	}
}

// TestJSONRoundTripCorpus: every payload that decodes marshals and reads
// back to an equal Payment, which encodes to a payload holding the same
// objects.
func TestJSONRoundTripCorpus(t *testing.T) {
	n := 0
	for _, e := range modelCorpus(t) {
		p, err := DecodeLenient(e.Payload)
		if err != nil {
			continue
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("%q: %v", e.Payload, err)
		}
		var back Payment
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if !back.Equal(p) {
			t.Errorf("%s reads back as a different payment", b)
		}
		s, err := back.Encode()
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		q, err := DecodeLenient(s)
		if err != nil || !q.Equal(p) {
			t.Errorf("%q re-encoded from JSON as %q: %v", e.Payload, s, err)
		}
		n++
	}
	if n < 90 {
		t.Errorf("round-tripped %d payloads", n)
	}
}

func TestPropertyJSON(t *testing.T) {
	props := gopter.NewProperties(modelProperties())
	props.Property("JSON reads back to an equal Payment", prop.ForAll(func(p *Payment) string {
		b, err := json.Marshal(p)
		if err != nil {
			return err.Error()
		}
		var back Payment
		if err := json.Unmarshal(b, &back); err != nil {
			return fmt.Sprintf("%s: %v", b, err)
		}
		if !back.Equal(p) {
			return fmt.Sprintf("%s reads back differently", b)
		}
		return ""
	}, genPayment()))
	props.TestingRun(t)
}

func TestJSONErrors(t *testing.T) {
	tests := []struct {
		name, in string
		mine     bool // an ErrValue of this package, else encoding/json's
	}{
		{"not an object", `[]`, false},
		{"unknown key", `{"merchantNam":"X"}`, true},
		{"wrong type", `{"merchantName":5}`, false},
		{"trailing data", `{"merchantName":"X"} {}`, false},
		{"template unknown key", `{"nationalAccount":{"tag":"51","nmidd":"X"}}`, true},
		{"template wrong tag", `{"nationalAccount":{"tag":"52","nmid":"X"}}`, true},
		{"template tag not digits", `{"additionalData":{"tag":"6x"}}`, true},
		{"account without tag", `{"merchantAccount":[{"guid":"X"}]}`, true},
		{"account tag out of range", `{"merchantAccount":[{"tag":"51","guid":"X"}]}`, true},
		{"unreserved tag out of range", `{"unreserved":[{"tag":"79","guid":"X"}]}`, true},
		{"list tag out of range", `{"schemeAccount":[{"tag":"26","value":"X"}]}`, true},
		{"rfu tag out of range", `{"rfu":[{"tag":"64","value":"X"}]}`, true},
		{"sub tag under the wrong key", `{"additionalData":{"tag":"62","rfu":[{"tag":"99","value":"X"}]}}`, true},
		{"named sub tag in a list", `{"merchantAccount":[{"tag":"26","other":[{"tag":"01","value":"X"}]}]}`, true},
		{"tag-value without value", `{"rfu":[{"tag":"65"}]}`, true},
		{"tag-value bad tag", `{"rfu":[{"tag":"6","value":"X"}]}`, true},
		{"tag-value unknown key", `{"rfu":[{"tag":"65","value":"X","x":1}]}`, false},
		{"template null", `{"language":null}`, true},
	}
	for _, tt := range tests {
		var p Payment
		err := json.Unmarshal([]byte(tt.in), &p)
		if err == nil {
			t.Errorf("%s: %s accepted", tt.name, tt.in)
			continue
		}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		if tt.mine != errors.Is(err, ErrValue) || !tt.mine && !errors.As(err, &se) && !errors.As(err, &te) && !strings.Contains(err.Error(), "unknown field") {
			t.Errorf("%s: unexpected error %v", tt.name, err)
		}
	}
	// "crc" is read and ignored: encoding computes it.
	var p Payment
	if err := json.Unmarshal([]byte(`{"payloadFormatIndicator":"01","crc":"FFFF"}`), &p); err != nil || p.PayloadFormat != "01" {
		t.Errorf("crc: %v", err)
	}
}

// TestJSONTemplatesAlone: each template type marshals alone to the same
// object it is inside a Payment, and reads back.
func TestJSONTemplatesAlone(t *testing.T) {
	p, err := Decode(modelGateway(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{p.MerchantAccounts[0], p.National, p.AdditionalData, TagValue{Tag: 65, Value: "x"},
		LanguageTemplate{Preference: "ID", MerchantName: "Toko"}, UnreservedTemplate{Tag: 80, GUID: "G", Data: []TagValue{{Tag: 1, Value: "d"}}}} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var tag struct {
			Tag string `json:"tag"`
		}
		if err := json.Unmarshal(b, &tag); err != nil || len(tag.Tag) != 2 {
			t.Errorf("%s: no tag", b)
		}
		back := reflect.New(reflect.TypeOf(v))
		if err := json.Unmarshal(b, back.Interface()); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if again, _ := json.Marshal(back.Elem().Interface()); !bytes.Equal(again, b) {
			t.Errorf("%s reads back as %s", b, again)
		}
	}
}
