package results

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://twitter.com/maisonlumen/status/2068257546040258617?s=20&t=abc", "x.com/i/status/2068257546040258617"},
		{"http://X.com/someone_else/status/2068257546040258617/photo/1", "x.com/i/status/2068257546040258617"},
		{"https://www.instagram.com/reel/DaL7buhEzbR/?igsh=MXh2", "instagram.com/p/DaL7buhEzbR"},
		{"instagram.com/p/DaL7buhEzbR", "instagram.com/p/DaL7buhEzbR"},
		{"https://www.instagram.com/maisonlumen/p/DaL7buhEzbR/", "instagram.com/p/DaL7buhEzbR"},
		{"https://youtu.be/dQw4w9WgXcQ?si=x", "youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", "youtube.com/watch?v=dQw4w9WgXcQ"},
		{"https://www.tiktok.com/@maisonlumen/video/7682009430903979025?lang=fr", "tiktok.com/video/7682009430903979025"},
		{"https://www.linkedin.com/posts/maison-lumen_linen-activity-7380123456789012345-AbCd?utm_source=share", "linkedin.com/feed/update/urn:li:activity:7380123456789012345"},
		{"https://www.linkedin.com/feed/update/urn:li:activity:7380123456789012345/", "linkedin.com/feed/update/urn:li:activity:7380123456789012345"},
		{"HTTPS://WWW.Facebook.com/maisonlumen/posts/pfbid02Xa1/?utm_source=ig&fbclid=1#c", "facebook.com/maisonlumen/posts/pfbid02Xa1"},
		{"https://www.facebook.com/permalink.php?story_fbid=1&id=2&ref=share", "facebook.com/permalink.php?id=2&story_fbid=1"},
		{"https://shop.example.com/linen/?utm_campaign=x&color=rust", "shop.example.com/linen?color=rust"},
	}
	for _, tc := range tests {
		if got := NormalizeURL(tc.a); got != tc.b {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tc.a, got, tc.b)
		}
	}
}

func TestMerge(t *testing.T) {
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	old := Post{PostID: "1", Platform: Instagram, Text: "old caption", ExportedAt: day}
	old.setCount(FieldReach, 500)
	old.setCount(FieldLikes, 40)
	old.setCount(FieldSaves, 9)
	newer := Post{PostID: "1", Platform: Instagram, Text: "edited caption", ExportedAt: day.AddDate(0, 0, 7)}
	newer.Present = newer.Present.With(FieldText)
	newer.setCount(FieldReach, 800)
	newer.setCount(FieldLikes, 38) // an unlike since
	newer.setCount(FieldComments, 3)
	m := Merge(old, newer)
	if m.Reach != 800 || m.Likes != 40 || m.Comments != 3 || m.Saves != 9 || !m.Has(FieldSaves) || m.Text != "edited caption" || !m.ExportedAt.Equal(newer.ExportedAt) {
		t.Errorf("Merge = %+v", m)
	}
	if m2 := Merge(newer, old); m2 != m {
		t.Errorf("Merge is not symmetric:\n%+v\n%+v", m, m2)
	}
	if again := Merge(m, m); again != m {
		t.Errorf("Merge(m, m) changed m")
	}
	if again := Merge(m, newer); again != m {
		t.Errorf("merging a newer export again changed the post: %+v", again)
	}
	// The same file twice adds nothing: every post merges into itself.
	_, posts, _, err := readAll(t, "testdata/meta_instagram_en.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	store := map[string]Post{}
	for range 2 {
		for _, p := range posts {
			if prev, ok := store[p.Key()]; ok {
				p = Merge(prev, p)
			}
			store[p.Key()] = p
		}
	}
	if len(store) != len(posts) || store[posts[1].Key()] != posts[1] {
		t.Errorf("re-import changed the store: %d posts", len(store))
	}
}

func TestMappingReadsAnUnknownFile(t *testing.T) {
	csv := "Lien;Publié le;Vues;Réactions;Commentaires\n" +
		"https://www.linkedin.com/feed/update/urn:li:activity:7379012345678901234;24/09/2026;4 210;88;12\n"
	m := &Mapping{Name: "export agence", Platform: LinkedIn, DayFirst: true, DecimalComma: true, Columns: map[string]Field{
		"Lien": FieldPermalink, "Publié le": FieldPublishedAt, "Vues": FieldImpressions, "Réactions": FieldLikes, "Commentaires": FieldComments,
	}}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"Vues": "impressions"`) {
		t.Errorf("saved mapping does not name fields: %s", buf.String())
	}
	loaded, err := LoadMapping(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var got []Post
	sum, err := Read(strings.NewReader(csv), "agence.csv", Options{Mapping: loaded}, Sink{Post: func(p Post) error { got = append(got, p); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != FormatMapped || len(got) != 1 || got[0].Impressions != 4210 || got[0].Likes != 88 ||
		got[0].Key() != "linkedin:urn:li:activity:7379012345678901234" || got[0].PublishedAt.Day() != 24 || got[0].Has(FieldReach) {
		t.Fatalf("%+v %+v", sum, got)
	}
	// Without the mapping the same file is refused.
	_, err = Read(strings.NewReader(csv), "agence.csv", Options{}, Sink{Post: func(Post) error { return nil }})
	if !errors.As(err, new(*UnknownFormatError)) {
		t.Errorf("err %v, want unknown format", err)
	}
}

func TestMappingValidate(t *testing.T) {
	tests := []struct {
		json string
		bad  string
	}{
		{`{"name":"a","platform":"x","columns":{"id":"post_id","v":"impressions"}}`, ""},
		{`{"name":"a","platform":"","columns":{"id":"post_id","v":"impressions"}}`, "platform"},
		{`{"name":"a","platform":"x","columns":{"v":"impressions"}}`, "post_id or permalink"},
		{`{"name":"a","platform":"x","columns":{"id":"post_id"}}`, "counter"},
		{`{"name":"a","platform":"x","columns":{"id":"post_id","v":"viewz"}}`, "not a post field"},
		{`{"name":"a","platform":"x","colums":{}}`, "unknown field"},
	}
	for _, tc := range tests {
		_, err := LoadMapping(strings.NewReader(tc.json))
		if (tc.bad == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.bad)) {
			t.Errorf("LoadMapping(%s) = %v, want error containing %q", tc.json, err, tc.bad)
		}
	}
}
