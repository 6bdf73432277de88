package studio

import (
	"context"
	"slices"
	"strings"

	"atelier/studio/results"
)

// bestPerLanguage is how many past posts a prompt shows per language.
const bestPerLanguage = 2

// examplesFor gathers the posts that worked for each platform × persona
// of targets (a kit example with no persona counts for every persona), in each of their languages (sorted, so every variant of a
// pair gets the same bytes): the kit's examples first, then the best
// imported posts of groups that pass the minimum sample.
func (w *Workspace) examplesFor(ctx context.Context, targets []Target) map[string][]Example {
	k := w.Kit()
	scored, _ := w.Scored(ctx) // no results (or a store without them): the kit's examples only
	langs := map[string][]string{}
	for _, t := range targets {
		key := pairKey(t.Platform.ID, t.Persona.ID)
		if !slices.Contains(langs[key], t.Language) {
			langs[key] = append(langs[key], t.Language)
		}
	}
	out := map[string][]Example{}
	for key, ls := range langs {
		slices.Sort(ls)
		plat, persona, _ := strings.Cut(key, "\x00")
		for _, e := range k.Examples {
			if e.Platform == plat && (e.Persona == persona || e.Persona == "") && slices.Contains(ls, e.Language) {
				out[key] = append(out[key], Example{Language: e.Language, Text: e.Text, From: "kit"})
			}
		}
		for _, l := range ls {
			for _, p := range results.Best(scored, results.Platform(plat), persona, l, bestPerLanguage, results.DefaultMinSample) {
				out[key] = append(out[key], Example{Language: l, Text: p.Text, From: "results"})
			}
		}
	}
	return out
}

func pairKey(platform, persona string) string { return platform + "\x00" + persona }
