//go:build unix

package main

import (
	"os"
	"syscall"
)

// execInPlace says that a program can replace qris's process here.
const execInPlace = true

// replaceProcess runs the program at path in place of qris, with argv and
// qris's environment; it returns only when that cannot be done.
func replaceProcess(path string, argv []string) error {
	return syscall.Exec(path, argv, os.Environ())
}
