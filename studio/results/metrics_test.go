package results

import (
	"math"
	"path/filepath"
	"testing"
	"time"
)

// TestMetricsPerPlatform computes the metrics of each fixture's first post
// by hand from the file's own cells.
func TestMetricsPerPlatform(t *testing.T) {
	tests := []struct {
		file         string
		interactions int64
		denom        Field
		rate         float64
		ctr          float64 // -1: none
		watch        float64 // -1: none
	}{
		// Instagram: likes 41 + comments 5 + shares 3 + saves 12 over reach 640.
		{"meta_instagram_en.csv", 61, FieldReach, 61.0 / 640, -1, -1},
		// Facebook: reactions 71 + comments 14 + shares 11 over reach 1,940; link clicks 31 over views 2,710.
		{"meta_facebook_en.csv", 96, FieldReach, 96.0 / 1940, 31.0 / 2710, -1},
		// LinkedIn: likes 88 + comments 12 + reposts 9 over impressions 4,210; clicks 131.
		{"linkedin_content_en.xlsx", 109, FieldImpressions, 109.0 / 4210, 131.0 / 4210, -1},
		// X (old): likes 210 + replies 8 + retweets 12 over impressions 12,500; url clicks 95.
		{"x_tweet_activity_en.csv", 230, FieldImpressions, 230.0 / 12500, 95.0 / 12500, -1},
		// X (new): likes 61 + replies 7 + reposts 11 + shares 2 + bookmarks 9 over 1,234.
		{"x_account_content_en.csv", 90, FieldImpressions, 90.0 / 1234, 12.0 / 1234, -1},
		// TikTok: likes 5,431 + comments 24 + shares 461 over views 289,568.
		{"tiktok_content_en.csv", 5916, FieldVideoViews, 5916.0 / 289568, -1, -1},
		// YouTube: likes 420 + comments 31 + shares 20 over views 8,200; Studio's CTR 5.2 %; 0:01:02.
		{"youtube_table_en.csv", 471, FieldVideoViews, 471.0 / 8200, 0.052, 62},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			_, posts, _, err := readAll(t, filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			p := posts[0]
			n, ok := Interactions(p)
			_, f, _ := Denominator(p)
			rate, rok := EngagementRate(p)
			if !ok || n != tc.interactions || f != tc.denom || !rok || math.Abs(rate-tc.rate) > 1e-12 {
				t.Errorf("interactions %d (%v) over %s, rate %v; want %d over %s, %v", n, ok, f, rate, tc.interactions, tc.denom, tc.rate)
			}
			ctr, cok := ClickThroughRate(p)
			if (tc.ctr < 0) == cok || (cok && math.Abs(ctr-tc.ctr) > 1e-12) {
				t.Errorf("ctr %v (%v), want %v", ctr, cok, tc.ctr)
			}
			w, wok := AvgWatchTime(p)
			if (tc.watch < 0) == wok || (wok && math.Abs(w-tc.watch) > 1e-9) {
				t.Errorf("watch %v (%v), want %v", w, wok, tc.watch)
			}
		})
	}
}

func TestMetricsMissingColumnsAreNotZero(t *testing.T) {
	var p Post
	if _, ok := Interactions(p); ok {
		t.Error("a post with no interaction column has interactions")
	}
	p.setCount(FieldLikes, 3)
	if _, ok := EngagementRate(p); ok {
		t.Error("a rate without a denominator")
	}
	p.setCount(FieldReach, 0)
	p.setCount(FieldImpressions, 100)
	if r, ok := EngagementRate(p); !ok || r != 0.03 {
		t.Errorf("reach 0 falls back to impressions: %v %v", r, ok)
	}
	p.setCount(FieldClicks, 0)
	if c, ok := ClickThroughRate(p); !ok || c != 0 {
		t.Errorf("zero clicks is a rate of 0, not missing: %v %v", c, ok)
	}
	// Watch hours and views give the average watch time.
	rr := &rowReader{}
	v := Post{}
	v.setCount(FieldVideoViews, 7200)
	rr.finishCommon(&v, "", 100, true)
	if w, ok := AvgWatchTime(v); !ok || w != 50 {
		t.Errorf("100 h over 7,200 views = %v s (%v), want 50", w, ok)
	}
}

func scored(persona string, platform Platform, rate float64, at time.Time) Scored {
	p := Post{Platform: platform, PublishedAt: at}
	p.setCount(FieldReach, 1000)
	p.setCount(FieldLikes, int64(math.Round(rate*1000)))
	return Scored{Post: p, Persona: persona, Language: "fr", Format: "image", Origin: "model", HookChars: 30}
}

func TestAggregateInterval(t *testing.T) {
	mon := time.Date(2026, 9, 7, 9, 0, 0, 0, time.UTC)
	posts := []Scored{
		scored("etudiants", LinkedIn, 0.10, mon), scored("etudiants", LinkedIn, 0.20, mon), scored("etudiants", LinkedIn, 0.30, mon),
		scored("pros", LinkedIn, 0.05, mon), scored("pros", LinkedIn, 0.05, mon), scored("pros", LinkedIn, 0.05, mon),
		scored("pros", LinkedIn, 0.05, mon), scored("pros", LinkedIn, 0.05, mon),
		{Post: Post{Platform: LinkedIn}, Persona: "pros"}, // no numbers: counted, not rated
	}
	groups := Aggregate(posts, []Dimension{ByPersona, ByPlatform}, Config{})
	if len(groups) != 2 {
		t.Fatalf("%d groups", len(groups))
	}
	e, p := groups[0], groups[1]
	// Rates 0.1, 0.2, 0.3: mean 0.2, s = 0.1, t(2) = 4.3027, half-width 0.2484.
	if e.Keys[0] != "etudiants" || e.N != 3 || math.Abs(e.Mean-0.2) > 1e-12 || e.Low != 0 || math.Abs(e.High-(0.2+4.3027*0.1/math.Sqrt(3))) > 1e-4 || e.Enough {
		t.Errorf("etudiants: %+v", e)
	}
	if p.N != 5 || p.Posts != 6 || math.Abs(p.Mean-0.05) > 1e-12 || math.Abs(p.Low-0.05) > 1e-12 || !p.Enough || p.Interactions != 250 || p.Denominator != 5000 {
		t.Errorf("pros: %+v", p)
	}
	if g := Aggregate(posts, []Dimension{ByPersona}, Config{MinSample: 3}); !g[0].Enough {
		t.Errorf("a minimum of 3 makes 3 posts enough: %+v", g[0])
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	late := []Scored{scored("a", X, 0.1, time.Date(2026, 9, 6, 23, 30, 0, 0, time.UTC))} // Sunday UTC, Monday in Paris
	if g := Aggregate(late, []Dimension{ByWeekday, ByHour, ByHookLength, ByOrigin}, Config{Location: paris}); g[0].Keys[0] != "mon" || g[0].Keys[1] != "1" || g[0].Keys[2] != "short" || g[0].Keys[3] != "model" {
		t.Errorf("keys in Paris time: %v", g[0].Keys)
	}
}

func TestT975(t *testing.T) {
	for df, want := range map[int]float64{1: 12.7062, 10: 2.2281, 30: 2.0423, 40: 2.0211, 60: 2.0003, 120: 1.9799, 1000: 1.9623} {
		if got := t975(df); math.Abs(got-want) > 2e-4 {
			t.Errorf("t975(%d) = %.4f, want %.4f", df, got, want)
		}
	}
}

func TestBestSlotsShrinks(t *testing.T) {
	mon9 := time.Date(2026, 9, 7, 9, 0, 0, 0, time.UTC)
	var posts []Scored
	for range 10 {
		posts = append(posts, scored("a", X, 0.02, mon9))
	}
	posts = append(posts, scored("a", X, 0.50, mon9.Add(24*time.Hour+3*time.Hour))) // one lucky Tuesday noon
	w := BestSlots(posts, time.UTC)
	overall := (10*0.02 + 0.5) / 11
	if math.Abs(w[0][9]-(10*0.02+5*overall)/15) > 1e-12 || math.Abs(w[1][12]-(0.5+5*overall)/6) > 1e-12 || math.Abs(w[3][3]-overall) > 1e-12 {
		t.Errorf("mon 9h %v, tue 12h %v, empty %v", w[0][9], w[1][12], w[3][3])
	}
	if w[1][12] > 0.2 {
		t.Errorf("one post lifted its cell to %v", w[1][12])
	}
}

func TestBestNeedsTheSample(t *testing.T) {
	mon := time.Date(2026, 9, 7, 9, 0, 0, 0, time.UTC)
	var posts []Scored
	for i := range 4 {
		posts = append(posts, scored("pros", LinkedIn, 0.01*float64(i+1), mon.Add(time.Duration(i)*time.Hour)))
	}
	posts = append(posts, scored("etudiants", LinkedIn, 0.9, mon))
	if got := Best(posts, LinkedIn, "pros", "fr", 2, 5); got != nil {
		t.Errorf("4 posts gave %d best posts, want none", len(got))
	}
	posts = append(posts, scored("pros", LinkedIn, 0.03, mon.Add(9*time.Hour)))
	got := Best(posts, LinkedIn, "pros", "fr", 2, 5)
	if len(got) != 2 || got[0].Likes != 40 || got[1].Likes != 30 || !got[1].PublishedAt.Equal(mon.Add(9*time.Hour)) {
		t.Errorf("best %+v", got)
	}
}
