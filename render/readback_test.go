package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// zxingRead decodes a PNG with gozxing's QR reader directly, not through
// Scan, so that this check stands apart from Scan's own strategies: first
// as a photo (finder patterns located anywhere), then, if that fails, as a
// pure barcode (the image is the code and its margin), and says which read
// it.
func zxingRead(b []byte) (text string, pure bool, err error) {
	if text, err = zxingDecode(b, false); err == nil {
		return text, false, nil
	}
	text, err = zxingDecode(b, true)
	return text, true, err
}

func zxingDecode(b []byte, pure bool) (string, error) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	hints := map[gozxing.DecodeHintType]any{
		gozxing.DecodeHintType_CHARACTER_SET: "UTF-8",
		gozxing.DecodeHintType_TRY_HARDER:    true,
	}
	if pure { // gozxing takes the hint's presence, whatever its value, as true
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	r, err := qrcode.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		return "", err
	}
	return r.GetText(), nil
}

// Every testdata payload at every level, as our PNG, reads back as itself:
// with gozxing always, and with zbarimg as well when it is on PATH (CI
// installs zbar-tools).
func TestEveryImageReads(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Log("zbarimg is not on PATH: read back with gozxing only")
		zbar = ""
	} else {
		t.Logf("read back with gozxing and with %s", zbar)
	}
	payloads := testdataPayloads(t)
	dir := t.TempDir()
	pureOnly := 0
	for _, l := range allLevels {
		var files []string
		for i, content := range payloads {
			var buf bytes.Buffer
			if err := PNG(&buf, content, Options{Level: l, Scale: 3}); err != nil {
				t.Fatalf("payload %d at %v: %v", i, l, err)
			}
			got, pure, err := zxingRead(buf.Bytes())
			if err != nil || got != content {
				t.Fatalf("payload %d at %v: gozxing read %q, %v; want %q", i, l, got, err, content)
			}
			if pure {
				pureOnly++
				t.Logf("payload %d at %v (version %d): gozxing's finder search misses it; read as a pure barcode", i, l, mustEncode(t, content, l).Version)
			}
			if zbar != "" {
				name := filepath.Join(dir, fmt.Sprintf("%v-%03d.png", l, i))
				if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, name)
			}
		}
		if zbar != "" {
			checkZbar(t, zbar, files, payloads)
		}
	}
	t.Logf("%d codes read, %d of them only as a pure barcode", len(payloads)*len(allLevels), pureOnly)
}

func mustEncode(t *testing.T, content string, l Level) *Code {
	t.Helper()
	c, err := Encode(content, Options{Level: l})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkZbar reads the files with zbarimg and compares each file's one code
// with its payload. ASCII payloads are read in one run whose XML report
// names each file, so a file zbar cannot read is named too. zbar converts
// other text by a charset guess that garbles UTF-8 written without an ECI
// header (as we, like skip2, write it), so those files are read one by one
// with -Sbinary, which gives the code's bytes as they are.
func checkZbar(t *testing.T, zbar string, files, payloads []string) {
	t.Helper()
	var ascii []string
	for i, f := range files {
		if isASCII(payloads[i]) {
			ascii = append(ascii, f)
			continue
		}
		out, err := exec.Command(zbar, "--quiet", "--raw", "-Sbinary", f).Output()
		if got := strings.TrimSuffix(string(out), "\n"); err != nil || got != payloads[i] {
			t.Fatalf("%s: zbarimg read %q, %v; want %q", f, got, err, payloads[i])
		}
	}
	out, err := exec.Command(zbar, append([]string{"--quiet", "--xml"}, ascii...)...).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("zbarimg: %v", err) // exit 4 with output means some file had no code: see below
	}
	var report struct {
		Sources []struct {
			Href    string   `xml:"href,attr"`
			Symbols []string `xml:"index>symbol>data"`
		} `xml:"source"`
	}
	if err := xml.Unmarshal(out, &report); err != nil {
		t.Fatalf("zbarimg's report: %v", err)
	}
	read := map[string][]string{}
	for _, s := range report.Sources {
		read[s.Href] = s.Symbols
	}
	for i, f := range files {
		if !isASCII(payloads[i]) {
			continue
		}
		if got := read[f]; len(got) != 1 || got[0] != payloads[i] {
			t.Fatalf("%s: zbarimg read %q, want %q", f, got, payloads[i])
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
