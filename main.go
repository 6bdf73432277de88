// Command atelier opens the studio window, or runs a command (package cli).
package main

import (
	"context"
	"os"
	"os/signal"
	_ "time/tzdata" // brand time zones on systems without a zone database

	fyneapp "fyne.io/fyne/v2/app"

	"atelier/app"
	"atelier/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if args := os.Args[1:]; !cli.OpensWindow(args) {
		code := cli.Run(ctx, args, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	ws, screen, err := cli.WindowOptions(os.Args[1:])
	if err != nil {
		os.Exit(cli.Fail(err, os.Stderr))
	}
	s := app.New(fyneapp.NewWithID(app.AppID), ws, app.Options{Screen: screen})
	s.Window().ShowAndRun()
	s.Close()
	ws.Close()
}
