//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// dieFrom ends qris by the signal s, as the program it ran ended, so that
// the shell sees the same death (143 for SIGTERM). With s no longer
// notified, the Go runtime meets it as any program would: SIGINT, SIGTERM
// and SIGHUP end the process by that signal, SIGKILL cannot be caught.
// Should s still not end qris, it exits 128+s, as a shell reports a signal
// death.
func dieFrom(s syscall.Signal) {
	signal.Reset(s)
	syscall.Kill(os.Getpid(), s)
	time.Sleep(time.Second)
	os.Exit(128 + int(s))
}
