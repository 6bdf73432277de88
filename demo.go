package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/store"
)

// demoCommand runs what Atelier can do, headless, on the sample kit, in a
// fresh data folder unless --home names one. Each step prints what it did.
func demoCommand(out io.Writer, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	home := fs.String("home", "", "data folder to use (default: a new temporary folder)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier demo [--home DIR]\n\nRuns the whole pipeline on the sample brand kit without a display.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *home == "" {
		dir, err := os.MkdirTemp("", "atelier-demo-")
		if err != nil {
			return err
		}
		*home = dir
	}
	ctx := context.Background()
	step := func(n int, title string) { fmt.Fprintf(out, "\n[%d] %s\n", n, title) }

	fmt.Fprintln(out, "Atelier demo — data folder:", *home)
	step(1, "Brand kit")
	kitDir, err := studio.DefaultKitDir(*home, samples.Kit())
	if err != nil {
		return err
	}
	ws, err := studio.Open(ctx, *home, kitDir)
	if err != nil {
		return err
	}
	defer ws.Close()
	if ws.KitErr != nil {
		return fmt.Errorf("the sample kit does not validate: %w", ws.KitErr)
	}
	fmt.Fprintln(out, "    installed in", kitDir)
	fmt.Fprintln(out, "    ok:", kitSummary(ws.Kit))

	step(2, "Platforms")
	for _, p := range ws.Registry.All() {
		var pls []string
		for _, pl := range p.Placements {
			pls = append(pls, fmt.Sprintf("%s %d×%d", pl.ID, pl.Width, pl.Height))
		}
		fmt.Fprintf(out, "    %-10s %5d %-9s %s\n", p.Name, p.TextLimit, p.Counting, strings.Join(pls, ", "))
	}

	step(3, "Campaign and brief in the store")
	if err := ws.EnsureSampleCampaign(ctx); err != nil {
		return err
	}
	cs, err := ws.Store.Campaigns(ctx)
	if err != nil {
		return err
	}
	v, _ := ws.Store.SchemaVersion(ctx)
	fmt.Fprintf(out, "    %s (schema %d)\n    campaign %d: %s\n", filepath.Join(*home, store.FileName), v, cs[0].ID, cs[0].Name)
	hits, err := ws.Store.Search(ctx, "recharge automne", 5)
	if err != nil {
		return err
	}
	for _, h := range hits {
		fmt.Fprintf(out, "    search \"recharge automne\" → %s %d: %s\n", h.Kind, h.ID, h.Snippet)
	}

	step(4, "Still to come")
	for _, s := range []string{
		"drafting with a local Ollama model (issue #3)",
		"brand checks of text, images and audio (issue #4)",
		"audio snippets (issue #5)", "review and approval (issue #6)",
		"export bundle (issue #7)", "image variants (issue #9)",
	} {
		fmt.Fprintln(out, "    not built yet:", s)
	}
	fmt.Fprintln(out, "\nDemo finished.")
	return nil
}
