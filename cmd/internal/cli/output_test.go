package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeO writes a line to path as every command's -o does, and returns
// the line.
func writeO(t *testing.T, path string) string {
	t.Helper()
	const line = "0Fa4"
	if err := (&Env{Stdout: &bytes.Buffer{}}).WriteLine(path, line); err != nil {
		t.Fatalf("-o %s: %v", path, err)
	}
	return line + "\n"
}

// TestOutputThroughSymlink: -o through a symbolic link writes what the link
// names (replacing a regular file there whole, or creating it), and the
// link stays a link.
func TestOutputThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.txt")
	if err := os.WriteFile(target, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink("target.txt", filepath.Join(dir, "link")))
	// A link to the link, from another directory, relative.
	must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(t, os.Symlink("../link", filepath.Join(dir, "sub", "link2")))
	// A link to a file not there yet.
	must(t, os.Symlink("new.txt", filepath.Join(dir, "dangling")))

	for _, name := range []string{"link", "sub/link2"} {
		want := writeO(t, filepath.Join(dir, name))
		if b, err := os.ReadFile(target); err != nil || string(b) != want {
			t.Errorf("-o %s: target holds %q, %v; want %q", name, b, err, want)
		}
	}
	for _, name := range []string{"link", "sub/link2", "dangling"} {
		if fi, err := os.Lstat(filepath.Join(dir, name)); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v, %v", name, fi.Mode(), err)
		}
	}
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the target's mode is %v, %v; want the file's 0600 kept", fi.Mode(), err)
	}
	want := writeO(t, filepath.Join(dir, "dangling"))
	if b, err := os.ReadFile(filepath.Join(dir, "new.txt")); err != nil || string(b) != want {
		t.Errorf("-o dangling: new.txt holds %q, %v", b, err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"dangling", "link", "new.txt", "sub", "target.txt"}) {
		t.Errorf("the directory holds %q: a temporary file left behind?", names)
	}
}

// TestOutputSymlinkLoop: a loop of links is an error, not a hang.
func TestOutputSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Symlink("b", filepath.Join(dir, "a")))
	must(t, os.Symlink("a", filepath.Join(dir, "b")))
	if _, err := (&Env{}).Create(filepath.Join(dir, "a")); err == nil {
		t.Fatal("create through a loop of links succeeded")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
