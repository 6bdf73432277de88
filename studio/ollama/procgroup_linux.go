package ollama

import "syscall"

// setDeathSignal has Linux kill the child when Atelier dies, however it
// dies (SIGKILL included).
func setDeathSignal(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGKILL }
