package studio

import (
	"atelier/studio/ollama"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"atelier/brandkit"
	"atelier/studio/platform"
)

// Target is one variant of a brief: a platform, a persona and a language.
type Target struct {
	Platform platform.Platform
	Persona  brandkit.Persona
	Language string
	Partner  string // the brief's paid partner, for the disclosure rules
}

// Key names the target, e.g. "linkedin/design-lovers/en-GB".
func (t Target) Key() string { return t.Platform.ID + "/" + t.Persona.ID + "/" + t.Language }

// Action is what a drafting call is asked to do.
type Action string

const (
	ActionGenerate   Action = "generate"
	ActionRegenerate Action = "regenerate"
	ActionShorter    Action = "shorter"
	ActionLonger     Action = "longer"
	ActionFormal     Action = "more_formal"
	ActionCasual     Action = "more_casual"
	ActionTranslate  Action = "translate" // to Request.Target.Language
	ActionRepair     Action = "repair"    // fix the findings of the previous draft
)

// EditActions are the actions offered on one variant.
var EditActions = []Action{ActionRegenerate, ActionShorter, ActionLonger, ActionFormal, ActionCasual, ActionTranslate}

// Request asks a drafter for one variant.
type Request struct {
	Kit      *brandkit.Kit
	Brief    Brief
	Targets  []Target // every target of the brief: the system prompt names them all, so it is the same bytes for each call
	Target   Target
	Action   Action
	Previous string // the text an edit action starts from
	Findings string // for ActionRepair: what the check found
	Seed     int64
	// Examples are posts that worked for the target's platform and
	// persona, in every language of the brief: the kit's first, then the
	// best imported results. They open the task, the same bytes for each
	// language, so the variants of one platform × persona share that prefix.
	Examples []Example
}

// Example is a post shown to the model as one that worked.
type Example struct {
	Language string
	Text     string
	From     string // "kit" or "results"
}

// Draft is the structured reply a drafter gives.
type Draft struct {
	Hook     string   `json:"hook"`
	Body     string   `json:"body"`
	Hashtags []string `json:"hashtags"`
	CTA      string   `json:"cta"`
	AltText  string   `json:"alt_text"`
	Language string   `json:"language"`
}

// Text assembles the post as it will be published.
func (d Draft) Text(link string) string {
	var parts []string
	if h := strings.TrimSpace(d.Hook); h != "" {
		parts = append(parts, h)
	}
	if b := strings.TrimSpace(d.Body); b != "" {
		parts = append(parts, b)
	}
	cta := strings.TrimSpace(d.CTA)
	if link != "" && !strings.Contains(cta+d.Body, link) {
		cta = strings.TrimSpace(cta + " " + link)
	}
	if cta != "" {
		parts = append(parts, cta)
	}
	var tags []string
	for _, h := range d.Hashtags {
		h = strings.Join(strings.Fields(h), "")
		h = strings.TrimLeft(h, "#")
		if h != "" {
			tags = append(tags, "#"+h)
		}
	}
	if len(tags) > 0 {
		parts = append(parts, strings.Join(tags, " "))
	}
	return strings.Join(parts, "\n\n")
}

// Metrics are Ollama's timings of one call.
type Metrics = ollama.Metrics

// Result is what one drafting call produced.
type Result struct {
	Draft      Draft
	Text       string // the post as it will be published
	Raw        string // the reply as streamed; partial when Interrupted
	Model      string // "template" for the template drafter
	Origin     Origin
	PromptHash string
	Seed       int64
	Metrics    Metrics
}

// Progress reports a drafting call's stream: Delta is the text that just
// arrived, Text everything so far.
type Progress struct {
	Delta string
	Text  string
}

// ProgressFunc receives the stream; returning an error stops the call.
type ProgressFunc func(Progress) error

// Drafter writes one variant. On failure it returns what it streamed so far
// in the Result along with the error, so the caller can keep partial text.
type Drafter interface {
	Name() string
	Draft(ctx context.Context, req *Request, fn ProgressFunc) (*Result, error)
}

// Typed drafting errors; test with errors.Is. The first three are package
// ollama's, which a call to the server ends with.
var (
	ErrUnreachable  = ollama.ErrUnreachable
	ErrModelMissing = ollama.ErrModelMissing
	ErrInterrupted  = ollama.ErrInterrupted
	ErrInvalidReply = errors.New("the model's reply is not the JSON asked for")
	ErrNeedsModel   = errors.New("this edit needs a model")
	// ErrPromptTruncated: the prompt filled the model's context window, so
	// Ollama cut it and the model did not read all of the kit and brief.
	ErrPromptTruncated = errors.New("the prompt was cut to fit the model's context window")
)

// ParseReply reads the model's JSON reply and checks it has the fields the
// schema asks for, in the language asked for.
func ParseReply(raw string, wantLanguage string) (Draft, error) {
	var d Draft
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("%w: %v", ErrInvalidReply, err)
	}
	if strings.TrimSpace(d.Hook) == "" && strings.TrimSpace(d.Body) == "" {
		return d, fmt.Errorf("%w: hook and body are both empty", ErrInvalidReply)
	}
	if wantLanguage != "" && d.Language != "" && !sameLanguage(d.Language, wantLanguage) {
		return d, fmt.Errorf("%w: language %q, asked for %q", ErrInvalidReply, d.Language, wantLanguage)
	}
	return d, nil
}

func sameLanguage(a, b string) bool {
	base := func(s string) string { l, _, _ := strings.Cut(strings.ToLower(s), "-"); return l }
	return base(a) == base(b)
}
