// Command atelier is a local-first content studio for community managers.
// With no subcommand it opens the studio window; see `atelier help` for the
// command-line tools, which drive the same core packages headless.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

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
	screen := fs.String("screen", "", "screen to open on: compose, review, assets, kit, model, check, settings")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	start := time.Now()
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
	s := app.New(a, ws, app.Options{Screen: *screen})
	if os.Getenv("ATELIER_REPORT_START") != "" { // for the cold-start benchmark
		a.Lifecycle().SetOnStarted(func() { fmt.Fprintf(os.Stderr, "atelier: started in %v\n", time.Since(start)) })
	}
	s.Window().ShowAndRun()
	s.Close()
	return 0
}
