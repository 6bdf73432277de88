package studio_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"atelier/brandkit"
	"atelier/studio"
	"atelier/studio/platform"
)

// corpusDir holds the labelled checker corpus (see its README).
var corpusDir = filepath.Join("..", "brandkit", "testdata", "corpus")

type corpusPost struct {
	ID       string   `toml:"id"`
	Platform string   `toml:"platform"`
	Language string   `toml:"language"`
	Partner  string   `toml:"partner"`
	Image    string   `toml:"image"`
	Text     string   `toml:"text"`
	Expect   []string `toml:"expect"`
	Note     string   `toml:"note"`
}

// kindScore counts, for one rule kind, the posts where it fired rightly
// (tp), wrongly (fp) and failed to fire (fn).
type kindScore struct{ tp, fp, fn int }

func (s kindScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s kindScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// runCorpus checks every post of the corpus and scores each rule kind.
// misses lists, per post, what differed.
func runCorpus(t testing.TB) (scores map[string]*kindScore, posts int, misses []string, languages int) {
	t.Helper()
	kit, err := brandkit.Load(filepath.Join(corpusDir, "kit"), brandkit.Options{})
	if err != nil {
		t.Fatalf("corpus kit: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "posts.*.toml"))
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	languages = len(files)
	reg := platform.Default()
	scores = map[string]*kindScore{}
	score := func(kind string) *kindScore {
		if scores[kind] == nil {
			scores[kind] = &kindScore{}
		}
		return scores[kind]
	}
	ids := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Post []corpusPost `toml:"post"`
		}
		if err := toml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, p := range doc.Post {
			if ids[p.ID] {
				t.Fatalf("%s: post id %s is used twice", f, p.ID)
			}
			ids[p.ID] = true
			pl, ok := reg.Get(p.Platform)
			if !ok {
				t.Fatalf("%s: post %s names unknown platform %q", f, p.ID, p.Platform)
			}
			tt := studio.TextTarget(studio.Target{Platform: pl, Language: p.Language})
			tt.Partner, tt.Image = p.Partner, p.Image
			got := map[string]bool{}
			for _, fd := range brandkit.CheckText(kit, tt, p.Text).Findings {
				if fd.Rule != "readability.sentences" {
					got[fd.Rule] = true
				}
			}
			want := map[string]bool{}
			for _, k := range p.Expect {
				want[k] = true
			}
			var diff []string
			for k := range want {
				if got[k] {
					score(k).tp++
				} else {
					score(k).fn++
					diff = append(diff, "missed "+k)
				}
			}
			for k := range got {
				if !want[k] {
					score(k).fp++
					diff = append(diff, "wrongly "+k)
				}
			}
			if len(diff) > 0 {
				sort.Strings(diff)
				misses = append(misses, fmt.Sprintf("%s (%s): %s\n    %q", p.ID, p.Note, strings.Join(diff, ", "), p.Text))
			}
			posts++
		}
	}
	return scores, posts, misses, languages
}

// corpusTable prints precision and recall per rule kind.
func corpusTable(scores map[string]*kindScore) string {
	kinds := make([]string, 0, len(scores))
	for k := range scores {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "%-34s %5s %5s %5s %9s %7s\n", "rule kind", "tp", "fp", "fn", "precision", "recall")
	for _, k := range kinds {
		s := scores[k]
		fmt.Fprintf(&b, "%-34s %5d %5d %5d %9.3f %7.3f\n", k, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	return b.String()
}

// TestCheckerCorpus holds every rule kind to a precision and a recall of at
// least 0.97 on the labelled corpus of posts in six languages.
func TestCheckerCorpus(t *testing.T) {
	scores, posts, misses, languages := runCorpus(t)
	if posts < 300 || languages < 6 {
		t.Errorf("the corpus has %d posts in %d languages; at least 300 in 6 are expected", posts, languages)
	}
	failed := false
	for k, s := range scores {
		if s.precision() < 0.97 || s.recall() < 0.97 {
			failed = true
			t.Errorf("%s: precision %.3f, recall %.3f (below 0.97)", k, s.precision(), s.recall())
		}
	}
	if failed || testing.Verbose() {
		t.Logf("%d posts\n%s", posts, corpusTable(scores))
		for _, m := range misses {
			t.Log(m)
		}
	}
}
