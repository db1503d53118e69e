package render

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	qrcode "github.com/skip2/go-qrcode"
)

// shortestBits is the plain statement of optimal segmentation, independent
// of the encoder's state machine: the fewest bits for content[i:] is, over
// every first segment content[i:j] in a mode that can hold it, that
// segment's bits plus the fewest for content[j:].
func shortestBits(content string, class int) int {
	n := len(content)
	best := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = -1
		for _, m := range []mode{numeric, alphanumeric, byteMode} {
			for j := i + 1; j <= n; j++ {
				c := content[j-1]
				if (m == numeric && !isDigit(c)) || (m == alphanumeric && alnumValue[c] < 0) {
					break
				}
				if b := segmentBits(content, []segment{{m, i, j}}, class) + best[j]; best[i] < 0 || b < best[i] {
					best[i] = b
				}
			}
		}
	}
	return best[0]
}

// checkSegments: the segments cover the content in order, each in a mode
// that holds its bytes, and their bits are the shortest.
func checkSegments(content string, class int) error {
	segs := optimalSegments(content, class)
	at := 0
	for _, s := range segs {
		if s.start != at || s.end <= s.start {
			return fmt.Errorf("segments %v do not tile %q", segs, content)
		}
		for i := s.start; i < s.end; i++ {
			if (s.mode == numeric && !isDigit(content[i])) || (s.mode == alphanumeric && alnumValue[content[i]] < 0) {
				return fmt.Errorf("segment %v cannot hold byte %q", s, content[i])
			}
		}
		at = s.end
	}
	if at != len(content) {
		return fmt.Errorf("segments %v end at %d of %d", segs, at, len(content))
	}
	if got, want := segmentBits(content, segs, class), shortestBits(content, class); got != want {
		return fmt.Errorf("%q class %d: %d bits, the shortest is %d", content, class, got, want)
	}
	// The writer writes exactly the bits counted.
	var w bitWriter
	w.writeSegments(content, segs, class)
	if w.nbit != segmentBits(content, segs, class) {
		return fmt.Errorf("%q: wrote %d bits, counted %d", content, w.nbit, segmentBits(content, segs, class))
	}
	return nil
}

func TestOptimalSegmentsTestdata(t *testing.T) {
	for _, content := range testdataPayloads(t) {
		for class := range 3 {
			if err := checkSegments(content, class); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// mixedString draws strings from digits, upper-case letters, alphanumeric
// punctuation, lower-case letters and multi-byte UTF-8, in runs, so that
// every mode change is exercised.
func mixedString(maxRuns, maxRun int) gopter.Gen {
	pools := []string{"0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", " $%*+-./:", "abcxyz{}~", "é北京"}
	run := gopter.CombineGens(gen.IntRange(0, len(pools)-1), gen.IntRange(1, maxRun), gen.IntRange(0, 1<<20)).
		Map(func(v []any) string {
			pool := []rune(pools[v[0].(int)])
			var b strings.Builder
			for i := range v[1].(int) {
				b.WriteRune(pool[(v[2].(int)+i*7)%len(pool)])
			}
			return b.String()
		})
	return gen.SliceOfN(maxRuns, run).Map(func(runs []string) string { return strings.Join(runs, "") }).
		SuchThat(func(s string) bool { return s != "" })
}

func TestOptimalSegmentsProperty(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(14)
	params.MinSuccessfulTests = 300
	props := gopter.NewProperties(params)
	props.Property("segments are the shortest over every split", prop.ForAll(
		func(s string, class int) string {
			if err := checkSegments(s, class); err != nil {
				return err.Error()
			}
			return ""
		},
		mixedString(12, 20), gen.IntRange(0, 2),
	))
	props.TestingRun(t)
}

// For generated content from version 1 to 40 at every level: given skip2's
// segments and mask our symbol is skip2's bit for bit, and with our own
// segments the version is never larger than skip2's.
func TestEncoderMatchesSkip2Property(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(18004)
	params.MinSuccessfulTests = 120
	props := gopter.NewProperties(params)
	versions := map[int]bool{}
	props.Property("skip2 bit for bit", prop.ForAll(
		func(base string, length int, level int) string {
			l := allLevels[level]
			content := base
			for len(content) < length {
				content += base
			}
			content = strings.ToValidUTF8(content[:length], "?")
			if len(content) > byteCapacity(40, l) {
				content = content[:byteCapacity(40, l)]
				content = strings.ToValidUTF8(content, "")
			}
			v, _ := checkAgainstSkip2(t, content, l)
			if v == 0 {
				return fmt.Sprintf("skip2 refused %d bytes at %v", len(content), l)
			}
			versions[v] = true
			c, err := Encode(content, Options{Level: l})
			if err != nil {
				return err.Error()
			}
			if c.Version > v {
				return fmt.Sprintf("%q at %v: version %d, skip2 %d", content, l, c.Version, v)
			}
			return ""
		},
		mixedString(8, 12), gen.IntRange(1, 2900), gen.IntRange(0, 3),
	))
	props.TestingRun(t)
	t.Logf("skip2 versions covered: %d of 40", len(versions))
}

// The versions our encoder and skip2 choose for the testdata payloads, at
// each level: ours is never the larger, and the table is logged.
func TestVersionsAgainstSkip2(t *testing.T) {
	payloads := testdataPayloads(t)
	for _, l := range allLevels {
		ours, theirs := map[int]int{}, map[int]int{}
		smaller := 0
		for _, content := range payloads {
			c, err := Encode(content, Options{Level: l})
			if err != nil {
				t.Fatal(err)
			}
			q, err := qrcode.New(content, skip2Level(l))
			if err != nil {
				t.Fatal(err)
			}
			if c.Version > q.VersionNumber {
				t.Errorf("%q at %v: version %d, skip2 %d", content, l, c.Version, q.VersionNumber)
			}
			if c.Version < q.VersionNumber {
				smaller++
			}
			ours[c.Version]++
			theirs[q.VersionNumber]++
		}
		t.Logf("level %v, %d payloads, %d in a smaller version than skip2's: ours %s; skip2 %s",
			l, len(payloads), smaller, histogram(ours), histogram(theirs))
	}
}

func histogram(h map[int]int) string {
	var vs []int
	for v := range h {
		vs = append(vs, v)
	}
	sort.Ints(vs)
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, " v%d×%d", v, h[v])
	}
	return strings.TrimSpace(b.String())
}
