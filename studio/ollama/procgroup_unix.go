//go:build unix

package ollama

import (
	"os"
	"syscall"

	"atelier/internal/childproc"
)

// ownGroup puts a child in its own process group, so that stopping it
// reaches the runners it starts too.
func ownGroup() *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Setpgid: true}
	childproc.SetDeathSignal(attr)
	return attr
}

// signalGroup sends sig to the process group led by p.
func signalGroup(p *os.Process, sig syscall.Signal) error {
	return syscall.Kill(-p.Pid, sig)
}

// alive reports whether a process with the pid exists.
func alive(pid int) bool {
	return pid > 0 && syscall.Kill(pid, 0) == nil
}

// killGroupOf kills the process group led by pid.
func killGroupOf(pid int) { syscall.Kill(-pid, syscall.SIGKILL) }
