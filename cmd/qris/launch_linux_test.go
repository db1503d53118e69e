package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

// startScan starts "qris scan --validate" reading a pipe that stays open,
// so that the companion qris-image waits; it returns the command once the
// companion runs in qris's own process (exec'd in place of it) under the
// command's name, and the read end of its standard output.
func startScan(t *testing.T) (*exec.Cmd, *os.File) {
	t.Helper()
	withCompanions(t)
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { inW.Close() })
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { outR.Close() })
	cmd := exec.Command("qris", "scan", "--validate")
	cmd.Stdin, cmd.Stdout = inR, outW
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	inR.Close()
	outW.Close()
	t.Cleanup(func() { cmd.Process.Kill() })
	pid := cmd.Process.Pid
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		// once exec'd and its runtime handles signals, as it does once
		// it has started
		exe, _ := os.Readlink(filepath.Join("/proc", itoa(pid), "exe"))
		b, _ := os.ReadFile(filepath.Join("/proc", itoa(pid), "cmdline"))
		if filepath.Base(exe) == "qris-image" && catches(pid, syscall.SIGQUIT) {
			// what ps shows: the command once, then the person's flags
			if got, want := strings.ReplaceAll(string(b), "\x00", " "), "qris scan --validate "; got != want {
				t.Fatalf("the companion's command line is %q, want %q", got, want)
			}
			if child := childOf(pid); child != 0 {
				t.Fatalf("the companion has a child process %d: it should be qris's process itself", child)
			}
			return cmd, outR
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("qris-image did not start in qris's process; stderr: %s", stderr.String())
	return nil, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// catches reports whether process pid has a handler for s: a Go program
// has, once its runtime has started.
func catches(pid int, s syscall.Signal) bool {
	b, _ := os.ReadFile(filepath.Join("/proc", itoa(pid), "status"))
	for _, l := range strings.Split(string(b), "\n") {
		if hex, ok := strings.CutPrefix(l, "SigCgt:"); ok {
			mask, _ := strconv.ParseUint(strings.TrimSpace(hex), 16, 64)
			return mask&(1<<(s-1)) != 0
		}
	}
	return false
}

// childOf is the pid of a child process of pid, 0 when it has none yet.
func childOf(pid int) int {
	tasks, _ := filepath.Glob(filepath.Join("/proc", itoa(pid), "task", "*", "children"))
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		if fields := strings.Fields(string(b)); len(fields) > 0 {
			n, _ := strconv.Atoi(fields[0])
			return n
		}
	}
	return 0
}

// wait waits for qris to end, for a bounded time.
func wait(t *testing.T, cmd *exec.Cmd) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("qris did not end after its companion did")
		return nil
	}
}

// waitEOF waits until every writer of r has gone, the companion included.
func waitEOF(t *testing.T, r *os.File) {
	t.Helper()
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, r); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the companion's output is still open after its process ended")
	}
}

// TestCompanionSignalDeath: a signal sent to qris reaches the companion,
// which runs in qris's process, and the shell sees its death by it, as
// had the companion been run directly.
func TestCompanionSignalDeath(t *testing.T) {
	for _, s := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(s.String(), func(t *testing.T) {
			cmd, out := startScan(t)
			cmd.Process.Signal(s)
			err := wait(t, cmd)
			waitEOF(t, out)
			ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != s {
				t.Fatalf("qris ended with %v (%v), want death by %v", cmd.ProcessState, err, s)
			}
		})
	}
}

// TestCompanionQuit: SIGQUIT reaches the companion too; a Go program
// answers it with exit status 2, which the shell sees.
func TestCompanionQuit(t *testing.T) {
	cmd, out := startScan(t)
	cmd.Process.Signal(syscall.SIGQUIT)
	wait(t, cmd)
	waitEOF(t, out)
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); ws.Signaled() || ws.ExitStatus() != 2 {
		t.Fatalf("qris ended with %v, want exit status 2 as the companion's", cmd.ProcessState)
	}
}

// TestCompanionKilled: a companion killed (SIGKILL, which no program can
// handle) is seen dead by that signal.
func TestCompanionKilled(t *testing.T) {
	cmd, out := startScan(t)
	syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
	wait(t, cmd)
	waitEOF(t, out)
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("qris ended with %v, want death by SIGKILL", cmd.ProcessState)
	}
}

// fakeCompanion puts on PATH, first, a qris-image that runs script.
func fakeCompanion(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "qris-image"), []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// runCaller runs qris args in this process with buffers for streams, as
// a caller in the same process does, so qris starts the companion and
// waits for it.
func runCaller(args ...string) (int, string) {
	var out bytes.Buffer
	e := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out}
	return cli.Run(e, commands, args), out.String()
}

// TestStartedCompanionSignalled: a companion started and waited for that
// dies by a signal gives 128+n, as a shell reports it, not -1 (255).
func TestStartedCompanionSignalled(t *testing.T) {
	fakeCompanion(t, "kill -TERM $$")
	if code, out := runCaller("render", s1); code != 128+int(syscall.SIGTERM) {
		t.Fatalf("exit %d, want %d; output %q", code, 128+int(syscall.SIGTERM), out)
	}
}

// TestStartedCompanionOutlivesInterrupt: an interrupt that reaches qris
// while it waits for a companion (the terminal sends it to both) does not
// end qris first: it returns the companion's own status once it ends.
func TestStartedCompanionOutlivesInterrupt(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "ready")
	fakeCompanion(t, "touch "+ready+"; sleep 1; exit 7")
	go func() {
		for range 200 {
			if _, err := os.Stat(ready); err == nil {
				syscall.Kill(os.Getpid(), syscall.SIGINT)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	if code, out := runCaller("render", s1); code != 7 {
		t.Fatalf("exit %d, want the companion's 7; output %q", code, out)
	}
}

// TestFindSkipsWhatCannotRun: a file beside qris with the companion's name
// but no execute bit is passed over for the one on PATH, as PATH's own
// search passes it over; a directory is too.
func TestFindSkipsWhatCannotRun(t *testing.T) {
	p := imageProgram()
	dir := t.TempDir()
	path := filepath.Join(dir, p.program)
	if err := os.WriteFile(path, []byte("not a program"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := p.findIn(dir); got != "" {
		t.Errorf("a file without an execute bit is found: %q", got)
	}
	if err := os.Chmod(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := p.findIn(dir); got != path {
		t.Errorf("findIn = %q, want %q", got, path)
	}
	sub := t.TempDir()
	if err := os.Mkdir(filepath.Join(sub, p.program), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := p.findIn(sub); got != "" {
		t.Errorf("a directory is found: %q", got)
	}
}
