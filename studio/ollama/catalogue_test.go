package ollama

import "testing"

// TestSuggestSizesTheCatalogueToMemory: an 8 GB laptop is offered the
// default model but not the 12B one; a 4 GB one only the smallest; the
// default model is in the catalogue with its size.
func TestSuggestSizesTheCatalogueToMemory(t *testing.T) {
	names := func(ss []Suggestion) map[string]bool {
		m := map[string]bool{}
		for _, s := range ss {
			m[s.Name] = true
		}
		return m
	}
	eight := names(Suggest(8 << 30))
	if !eight["gemma3:4b"] || eight["gemma3:12b"] {
		t.Errorf("8 GB: %v", eight)
	}
	if four := names(Suggest(4 << 30)); len(four) != 1 || !four["gemma3:1b"] {
		t.Errorf("4 GB: %v", four)
	}
	if len(Suggest(0)) != len(Catalogue) {
		t.Error("unknown memory should offer the whole catalogue")
	}
	if s, ok := Suggested("gemma3:4b"); !ok || s.Download < 1e9 {
		t.Errorf("default model: %+v %v", s, ok)
	}
	if TotalMemory() <= 0 {
		t.Error("cannot read this machine's memory")
	}
}
