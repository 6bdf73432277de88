//go:build unix && !linux

package ollama

import "syscall"

// setDeathSignal: only Linux has a parent-death signal; elsewhere the
// pidfile lets the next start stop a server a crashed run left behind.
func setDeathSignal(*syscall.SysProcAttr) {}
