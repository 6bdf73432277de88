package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"atelier/studio"
	"atelier/studio/calendar"
	"atelier/studio/ollama"
	"atelier/studio/platform"
)

// TestEveryStringIsTranslated reads every lang.L and lang.N call in the
// screens' source and looks for its key in the French file, and for a plural
// form of every lang.N key in the English one too.
func TestEveryStringIsTranslated(t *testing.T) {
	load := func(name string) map[string]json.RawMessage {
		data, err := os.ReadFile(filepath.Join("..", "translations", "json", name))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	fr, en := load("fr.json"), load("en.json")
	calls := regexp.MustCompile(`lang\.([LN])\(("(?:[^"\\]|\\.)*")`)
	files, _ := filepath.Glob("*.go")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range calls.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[2]))
			if err != nil {
				t.Fatalf("%s: %s: %v", f, m[2], err)
			}
			n++
			if _, ok := fr[key]; !ok {
				t.Errorf("%s: %q has no French translation", f, key)
			}
			if _, ok := en[key]; string(m[1]) == "N" && !ok {
				t.Errorf("%s: %q has no English plural forms", f, key)
			}
		}
	}
	if n < 100 {
		t.Fatalf("found only %d translated strings; the pattern is broken", n)
	}
}

// TestNamesLookedUpAtRunTimeAreTranslated: the names the screens look up
// from tables (edit actions, the suggested models' notes, roles, workflow
// states) have French too, which the source scan cannot see.
func TestNamesLookedUpAtRunTimeAreTranslated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "translations", "json", "fr.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string]json.RawMessage
	if err := json.Unmarshal(data, &fr); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, n := range actionNames {
		keys = append(keys, n)
	}
	for _, s := range ollama.Catalogue {
		keys = append(keys, s.Note)
	}
	for _, r := range studio.Roles {
		keys = append(keys, string(r))
	}
	for _, st := range studio.States {
		keys = append(keys, string(st))
	}
	for _, c := range cadences {
		keys = append(keys, c.name)
	}
	for _, n := range optionNames {
		keys = append(keys, n)
	}
	for _, e := range explanations {
		keys = append(keys, e.says)
	}
	keys = append(append(keys, captionFonts...), captionPositions...)
	for _, v := range platform.VideoPlacements() {
		keys = append(keys, v.Name)
	}
	keys = append(append(keys, calendarViews...), calendar.Rules...)
	for _, g := range groupings {
		keys = append(keys, g.name)
	}
	for m := time.January; m <= time.December; m++ {
		keys = append(keys, m.String())
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		keys = append(keys, d.String()[:3])
	}
	for _, k := range keys {
		if _, ok := fr[k]; !ok {
			t.Errorf("%q has no French translation", k)
		}
	}
}
