package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestDeps: qris links neither the HTTP stack, nor the QR reader
// (gozxing), nor SQLite, nor the drawing of codes (render, with the image
// formats and fonts it brings), whose initialisation at start would cost
// every call a shell script makes; qris-gateway, qris-sandbox and
// qris-image, which run the commands that need them, do link them (so the
// check can see them).
func TestDeps(t *testing.T) {
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", "github.com/qriskit/qriskit/cmd/"+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		return strings.Fields(string(out))
	}
	links := func(ds []string, prefix string) bool {
		return slices.ContainsFunc(ds, func(d string) bool { return d == prefix || strings.HasPrefix(d, prefix+"/") })
	}
	// regexp too: a package-level regexp is compiled at every start.
	heavy := []string{"net/http", "github.com/makiuchi-d/gozxing", "modernc.org/sqlite", "github.com/qriskit/qriskit/qris/api", "regexp",
		"github.com/qriskit/qriskit/render", "image/png", "golang.org/x/image"}
	core := deps("qris")
	for _, p := range heavy {
		if links(core, p) {
			t.Errorf("qris links %s", p)
		}
	}
	for prog, want := range map[string][]string{
		// verify scans the response's image back to its content
		"qris-gateway": {"net/http", "github.com/makiuchi-d/gozxing", "github.com/qriskit/qriskit/qris/api", "github.com/qriskit/qriskit/render/scan"},
		"qris-sandbox": {"net/http", "modernc.org/sqlite"},
		"qris-image":   {"github.com/qriskit/qriskit/render", "github.com/qriskit/qriskit/render/scan", "github.com/makiuchi-d/gozxing", "image/png"},
	} {
		ds := deps(prog)
		for _, p := range want {
			if !links(ds, p) {
				t.Errorf("%s does not link %s", prog, p)
			}
		}
	}
	if gw := deps("qris-gateway"); links(gw, "modernc.org/sqlite") {
		t.Error("qris-gateway links SQLite, which only qris-sandbox should")
	}
	for _, p := range []string{"net/http", "modernc.org/sqlite", "github.com/qriskit/qriskit/qris/api"} {
		if links(deps("qris-image"), p) {
			t.Errorf("qris-image links %s, which drawing and reading codes do without", p)
		}
	}
}
