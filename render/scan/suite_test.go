package scan

import (
	"bytes"
	"image"
	"image/png"
	"slices"
	"sort"
	"testing"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan/internal/degrade"
)

// scanFloors is the share of each category of the degraded suite that Scan
// must read, set from a measurement over both sample counts (seed 1) a
// little under what it read then. zbarimg 0.23 read, of scanbench's 40 a
// category: rotation 100%, scale 98%, jpeg 98%, blur 65%, noise 12%,
// perspective 75%, contrast 100%, inverted 0%, background 92%.
var scanFloors = map[string]float64{
	"rotation":    0.9,
	"scale":       1,
	"jpeg":        1,
	"blur":        0.65,
	"noise":       0.8,
	"perspective": 0.75,
	"contrast":    1,
	"inverted":    1,
	"background":  0.9,
	"photo":       0.9,
}

// suiteCode draws the clean code the suite damages: four pixels a module.
func suiteCode(content string) (image.Image, error) {
	var b bytes.Buffer
	if err := render.PNG(&b, content, render.Options{Scale: 4}); err != nil {
		return nil, err
	}
	return png.Decode(&b)
}

func suiteSamples(t *testing.T) []degrade.Sample {
	n := 16
	if testing.Short() {
		n = 6
	}
	samples, err := degrade.Suite(suiteCode, corpus(t), n, 1)
	if err != nil {
		t.Fatal(err)
	}
	return samples
}

// TestScanDegraded holds Scan to its floor in each category of damage, and
// checks, over the full suite, that every attempt decodeQR makes on a small
// picture is the one that reads some picture of it: an attempt that never
// wins is a cost with no gain. (The short suite has too few pictures for
// each to win; the "full size" attempt is for big photos, held by
// TestScanPhotoSmallCode.)
func TestScanDegraded(t *testing.T) {
	samples := suiteSamples(t)
	read := map[string]int{}
	total := map[string]int{}
	won := map[string]int{}
	for _, s := range samples {
		total[s.Category]++
		var last string
		got, err := readBytes(s.File, func(name string) { last = name })
		switch {
		case err == nil && got == s.Content:
			read[s.Category]++
			won[last]++
		case err == nil:
			t.Errorf("%s, %s: read %q, want %q", s.Category, s.Param, got, s.Content)
		default:
			t.Logf("%s, %s: %v", s.Category, s.Param, err)
		}
	}
	for _, c := range degrade.Categories {
		rate := float64(read[c]) / float64(total[c])
		t.Logf("%-12s %d/%d", c, read[c], total[c])
		if rate < scanFloors[c] {
			t.Errorf("%s: read %d of %d (%.0f%%), below the floor of %.0f%%",
				c, read[c], total[c], 100*rate, 100*scanFloors[c])
		}
	}
	var names []string
	for n := range won {
		names = append(names, n)
	}
	sort.Strings(names)
	t.Logf("attempts that read a picture: %v", won)
	if testing.Short() {
		return
	}
	// "sharpened" reads none of these 16 a category; TestScanSharpenedWins
	// holds it to the blurred pictures of the 40-a-category suite.
	for _, want := range []string{"hybrid", "global histogram", "inverted", "stretched", "rescaled 3x", "median", "rotated 45°"} {
		if won[want] == 0 {
			t.Errorf("attempt %q read no picture of the suite; it read: %v", want, names)
		}
	}
}

// TestScanSharpenedWins keeps the unsharp-mask attempt honest: over the
// blurred pictures of the suite scanbench reports (40 a category, seed 1)
// it is the attempt that reads some of them.
func TestScanSharpenedWins(t *testing.T) {
	samples, err := degrade.Suite(suiteCode, corpus(t), 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	won := 0
	for _, s := range samples {
		if s.Category != "blur" {
			continue
		}
		var last string
		if got, err := readBytes(s.File, func(name string) { last = name }); err == nil && got == s.Content && last == "sharpened" {
			won++
		}
	}
	if won == 0 {
		t.Error("no blurred picture of the 40-a-category suite is read by the sharpened attempt: it costs time for nothing")
	}
	t.Logf("sharpened read %d blurred pictures", won)
}

// A clean code costs one decode: the first attempt reads every payload of
// the corpus drawn as the default PNG and as a JPEG of it.
func TestScanCleanOneAttempt(t *testing.T) {
	for i, content := range corpus(t) {
		if testing.Short() && i%8 != 0 {
			continue
		}
		var b bytes.Buffer
		if err := render.PNG(&b, content, render.Options{}); err != nil {
			t.Fatal(err)
		}
		var tried []string
		got, err := readBytes(b.Bytes(), func(name string) { tried = append(tried, name) })
		if err != nil || got != content {
			t.Fatalf("payload %d: %q, %v", i, got, err)
		}
		if len(tried) != 1 {
			t.Errorf("payload %d: %d attempts (%v), want 1", i, len(tried), tried)
		}
	}
}

// Every attempt runs before Scan gives up on a picture with no code, and
// none runs twice with the same name except the two binarizers of one
// transformed picture.
func TestScanGivesUp(t *testing.T) {
	var tried []string
	_, err := readBytes(encodePNG(t, image.NewGray(image.Rect(0, 0, 300, 300))), func(name string) { tried = append(tried, name) })
	wantErr(t, err, ErrNoCode)
	for _, want := range []string{"hybrid", "global histogram", "inverted", "median", "sharpened", "rotated 45°"} {
		if !slices.Contains(tried, want) {
			t.Errorf("attempts %v lack %q", tried, want)
		}
	}
}

// rescaleFactor brings the modules the finder sees to a readable width:
// up for a thumbnail, down for a code of huge modules, not at all between.
func TestRescaleFactor(t *testing.T) {
	content := gatewayContent(t)
	tests := []struct {
		name     string
		img      *image.Gray
		min, max float64
	}{
		{"4 px a module", toGray(codeImage(t, content, render.Options{Scale: 4})), 1, 1},
		{"1.6 px a module", degrade.Scale(toGray(codeImage(t, content, render.Options{Scale: 4})), 0.4), 3, 4},
		{"24 px a module", toGray(codeImage(t, content, render.Options{Scale: 24})), 0.3, 0.4},
		{"blank, small", toGray(image.NewGray(image.Rect(0, 0, 100, 100))), 3, 3},
		{"blank, large", toGray(image.NewGray(image.Rect(0, 0, 500, 500))), 1, 1},
	}
	for _, tt := range tests {
		if f := rescaleFactor(tt.img); f < tt.min || f > tt.max {
			t.Errorf("%s: factor %.2f, want %.2f..%.2f", tt.name, f, tt.min, tt.max)
		}
	}
}
