// Command atelier is a local-first content studio for community managers.
// With no subcommand it opens the studio window; see `atelier help` for the
// command-line tools, which drive the same core packages headless.
package main

import (
	"flag"
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"atelier/app"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// gui opens the studio window on the workspace described by args.
func gui(args []string) int {
	fs := flag.NewFlagSet("atelier", flag.ContinueOnError)
	kitDir := fs.String("kit", "", "brand kit folder (default: the sample kit in the data folder)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ws, err := openWorkspace(*kitDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "atelier:", err)
		return 1
	}
	defer ws.Close()
	a := fyneapp.NewWithID(app.AppID)
	if err := app.LoadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "atelier: translations:", err)
	}
	s := app.New(a, ws, app.Options{})
	s.Window().ShowAndRun()
	s.Close()
	return 0
}
