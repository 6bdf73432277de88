package cli

import (
	"atelier/studio/store"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/platform"
)

const usage = `Atelier — a local-first content studio.

Usage:
  atelier [--kit DIR]            open the studio window
  atelier kit validate DIR       check a brand kit; exit 1 on any error
  atelier kit export DIR FILE    write a kit as one .atelierkit file
  atelier kit import FILE        install an .atelierkit (checked and validated first)
  atelier draft --brief FILE     draft every variant of a brief (see draft --help)
  atelier check FILE...          check text, images and WAV against the kit; exit 1 on errors
  atelier audio --text FILE      an audio snippet: voice, sonic logo, normalised loudness
  atelier render --image FILE    image variants for every placement: smart crop, logo, headline
  atelier export --campaign ID --out DIR|FILE.zip
                                 the approved pieces as a bundle for scheduling tools
  atelier demo [--home DIR]      run the pipeline headless on the sample kit
  atelier help                   this text

Every command takes --help. Data lives in $ATELIER_HOME, or the OS's user
data folder when it is not set.
`

// OpensWindow reports whether args ask for the studio window rather than
// a command: no arguments, or only flags (--kit, --screen).
func OpensWindow(args []string) bool {
	return len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help"
}

// Run runs the command args names, printing to stdout and stderr, and
// returns the exit status: 0 done, 1 failed (or a check found errors), 2
// a file could not be read or the command is unknown. ctx is cancelled on
// Ctrl-C; every command stops with it.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		args = []string{"help"}
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	run, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "atelier: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return Fail(run(ctx, streams{out: stdout, log: stderr}, args[1:]), stderr)
}

// streams are where a command writes: out for its results, log for
// progress and diagnostics.
type streams struct{ out, log io.Writer }

// commands are atelier's commands by name; each parses its arguments into
// its options, then runs with them.
var commands = map[string]func(context.Context, streams, []string) error{
	"kit":    runKit,
	"demo":   command(parseDemo, runDemo),
	"draft":  command(parseDraft, runDraft),
	"check":  command(parseCheck, runCheck),
	"audio":  command(parseAudio, runAudio),
	"export": command(parseExport, runExport),
	"render": command(parseRender, runRender),
}

// command joins a command's parse and run functions.
func command[O any](parse func([]string) (O, error), run func(context.Context, streams, O) error) func(context.Context, streams, []string) error {
	return func(ctx context.Context, s streams, args []string) error {
		o, err := parse(args)
		if err != nil {
			return err
		}
		return run(ctx, s, o)
	}
}

// newFlags makes a command's flag set, whose --help prints usage (the
// synopsis and what the command does) and the flags.
func newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// Fail says what err means on stderr, unless the command already said it,
// and returns the exit status.
func Fail(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFailed):
		return 1
	case errors.Is(err, errUnreadable):
		return 2
	default:
		fmt.Fprintln(stderr, "atelier:", err)
		return 1
	}
}

// WindowOptions parses the window's flags (--kit, --screen) and opens the
// workspace they name.
func WindowOptions(args []string) (*studio.Workspace, string, error) {
	fs := flag.NewFlagSet("atelier", flag.ContinueOnError)
	var kitDir, screen string
	kitFlag(fs, &kitDir)
	fs.StringVar(&screen, "screen", "", "screen to open on: compose, review, assets, kit, model, check, settings")
	if err := fs.Parse(args); err != nil {
		return nil, "", err
	}
	ws, err := openWorkspace(kitDir)
	return ws, screen, err
}

// errFailed means the command already printed why it failed.
var errFailed = errors.New("failed")

// openWorkspace opens the data dir and the kit in kitDir, or the sample
// kit installed in the data dir when kitDir is empty.
func openWorkspace(kitDir string) (*studio.Workspace, error) {
	dataDir, err := studio.DataDir()
	if err != nil {
		return nil, err
	}
	if kitDir == "" {
		if kitDir, err = studio.DefaultKitDir(dataDir, samples.Kit()); err != nil {
			return nil, err
		}
	}
	return store.OpenWorkspace(context.Background(), dataDir, kitDir)
}

// loadKit reads the kit in dir, or the workspace's kit when dir is empty;
// call the returned func when done with it.
func loadKit(dir string) (*brandkit.Kit, func(), error) {
	if dir == "" {
		ws, err := openWorkspace("")
		if err != nil {
			return nil, func() {}, err
		}
		if ws.KitErr() != nil {
			ws.Close()
			return nil, func() {}, ws.KitErr()
		}
		return ws.Kit(), func() { ws.Close() }, nil
	}
	k, err := brandkit.Load(dir, brandkit.Options{Platforms: platform.Default().IDs()})
	return k, func() {}, err
}

// kitFlag declares --kit, which every command that reads a kit takes.
func kitFlag(fs *flag.FlagSet, dir *string) {
	fs.StringVar(dir, "kit", "", "brand kit folder (default: the sample kit in the data folder)")
}
