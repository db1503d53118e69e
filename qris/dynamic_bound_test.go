package qris

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// padAscending returns S1, with its merchant name replaced by name, and
// merchant account templates 27, 28, ... added after 26 so that it holds
// exactly n characters with its root tags ascending (n ≥ 211). Unlike
// sizedPayload's, its tags ascend to 63, the way of the common case.
func padAscending(t testing.TB, name string, n int) string {
	t.Helper()
	s1 := modelVectors(t)["S1"]
	content := strings.Replace(s1[:len(s1)-8], "5911TOKO CONTOH", fmt.Sprintf("59%02d%s", utf8.RuneCountInString(name), name), 1)
	const after = "0303UMI51"
	at := strings.Index(content, after) + len(after) - 2
	var pad string
	for tag := 27; ; tag++ {
		r := n - 8 - utf8.RuneCountInString(content) - len(pad)
		if r == 0 {
			return withCRC(content[:at] + pad + content[at:])
		}
		size := min(r, 103)
		if r-size > 0 && r-size < 17 {
			size = r - 17
		}
		if size < 17 || tag > 45 {
			t.Fatalf("cannot pad to %d characters", n)
		}
		pad += fmt.Sprintf("%02d%02d0004A.BC01%02d%s", tag, size-4, size-16, strings.Repeat("x", size-16))
	}
}

// TestConversionBound: a result over 512 characters is refused with
// ErrTooLong, and one of exactly 512 is written, for an ASCII input in
// ascending order, the same reversed, and a non-ASCII input (lengths in
// characters, not bytes).
func TestConversionBound(t *testing.T) {
	o := DynamicOptions{Amount: "1", NoCheck: true} // adds 5 characters: 54011; the padding is no checklist-clean QRIS
	for _, tc := range []struct {
		name, merchant string
		reverse        bool
	}{
		{"ascending ASCII", "TOKO CONTOH", false},
		{"reversed ASCII", "TOKO CONTOH", true},
		{"not ASCII", "TOKO CONTÖH", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := padAscending(t, tc.merchant, 508)
			if n := utf8.RuneCountInString(in); n != 508 {
				t.Fatalf("input of %d characters", n)
			}
			convert := func(in string) (string, error) {
				if tc.reverse {
					in, _ = reversed(in, true, true)
				}
				return ToDynamic(in, o)
			}
			got, err := convert(in)
			var e *Error
			if !errors.Is(err, ErrTooLong) || !errors.As(err, &e) || e.Tag != "" || e.Detail != "513 characters, the bound is 512" || got != "" {
				t.Errorf("got %q, %v; want ErrTooLong, 513 characters", got, err)
			}
			got, err = convert(padAscending(t, tc.merchant, 507))
			if err != nil || utf8.RuneCountInString(got) != 512 {
				t.Errorf("507 characters in: %d out, %v", utf8.RuneCountInString(got), err)
			}
			// The padding is no real merchant account: the checklist
			// would refuse it, but the result must parse, checksum
			// included.
			if _, err := emv.Parse(got); err != nil {
				t.Errorf("result does not parse: %v", err)
			}
		})
	}
}
