package studio

import (
	"atelier/studio/ollama"
	"context"
	"fmt"
	"time"
)

// DrafterChoice is which drafter drafts, and why the kit's templates do
// when they do.
type DrafterChoice struct {
	Drafter Drafter
	Model   string // the model that drafts; "" when the templates do
	Reason  error  // why the templates draft; nil when a model does
	Slots   int    // how many variants the server drafts at once (Composer.Parallel)
}

// Label says the choice in one line, for a status line or a log.
func (d DrafterChoice) Label() string {
	if d.Reason == nil && d.Slots > 1 {
		return fmt.Sprintf("drafting with %s, %d variants at once", d.Model, d.Slots)
	}
	if d.Reason == nil {
		return "drafting with " + d.Model + ", one variant at a time: the server has one slot (start it with OLLAMA_NUM_PARALLEL=4 to draft several at once)"
	}
	return fmt.Sprintf("drafting from the kit's templates (labelled \"template\"): %v", d.Reason)
}

// ChooseDrafter is the one rule every front-end follows: the model, when
// the server conn (nil when connErr says why there is none) has it
// installed; otherwise the kit's templates, with the reason, when fallback
// is allowed; otherwise the reason as the error, saying what to do.
func ChooseDrafter(ctx context.Context, conn *ollama.Connection, connErr error, model string, timeout time.Duration, fallback bool) (DrafterChoice, error) {
	reason := connErr
	if conn != nil {
		has, err := (&ollama.Models{Client: conn.Client}).Has(ctx, model)
		switch {
		case err != nil:
			reason = fmt.Errorf("the Ollama server at %s did not list its models: %w", conn.Host, err)
		case !has:
			reason = fmt.Errorf("%w: %s is not installed on %s; pull it (`ollama pull %s`, or the Model screen), or pick an installed model", ErrModelMissing, model, conn.Host, model)
		default:
			return DrafterChoice{Drafter: &OllamaDrafter{Client: conn.Client, Model: model, Timeout: timeout}, Model: model,
				Slots: conn.Slots(ctx, model)}, nil
		}
	}
	if reason == nil {
		reason = ollama.ErrNoOllama
	}
	if !fallback {
		return DrafterChoice{}, fmt.Errorf("%w (or draft from the kit's templates)", reason)
	}
	return DrafterChoice{Drafter: TemplateDrafter{}, Reason: reason}, nil
}
