package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"atelier/brandkit"
	"atelier/packaging"
	"atelier/studio"
	"atelier/studio/platform"
)

const kitUsage = `usage:
  atelier kit validate DIR                  check a kit; exit 1 on any error
  atelier kit export DIR FILE.atelierkit    write the kit folder as one file
  atelier kit import [--replace] FILE       install a kit in the data folder`

// kitCommands are the subcommands of `atelier kit`.
var kitCommands = map[string]func(context.Context, streams, []string) error{
	"validate": command(parseKitValidate, runKitValidate),
	"export":   command(parseKitExport, runKitExport),
	"import":   command(parseKitImport, runKitImport),
}

// runKit runs the kit subcommand args names.
func runKit(ctx context.Context, s streams, args []string) error {
	if len(args) > 0 {
		if run, ok := kitCommands[args[0]]; ok {
			return run(ctx, s, args[1:])
		}
	}
	fmt.Fprintln(s.log, kitUsage)
	return errFailed
}

// kitOptions are the kit subcommands' options.
type kitOptions struct {
	dir     string // the kit folder (validate, export)
	file    string // the .atelierkit file (export, import)
	replace bool   // import over an installed kit of the same name
}

// kitOptionsFrom parses a kit subcommand's arguments: --replace when the
// subcommand takes it, then exactly the positional arguments names says.
func kitOptionsFrom(name, usage string, args []string, o *kitOptions, replaceFlag bool, names ...*string) (kitOptions, error) {
	fs := newFlags("kit "+name, usage)
	if replaceFlag {
		fs.BoolVar(&o.replace, "replace", false, "replace an installed kit of the same name (the old one is kept beside it)")
	}
	if err := fs.Parse(args); err != nil {
		return *o, err
	}
	if fs.NArg() != len(names) {
		fs.Usage()
		return *o, errFailed
	}
	for i, p := range names {
		*p = fs.Arg(i)
	}
	return *o, nil
}

func parseKitValidate(args []string) (kitOptions, error) {
	var o kitOptions
	return kitOptionsFrom("validate", "usage: atelier kit validate DIR\n\nChecks brandkit.toml and the files it names. Prints \"ok\" and a summary,\nor every problem as file:line: field: problem; expected …, and exits 1.", args, &o, false, &o.dir)
}

// runKitValidate prints the kit's summary, or every problem it has.
func runKitValidate(_ context.Context, s streams, o kitOptions) error {
	kit, err := brandkit.Load(o.dir, brandkit.Options{Platforms: platform.Default().IDs()})
	var ve *brandkit.ValidationError
	if errors.As(err, &ve) {
		for _, e := range ve.Errors {
			fmt.Fprintln(s.out, e.Error())
		}
		fmt.Fprintf(s.out, "%d error(s)\n", len(ve.Errors))
		return errFailed
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(s.out, "ok:", kitSummary(kit))
	return nil
}

func parseKitExport(args []string) (kitOptions, error) {
	var o kitOptions
	return kitOptionsFrom("export", "usage: atelier kit export DIR FILE.atelierkit", args, &o, false, &o.dir, &o.file)
}

// runKitExport writes a valid kit as one .atelierkit file.
func runKitExport(_ context.Context, s streams, o kitOptions) error {
	if _, err := brandkit.Load(o.dir, brandkit.Options{Platforms: platform.Default().IDs()}); err != nil {
		return fmt.Errorf("only a valid kit is exported; run `atelier kit validate %s`:\n%w", o.dir, err)
	}
	if err := packaging.ExportKit(o.dir, o.file); err != nil {
		return err
	}
	fmt.Fprintln(s.out, "wrote", o.file)
	return nil
}

func parseKitImport(args []string) (kitOptions, error) {
	var o kitOptions
	return kitOptionsFrom("import", "usage: atelier kit import [--replace] FILE.atelierkit\n\nChecks the file (no paths outside the kit, no links, at most 1,000 entries and\n200 MB), validates the kit, and installs it under the data folder's kits/.", args, &o, true, &o.file)
}

// runKitImport installs an .atelierkit under the data folder's kits/.
func runKitImport(_ context.Context, s streams, o kitOptions) error {
	dataDir, err := studio.DataDir()
	if err != nil {
		return err
	}
	dir, err := packaging.ImportKit(o.file, filepath.Join(dataDir, "kits"), brandkit.Options{Platforms: platform.Default().IDs()}, o.replace)
	if errors.Is(err, packaging.ErrKitExists) {
		return fmt.Errorf("%w; run again with --replace to install it (the old one is kept beside it)", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "installed in %s; open it with: atelier --kit %s\n", dir, dir)
	return nil
}

// kitSummary says what a kit holds, in one line.
func kitSummary(k *brandkit.Kit) string {
	return fmt.Sprintf("%s %s — languages %s; %d colours; fonts %s / %s; %d personas; %d banned words; %d restricted claims",
		k.Identity.Name, k.Identity.Version, strings.Join(k.Identity.Languages, ", "), len(k.Palette),
		k.Typography.Heading.Family, k.Typography.Body.Family, len(k.Personas), len(k.Lexicon.Banned), len(k.Claims.Restricted))
}
