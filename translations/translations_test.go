package translations

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"atelier/brandkit"
	"atelier/samples"
	"atelier/studio/platform"
)

var placeholder = regexp.MustCompile(`\{\{\.\w+\}\}`)

func placeholders(s string) string {
	p := placeholder.FindAllString(s, -1)
	sort.Strings(p)
	return strings.Join(slices.Compact(p), " ")
}

func sampleKit(t *testing.T) *brandkit.Kit {
	dir := t.TempDir()
	if err := os.CopyFS(dir, samples.Kit()); err != nil {
		t.Fatal(err)
	}
	k, err := brandkit.Load(dir, brandkit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestEveryFindingHasFrench: every key the checks can give (packs' rules
// included) has a French message and fix quoting the same arguments as
// the English.
func TestEveryFindingHasFrench(t *testing.T) {
	keys := brandkit.PhraseKeys()
	if len(keys) < 40 {
		t.Fatalf("only %d phrase keys", len(keys))
	}
	for _, k := range keys {
		if _, ok := Lookup("fr", "finding."+k); !ok {
			t.Errorf("finding %s has no French message", k)
		}
		if _, ok := Lookup("fr", "finding."+k+".fix"); !ok {
			t.Errorf("finding %s has no French fix", k)
		}
	}
}

// TestFrenchFindingsQuoteTheirArguments checks real findings: a French
// message names every argument the English one does, and has no English
// left in it.
func TestFrenchFindingsQuoteTheirArguments(t *testing.T) {
	kit := sampleKit(t)
	reg := platform.Default()
	text := "Notre produit est éco-responsable et NEUTRE en carbone, tu vas adorer 🎄🎄🎄🎄 #a #b #c #d #e #f #g #h #i #j #k #l #m #n #o #p #q #r #s #t #u #v #w #x #y #z #aa #bb #cc #dd #ee #ff" + strings.Repeat(" très long", 400)
	r := brandkit.CheckText(kit, brandkit.TextTarget{Platform: "x", Language: "fr", Limit: 280, Counting: "x", Fold: 40}, text)
	if len(r.Findings) < 4 {
		t.Fatalf("only %d findings: %+v", len(r.Findings), r.Findings)
	}
	for _, f := range r.Findings {
		if f.Key == "" {
			continue
		}
		msg, fix := Finding("fr", f, reg)
		if msg == f.Message || strings.Contains(msg, "{{") || strings.Contains(fix, "{{") {
			t.Errorf("%s: not said in French: %q → %q", f.Key, msg, fix)
		}
		for _, english := range []string{" the ", " is ", " kit's ", "characters"} {
			if strings.Contains(" "+msg+" ", english) {
				t.Errorf("%s: English %q in %q", f.Key, english, msg)
			}
		}
		en, _ := Finding("en", f, reg)
		switch {
		case f.Args["platform"] == "" && en != f.Message:
			t.Errorf("%s: English changed: %q", f.Key, en)
		case f.Args["platform"] == "x" && (!strings.Contains(en, "X") || strings.Contains(en, " x ")):
			t.Errorf("%s: English names the platform by its id: %q", f.Key, en)
		}
	}
}

// TestPlaceholdersMatch: a French phrase fills the same {{.name}}s as the
// English one, so no argument is lost or left as a placeholder.
func TestPlaceholdersMatch(t *testing.T) {
	for _, k := range brandkit.PhraseKeys() {
		if strings.HasPrefix(k, "pack.") {
			continue // the packs' English quotes with %q
		}
		enMsg, enFix := brandkit.Phrase(k)
		fr, _ := Lookup("fr", "finding."+k)
		if k != "draft.invalid_reply" && placeholders(fr) != placeholders(enMsg) { // the Go error stays in Details
			t.Errorf("%s: French %q quotes %s, English %s", k, fr, placeholders(fr), placeholders(enMsg))
		}
		frFix, _ := Lookup("fr", "finding."+k+".fix")
		if placeholders(frFix) != placeholders(enFix) {
			t.Errorf("%s fix: French %q quotes %s, English %s", k, frFix, placeholders(frFix), placeholders(enFix))
		}
	}
}

// TestEveryPlacementIsNamedInFrench: the placements' names come from the
// registry, which the source scan of the screens cannot see.
func TestEveryPlacementIsNamedInFrench(t *testing.T) {
	for _, pl := range platform.Default().Placements() {
		if _, ok := Lookup("fr", pl.Name); !ok {
			t.Errorf("placement %s (%q) has no French name", pl.ID, pl.Name)
		}
	}
	if got := PlacementName("fr", "instagram.feed", platform.Default()); got != "Instagram · Fil carré" {
		t.Errorf("PlacementName = %q", got)
	}
}

// TestFrenchTypography: French puts a no-break space before : ; ? ! and »
// and after «, never a plain space or none (a ratio such as 4.5:1 and a
// URL are not prose and are left alone).
func TestFrenchTypography(t *testing.T) {
	data, err := FS.ReadFile("json/fr.json")
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string]json.RawMessage
	if err := json.Unmarshal(data, &fr); err != nil {
		t.Fatal(err)
	}
	bad := regexp.MustCompile(`[^\x{00A0}\x{202F}\d}\s/]([;?!»])|[ ][:;?!»]|«[^\x{00A0}\x{202F}]|[\p{L}][:](\s|$)`)
	n := 0
	for k, raw := range fr {
		var values []string
		var s string
		if json.Unmarshal(raw, &s) == nil {
			values = []string{s}
		} else {
			var plural map[string]string
			_ = json.Unmarshal(raw, &plural)
			for _, v := range plural {
				values = append(values, v)
			}
		}
		for _, v := range values {
			n++
			if m := bad.FindString(v); m != "" {
				t.Errorf("%q: %q breaks French typography at %q", k, v, m)
			}
		}
	}
	if n < 300 {
		t.Fatalf("read only %d French strings", n)
	}
}

// TestEveryKitProblemHasFrench: every problem the kit validation can give
// has a French problem and expectation quoting the same arguments (the
// technical detail of an unreadable file stays in the English).
func TestEveryKitProblemHasFrench(t *testing.T) {
	keys := brandkit.KitPhraseKeys()
	if len(keys) < 40 {
		t.Fatalf("only %d kit phrase keys", len(keys))
	}
	for _, k := range keys {
		enProblem, enExpected := brandkit.KitPhrase(k)
		fr, ok := Lookup("fr", "kit."+k)
		frExpected, ok2 := Lookup("fr", "kit."+k+".expected")
		if !ok || !ok2 {
			t.Errorf("kit problem %s has no French", k)
			continue
		}
		detail := strings.Contains(enProblem, "{{.detail}}") || strings.Contains(enProblem, "{{.problem}}")
		if !detail && placeholders(fr) != placeholders(enProblem) || placeholders(frExpected) != placeholders(enExpected) {
			t.Errorf("%s: French %q / %q quote other arguments than %q / %q", k, fr, frExpected, enProblem, enExpected)
		}
	}
}
