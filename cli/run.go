package cli

import (
	"atelier/studio/store"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio"
	"atelier/studio/platform"
	"atelier/translations"
)

const usage = `Atelier — a local-first content studio.

Usage:
  atelier [--kit DIR]            open the studio window
  atelier kit validate DIR       check a brand kit; exit 1 on any error
  atelier kit export DIR FILE    write a kit as one .atelierkit file
  atelier kit import FILE        install an .atelierkit (checked and validated first)
  atelier draft --brief FILE     draft every variant of a brief (see draft --help)
  atelier check FILE...          check text, images, WAV and MP4 against the kit; exit 1 on errors
  atelier audio --text FILE      an audio snippet: voice, sonic logo, normalised loudness
  atelier render --image FILE    image variants for every placement: smart crop, logo, headline
  atelier video --image A.jpg,B.jpg --text FILE --placement ID --out clip.mp4
                                 a clip for Reels, TikTok, Shorts…: voice, captions, logo, cover
  atelier schedule PIECE WHEN    plan a piece (RFC 3339, or "2026-03-02 09:00" in the brand's zone); --clear unplans
  atelier calendar [--campaign ID] [--from D --to D] [--ics FILE] [--serve] [--json]
                                 the agenda and the rules it breaks; an iCalendar feed
  atelier pieces [--state S] [--json] | move PIECE STATE | comment PIECE TEXT
                                 the approval workflow, as yourself
  atelier results import FILE... what the posts did, from the platforms' own exports (see results --help)
  atelier export --campaign ID --out DIR|FILE.zip
                                 the approved pieces as a bundle for scheduling tools
  atelier demo [--home DIR]      run the pipeline headless on the sample kit
  atelier team init|invite|remove|members --db URL
                                 a team workspace on PostgreSQL, roles enforced by the database
  atelier help                   this text

Every command takes --help. Data lives in $ATELIER_HOME, or the OS's user
data folder when it is not set. Findings are said in the locale's language
(French or English); --lang-ui fr|en chooses. --team URL (or $ATELIER_TEAM) works
in a team's PostgreSQL database, as the person whose login the URL holds.
`

// OpensWindow reports whether args ask for the studio window rather than
// a command: no arguments, or only the window's flags (--kit, --screen).
// A command may follow --lang-ui.
func OpensWindow(args []string) bool {
	if len(args) == 0 {
		return true
	}
	_, rest, err := uiLanguage(args)
	if err != nil {
		return false
	}
	_, command := commands[rest[0]]
	return !command && strings.HasPrefix(rest[0], "-") && rest[0] != "-h" && rest[0] != "--help"
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
	ui, args, err := uiLanguage(args)
	if err != nil {
		fmt.Fprintf(stderr, "atelier: %v\n\n%s", err, usage)
		return 2
	}
	run, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "atelier: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return Fail(run(ctx, streams{out: stdout, log: stderr, ui: ui}, args[1:]), stderr)
}

// streams are where a command writes: out for its results, log for
// progress and diagnostics; ui is the language findings are said in.
type streams struct {
	out, log io.Writer
	ui       string
}

// uiLanguage takes --lang-ui L out of args, wherever it stands; without
// it, findings follow the locale ($LC_ALL, $LC_MESSAGES, $LANG), in
// French when it is French and in English otherwise.
func uiLanguage(args []string) (string, []string, error) {
	ui := ""
	teamURL = "" // each run says it again
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			ui = l
			break
		}
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--lang-ui" || a == "-lang-ui":
			if i+1 == len(args) {
				return "", nil, errors.New("--lang-ui needs a language: fr or en")
			}
			ui = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang-ui=") || strings.HasPrefix(a, "-lang-ui="):
			_, ui, _ = strings.Cut(a, "=")
		case a == "--team" && i+1 < len(args):
			teamURL = args[i+1]
			i++
		case strings.HasPrefix(a, "--team="):
			_, teamURL, _ = strings.Cut(a, "=")
		default:
			rest = append(rest, a)
		}
	}
	if len(rest) == 0 {
		rest = []string{"help"}
	}
	if translations.Base(ui) == "fr" {
		return "fr", rest, nil
	}
	return "en", rest, nil
}

// finding says f on one line in the user's language: severity, rule id,
// message and fix.
func (s streams) finding(f brandkit.Finding) string {
	msg, fix := translations.Finding(s.ui, f, platform.Default())
	line := translations.Say(s.ui, string(f.Severity), string(f.Severity), nil) + " " + f.Rule + ": " + msg
	if fix != "" {
		line += " → " + fix
	}
	return line
}

// commands are atelier's commands by name; each parses its arguments into
// its options, then runs with them.
var commands = map[string]func(context.Context, streams, []string) error{
	"kit":      runKit,
	"demo":     command(parseDemo, runDemo),
	"draft":    command(parseDraft, runDraft),
	"check":    command(parseCheck, runCheck),
	"audio":    command(parseAudio, runAudio),
	"export":   command(parseExport, runExport),
	"render":   command(parseRender, runRender),
	"video":    command(parseVideo, runVideo),
	"schedule": command(parseSchedule, runSchedule),
	"calendar": command(parseCalendar, runCalendar),
	"results":  runResults,
	"pieces":   runPieces,
	"move":     runMove,
	"comment":  runComment,
	"team":     runTeam,
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
	if url := team(); url != "" {
		return openTeam(context.Background(), url)
	}
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
