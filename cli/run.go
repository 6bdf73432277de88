package cli

import (
	"atelier/studio/store"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"atelier/brandkit"
	"atelier/packaging"
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
	var err error
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "kit":
		err = kitCommand(stdout, args[1:])
	case "demo":
		err = demoCommand(ctx, stdout, args[1:])
	case "draft":
		err = draftCommand(ctx, stdout, stderr, args[1:])
	case "check":
		err = checkCommand(stdout, args[1:])
	case "audio":
		err = audioCommand(ctx, stdout, args[1:])
	case "export":
		err = exportCommand(ctx, stdout, args[1:])
	case "render":
		err = renderCommand(ctx, stdout, args[1:])
	default:
		fmt.Fprintf(stderr, "atelier: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return Fail(err, stderr)
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
	kitDir := kitFlag(fs)
	screen := fs.String("screen", "", "screen to open on: compose, review, assets, kit, model, check, settings")
	if err := fs.Parse(args); err != nil {
		return nil, "", err
	}
	ws, err := openWorkspace(*kitDir)
	return ws, *screen, err
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
	ctx := context.Background()
	ws, err := store.OpenWorkspace(ctx, dataDir, kitDir)
	if err != nil {
		return nil, err
	}
	if err := ws.EnsureSampleCampaign(ctx); err != nil {
		ws.Close()
		return nil, err
	}
	return ws, nil
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

func kitCommand(out io.Writer, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, kitUsage)
		return errFailed
	}
	switch args[0] {
	case "validate":
		return kitValidate(out, args[1:])
	case "export":
		return kitExport(out, args[1:])
	case "import":
		return kitImport(out, args[1:])
	}
	fmt.Fprintln(os.Stderr, kitUsage)
	return errFailed
}

const kitUsage = `usage:
  atelier kit validate DIR                  check a kit; exit 1 on any error
  atelier kit export DIR FILE.atelierkit    write the kit folder as one file
  atelier kit import [--replace] FILE       install a kit in the data folder`

func kitValidate(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("kit validate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier kit validate DIR\n\nChecks brandkit.toml and the files it names. Prints \"ok\" and a summary,\nor every problem as file:line: field: problem; expected …, and exits 1.")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errFailed
	}
	kit, err := brandkit.Load(fs.Arg(0), brandkit.Options{Platforms: platform.Default().IDs()})
	var ve *brandkit.ValidationError
	if errors.As(err, &ve) {
		for _, e := range ve.Errors {
			fmt.Fprintln(out, e.Error())
		}
		fmt.Fprintf(out, "%d error(s)\n", len(ve.Errors))
		return errFailed
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "ok:", kitSummary(kit))
	return nil
}

func kitExport(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("kit export", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), "usage: atelier kit export DIR FILE.atelierkit") }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errFailed
	}
	if _, err := brandkit.Load(fs.Arg(0), brandkit.Options{Platforms: platform.Default().IDs()}); err != nil {
		return fmt.Errorf("only a valid kit is exported; run `atelier kit validate %s`:\n%w", fs.Arg(0), err)
	}
	if err := packaging.ExportKit(fs.Arg(0), fs.Arg(1)); err != nil {
		return err
	}
	fmt.Fprintln(out, "wrote", fs.Arg(1))
	return nil
}

func kitImport(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("kit import", flag.ContinueOnError)
	replace := fs.Bool("replace", false, "replace an installed kit of the same name (the old one is kept beside it)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier kit import [--replace] FILE.atelierkit\n\nChecks the file (no paths outside the kit, no links, at most 1,000 entries and\n200 MB), validates the kit, and installs it under the data folder's kits/.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errFailed
	}
	dataDir, err := studio.DataDir()
	if err != nil {
		return err
	}
	dir, err := packaging.ImportKit(fs.Arg(0), filepath.Join(dataDir, "kits"), brandkit.Options{Platforms: platform.Default().IDs()}, *replace)
	if errors.Is(err, packaging.ErrKitExists) {
		return fmt.Errorf("%w; run again with --replace to install it (the old one is kept beside it)", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "installed in %s; open it with: atelier --kit %s\n", dir, dir)
	return nil
}

func kitSummary(k *brandkit.Kit) string {
	return fmt.Sprintf("%s %s — languages %s; %d colours; fonts %s / %s; %d personas; %d banned words; %d restricted claims",
		k.Identity.Name, k.Identity.Version, strings.Join(k.Identity.Languages, ", "), len(k.Palette),
		k.Typography.Heading.Family, k.Typography.Body.Family, len(k.Personas), len(k.Lexicon.Banned), len(k.Claims.Restricted))
}

// kitFlag declares --kit, which every command that reads a kit takes.
func kitFlag(fs *flag.FlagSet) *string {
	return fs.String("kit", "", "brand kit folder (default: the sample kit in the data folder)")
}
