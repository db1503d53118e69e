package render

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A program that only draws codes links no QR decoder: scanning, and with
// it gozxing and most of golang.org/x/text, lives in package scan. The one
// way into x/text left is the font parser the sticker's text is set with
// (golang.org/x/image/font/sfnt reads old Mac font names through
// x/text/encoding/charmap).
func TestNoDecoderDependency(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if last := strings.Fields(lines[len(lines)-1]); len(lines) < 10 || last[0] != "github.com/qriskit/qriskit/render" {
		t.Fatalf("go list -deps gave %d lines ending %q: not render's dependencies", len(lines), last)
	}
	under := func(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }
	for _, l := range lines {
		f := strings.Fields(l)
		pkg, imports := f[0], f[1:]
		if under(pkg, "github.com/makiuchi-d/gozxing") || under(pkg, "github.com/qriskit/qriskit/render/scan") {
			t.Errorf("render depends on %s", pkg)
		}
		if under(pkg, "golang.org/x/text") || pkg == "golang.org/x/image/font/sfnt" {
			continue
		}
		for _, imp := range imports {
			if under(imp, "golang.org/x/text") {
				t.Errorf("%s imports %s: render reaches x/text other than through the font parser", pkg, imp)
			}
		}
	}
}
