package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/qris/api"
	"github.com/qriskit/qriskit/qris/api/sandbox"
)

// TestServe starts the built command on a free loopback port, creates a
// transaction with the demo credentials the banner prints, checks the
// dynamic QRIS it answers with, and stops the server with SIGINT.
func TestServe(t *testing.T) {
	withCompanions(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "qris", "serve", "--addr", "127.0.0.1:0", "--db", ":memory:", "--faults")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The banner: where it listens and the demo client in full.
	br := bufio.NewReader(stdout)
	var banner strings.Builder
	var base string
	clientLine := regexp.MustCompile(`(?m)^\s+client\s+key \S+\s+token \S+$`)
	for !clientLine.MatchString(banner.String()) {
		line, err := br.ReadString('\n')
		banner.WriteString(line)
		if err != nil {
			t.Fatalf("the banner ended early (%v):\n%s\nstderr: %s", err, banner.String(), stderr.String())
		}
		if m := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(line); m != nil {
			base = m[1]
		}
	}
	go io.Copy(io.Discard, br)
	for _, want := range []string{sandbox.DemoClientKey, sandbox.DemoClientToken} {
		if !strings.Contains(banner.String(), want) {
			t.Errorf("the banner does not show %q:\n%s", want, banner.String())
		}
	}
	if base == "" {
		t.Fatalf("no address in the banner:\n%s", banner.String())
	}

	body := []byte(`{"reference":"INV-1","amount":10000,"viewName":"Toko Contoh","additionalInfo":{"callback":"http://127.0.0.1:9/notify"}}`)
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/qris", bytes.NewReader(body))
	req.Header.Set(api.HeaderClientKey, sandbox.DemoClientKey)
	req.Header.Set(api.HeaderClientToken, sandbox.DemoClientToken)
	req.Header.Set(api.HeaderSignature, api.Sign(sandbox.DemoClientKey, sandbox.DemoClientToken, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, err := api.DecodeResponse(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || got.ResponseData == nil || resp.Header.Get(sandbox.HeaderSignatureOver) != "raw" {
		t.Fatalf("create: %d, %+v, %v, %v", resp.StatusCode, got, err, resp.Header)
	}
	content := got.ResponseData.QRIS.Content
	if problems := qris.Validate(content, qris.Options{}); !qris.Valid(problems) {
		t.Errorf("the sandbox's QRIS is invalid: %v", problems)
	}

	// --faults is on: a magic amount answers the documented error.
	body = []byte(`{"reference":"INV-2","amount":4221,"viewName":"Toko Contoh","additionalInfo":{"callback":"http://127.0.0.1:9/notify"}}`)
	req, _ = http.NewRequestWithContext(ctx, "POST", base+"/api/qris", bytes.NewReader(body))
	req.Header.Set(api.HeaderClientKey, sandbox.DemoClientKey)
	req.Header.Set(api.HeaderClientToken, sandbox.DemoClientToken)
	req.Header.Set(api.HeaderSignature, api.Sign(sandbox.DemoClientKey, sandbox.DemoClientToken, body))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	fault, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !bytes.Contains(fault, []byte(`"errorCode":"REQUEST_INVALID"`)) {
		t.Errorf("amount 4221 with --faults: %d %s", resp.StatusCode, fault)
	}
	if !strings.Contains(banner.String(), "faults     on") {
		t.Errorf("the banner does not say faults are on:\n%s", banner.String())
	}

	// A graceful stop: exit status 0.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("serve after SIGINT: %v\nstderr: %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "qris serve: stopped") || !strings.Contains(stderr.String(), "/api/qris") {
		t.Errorf("stderr holds no request log or no stop line:\n%s", stderr.String())
	}
}

// TestServeRefuses: an address already in use and a database that cannot
// be opened are exit 2 with a hint, before anything is served, as serve's
// help says.
func TestServeRefuses(t *testing.T) {
	withCompanions(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, c := range []struct {
		args []string
		hint string
	}{
		{[]string{"--addr", ln.Addr().String(), "--db", ":memory:"}, "another server holds that address"},
		{[]string{"--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "no-such-dir", "x.db")}, "check --db"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, "qris", append([]string{"serve"}, c.args...)...)
		out, err := cmd.CombinedOutput()
		cancel()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), c.hint) {
			t.Errorf("qris serve %v: %v\n%s", c.args, err, out)
		}
	}
}

// TestWithoutCompanions: a command another program runs says, when that
// program is not installed, which program it needs and how to install it,
// exit 2; its help still says what it is and how to get it; the commands
// qris runs itself do not need them.
func TestWithoutCompanions(t *testing.T) {
	qrisPath, err := exec.LookPath("qris")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", filepath.Dir(qrisPath))
	p := "00020101021126660014ID.LINKAJA.WWW011893600911000093000502151912131509300050303UME51440014ID.CO.QRIS.WWW0215ID20190139612790303UME5204839853033605802ID5924Infak Sinergi Foundation6007BANDUNG61054017362070703A01630458E0"
	png := filepath.Join(t.TempDir(), "x.png")
	for _, c := range []struct {
		args    []string
		program string
	}{
		{[]string{"serve", "--db", ":memory:"}, "qris-sandbox"},
		{[]string{"create", "--reference", "INV-1"}, "qris-gateway"},
		{[]string{"transactions"}, "qris-gateway"},
		{[]string{"verify", "response.json"}, "qris-gateway"},
		{[]string{"scan", "--help"}, "qris-image"},
		{[]string{"scan", "code.png"}, "qris-image"},
		{[]string{"render", "-o", png, p}, "qris-image"},
		{[]string{"render", "--help"}, "qris-image"},
	} {
		out, err := exec.Command("qris", c.args...).CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 ||
			!strings.Contains(string(out), "qris "+c.args[0]+": the program "+c.program+", which runs this command, is not installed") ||
			!strings.Contains(string(out), "go install ./cmd/...") {
			t.Errorf("qris %v without %s: %v\n%s", c.args, c.program, err, out)
		}
		out, err = exec.Command("qris", "help", c.args[0]).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Runs the program "+c.program+" with these arguments") ||
			!strings.Contains(string(out), "go install ./cmd/...") {
			t.Errorf("qris help %s without %s: %v\n%s", c.args[0], c.program, err, out)
		}
	}
	if _, err := os.Lstat(png); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("qris render -o without qris-image left a file: %v", err)
	}
	// listed and marked as with the companions installed
	help, err := exec.Command("qris", "help").CombinedOutput()
	for c, program := range map[string]string{"create": "qris-gateway", "render": "qris-image", "scan": "qris-image", "serve": "qris-sandbox"} {
		if err != nil || !regexp.MustCompile(`\n  `+c+` .*\(runs `+program+`\)\n`).Match(help) {
			t.Errorf("qris help without the companions does not list %s as run by %s: %v\n%s", c, program, err, help)
		}
	}
	if out, err := exec.Command("qris", "validate", p).CombinedOutput(); err != nil || string(out) != "valid\n" {
		t.Errorf("qris validate without the companions: %v\n%s", err, out)
	}
}
