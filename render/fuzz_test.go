package render

import "testing"

// FuzzQREncoder holds the encoder to skip2 for any content: where skip2
// encodes it, our symbol built from skip2's segments (byte mode for most
// text, as skip2 chooses) with skip2's mask is skip2's bit for bit, skip2's
// penalty over our eight candidates picks that mask, and our own encoding
// is in no larger a version; short content's segments are the shortest over
// every split. It sits beside the code, not in fuzz/, because it reaches
// the encoder's unexported steps (CI fuzzes ./render too).
func FuzzQREncoder(f *testing.F) {
	// Pieces of the testdata payloads, a few whole ones, and the mode
	// edges: digits and letters only, bytes over 0x7f.
	for i, s := range testdataPayloads(f) {
		if i%16 == 0 {
			f.Add(s, i%4)
		} else {
			f.Add(s[:min(len(s), 6+i%64)], i%4)
		}
	}
	f.Add("0123456789", 0)
	f.Add("HELLO WORLD $%*+-./:", 1)
	f.Add("\x00\xff\xfe", 2)
	f.Add("a", 3)
	f.Fuzz(func(t *testing.T, content string, level int) {
		if content == "" || len(content) > byteCapacity(40, Low) {
			return
		}
		l := allLevels[uint(level)%4]
		skip2Version, _ := checkAgainstSkip2(t, content, l)
		c, err := Encode(content, Options{Level: l})
		switch {
		case skip2Version != 0 && err != nil:
			t.Fatalf("skip2 encodes %q at %v in version %d, we refuse: %v", content, l, skip2Version, err)
		case skip2Version != 0 && c.Version > skip2Version:
			t.Fatalf("%q at %v: version %d, skip2 %d", content, l, c.Version, skip2Version)
		}
		if len(content) <= 200 {
			for class := range 3 {
				if err := checkSegments(content, class); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
