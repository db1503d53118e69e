package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qriskit/qriskit/internal/loopback"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

// build compiles the package pkg as a merchant would, into a temporary
// directory.
func build(t *testing.T, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "prog")
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// modules is what `go version -m` says a binary was built from.
func modules(t *testing.T, bin string) string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", bin).CombinedOutput()
	if err != nil {
		t.Fatalf("go version -m %s: %v\n%s", bin, err, out)
	}
	return string(out)
}

// TestNoSQLiteInBinary: the program's binary, which imports only
// qris/api, holds no SQLite, nor does the qris command's (serve runs
// another program), while the sandbox program's does (so the check can
// see it).
func TestNoSQLiteInBinary(t *testing.T) {
	m := modules(t, build(t, "."))
	if !strings.Contains(m, "\tpath\tgithub.com/qriskit/qriskit/qris/api/internal/e2eprog\n") {
		t.Fatalf("go version -m does not describe the program:\n%s", m)
	}
	if strings.Contains(m, "modernc.org") {
		t.Errorf("the program's binary contains SQLite:\n%s", m)
	}
	if cli := modules(t, build(t, "github.com/qriskit/qriskit/cmd/qris")); strings.Contains(cli, "modernc.org") {
		t.Errorf("the qris command links SQLite, which only qris-sandbox should:\n%s", cli)
	}
	if sb := modules(t, build(t, "github.com/qriskit/qriskit/cmd/qris-sandbox")); !strings.Contains(sb, "\tdep\tmodernc.org/sqlite\t") {
		t.Errorf("the sandbox program shows no modernc.org/sqlite:\n%s", sb)
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, d := range strings.Fields(string(out)) {
		if strings.HasPrefix(d, "modernc.org/") || strings.HasSuffix(d, "/sandbox") {
			t.Errorf("the program depends on %s", d)
		}
	}
}

// startSandbox serves a sandbox on loopback and returns its API base.
func startSandbox(t *testing.T) string {
	t.Helper()
	s, err := sandbox.New(sandbox.Config{
		DB:       filepath.Join(t.TempDir(), "e2e.db"),
		Callback: sandbox.CallbackConfig{Backoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, Timeout: 5 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	addr, _ := loopback.Serve(t, s)
	return "http://" + addr + "/api"
}

// call makes a signed call to the sandbox as the demo client.
func call(t *testing.T, method, url, body string) []byte {
	t.Helper()
	var rd io.Reader
	var signed []byte
	if body != "" {
		rd, signed = strings.NewReader(body), []byte(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(api.HeaderClientKey, sandbox.DemoClientKey)
	req.Header.Set(api.HeaderClientToken, sandbox.DemoClientToken)
	req.Header.Set(api.HeaderSignature, api.Sign(sandbox.DemoClientKey, sandbox.DemoClientToken, signed))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, url, resp.StatusCode, b)
	}
	return b
}

// TestProgramAgainstSandbox runs the built program against a sandbox on
// loopback: it creates, lists, and handles the callback the sandbox sends
// when the test pays the transaction, as a payer would.
func TestProgramAgainstSandbox(t *testing.T) {
	bin := build(t, ".")
	base := startSandbox(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, base, "E2E-1")
	cmd.Env = append(os.Environ(), "QRIS_CLIENT_KEY="+sandbox.DemoClientKey, "QRIS_CLIENT_TOKEN="+sandbox.DemoClientToken)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	next := func() string {
		if !lines.Scan() {
			cmd.Wait()
			t.Fatalf("the program stopped early: %s", stderr.Bytes())
		}
		return lines.Text()
	}
	created := strings.Fields(next())
	if len(created) != 3 || created[0] != "created" || created[2] != "10085" {
		t.Fatalf("first line %q, want created ID 10085", created)
	}
	id := created[1]

	call(t, http.MethodPost, base+"/qris/"+id+"/pay", `{}`)

	if got := next(); got != "listed "+id {
		t.Errorf("second line %q, want listed %s", got, id)
	}
	if got := next(); got != "callback "+id+" success" {
		t.Errorf("third line %q, want callback %s success", got, id)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the program: %v\n%s", err, stderr.Bytes())
	}

	// The sandbox heard the handler's 2xx: delivered at the first try.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var env struct {
			ResponseData struct {
				Callbacks []struct {
					State    string            `json:"state"`
					Attempts []json.RawMessage `json:"attempts"`
				} `json:"callbacks"`
			} `json:"responseData"`
		}
		b := call(t, http.MethodGet, base+"/qris/"+id+"/callbacks", "")
		if err := json.Unmarshal(b, &env); err != nil {
			t.Fatalf("callbacks: %v in %s", err, b)
		}
		cbs := env.ResponseData.Callbacks
		if len(cbs) == 1 && cbs[0].State == "delivered" {
			if len(cbs[0].Attempts) != 1 {
				t.Errorf("delivered after %d attempts, want 1: %s", len(cbs[0].Attempts), b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("callbacks never delivered: %s", b)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
