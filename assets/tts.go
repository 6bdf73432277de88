package assets

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"

	"atelier/internal/childproc"
)

// TTS speaks text into a WAV file with the system's offline engine, run as
// a separate process.
type TTS interface {
	Name() string
	Speak(ctx context.Context, text, voice string, wpm int, wavPath string) error
}

// ErrNoTTS is returned when no speech engine is installed; its message says
// what to install on this system.
var ErrNoTTS = errors.New("no text-to-speech engine was found")

// DetectTTS returns the engine for this system, or an error that says
// exactly what to install.
func DetectTTS() (TTS, error) {
	switch runtime.GOOS {
	case "darwin":
		if p, err := exec.LookPath("say"); err == nil {
			return macSay{bin: p}, nil
		}
		return nil, fmt.Errorf("%w: macOS's `say` is missing from PATH (it ships with macOS in /usr/bin)", ErrNoTTS)
	case "windows":
		if p, err := exec.LookPath("powershell.exe"); err == nil {
			return windowsSAPI{bin: p}, nil
		}
		return nil, fmt.Errorf("%w: PowerShell is needed for Windows speech (System.Speech)", ErrNoTTS)
	default:
		if p, err := exec.LookPath("espeak-ng"); err == nil {
			return espeakNG{bin: p}, nil
		}
		return nil, fmt.Errorf("%w: install espeak-ng (Debian/Ubuntu: `sudo apt-get install espeak-ng`; Fedora: `sudo dnf install espeak-ng`), or run scripts/bootstrap", ErrNoTTS)
	}
}

func run(ctx context.Context, name string, cmd *exec.Cmd, out string) error {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s failed: %v: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	if info, err := os.Stat(out); err != nil || info.Size() < 100 {
		return fmt.Errorf("%s wrote no audio to %s", name, out)
	}
	return nil
}

// espeakNG is the Linux engine.
type espeakNG struct{ bin string }

func (e espeakNG) Name() string { return "espeak-ng" }

func (e espeakNG) Speak(ctx context.Context, text, voice string, wpm int, wavPath string) error {
	if voice == "" {
		voice = "en"
	}
	cmd := childproc.Command(ctx, e.bin, "-v", voice, "-s", strconv.Itoa(wpm), "-w", wavPath, "--stdin")
	cmd.Stdin = strings.NewReader(text)
	return run(ctx, e.Name(), cmd, wavPath)
}

// macSay is macOS's engine.
type macSay struct{ bin string }

func (m macSay) Name() string { return "say" }

func (m macSay) Speak(ctx context.Context, text, voice string, wpm int, wavPath string) error {
	args := []string{"--data-format=LEI16@22050", "-o", wavPath, "-r", strconv.Itoa(wpm)}
	if voice != "" && len(voice) > 2 && !strings.Contains(voice, "-") {
		args = append(args, "-v", voice) // a macOS voice name such as "Thomas"
	}
	cmd := childproc.Command(ctx, m.bin, append(args, "-f", "-")...)
	cmd.Stdin = strings.NewReader(text)
	return run(ctx, m.Name(), cmd, wavPath)
}

// windowsSAPI speaks through PowerShell's System.Speech.
type windowsSAPI struct{ bin string }

func (w windowsSAPI) Name() string { return "Windows SAPI" }

func (w windowsSAPI) Speak(ctx context.Context, text, voice string, wpm int, wavPath string) error {
	rate := (wpm - 160) / 15 // SAPI rates run from -10 to 10 around about 160 wpm
	rate = max(-10, min(10, rate))
	script := fmt.Sprintf(`Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; $s.Rate = %d; $s.SetOutputToWaveFile('%s'); $s.Speak([Console]::In.ReadToEnd()); $s.Dispose()`,
		rate, strings.ReplaceAll(wavPath, "'", "''"))
	cmd := childproc.Command(ctx, w.bin, "-NoProfile", "-Command", script)
	cmd.Stdin = strings.NewReader(text)
	return run(ctx, w.Name(), cmd, wavPath)
}
