//go:build !linux

package childproc

import "syscall"

// SetDeathSignal: only Linux has a parent-death signal. Elsewhere a child
// is stopped by its context, and the model server by its pidfile on the
// next start.
func SetDeathSignal(*syscall.SysProcAttr) {}
