package ollama

import (
	"os"
	"syscall"
)

func ownGroup() *syscall.SysProcAttr { return nil }

func signalGroup(p *os.Process, sig syscall.Signal) error {
	if sig == syscall.SIGKILL {
		return p.Kill()
	}
	return p.Signal(os.Interrupt)
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	return err == nil && p != nil
}

func killGroupOf(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}
