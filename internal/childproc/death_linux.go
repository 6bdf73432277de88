package childproc

import "syscall"

// SetDeathSignal has Linux kill the child when Atelier dies, however it
// dies (SIGKILL included).
func SetDeathSignal(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGKILL }
