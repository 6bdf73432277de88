package results

import (
	"testing"
	"time"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		french  bool
		want    float64
		present bool
		pct     bool
		bad     bool
	}{
		{"1,234", false, 1234, true, false, false},
		{"1,234,567", false, 1234567, true, false, false},
		{"1 234", true, 1234, true, false, false},
		{"1\u202f234", true, 1234, true, false, false},
		{"12\u00a0480", true, 12480, true, false, false},
		{"3,5 %", true, 3.5, true, true, false},
		{"3.5%", false, 3.5, true, true, false},
		{"3,5", false, 3.5, true, false, false},
		{"1.234", true, 1234, true, false, false},
		{"1.234,5", true, 1234.5, true, false, false},
		{"1,234.5", false, 1234.5, true, false, false},
		{"12500.0", false, 12500, true, false, false},
		{"1.2K", false, 1200, true, false, false},
		{"41,5 k", true, 41500, true, false, false},
		{"2M", false, 2e6, true, false, false},
		{"1,1 Md", true, 1.1e9, true, false, false},
		{"-4", false, -4, true, false, false},
		{"3E-2", false, 0.03, true, false, false},
		{"", false, 0, false, false, false},
		{"N/A", false, 0, false, false, false},
		{"-", false, 0, false, false, false},
		{"12x", false, 0, false, false, true},
		{"K", false, 0, false, false, true},
	}
	for _, tc := range tests {
		got, present, pct, err := numberStyle{decimalComma: tc.french}.parseNumber(tc.in)
		if (err != nil) != tc.bad || present != tc.present || pct != tc.pct || abs(got-tc.want) > 1e-6 {
			t.Errorf("parseNumber(%q, french=%v) = %v, %v, %v, %v; want %v, %v, %v, bad=%v", tc.in, tc.french, got, present, pct, err, tc.want, tc.present, tc.pct, tc.bad)
		}
	}
}

func TestParseRateAndSeconds(t *testing.T) {
	st := numberStyle{decimalComma: true}
	rates := []struct {
		in     string
		header bool
		want   float64
	}{{"3,5 %", false, 0.035}, {"5,2", true, 0.052}, {"0,0311", false, 0.0311}, {"4.1", false, 0.041}}
	for _, tc := range rates {
		if got, ok, err := st.parseRate(tc.in, tc.header); err != nil || !ok || abs(got-tc.want) > 1e-9 {
			t.Errorf("parseRate(%q, %v) = %v, %v, %v; want %v", tc.in, tc.header, got, ok, err, tc.want)
		}
	}
	secs := []struct {
		in   string
		want float64
	}{{"0:00:41", 41}, {"1:02", 62}, {"1:00:00", 3600}, {"9,4", 9.4}, {"27 s", 27}}
	for _, tc := range secs {
		if got, ok, err := st.parseSeconds(tc.in); err != nil || !ok || abs(got-tc.want) > 1e-9 {
			t.Errorf("parseSeconds(%q) = %v, %v, %v; want %v", tc.in, got, ok, err, tc.want)
		}
	}
	if _, _, err := st.parseSeconds("1:xx"); err == nil {
		t.Error("parseSeconds accepted 1:xx")
	}
}

func TestParseDate(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	ref := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in       string
		dayFirst bool
		loc      *time.Location
		want     string
		bad      bool
	}{
		{"09/28/2026 18:12", false, nil, "2026-09-28T18:12:00Z", false},
		{"28/09/2026 18:12", true, nil, "2026-09-28T18:12:00Z", false},
		{"28/09/2026 18:12", false, nil, "2026-09-28T18:12:00Z", false}, // 28 cannot be a month
		{"03/04/2026", true, nil, "2026-04-03T00:00:00Z", false},
		{"03/04/2026", false, nil, "2026-03-04T00:00:00Z", false},
		{"2026-06-20 09:00 +0000", false, paris, "2026-06-20T09:00:00Z", false},
		{"2026-07-20T13:18:00Z", false, paris, "2026-07-20T13:18:00Z", false},
		{"2026-07-20 13:18:00", false, paris, "2026-07-20T11:18:00Z", false},
		{"Sat, Sep 12, 2026", false, nil, "2026-09-12T00:00:00Z", false},
		{"Sep 20, 2026", false, nil, "2026-09-20T00:00:00Z", false},
		{"28 sept. 2026", true, nil, "2026-09-28T00:00:00Z", false},
		{"2 juil. 2026", true, nil, "2026-07-02T00:00:00Z", false},
		{"1er août 2026", true, nil, "2026-08-01T00:00:00Z", false},
		{"September 25", false, nil, "2026-09-25T00:00:00Z", false},
		{"30 December", false, nil, "2025-12-30T00:00:00Z", false}, // after the export day: last year
		{"6 septembre", true, nil, "2026-09-06T00:00:00Z", false},
		{"9月6日", false, nil, "2026-09-06T00:00:00Z", false},
		{"9/28/26 6:12 PM", false, nil, "2026-09-28T18:12:00Z", false},
		{"46293.5", false, nil, "2026-09-28T12:00:00Z", false},
		{"31/02/2026", true, nil, "", true},
		{"yesterday", false, nil, "", true},
		{"Total", false, nil, "", true},
	}
	for _, tc := range tests {
		got, ok, err := dateStyle{dayFirst: tc.dayFirst, loc: tc.loc, ref: ref}.parse(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parse(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || !ok || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("parse(%q) = %v, %v, %v; want %s", tc.in, got.UTC(), ok, err, tc.want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		header []string
		want   Format
		min    float64
	}{
		{[]string{"\ufeffPost ID", "Account username", "Publish time", "Permalink", "Reach", "Likes", "Saves"}, FormatMetaInstagram, 0.99},
		{[]string{"Post ID", "Page ID", "Page name", "Title", "Publish time", "Reach", "Reactions"}, FormatMetaFacebook, 0.99},
		{[]string{"Identifiant de la publication", "Nom d'utilisateur du compte", "Heure de publication", "Couverture", "J'aime"}, FormatMetaInstagram, 0.99},
		{[]string{"  POST TITLE ", "Post link", "Created date", "Impressions", "Clicks", "Likes"}, FormatLinkedIn, 0.99},
		{[]string{"Tweet id", "Tweet permalink", "time", "impressions", "retweets"}, FormatXLegacy, 0.99},
		{[]string{"Post id", "Date", "Post text", "Impressions", "Likes", "Bookmarks"}, FormatX, 0.99},
		{[]string{"Time", "Video title", "Video link", "Post time", "Total views"}, FormatTikTokVideos, 0.99},
		{[]string{"Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"}, FormatTikTokOverview, 0.99},
		{[]string{"Content", "Video title", "Video publish time", "Views", "Watch time (hours)"}, FormatYouTube, 0.99},
		{[]string{"Contenu", "Titre de la vidéo", "Vues", "Durée de visionnage (heures)"}, FormatYouTube, 0.99},
		{[]string{"Date", "Amount", "Label"}, FormatUnknown, 0},
		{[]string{"Post ID", "Likes"}, FormatUnknown, 0}, // no publish time: not Meta
	}
	for _, tc := range tests {
		f, conf := Detect(tc.header)
		if tc.want == FormatUnknown {
			if f != FormatUnknown && conf >= MinConfidence {
				t.Errorf("Detect(%q) = %s, %.2f; want unknown", tc.header, f, conf)
			}
			continue
		}
		if f != tc.want || conf < tc.min {
			t.Errorf("Detect(%q) = %s, %.2f; want %s ≥ %.2f", tc.header, f, conf, tc.want, tc.min)
		}
	}
	// A Meta file without the columns that tell Instagram from Facebook is
	// still Meta, but less sure.
	if f, conf := Detect([]string{"Post ID", "Publish time", "Permalink", "Comments"}); conf >= 0.99 || (f != FormatMetaInstagram && f != FormatMetaFacebook) {
		t.Errorf("ambiguous Meta header: %s %.2f", f, conf)
	}
}
