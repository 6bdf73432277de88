package cli

import (
	"context"
	"encoding/json"
	"fmt"
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

// draftOptions are `atelier draft`'s options.
type draftOptions struct {
	kitDir, brief, model string
	json, template       bool
	fallback             bool
	timeout              time.Duration
}

func parseDraft(args []string) (draftOptions, error) {
	var o draftOptions
	fs := newFlags("draft", "usage: atelier draft --brief FILE [--kit DIR] [--model M] [--json] [--template]\n\nDrafts every platform × persona × language of the brief, checks each draft\nagainst the kit and stores it as a version in the data folder.")
	kitFlag(fs, &o.kitDir)
	fs.StringVar(&o.brief, "brief", "", "brief TOML file (see samples/brief.toml)")
	fs.StringVar(&o.model, "model", studio.DefaultModel, "Ollama model")
	fs.BoolVar(&o.json, "json", false, "print the variants as JSON")
	fs.BoolVar(&o.template, "template", false, "use the kit's templates instead of a model")
	fs.BoolVar(&o.fallback, "fallback", true, "draft from the kit's templates when the model cannot (no server, model not installed); --fallback=false refuses instead")
	fs.DurationVar(&o.timeout, "timeout", studio.DefaultCallTimeout, "deadline of each model call")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.brief == "" {
		fs.Usage()
		return o, errFailed
	}
	return o, nil
}

// runDraft drafts every variant of the brief into a new campaign, prints
// them, and fails when any failed or fails the brand check.
func runDraft(ctx context.Context, s streams, o draftOptions) error {
	brief, err := readBrief(o.brief)
	if err != nil {
		return err
	}
	ws, err := openWorkspace(o.kitDir)
	if err != nil {
		return err
	}
	defer ws.Close()
	if ws.KitErr() != nil {
		return fmt.Errorf("the brand kit has problems; run `atelier kit validate %s`:\n%v", ws.KitDir(), ws.KitErr())
	}
	drafter, done, err := draftWith(ctx, s, ws, o)
	if err != nil {
		return err
	}
	defer done()
	c, brief, err := ws.StartCampaign(ctx, brief.Topic, brief)
	if err != nil {
		return err
	}
	composer := &studio.Composer{WS: ws, Drafter: drafter.Drafter, User: studio.LocalUser(), Parallel: drafter.Slots}
	start := time.Now()
	outs, err := composer.Compose(ctx, brief, func(e studio.Event) {
		if e.Kind == studio.EventStart && !o.json {
			fmt.Fprintf(s.log, "drafting %s (attempt %d)…\n", e.Target.Key(), e.Attempt+1)
		}
	})
	if err != nil && len(outs) == 0 {
		return err
	}
	rows, failed := draftedRows(outs)
	if o.json {
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return err
		}
	} else {
		s.printDrafts(rows, outs)
		fmt.Fprintf(s.out, "\n%d variants in %s, %d failed; stored in %s (campaign %d)\n", len(rows), time.Since(start).Round(time.Millisecond), failed, ws.Location(), c.ID)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// draftWith chooses the drafter by studio.ChooseDrafter's rule, saying
// which on the log; call done when drafting is over.
func draftWith(ctx context.Context, s streams, ws *studio.Workspace, o draftOptions) (d studio.DrafterChoice, done func(), err error) {
	if o.template {
		return studio.DrafterChoice{Drafter: studio.TemplateDrafter{}}, func() {}, nil
	}
	conn, connErr := ollama.Connect(ctx, ws.DataDir())
	done = func() {}
	if conn != nil {
		done = conn.Close
		fmt.Fprintln(s.log, "atelier:", conn.Describe())
	} else if connErr != nil && !ollama.NoModelServer(connErr) {
		return d, done, connErr
	}
	choice, err := studio.ChooseDrafter(ctx, conn, connErr, o.model, o.timeout, o.fallback)
	if err != nil {
		done()
		return d, func() {}, fmt.Errorf("%w; pick another with --model, or let the kit's templates draft with --fallback", err)
	}
	fmt.Fprintln(s.log, "atelier:", choice.Label())
	return choice, done, nil
}

// draftedRows turns the outcomes into `--json` rows, and counts those that
// failed: an error, or a draft that fails the brand check.
func draftedRows(outs []studio.Outcome) (rows []draftedVariant, failed int) {
	for _, o := range outs {
		findings, _ := json.Marshal(o.Report.Findings)
		row := draftedVariant{Platform: o.Target.Platform.ID, Persona: o.Target.Persona.ID, Language: o.Target.Language,
			PieceID: o.Piece.ID, Version: o.Version.Number, Status: string(o.Version.Status), Origin: string(o.Version.Origin),
			Model: o.Version.Model, Text: o.Version.Text, Score: o.Report.Score, Findings: findings}
		if o.Err != nil {
			row.Error = o.Err.Error()
		}
		if o.Err != nil || o.Report.Count(brandkit.SeverityError) > 0 || o.Version.Status == studio.VersionFailedCheck {
			failed++
		}
		rows = append(rows, row)
	}
	return rows, failed
}

// printDrafts prints each variant, then what made each failing one fail.
func (s streams) printDrafts(rows []draftedVariant, outs []studio.Outcome) {
	out := s.out
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
	for _, o := range outs {
		for _, f := range o.Report.Errors() {
			fmt.Fprintf(out, "   %s: %s\n", o.Target.Key(), s.finding(f))
		}
	}
}
