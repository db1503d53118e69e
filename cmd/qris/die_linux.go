package main

import (
	"os"
	"syscall"
	"time"
	"unsafe"
)

// dieFrom ends qris by the signal s, as the program it ran ended, so that
// the shell sees the same death (143 for SIGTERM, "Quit" for SIGQUIT). The
// Go runtime's own handler would turn SIGQUIT into a goroutine dump and
// exit status 2, so the handler is set back to the system's default
// first. Should s still not end qris, it exits 128+s, as a shell reports
// a signal death.
func dieFrom(s syscall.Signal) {
	// The kernel's struct sigaction, all zero: SIG_DFL, no flags, no mask.
	var act [8]uint64
	syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(s), uintptr(unsafe.Pointer(&act)), 0, 8, 0, 0)
	syscall.Kill(os.Getpid(), s)
	time.Sleep(time.Second)
	os.Exit(128 + int(s))
}
