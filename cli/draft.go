package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/ollama"
)

// readBrief reads a brief file, refusing one over studio.MaxBriefBytes
// without reading it all.
func readBrief(path string) (studio.Brief, error) {
	data, err := assets.ReadFileLimited(path, studio.MaxBriefBytes)
	if err != nil {
		return studio.Brief{}, err
	}
	return studio.ParseBrief(path, data)
}

// draftedVariant is one line of `atelier draft --json`.
type draftedVariant struct {
	Platform string          `json:"platform"`
	Persona  string          `json:"persona"`
	Language string          `json:"language"`
	PieceID  int64           `json:"piece_id"`
	Version  int             `json:"version"`
	Status   string          `json:"status"`
	Origin   string          `json:"origin"`
	Model    string          `json:"model"`
	Text     string          `json:"text"`
	Score    int             `json:"score"`
	Findings json.RawMessage `json:"findings"`
	Error    string          `json:"error,omitempty"`
}

func draftCommand(ctx context.Context, out, log io.Writer, args []string) error {
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	kitDir := kitFlag(fs)
	briefPath := fs.String("brief", "", "brief TOML file (see samples/brief.toml)")
	model := fs.String("model", studio.DefaultModel, "Ollama model")
	asJSON := fs.Bool("json", false, "print the variants as JSON")
	template := fs.Bool("template", false, "use the kit's templates instead of a model")
	fallback := fs.Bool("fallback", true, "draft from the kit's templates when the model cannot (no server, model not installed); --fallback=false refuses instead")
	timeout := fs.Duration("timeout", studio.DefaultCallTimeout, "deadline of each model call")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: atelier draft --brief FILE [--kit DIR] [--model M] [--json] [--template]\n\nDrafts every platform × persona × language of the brief, checks each draft\nagainst the kit and stores it as a version in the data folder.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *briefPath == "" {
		fs.Usage()
		return errFailed
	}
	brief, err := readBrief(*briefPath)
	if err != nil {
		return err
	}
	ws, err := openWorkspace(*kitDir)
	if err != nil {
		return err
	}
	defer ws.Close()
	if ws.KitErr() != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate %s`:\n%v", ws.KitDir(), ws.KitErr())
	}

	var drafter studio.Drafter = studio.TemplateDrafter{}
	if !*template {
		conn, connErr := ollama.Connect(ctx, ws.DataDir())
		if conn != nil {
			defer conn.Close()
			fmt.Fprintln(log, "atelier:", conn.Describe())
		} else if connErr != nil && !ollama.NoModelServer(connErr) {
			return connErr
		}
		choice, err := studio.ChooseDrafter(ctx, conn, connErr, *model, *timeout, *fallback)
		if err != nil {
			return fmt.Errorf("%w; pick another with --model, or let the kit's templates draft with --fallback", err)
		}
		fmt.Fprintln(log, "atelier:", choice.Label())
		drafter = choice.Drafter
	}
	c, brief, err := ws.StartCampaign(ctx, brief.Topic, brief)
	if err != nil {
		return err
	}
	composer := &studio.Composer{WS: ws, Drafter: drafter, User: studio.LocalUser()}
	start := time.Now()
	outs, err := composer.Compose(ctx, brief, func(e studio.Event) {
		if e.Kind == studio.EventStart && !*asJSON {
			fmt.Fprintf(log, "drafting %s (attempt %d)…\n", e.Target.Key(), e.Attempt+1)
		}
	})
	if err != nil && len(outs) == 0 {
		return err
	}
	failed := 0
	var rows []draftedVariant
	for _, o := range outs {
		findings, _ := json.Marshal(o.Report.Findings)
		row := draftedVariant{Platform: o.Target.Platform.ID, Persona: o.Target.Persona.ID, Language: o.Target.Language,
			PieceID: o.Piece.ID, Version: o.Version.Number, Status: string(o.Version.Status), Origin: string(o.Version.Origin),
			Model: o.Version.Model, Text: o.Version.Text, Score: o.Report.Score, Findings: findings}
		if o.Err != nil {
			row.Error = o.Err.Error()
		}
		if o.Err != nil || o.Report.Count(brandkit.SeverityError) > 0 || o.Version.Status == studio.VersionFailedCheck {
			failed++ // an error, or a draft that fails the brand check, fails the command
		}
		rows = append(rows, row)
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return err
		}
	} else {
		for _, r := range rows {
			label := r.Model
			if r.Origin == string(studio.OriginTemplate) {
				label = "template"
			}
			fmt.Fprintf(out, "\n── %s / %s / %s · v%d · %s · %s · score %d\n%s\n", r.Platform, r.Persona, r.Language, r.Version, label, r.Status, r.Score, r.Text)
			if r.Error != "" {
				fmt.Fprintln(out, "   error:", r.Error)
			}
		}
		for _, o := range outs { // what made each failing variant fail
			for _, f := range o.Report.Errors() {
				fmt.Fprintf(out, "   %s: %s %s: %s", o.Target.Key(), f.Severity, f.Rule, f.Message)
				if f.Fix != "" {
					fmt.Fprintf(out, " → %s", f.Fix)
				}
				fmt.Fprintln(out)
			}
		}
		fmt.Fprintf(out, "\n%d variants in %s, %d failed; stored in %s (campaign %d)\n", len(rows), time.Since(start).Round(time.Millisecond), failed, ws.Location(), c.ID)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}
