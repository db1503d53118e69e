package qris

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

const profilesGoldenPath = "testdata/golden/profiles.golden"

// schemeProfile is the profile of a corpus scheme, for those that have one.
var schemeProfile = map[string]Profile{
	"qris":      ProfileQRIS,
	"promptpay": ProfilePromptPay,
	"vietqr":    ProfileVietQR,
}

// profileFaults lists the corpus lines labelled valid (root TLV and CRC)
// that their scheme's profile refuses, with why. Each is a library's test
// fixture or doc example, written by hand; the same libraries' generators
// write the structure the profile checks.
var profileFaults = map[int]string{
	// vietqr-ts fixtures nest 02, the service code, inside 01 (38.01's
	// length counts it), where vietqr-ts's own buildConsumerAccountInfo
	// puts it beside 01: 38 = {00, 01: {00, 01}, 02}.
	// 43 and 44 also put a bill number in 62.09, EMV's Additional Consumer
	// Data Request (3 characters of A, M, E), where vietqr-ts's
	// buildAdditionalData writes 62.01.
	32: "P02 38.02 inside 38.01",
	42: "P02 38.02 inside 38.01",
	43: "P02 38.02 inside 38.01; R23 62.09 holds a bill number",
	44: "P02 38.02 inside 38.01; R23 62.09 holds a bill number",
	46: "P02 38.02 inside 38.01",
	// A fixture that counts 12 for a 13-digit account number: 38.01
	// does not parse (line 39 is the same payload counted right).
	38: "R03 38.01 miscounted",
}

func TestProfileNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Profile
		name string
	}{
		{"qris", ProfileQRIS, "QRIS"}, {"EMV", ProfileEMV, "EMV"}, {"promptpay", ProfilePromptPay, "PromptPay"},
		{"VietQR", ProfileVietQR, "VietQR"}, {"auto", ProfileAuto, "auto"},
	} {
		p, err := ParseProfile(c.in)
		if err != nil || p != c.want || p.String() != c.name {
			t.Errorf("ParseProfile(%q) = %v (%s), %v; want %v", c.in, p, p, err, c.want)
		}
	}
	_, err := ParseProfile("pix")
	if !errors.Is(err, ErrUnknownProfile) || err.Error() != `unknown profile "pix": use qris, emv, promptpay, vietqr or auto` {
		t.Errorf("ParseProfile(pix): %v", err)
	}
	if s := Profile(9).String(); s != "Profile(9)" {
		t.Errorf("Profile(9) is %q", s)
	}
	// A value beyond the table validates as EMV, as before profiles were
	// data.
	pp := valBuild(t, valPromptPay())
	if !slices.Equal(Validate(pp, Options{Profile: 9}), Validate(pp, Options{Profile: ProfileEMV})) {
		t.Error("Profile(9) is not EMV")
	}
}

// TestProfilesCorpus: every payload of a scheme with a profile that is
// labelled valid validates clean under its profile and under auto (but the
// faults listed), auto picks the scheme's profile, and a payload labelled
// invalid stays invalid under every profile.
func TestProfilesCorpus(t *testing.T) {
	seen := map[Profile]int{}
	for i, e := range goldenCorpus(t) {
		line := i + 1
		want, ok := schemeProfile[e.Scheme]
		got := DetectProfile(e.Payload)
		switch {
		case ok && e.TLVOK:
			if got != want {
				t.Errorf("line %d (%s): auto picks %v", line, e.Scheme, got)
			}
		case !ok && (got == ProfilePromptPay || got == ProfileVietQR):
			t.Errorf("line %d (%s): auto picks %v", line, e.Scheme, got)
		}
		if !ok || want == ProfileQRIS {
			continue
		}
		own := Validate(e.Payload, Options{Profile: want})
		auto := Validate(e.Payload, Options{Profile: ProfileAuto})
		if !slices.Equal(own, auto) {
			t.Errorf("line %d: auto %v, %v %v", line, auto, want, own)
		}
		_, fault := profileFaults[line]
		switch {
		case !e.Valid && Valid(own):
			t.Errorf("line %d labelled invalid (%v) is valid under %v", line, e.Problems, want)
		case e.Valid && fault && Valid(own):
			t.Errorf("line %d: fault %q no longer found", line, profileFaults[line])
		case e.Valid && !fault && len(own) > 0:
			t.Errorf("line %d (%s): %v", line, e.Scheme, own)
		case e.Valid && !fault:
			seen[want]++
		}
	}
	if seen[ProfilePromptPay] < 8 || seen[ProfileVietQR] < 4 {
		t.Errorf("clean payloads: %v", seen)
	}
}

func TestDetectProfile(t *testing.T) {
	s1 := valBuild(t, valBase())
	for _, c := range []struct {
		name, payload string
		want          Profile
	}{
		{"QRIS", s1, ProfileQRIS},
		{"QRIS GUID abroad", valBuild(t, valSet(valBase(), "58", "SG")), ProfileQRIS},
		{"PromptPay", valBuild(t, valPromptPay()), ProfilePromptPay},
		{"PromptPay without 58", valBuild(t, valDel(valPromptPay(), "58")), ProfilePromptPay},
		{"PromptPay GUID in SG", valBuild(t, valSet(valPromptPay(), "58", "SG")), ProfileEMV},
		{"PromptPay GUID in 26", valBuild(t, valSetT(valDel(valPromptPay(), "29"), "26", valObj{tag: 0, val: "A000000677010111"})), ProfileEMV},
		{"VietQR", valBuild(t, valVietQR()), ProfileVietQR},
		{"VietQR, wrong checksum", strings.TrimSuffix(valBuild(t, valVietQR()), valBuild(t, valVietQR())[len(valBuild(t, valVietQR()))-4:]) + "0000", ProfileVietQR},
		{"not TLV", "hello", ProfileEMV},
		{"empty", "", ProfileEMV},
	} {
		if got := DetectProfile(c.payload); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Under auto, a QRIS payload gets QRIS's verdict.
	bad := valBuild(t, valSet(valBase(), "54", "1000,00"))
	if got, want := Validate(bad, Options{Profile: ProfileAuto}), Validate(bad, Options{}); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("auto on QRIS: %v, want %v", got, want)
	}
}

// TestProfilesGolden records every corpus payload under the PromptPay,
// VietQR and auto profiles.
func TestProfilesGolden(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`# Validation of each line of corpus.jsonl (1-based) under
#   promptpay: Options{Profile: ProfilePromptPay}
#   vietqr:    Options{Profile: ProfileVietQR}
#   auto:      Options{Profile: ProfileAuto}, with the profile DetectProfile picks
# Each problem is "severity rule tag@offset". Rewritten by
#   go test ./qris -run ProfilesGolden -update
`)
	for i, e := range goldenCorpus(t) {
		fmt.Fprintf(&b, "\n== corpus %d\nscheme: %s\npayload: %s\n", i+1, e.Scheme, e.Payload)
		for _, c := range []struct {
			name string
			p    Profile
		}{{"promptpay", ProfilePromptPay}, {"vietqr", ProfileVietQR}, {"auto", ProfileAuto}} {
			name := c.name
			if c.p == ProfileAuto {
				name += " (" + DetectProfile(e.Payload).String() + ")"
			}
			writeGoldenSet(&b, name, Validate(e.Payload, Options{Profile: c.p}))
		}
	}
	got := b.Bytes()
	if *updateGolden {
		if err := os.WriteFile(profilesGoldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	old, err := os.ReadFile(profilesGoldenPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, old) {
		t.Errorf("%s differs:\n%s\n(run go test ./qris -run ProfilesGolden -update and review the diff)", profilesGoldenPath, firstDiff(old, got))
	}
}

// TestProfileLaws: the profile auto picks finds no more errors than EMV on
// a payload of PromptPay or VietQR (a scheme profile drops EMV's 52, 59
// and 60 and adds only the scheme's own checks, which its payloads pass),
// and a payload's verdict under auto is that of the profile picked.
func TestProfileLaws(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 300
	props := gopter.NewProperties(params)
	payload := gen.OneGenOf(
		gen.Const(valPromptPay()),
		gen.Const(valVietQR()),
		gen.Const(valSet(valVietQR(), "38.02", "QRIBFTTC")),
	).FlatMap(func(v any) gopter.Gen {
		objs := v.([]valObj)
		return gen.IntRange(0, 5).Map(func(k int) string {
			switch k {
			case 1:
				objs = valSet(objs, "54", "150.00")
			case 2:
				objs = valSet(objs, "59", "SHOP")
			case 3:
				objs = valSet(objs, "52", "5812")
			case 4:
				objs = valSetT(objs, "62", valObj{tag: 8, val: "INV " + strconv.Itoa(k)})
			case 5:
				objs = valSet(objs, "60", "HANOI")
			}
			return valBuild(t, objs)
		})
	}, nil)
	errorsOf := func(ps []Problem) int {
		n := 0
		for _, p := range ps {
			if p.Severity == SeverityError {
				n++
			}
		}
		return n
	}
	props.Property("auto finds no more errors than EMV on scheme payloads", prop.ForAll(func(s string) bool {
		return errorsOf(Validate(s, Options{Profile: ProfileAuto})) <= errorsOf(Validate(s, Options{Profile: ProfileEMV}))
	}, payload))
	props.Property("auto is the profile it picks", prop.ForAll(func(s string) bool {
		return slices.Equal(Validate(s, Options{Profile: ProfileAuto}), Validate(s, Options{Profile: DetectProfile(s)}))
	}, payload))
	props.TestingRun(t)
	if !strings.Contains(valBuild(t, valVietQR()), "A000000727") {
		t.Fatal("fixture")
	}
}

// TestRequiredFromTable: the root objects the validator requires are the
// object table's Required rows (but 00 and 63, the frame's), each reported
// under its Rule column, and a profile's optional names only such rows.
func TestRequiredFromTable(t *testing.T) {
	want := []presence{{52, r13}, {53, r14}, {58, r19}, {59, r20}, {60, r21}}
	if !slices.Equal(rootRequired, want) {
		t.Errorf("rootRequired = %v, want %v", rootRequired, want)
	}
	for p := range profiles {
		for _, tag := range profiles[p].optional {
			if !slices.ContainsFunc(rootRequired, func(m presence) bool { return m.tag == tag }) {
				t.Errorf("%v leaves out %v, which the table does not require", Profile(p), tag)
			}
		}
	}
	// Each required object missing is reported under its rule, but under
	// a profile that leaves it out.
	base := valBase()
	for _, m := range rootRequired {
		s := valBuild(t, valDel(base, m.tag.String()))
		for _, p := range []Profile{ProfileQRIS, ProfileEMV, ProfilePromptPay, ProfileVietQR} {
			got := slices.ContainsFunc(Validate(s, Options{Profile: p}), func(pr Problem) bool {
				return pr.Rule == ruleTable[m.rule].ID && pr.Tag == m.tag.String()
			})
			if want := !slices.Contains(profiles[p].optional, m.tag); got != want {
				t.Errorf("%v without %v: %s reported %v, want %v", p, m.tag, ruleTable[m.rule].ID, got, want)
			}
		}
	}
}
