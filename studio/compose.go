package studio

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"atelier/brandkit"
)

// MaxRepairs is how many times a draft that fails the brand check goes back
// to the model with the findings.
const MaxRepairs = 2

// Composer turns briefs into checked versions in the store.
type Composer struct {
	WS      *Workspace
	Drafter Drafter
	User    User // who drafts and edits; the computer's user when it names nobody
	// Parallel is how many variants are drafted at once: the server's
	// slots (see DrafterChoice.Slots); one at a time when under 2.
	Parallel int
	// Repairs is how many times a failing draft goes back to the model:
	// MaxRepairs when 0, never when negative.
	Repairs int
}

func (c *Composer) repairs() int {
	if c.Repairs == 0 {
		return MaxRepairs
	}
	return max(0, c.Repairs)
}

// EventKind says what a compose event reports.
type EventKind string

const (
	EventStart  EventKind = "start"  // a variant's call begins (attempt 0 is the first draft)
	EventStream EventKind = "stream" // text arrived
	EventDone   EventKind = "done"   // a version was stored
	EventError  EventKind = "error"  // the variant failed; a partial version may have been stored
)

// Event reports progress on one variant.
type Event struct {
	Kind    EventKind
	Target  Target
	PieceID int64
	Attempt int
	Text    string // everything streamed so far in this attempt
	Version Version
	Report  brandkit.Report
	Err     error
}

// EventFunc receives compose events, from the composing goroutine.
type EventFunc func(Event)

// Outcome is the final state of one variant.
type Outcome struct {
	Target  Target
	Piece   Piece
	Version Version
	Report  brandkit.Report
	Err     error
}

// Targets expands a brief into platform × persona × language targets.
func (c *Composer) Targets(b Brief) ([]Target, error) {
	k := c.WS.Kit()
	if k == nil {
		return nil, fmt.Errorf("no brand kit is loaded: %v", c.WS.KitErr())
	}
	if err := CheckBrief(b); err != nil {
		return nil, err
	}
	personas := b.Personas
	if len(personas) == 0 {
		for _, p := range k.Personas {
			personas = append(personas, p.ID)
		}
	}
	languages := b.Languages
	if len(languages) == 0 {
		languages = k.Identity.Languages
	}
	if len(b.Platforms) == 0 {
		return nil, errors.New("the brief names no platform")
	}
	var out []Target
	for _, pid := range b.Platforms {
		p, ok := c.WS.registry.Get(pid)
		if !ok {
			return nil, fmt.Errorf("the brief names platform %q, which Atelier does not know; the platforms are %s", pid, strings.Join(c.WS.registry.IDs(), ", "))
		}
		for _, perID := range personas {
			per, ok := k.Persona(perID)
			if !ok {
				var ids []string
				for _, p := range k.Personas {
					ids = append(ids, p.ID)
				}
				return nil, fmt.Errorf("the brief names persona %q, which the kit does not define; the kit's personas are %s", perID, strings.Join(ids, ", "))
			}
			for _, lang := range languages {
				if !k.SpeaksLanguage(lang) {
					return nil, fmt.Errorf("the brief asks for language %q, which is not one of the kit's languages: %s", lang, strings.Join(k.Identity.Languages, ", "))
				}
				out = append(out, Target{Platform: p, Persona: per, Language: lang, Partner: b.Partner})
			}
		}
	}
	return out, nil
}

// TextTarget gives the checker the platform's rules for a target.
func TextTarget(t Target) brandkit.TextTarget {
	p := t.Platform
	return brandkit.TextTarget{Platform: p.ID, Limit: p.TextLimit, Counting: string(p.Counting), URLLength: p.URLLength, MaxHashtags: p.MaxHashtags, Fold: p.FoldMobile,
		Language: t.Language, Partner: t.Partner}
}

// Compose drafts every target of the brief, Parallel variants at a time
// (the server's slots; one at a time when Parallel is under 2): each is
// checked, repaired and stored, and fn hears of every step, from one
// goroutine at a time. Variants start in the targets' order, platform by
// platform and persona by persona, so the calls running together share
// the longest prompt prefix and the server's cache still helps: the first
// runs alone until its words begin, so its prompt is in the cache for the
// others to copy. A variant's repairs run in its slot, between the
// others' first drafts. A
// piece is made when its variant starts, so a cancelled run leaves no
// empty piece. A failure every variant would meet (no model, no server, a
// prompt too long) stops them all. The outcomes are in the targets' order.
func (c *Composer) Compose(ctx context.Context, brief Brief, fn EventFunc) ([]Outcome, error) {
	targets, err := c.Targets(brief)
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var mu sync.Mutex // guards fatal and serialises fn
	var fatal error
	if fn != nil {
		inner := fn
		fn = func(e Event) { mu.Lock(); defer mu.Unlock(); inner(e) }
	}
	outcomes := make([]*Outcome, len(targets))
	examples := c.WS.examplesFor(ctx, targets)
	slots := max(1, min(c.Parallel, len(targets)))
	jobs, free := make(chan int), make(chan struct{}, slots)
	// The first variant runs alone until its prompt is in the server's
	// cache (its first words arrive): the others then copy that prefix
	// into their slots instead of each evaluating the kit's whole prompt.
	primed := make(chan struct{})
	var primeOnce sync.Once
	prime := func() { primeOnce.Do(func() { close(primed) }) }
	var wg sync.WaitGroup
	for range slots {
		free <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				o := outcomes[i]
				req := &Request{Kit: c.WS.Kit(), Brief: brief, Targets: targets, Target: o.Target, Action: ActionGenerate, Seed: int64(42 + i),
					Examples: examples[pairKey(o.Target.Platform.ID, o.Target.Persona.ID)]}
				emit := fn
				if i == 0 {
					emit = func(e Event) {
						if e.Kind != EventStart {
							prime()
						}
						if fn != nil {
							fn(e)
						}
					}
				}
				o.Version, o.Report, o.Err = c.DraftPiece(ctx, o.Piece, req, emit)
				if i == 0 {
					prime()
				}
				if errors.Is(o.Err, ErrModelMissing) || errors.Is(o.Err, ErrUnreachable) || errors.Is(o.Err, ErrPromptTruncated) {
					mu.Lock()
					fatal = cmp.Or(fatal, o.Err)
					mu.Unlock()
					stop() // every other variant would fail the same way
				}
				free <- struct{}{}
			}
		}()
	}
	err = c.dispatch(ctx, brief, targets, outcomes, free, primed, jobs)
	close(jobs)
	wg.Wait()
	var out []Outcome
	for _, o := range outcomes {
		if o != nil {
			out = append(out, *o)
		}
	}
	return out, cmp.Or(fatal, err, ctx.Err())
}

// dispatch waits for a free slot, makes the next target's piece and hands
// it over, in the targets' order, until the targets or ctx run out: a
// piece is made only when a slot drafts it at once.
func (c *Composer) dispatch(ctx context.Context, brief Brief, targets []Target, outcomes []*Outcome, free, primed <-chan struct{}, jobs chan<- int) error {
	for i, t := range targets {
		if i == 1 { // the others follow once the first has the prompt in cache
			select {
			case <-primed:
			case <-ctx.Done():
				return nil
			}
		}
		select {
		case <-free:
		case <-ctx.Done():
			return nil
		}
		if ctx.Err() != nil { // stopped while the slot freed up
			return nil
		}
		piece, err := c.WS.store.CreatePiece(ctx, Piece{BriefID: brief.ID, CampaignID: brief.CampaignID,
			Platform: t.Platform.ID, Persona: t.Persona.ID, Language: t.Language, Author: c.User.orLocal().Name})
		if err != nil {
			return err
		}
		outcomes[i] = &Outcome{Target: t, Piece: piece}
		jobs <- i // a worker is free: it gave the token back before waiting here
	}
	return nil
}

// MaxBriefField is the longest a brief's topic, key message, call to action
// or link may be: a brief is a few sentences, and the prompt has to fit the
// model's context with the kit.
const MaxBriefField = 4000

// CheckBrief refuses a brief field that is too long or holds invisible
// characters (controls, direction overrides, bytes that are not UTF-8),
// naming the field.
func CheckBrief(b Brief) error {
	for _, f := range []struct{ name, text string }{{"topic", b.Topic}, {"key message", b.KeyMessage}, {"call to action", b.CTA}, {"link", b.Link}} {
		if len(f.text) > MaxBriefField {
			return fmt.Errorf("the brief's %s is %d characters; a brief field takes at most %d — shorten it", f.name, len(f.text), MaxBriefField)
		}
		if at := brandkit.HiddenAt(f.text); at >= 0 {
			return fmt.Errorf("the brief's %s holds an invisible character at byte %d (a control, direction-override or non-UTF-8 character) — remove it", f.name, at)
		}
	}
	return nil
}

// DraftPiece drafts one piece, checks the draft against the kit, applies the
// safe fixes, and sends what still fails back to the model, at most
// MaxRepairs times. Every generation is stored as a version; a stream that
// breaks keeps its partial text as an interrupted version.
func (c *Composer) DraftPiece(ctx context.Context, piece Piece, req *Request, fn EventFunc) (Version, brandkit.Report, error) {
	emit := func(e Event) {
		if fn != nil {
			e.Target, e.PieceID = req.Target, piece.ID
			fn(e)
		}
	}
	for attempt := 0; ; attempt++ {
		emit(Event{Kind: EventStart, Attempt: attempt})
		res, err := c.Drafter.Draft(ctx, req, func(p Progress) error {
			emit(Event{Kind: EventStream, Attempt: attempt, Text: p.Text})
			return nil
		})
		if err != nil && !errors.Is(err, ErrInvalidReply) {
			v, saveErr := c.savePartial(piece, req, res)
			err = errors.Join(err, saveErr)
			emit(Event{Kind: EventError, Attempt: attempt, Version: v, Err: err})
			return v, brandkit.Report{}, err
		}
		text, report := c.check(req.Target, res, err)
		last := attempt >= c.repairs() || res.Origin == OriginTemplate || report.Count(brandkit.SeverityError) == 0
		status := VersionComplete
		if report.Count(brandkit.SeverityError) > 0 {
			status = VersionFailedCheck
		}
		v, saveErr := c.save(ctx, piece, req, res, text, status, report)
		if saveErr != nil {
			emit(Event{Kind: EventError, Attempt: attempt, Err: saveErr})
			return v, report, saveErr
		}
		emit(Event{Kind: EventDone, Attempt: attempt, Text: text, Version: v, Report: report})
		if last {
			return v, report, nil
		}
		next := *req
		next.Action, next.Previous, next.Findings = ActionRepair, text, report.Summary(brandkit.SeverityError)
		req = &next
	}
}

// check runs the kit's text rules, applies the safe automatic fixes and
// checks again. An unreadable reply becomes an error finding.
func (c *Composer) check(t Target, res *Result, replyErr error) (string, brandkit.Report) {
	if replyErr != nil {
		f := brandkit.Say(brandkit.Finding{Rule: "draft.invalid_reply", Severity: brandkit.SeverityError, Start: -1, End: -1},
			"draft.invalid_reply", "error", replyErr.Error())
		return res.Raw, brandkit.Report{Score: 0, Findings: []brandkit.Finding{f}}
	}
	target := TextTarget(t)
	report := brandkit.CheckText(c.WS.Kit(), target, res.Text)
	text := res.Text
	if fixed, n := brandkit.ApplyFixes(text, report.Findings); n > 0 {
		text = fixed
		report = brandkit.CheckText(c.WS.Kit(), target, text)
	}
	return text, report
}

func (c *Composer) save(ctx context.Context, piece Piece, req *Request, res *Result, text string, status VersionStatus, report brandkit.Report) (Version, error) {
	payload, _ := json.Marshal(res.Draft)
	v, err := c.WS.store.AddVersion(ctx, Version{
		PieceID: piece.ID, Text: text, Status: status, Origin: res.Origin, Action: string(req.Action),
		Model: res.Model, PromptHash: res.PromptHash, Seed: res.Seed,
		PromptEvalCount: res.Metrics.PromptEvalCount, EvalCount: res.Metrics.EvalCount,
		PromptEvalTime: res.Metrics.PromptEval, EvalTime: res.Metrics.Eval, TotalTime: res.Metrics.Total,
		Payload: payload, Author: c.User.orLocal().Name,
	})
	if err != nil {
		return v, err
	}
	if err := c.WS.demoteIfApproved(ctx, piece.ID, c.User); err != nil {
		return v, err
	}
	findings, _ := json.Marshal(report.Findings)
	_, err = c.WS.store.SaveCheckResult(ctx, CheckResult{PieceID: piece.ID, VersionID: v.ID, Score: report.Score,
		Errors: report.Count(brandkit.SeverityError), Warnings: report.Count(brandkit.SeverityWarning), Findings: string(findings)})
	return v, err
}

// savePartial keeps what a broken or cancelled stream produced. It uses a
// fresh context: the caller's may be the one that was cancelled.
func (c *Composer) savePartial(piece Piece, req *Request, res *Result) (Version, error) {
	if res == nil || res.Raw == "" {
		return Version{}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.WS.store.AddVersion(ctx, Version{
		PieceID: piece.ID, Text: res.Raw, Status: VersionInterrupted, Origin: res.Origin, Action: string(req.Action),
		Model: res.Model, PromptHash: res.PromptHash, Seed: res.Seed, Author: c.User.orLocal().Name,
	})
}

// Edit runs an edit action on a piece's latest version and stores the
// result as a new version. Translate writes into the sibling piece in the
// other language, creating it if needed.
func (c *Composer) Edit(ctx context.Context, pieceID int64, action Action, language string, fn EventFunc) (Version, brandkit.Report, error) {
	if c.Drafter != nil && c.Drafter.Name() == TemplateModel && action != ActionRegenerate && action != ActionTranslate {
		return Version{}, brandkit.Report{}, fmt.Errorf("%w: %q rewrites the text, and the kit's templates can only fill the brief in again; edit the text yourself, or install a model", ErrNeedsModel, action)
	}
	st := c.WS.store
	piece, err := st.Piece(ctx, pieceID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	brief, err := st.Brief(ctx, piece.BriefID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	prev, err := st.LatestVersion(ctx, pieceID)
	if err != nil && action != ActionRegenerate {
		return Version{}, brandkit.Report{}, err
	}
	targets, err := c.Targets(brief)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	lang := piece.Language
	if action == ActionTranslate {
		if language == "" || sameLanguage(language, piece.Language) {
			return Version{}, brandkit.Report{}, fmt.Errorf("translate needs another of the kit's languages than %s", piece.Language)
		}
		lang = language
		if piece, err = c.sibling(ctx, piece, lang); err != nil {
			return Version{}, brandkit.Report{}, err
		}
	}
	var target Target
	for _, t := range targets {
		if t.Platform.ID == piece.Platform && t.Persona.ID == piece.Persona {
			target = t
		}
	}
	if target.Platform.ID == "" {
		return Version{}, brandkit.Report{}, fmt.Errorf("piece %d (%s/%s) is no longer part of its brief", pieceID, piece.Platform, piece.Persona)
	}
	target.Language = lang
	req := &Request{Kit: c.WS.Kit(), Brief: brief, Targets: targets, Target: target, Action: action, Previous: prev.Text, Seed: prev.Seed + 1,
		Examples: c.WS.examplesFor(ctx, targets)[pairKey(target.Platform.ID, target.Persona.ID)]}
	return c.DraftPiece(ctx, piece, req, fn)
}

func (c *Composer) sibling(ctx context.Context, p Piece, lang string) (Piece, error) {
	if !c.WS.Kit().SpeaksLanguage(lang) {
		return p, fmt.Errorf("%q is not one of the kit's languages %v", lang, c.WS.Kit().Identity.Languages)
	}
	ps, err := c.WS.store.Pieces(ctx, PieceFilter{BriefID: p.BriefID, Platform: p.Platform, Persona: p.Persona, Language: lang})
	if err != nil {
		return p, err
	}
	if len(ps) > 0 {
		return ps[0], nil
	}
	return c.WS.store.CreatePiece(ctx, Piece{BriefID: p.BriefID, CampaignID: p.CampaignID, Platform: p.Platform,
		Persona: p.Persona, Language: lang, Format: p.Format, Author: c.User.orLocal().Name})
}

// ApplyFix applies a finding's automatic fix to the piece's latest version
// and stores the result, checked again, as a new version.
func (c *Composer) ApplyFix(ctx context.Context, pieceID int64, f brandkit.Finding) (Version, brandkit.Report, error) {
	if f.AutoFix == nil {
		return Version{}, brandkit.Report{}, fmt.Errorf("%s has no automatic fix; edit the text by hand", f.Rule)
	}
	prev, err := c.WS.store.LatestVersion(ctx, pieceID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	text, n := brandkit.ApplyFixes(prev.Text, []brandkit.Finding{f})
	if n == 0 {
		return Version{}, brandkit.Report{}, fmt.Errorf("the fix for %s no longer fits the text; check it again", f.Rule)
	}
	return c.SaveText(ctx, pieceID, text, "fix:"+f.Rule)
}

// SaveText stores text the user wrote or changed as the piece's new
// version (action says how: "edit", "fix:RULE"…), checked against the kit
// in force. The previous version's alt text is kept. An approved piece
// goes back to draft.
func (c *Composer) SaveText(ctx context.Context, pieceID int64, text, action string) (Version, brandkit.Report, error) {
	st := c.WS.store
	piece, err := st.Piece(ctx, pieceID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	p, ok := c.WS.registry.Get(piece.Platform)
	if !ok {
		return Version{}, brandkit.Report{}, fmt.Errorf("piece %d is for an unknown platform %q", pieceID, piece.Platform)
	}
	brief, err := st.Brief(ctx, piece.BriefID)
	if err != nil {
		return Version{}, brandkit.Report{}, err
	}
	res := &Result{Origin: OriginUser}
	if prev, err := st.LatestVersion(ctx, pieceID); err == nil {
		var d Draft
		if json.Unmarshal(prev.Payload, &d) == nil {
			res.Draft = Draft{AltText: d.AltText}
		}
	}
	report := brandkit.CheckText(c.WS.Kit(), TextTarget(Target{Platform: p, Language: piece.Language, Partner: brief.Partner}), text)
	status := VersionComplete
	if report.Count(brandkit.SeverityError) > 0 {
		status = VersionFailedCheck
	}
	v, err := c.save(ctx, piece, &Request{Action: Action(action)}, res, text, status, report)
	return v, report, err
}
