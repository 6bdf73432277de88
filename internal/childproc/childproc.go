// Package childproc starts the programs Atelier runs (ffmpeg, ffprobe, the
// speech engines, the model server) so that none outlives it: cancelling
// the context kills the child, and on Linux the kernel kills it when
// Atelier dies, SIGKILL included.
package childproc

import (
	"context"
	"os/exec"
	"syscall"
	"time"
)

// Command is exec.CommandContext with the child tied to Atelier's life. A
// cancelled child is killed at once and Wait returns within a second even
// when it left a grandchild holding its output.
func Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	SetDeathSignal(cmd.SysProcAttr)
	cmd.WaitDelay = time.Second
	return cmd
}
