package qris

import (
	"fmt"
	"testing"
)

// manyObjects returns S1 with unreserved templates 80, 81, ... added
// before the CRC, so that it holds n root objects (13 ≤ n ≤ 32).
func manyObjects(t testing.TB, n int) string {
	t.Helper()
	s1 := modelVectors(t)["S1"]
	content := s1[:len(s1)-8]
	pl, err := validateParser().ParseFields(nil, s1)
	if err != nil {
		t.Fatal(err)
	}
	for tag := 80; tag < 80+n-len(pl.Fields()); tag++ {
		content += fmt.Sprintf("%d080004A.BC", tag)
	}
	return withCRC(content)
}

// TestValidateManyRootObjects: a payload with more root objects than the
// validator holds in place is validated as one that fits, with the
// objects in memory of their own.
func TestValidateManyRootObjects(t *testing.T) {
	for _, n := range []int{16, 17, rootInline, rootInline + 1, 32} {
		s := manyObjects(t, n)
		all, err := validateParser().ParseFields(nil, s)
		if len(all.Fields()) != n || err != nil {
			t.Fatalf("%d objects, %v; want %d", len(all.Fields()), err, n)
		}
		for _, o := range []Options{{}, {Strict: true}, {Profile: ProfileEMV}} {
			var v validator
			v.raw, v.o, v.more = s, o, all.Fields()
			want := fmt.Sprint(v.check(err))
			if got := fmt.Sprint(Validate(s, o)); got != want {
				t.Errorf("%d objects %+v:\n got %s\nwant %s", n, o, got, want)
			}
			p, derr := Decode(s)
			if derr != nil {
				t.Fatalf("%d objects: %v", n, derr)
			}
			if got := fmt.Sprint(p.Validate(o)); got != want {
				t.Errorf("%d objects %+v, Payment.Validate:\n got %s\nwant %s", n, o, got, want)
			}
		}
		if ps := Validate(s, Options{}); ps != nil {
			t.Fatalf("%d objects: %v", n, ps)
		}
	}
}
