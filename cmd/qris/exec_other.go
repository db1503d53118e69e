//go:build !unix

package main

import "errors"

// execInPlace says that a program cannot replace qris's process here
// (there is no execve), so qris starts it and waits.
const execInPlace = false

func replaceProcess(path string, argv []string) error { return errors.ErrUnsupported }
