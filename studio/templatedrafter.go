package studio

import (
	"context"
	"fmt"
	"strings"

	"atelier/brandkit"
)

// TemplateDrafter is the fallback when no model is available: it fills the
// kit's own templates from the brief. Its versions are labelled "template".
type TemplateDrafter struct{}

// TemplateModel is the model name recorded on template versions.
const TemplateModel = "template"

// Name says what wrote the draft.
func (TemplateDrafter) Name() string { return TemplateModel }

// Draft fills the kit template for the target's language (or the kit's
// first template) and streams it in one piece.
func (TemplateDrafter) Draft(ctx context.Context, req *Request, fn ProgressFunc) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return &Result{Model: TemplateModel, Origin: OriginTemplate}, err
	}
	k := req.Kit
	b, translated := req.Brief.Text(req.Target.Language)
	if !translated {
		return &Result{Model: TemplateModel, Origin: OriginTemplate}, &NeedsTranslationError{Brief: req.Brief.Language, Target: req.Target.Language}
	}
	tmpl := templateFor(k, req.Target.Language)
	hashtags := strings.Join(k.Lexicon.RequiredHashtags, " ")
	text := strings.NewReplacer(
		"{topic}", b.Topic, "{message}", b.KeyMessage, "{cta}", b.CTA, "{link}", b.Link,
		"{hashtags}", hashtags, "{persona}", req.Target.Persona.Name,
	).Replace(tmpl)
	text = strings.TrimSpace(strings.ReplaceAll(text, " \n", "\n"))
	if p := req.Brief.Partner; p != "" {
		text = brandkit.Disclosure(req.Target.Language) + " · " + p + "\n" + text
	}
	res := &Result{
		Draft: Draft{Hook: b.Topic, Body: b.KeyMessage, CTA: b.CTA, Hashtags: k.Lexicon.RequiredHashtags, Language: req.Target.Language,
			AltText: b.Topic},
		Text: text, Raw: text, Model: TemplateModel, Origin: OriginTemplate,
		PromptHash: BuildPrompt(req).Hash(nil),
	}
	if fn != nil {
		if err := fn(Progress{Delta: text, Text: text}); err != nil {
			return res, err
		}
	}
	return res, nil
}

// NeedsTranslationError says the brief has no text in a target's language,
// so the template drafter cannot fill that language's template: a model
// translates, or the brief gives the text.
type NeedsTranslationError struct {
	Brief, Target string
}

func (e *NeedsTranslationError) Error() string {
	return fmt.Sprintf("needs translation: the brief is written in %s and gives no %s text; add the %s text to the brief, or draft with a model, which translates", e.Brief, e.Target, e.Target)
}

func templateFor(k *brandkit.Kit, language string) string {
	for _, t := range k.Templates {
		if sameLanguage(t.Language, language) {
			return t.Text
		}
	}
	if len(k.Templates) > 0 {
		return k.Templates[0].Text
	}
	return "{topic}\n\n{message}\n\n{cta} {link}\n\n{hashtags}"
}
