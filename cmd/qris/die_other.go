//go:build !unix

package main

import (
	"os"
	"syscall"
)

// dieFrom ends qris with the status a shell reports for a death by the
// signal s, 128+s, as the program it ran ended; on Unix it re-raises s.
func dieFrom(s syscall.Signal) {
	os.Exit(128 + int(s))
}
