// Command scanbench reads the degraded-image suite with scan.Bytes and,
// when it is installed, with zbarimg, and prints each one's success rate per
// category side by side.
//
//	go run ./render/scan/internal/scanbench            # 40 samples a category
//	go run ./render/scan/internal/scanbench -n 10 -v   # fewer, and list the failures
//
// zbarimg comes with Debian's zbar-tools. It is run as a user would run it:
// QR codes only, raw output.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan"
	"github.com/qriskit/qriskit/render/scan/internal/degrade"
)

func main() {
	n := flag.Int("n", 40, "samples per category")
	seed := flag.Uint64("seed", 1, "seed of the suite")
	payloads := flag.String("payloads", "testdata/corpus.jsonl", "`FILE` of contents, one a line: the text itself, or a JSON object with a \"payload\"")
	verbose := flag.Bool("v", false, "list each failure")
	flag.Parse()
	if err := run(*n, *seed, *payloads, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "scanbench:", err)
		os.Exit(1)
	}
}

func run(n int, seed uint64, payloads string, verbose bool) error {
	contents, err := readContents(payloads)
	if err != nil {
		return err
	}
	samples, err := degrade.Suite(code, contents, n, seed)
	if err != nil {
		return err
	}
	zbar, zerr := exec.LookPath("zbarimg")
	dir, err := os.MkdirTemp("", "scanbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	type tally struct {
		n, ours, zbar int
		took          time.Duration
	}
	counts := map[string]*tally{}
	for i, s := range samples {
		t := counts[s.Category]
		if t == nil {
			t = &tally{}
			counts[s.Category] = t
		}
		t.n++
		start := time.Now()
		got, err := scan.Bytes(s.File)
		t.took += time.Since(start)
		okOurs := err == nil && got == s.Content
		if okOurs {
			t.ours++
		}
		okZbar := false
		if zerr == nil {
			okZbar, err = zbarRead(zbar, filepath.Join(dir, fmt.Sprint(i)), s)
			if err != nil {
				return err
			}
			if okZbar {
				t.zbar++
			}
		}
		if verbose && (!okOurs || (zerr == nil && !okZbar)) {
			fmt.Printf("%-12s %-28s ours=%-5v zbar=%v\n", s.Category, s.Param, okOurs, okZbar)
		}
	}
	fmt.Printf("%-12s %7s %7s %7s %10s\n", "category", "samples", "ours", "zbar", "ms/scan")
	var all tally
	for _, c := range degrade.Categories {
		t := counts[c]
		all.n += t.n
		all.ours += t.ours
		all.zbar += t.zbar
		all.took += t.took
		fmt.Printf("%-12s %7d %6.0f%% %7s %10.1f\n", c, t.n, pct(t.ours, t.n), zbarPct(zerr, t.zbar, t.n),
			float64(t.took.Microseconds())/1000/float64(t.n))
	}
	fmt.Printf("%-12s %7d %6.0f%% %7s %10.1f\n", "all", all.n, pct(all.ours, all.n), zbarPct(zerr, all.zbar, all.n),
		float64(all.took.Microseconds())/1000/float64(all.n))
	if zerr != nil {
		fmt.Println("zbarimg is not installed (apt-get install zbar-tools); its column is empty")
	}
	return nil
}

func pct(k, n int) float64 { return 100 * float64(k) / float64(n) }

func zbarPct(lookErr error, k, n int) string {
	if lookErr != nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", pct(k, n))
}

// zbarRead runs zbarimg on the sample and says whether it read the content.
// zbarimg exits 4 when it finds no code; that is a failure to read, not an
// error.
func zbarRead(zbar, base string, s degrade.Sample) (bool, error) {
	name := base + ".png"
	if bytes.HasPrefix(s.File, []byte("\xff\xd8")) {
		name = base + ".jpg"
	}
	if err := os.WriteFile(name, s.File, 0o600); err != nil {
		return false, err
	}
	out, err := exec.Command(zbar, "-q", "--raw", "-Sdisable", "-Sqrcode.enable", name).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return strings.TrimSuffix(string(out), "\n") == s.Content, nil
}

// code draws a clean code, four pixels a module, as the suite's starting
// point.
func code(content string) (image.Image, error) {
	var b bytes.Buffer
	if err := render.PNG(&b, content, render.Options{Scale: 4}); err != nil {
		return nil, err
	}
	return png.Decode(&b)
}

// readContents reads the contents to draw from path, one a line: a JSON
// object's "payload" (the lines of testdata/corpus.jsonl), or the line as
// it is.
func readContents(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if !strings.HasPrefix(line, "{") {
			out = append(out, line)
			continue
		}
		var e struct {
			Payload string `json:"payload"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", path, i+1, err)
		}
		out = append(out, e.Payload)
	}
	return out, nil
}
