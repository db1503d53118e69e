package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/qriskit/qriskit/internal/fakegateway"
	"github.com/qriskit/qriskit/qris/api"
)

// TestMain lets the test binary be the qris command: testscript puts it on
// PATH as "qris", so scripts, and tests that exec "qris", run the real
// command in its own process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"qris": main})
}

// companionsDir builds the programs qris runs for some of its commands,
// qris-sandbox, qris-gateway and qris-image, once, and returns the directory that
// holds them, for PATH.
var companionsDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "qris-companions-")
	if err != nil {
		return "", err
	}
	for _, prog := range []string{"qris-sandbox", "qris-gateway", "qris-image"} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, prog), "github.com/qriskit/qriskit/cmd/"+prog).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("building %s: %v\n%s", prog, err, out)
		}
	}
	return dir, nil
})

// withCompanions puts the built companion programs on the test's PATH.
func withCompanions(t testing.TB) {
	t.Helper()
	dir, err := companionsDir()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestScripts runs the end-to-end scripts in testdata/*.txtar.
func TestScripts(t *testing.T) {
	withCompanions(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata",
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"status": cmdStatus},
		Setup: func(e *testscript.Env) error {
			// A fake gateway on loopback for create and transactions, and
			// an address where nothing listens.
			gw := httptest.NewServer(fakegateway.New("ck_script", "tk_script"))
			e.Defer(gw.Close)
			e.Setenv("GATEWAY", gw.URL+"/api")
			dead := httptest.NewServer(http.NotFoundHandler())
			dead.Close()
			e.Setenv("DEADHOST", dead.URL+"/api")
			// Lists whose pages never end: /repeat answers every page with
			// the same transaction, /endless each with its own.
			endless := httptest.NewServer(endlessList())
			e.Defer(endless.Close)
			e.Setenv("ENDLESS", endless.URL)
			// More than any QR code holds, even at level L.
			e.Setenv("LONG", strings.Repeat("QRIS", 800))
			// The demo merchant made dynamic for Rp 10.000, which serve
			// must refuse as a merchant.
			e.Setenv("DYNAMIC", "00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405100005802ID5911TOKO CONTOH6007JAKARTA61051011062070703A016304C46A")
			// A well-formed request padded past api.MaxRequestBytes, too
			// big to write in a script.
			// The static sample README's conversion example uses, as shipped.
			sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "static-example.txt"))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(e.WorkDir, "static-example.txt"), sample, 0o644); err != nil {
				return err
			}
			req := `{"reference": "INV-1", "amount": 10000, "expiryMinutes": 30, "viewName": "Toko Contoh"}`
			return os.WriteFile(filepath.Join(e.WorkDir, "big-request.json"), []byte(req+strings.Repeat(" ", api.MaxRequestBytes)), 0o644)
		},
	})
}

// endlessList is a gateway's transactions list that never comes to an
// empty page: under /repeat/api it ignores page, under /endless/api every
// page holds one transaction of its own.
func endlessList() http.Handler {
	page := func(w http.ResponseWriter, id string) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"responseCode":200,"responseMessage":"success","responseData":[{"id":%q,"merchantRef":"R","status":"success"}]}`, id)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /repeat/api/transactions", func(w http.ResponseWriter, r *http.Request) { page(w, "tx-same") })
	mux.HandleFunc("GET /endless/api/transactions", func(w http.ResponseWriter, r *http.Request) {
		page(w, "tx-page-"+r.URL.Query().Get("page"))
	})
	return mux
}

// cmdStatus is the script command "status N PROG ARGS...": it runs PROG like
// exec and requires exit status N exactly, where "! exec" would take 1 and 2
// alike although they mean different things (invalid input, bad usage). The
// output stays for the stdout and stderr commands that follow.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! status")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: status N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil || want < 0 {
		ts.Fatalf("status: %q is not an exit status", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
