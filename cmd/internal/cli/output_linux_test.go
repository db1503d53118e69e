package cli

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOutputThroughFIFO: -o on a FIFO writes into it, and it stays a FIFO
// (it was replaced by a regular file). No root needed.
func TestOutputThroughFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	must(t, syscall.Mkfifo(path, 0o600))
	// Read and write, so that opening does not wait for a writer, and the
	// command's opening does not wait for a reader.
	r, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := writeO(t, path)
	// Bounded: were the FIFO replaced, nothing would ever come.
	must(t, r.SetReadDeadline(time.Now().Add(5*time.Second)))
	got := make([]byte, len(want))
	if _, err := io.ReadFull(r, got); err != nil || string(got) != want {
		t.Errorf("the FIFO's reader got %q, %v; want %q", got, err, want)
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a FIFO: %v, %v", path, fi.Mode(), err)
	}
}

// TestOutputThroughDevice: -o on a character device writes to it, and it
// stays the device: "qris decode -o /dev/null P" must not replace
// /dev/null. The device is a copy of /dev/null made with mknod in a
// temporary directory, which NEEDS ROOT (CI runs as root); the test fails,
// rather than skip, when it cannot make it.
func TestOutputThroughDevice(t *testing.T) {
	fi, err := os.Stat("/dev/null")
	if err != nil {
		t.Fatal(err)
	}
	dev := fi.Sys().(*syscall.Stat_t).Rdev
	dir := t.TempDir()
	path := filepath.Join(dir, "null")
	if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, int(dev)); err != nil {
		t.Fatalf("mknod %s (this test needs root): %v", path, err)
	}
	writeO(t, path)
	// And through a link to it.
	must(t, os.Symlink("null", filepath.Join(dir, "link")))
	writeO(t, filepath.Join(dir, "link"))
	fi, err = os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeCharDevice == 0 || fi.Sys().(*syscall.Stat_t).Rdev != dev {
		t.Fatalf("%s is no longer the device: %v, %v", path, fi.Mode(), err)
	}
	if names := dirNames(t, dir); len(names) != 2 {
		t.Errorf("the directory holds %q: a temporary file left behind?", names)
	}
}
