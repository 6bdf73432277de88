package results

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

var exportDay = time.Date(2026, 10, 5, 12, 0, 0, 0, time.UTC)

func readAll(t *testing.T, path string, opts Options) (Summary, []Post, []DailyTotal, error) {
	t.Helper()
	if opts.ExportedAt.IsZero() {
		opts.ExportedAt = exportDay
	}
	var posts []Post
	var days []DailyTotal
	sum, err := ReadFile(path, opts, Sink{
		Post:  func(p Post) error { posts = append(posts, p); return nil },
		Daily: func(d DailyTotal) error { days = append(days, d); return nil },
	})
	return sum, posts, days, err
}

// want is what the first post of a fixture must read as; -1 means the
// export has no such column, so the field must not be present.
type want struct {
	key, published                                                 string
	typ                                                            PostType
	impressions, reach, likes, comments, shares, saves, clicks, vv int64
	avgWatch, ctr                                                  float64
}

func TestReadFixtures(t *testing.T) {
	tests := []struct {
		file           string
		format         Format
		french         bool
		posts, skipped int
		first          want
	}{
		{"meta_instagram_en.csv", FormatMetaInstagram, false, 3, 0, want{"instagram:18182686576415017", "2026-09-24T15:30:00Z", TypeCarousel, 1204, 640, 41, 5, 3, 12, -1, -1, -1, -1}},
		{"meta_instagram_fr.csv", FormatMetaInstagram, true, 3, 0, want{"instagram:18182686576415017", "2026-09-24T15:30:00Z", TypeCarousel, 1204, 640, 41, 5, 3, 12, -1, -1, -1, -1}},
		{"meta_facebook_en.csv", FormatMetaFacebook, false, 3, 0, want{"facebook:1827720132094663", "2026-09-24T15:30:00Z", TypeImage, 2710, 1940, 71, 14, 11, -1, 31, -1, -1, -1}},
		{"meta_facebook_fr.csv", FormatMetaFacebook, true, 2, 0, want{"facebook:1827720132094663", "2026-09-24T15:30:00Z", TypeImage, 2710, 1940, 71, 14, 11, -1, 31, -1, -1, -1}},
		{"linkedin_content_en.xlsx", FormatLinkedIn, false, 2, 0, want{"linkedin:urn:li:activity:7379012345678901234", "2026-09-24T00:00:00Z", TypeImage, 4210, -1, 88, 12, 9, -1, 131, -1, -1, 0.0311}},
		{"linkedin_content_en.xls", FormatLinkedIn, false, 2, 0, want{"linkedin:urn:li:activity:7379012345678901234", "2026-09-24T00:00:00Z", TypeImage, 4210, -1, 88, 12, 9, -1, 131, -1, -1, 0.0311}},
		{"linkedin_content_fr.xls", FormatLinkedIn, true, 1, 0, want{"linkedin:urn:li:activity:7379012345678901234", "2026-09-24T00:00:00Z", TypeImage, 4210, -1, 88, 12, 9, -1, 131, -1, -1, 0.0311}},
		{"linkedin_content_fr.xlsx", FormatLinkedIn, true, 1, 0, want{"linkedin:urn:li:activity:7379012345678901234", "2026-09-24T00:00:00Z", TypeImage, 4210, -1, 88, 12, 9, -1, 131, -1, -1, 0.0311}},
		{"x_tweet_activity_en.csv", FormatXLegacy, false, 2, 0, want{"x:2068257546040258617", "2026-06-20T09:00:00Z", "", 12500, -1, 210, 8, 12, -1, 95, 0, -1, -1}},
		{"x_tweet_activity_fr.csv", FormatXLegacy, true, 1, 0, want{"x:2068257546040258617", "2026-06-20T09:00:00Z", "", 12500, -1, 210, 8, 12, -1, 95, 0, -1, -1}},
		{"x_account_content_en.csv", FormatX, false, 2, 0, want{"x:2072659048657858617", "2026-07-02T12:30:00Z", "", 1234, -1, 61, 7, 13, 9, 12, -1, -1, -1}},
		{"x_account_content_fr.csv", FormatX, true, 1, 0, want{"x:2072659048657858617", "2026-07-02T12:30:00Z", "", 1234, -1, 61, 7, 13, 9, 12, -1, -1, -1}},
		{"tiktok_content_en.csv", FormatTikTokVideos, false, 2, 1, want{"tiktok:7682009430903979025", "2026-09-06T11:20:00Z", TypeVideo, -1, -1, 5431, 24, 461, -1, -1, 289568, -1, -1}},
		{"tiktok_content_fr.csv", FormatTikTokVideos, false, 2, 0, want{"tiktok:7682009430903979025", "2026-09-06T11:20:00Z", TypeVideo, -1, -1, 5431, 24, 461, -1, -1, 289568, -1, -1}},
		{"youtube_table_en.csv", FormatYouTube, false, 2, 1, want{"youtube:dQw4w9WgXcQ", "2026-09-20T00:00:00Z", TypeVideo, 40000, -1, 420, 31, 20, -1, -1, 8200, 62, 0.052}},
		{"youtube_table_fr.csv", FormatYouTube, true, 1, 1, want{"youtube:dQw4w9WgXcQ", "2026-09-20T00:00:00Z", TypeVideo, 40000, -1, 420, 31, 20, -1, -1, 8200, 62, 0.052}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			sum, posts, _, err := readAll(t, filepath.Join("testdata", tc.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Format != tc.format || sum.French != tc.french || sum.Posts != tc.posts || len(posts) != tc.posts || sum.Skipped != tc.skipped {
				t.Fatalf("summary %+v (got %d posts), want format %s french %v, %d posts, %d skipped", sum, len(posts), tc.format, tc.french, tc.posts, tc.skipped)
			}
			checkPost(t, posts[0], tc.first)
		})
	}
}

func checkPost(t *testing.T, p Post, w want) {
	t.Helper()
	if p.Key() != w.key {
		t.Errorf("key %q, want %q", p.Key(), w.key)
	}
	if got := p.PublishedAt.UTC().Format(time.RFC3339); got != w.published {
		t.Errorf("published %s, want %s", got, w.published)
	}
	if p.Type != w.typ {
		t.Errorf("type %q, want %q", p.Type, w.typ)
	}
	counts := []struct {
		f    Field
		got  int64
		want int64
	}{
		{FieldImpressions, p.Impressions, w.impressions}, {FieldReach, p.Reach, w.reach},
		{FieldLikes, p.Likes, w.likes}, {FieldComments, p.Comments, w.comments},
		{FieldShares, p.Shares, w.shares}, {FieldSaves, p.Saves, w.saves},
		{FieldClicks, p.Clicks, w.clicks}, {FieldVideoViews, p.VideoViews, w.vv},
	}
	for _, c := range counts {
		if c.want < 0 {
			if p.Has(c.f) {
				t.Errorf("%s present (%d), want absent", c.f, c.got)
			}
			continue
		}
		if !p.Has(c.f) || c.got != c.want {
			t.Errorf("%s = %d (present %v), want %d", c.f, c.got, p.Has(c.f), c.want)
		}
	}
	floats := []struct {
		f         Field
		got, want float64
	}{{FieldAvgWatchSeconds, p.AvgWatchSeconds, w.avgWatch}, {FieldReportedCTR, p.ReportedCTR, w.ctr}}
	for _, c := range floats {
		if c.want < 0 {
			if p.Has(c.f) {
				t.Errorf("%s present, want absent", c.f)
			}
		} else if !p.Has(c.f) || abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.f, c.got, c.want)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestReadTikTokOverviewKeepsDaysApart(t *testing.T) {
	for _, file := range []string{"tiktok_overview_en.csv", "tiktok_overview_fr.csv"} {
		sum, posts, days, err := readAll(t, filepath.Join("testdata", file), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(posts) != 0 || sum.Days != len(days) || len(days) < 2 {
			t.Fatalf("%s: %d posts, %d days (summary %+v)", file, len(posts), len(days), sum)
		}
		d := days[1]
		if d.Date.Format("2006-01-02") != "2026-09-26" || d.VideoViews != 2110 || d.ProfileViews != 77 || d.Present&DailyProfileViews == 0 {
			t.Errorf("%s: day %+v", file, d)
		}
		if strings.Contains(file, "_fr") && d.Present&DailyNewFollowers != 0 {
			t.Errorf("%s: new followers present though the file has no such column", file)
		}
	}
	_, _, days, _ := readAll(t, "testdata/tiktok_overview_en.csv", Options{})
	if days[2].Comments != -1 || days[2].NewFollowers != -4 {
		t.Errorf("a day that lost followers is data, not an error: %+v", days[2])
	}
}

func TestReadTwiceGivesSameKeys(t *testing.T) {
	files, _ := filepath.Glob("testdata/*_en.*")
	for _, f := range files {
		_, a, _, err := readAll(t, f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, b, _, _ := readAll(t, f, Options{})
		seen := map[string]bool{}
		for i := range a {
			if a[i].Key() == "" || a[i].Key() != b[i].Key() || seen[a[i].Key()] {
				t.Errorf("%s row %d: key %q / %q (dup %v)", f, i, a[i].Key(), b[i].Key(), seen[a[i].Key()])
			}
			seen[a[i].Key()] = true
		}
	}
}

func utf16LE(s string, bom bool) []byte {
	var b bytes.Buffer
	if bom {
		b.Write([]byte{0xFF, 0xFE})
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.Bytes()
}

func TestReadEncodingsAndSeparators(t *testing.T) {
	src, err := os.ReadFile("testdata/meta_facebook_en.csv")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(src), "\ufeff")
	semicolon := "sep=;\n" + strings.ReplaceAll(strings.SplitN(text, "\n", 2)[0], ",", ";") + "\n" +
		"1;2;Page;Hello;;0;09/24/2026 15:30;N/A;https://www.facebook.com/p/1;0;0;Photos;;;;;Lifetime;10;5;1;1;0;0;0;0;0;0;0;\n"
	tests := []struct {
		name  string
		data  []byte
		posts int
	}{
		{"utf-16le with bom", utf16LE(text, true), 3},
		{"utf-16le without bom", utf16LE(text, false), 3},
		{"crlf", []byte(strings.ReplaceAll(text, "\n", "\r\n")), 3},
		{"sep hint and semicolons", []byte(semicolon), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []Post
			sum, err := Read(bytes.NewReader(tc.data), "fb.csv", Options{ExportedAt: exportDay}, Sink{Post: func(p Post) error { got = append(got, p); return nil }})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Format != FormatMetaFacebook || len(got) != tc.posts {
				t.Fatalf("%+v, %d posts", sum, len(got))
			}
			if got[0].PublishedAt.Format("2006-01-02 15:04") != "2026-09-24 15:30" {
				t.Errorf("published %v", got[0].PublishedAt)
			}
			if tc.posts == 3 && !strings.Contains(got[0].Text, "\n") {
				t.Errorf("multi-line caption lost: %q", got[0].Text)
			}
		})
	}
}

func TestReadBadInput(t *testing.T) {
	header := `"Post ID","Account username","Publish time",Permalink,"Post type",Reach,Likes,Comments,Shares,Saves` + "\n"
	row := `1790,acme,"09/24/2026 15:30",https://www.instagram.com/p/AbC/,"IG image",100,10,1,0,2` + "\n"
	tests := []struct {
		name       string
		data       []byte
		is         error
		line, col  int
		header     string
		unknownCol int
	}{
		{"empty", nil, ErrEmpty, 0, 0, "", 0},
		{"only spaces", []byte("  \n\n "), ErrEmpty, 0, 0, "", 0},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ErrBinary, 0, 0, "", 0},
		{"damaged xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), ErrBadWorkbook, 0, 0, "", 0},
		{"damaged xlsx", []byte("PK\x03\x04\x14\x00\x00\x00garbage"), ErrBadWorkbook, 0, 0, "", 0},
		{"truncated row", []byte(header + row + "1791,acme,\"09/25/2026 10:00\",https://www.instagram.com/p/AbD/\n"), ErrTruncated, 3, 5, "Post type", 0},
		{"truncated quote", []byte(header + row + "1792,acme,\"09/25/2026 10:00"), nil, 3, 0, "", 0},
		{"latin-1", []byte(header + "1793,acme,\"09/24/2026 15:30\",https://www.instagram.com/p/AbE/,\"IG image\",100,10,1,0,2\n" + "1794,caf\xe9,\"09/24/2026 15:30\",https://www.instagram.com/p/AbF/,\"IG image\",100,10,1,0,2\n"), ErrEncoding, 3, 0, "", 0},
		{"bad number", []byte(header + row + "1795,acme,\"09/24/2026 15:30\",https://www.instagram.com/p/AbG/,\"IG image\",12x,10,1,0,2\n"), errNotNumber, 3, 6, "Reach", 0},
		{"bad date", []byte(header + "1796,acme,\"yesterday\",https://www.instagram.com/p/AbH/,\"IG image\",1,1,1,0,2\n"), errNotDate, 2, 3, "Publish time", 0},
		{"unknown", []byte("Date;Amount;Label\n2026-01-01;3,5;Coffee\n"), nil, 0, 0, "", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			delivered := 0
			_, err := Read(bytes.NewReader(tc.data), "in.csv", Options{ExportedAt: exportDay}, Sink{Post: func(Post) error { delivered++; return nil }})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "in.csv") {
				t.Errorf("error does not name the file: %v", err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v, want %v", err, tc.is)
			}
			var pe *ParseError
			if tc.line > 0 && (!errors.As(err, &pe) || pe.Line != tc.line || (tc.col > 0 && pe.Column != tc.col) || pe.Header != tc.header) {
				t.Errorf("error %v (%+v), want line %d column %d header %q", err, pe, tc.line, tc.col, tc.header)
			}
			var ue *UnknownFormatError
			if tc.unknownCol > 0 {
				if !errors.As(err, &ue) || len(ue.Columns) != tc.unknownCol || delivered != 0 {
					t.Errorf("error %v, delivered %d, want an unknown-format error with %d columns and nothing delivered", err, delivered, tc.unknownCol)
				}
				if !strings.Contains(err.Error(), "a CSV with 3 columns: Date, Amount, Label") {
					t.Errorf("message does not say what the file looks like: %v", err)
				}
			}
		})
	}
}

func TestUnknownFileDeliversNothing(t *testing.T) {
	delivered := 0
	_, err := ReadFile("testdata/unknown_bank.csv", Options{}, Sink{Post: func(Post) error { delivered++; return nil }})
	var ue *UnknownFormatError
	if !errors.As(err, &ue) || delivered != 0 || ue.Kind != "CSV" || ue.Columns[1] != "Amount" {
		t.Fatalf("err %v, delivered %d", err, delivered)
	}
	want := "unknown_bank.csv: a CSV with 7 columns: Date, Amount, Currency, Label, Category, …; none of Atelier's known exports"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want prefix %q", err, want)
	}
}

func TestSinkErrorStopsTheRead(t *testing.T) {
	stop := errors.New("disk full")
	n := 0
	_, err := ReadFile("testdata/meta_instagram_en.csv", Options{}, Sink{Post: func(Post) error { n++; return stop }})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err %v after %d posts", err, n)
	}
}

// TestReadLegacyExcelManyStrings reads a BIFF8 workbook written by another
// implementation (SheetJS) whose 400 titles fill shared strings across
// CONTINUE records, every fifth one in UTF-16.
func TestReadLegacyExcelManyStrings(t *testing.T) {
	sum, posts, _, err := readAll(t, "testdata/linkedin_many_posts.xls", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Format != FormatLinkedIn || len(posts) != 400 || sum.HeaderLine != 2 {
		t.Fatalf("%+v, %d posts", sum, len(posts))
	}
	for i, p := range posts {
		extra := " - plain ascii"
		if i%5 == 0 {
			extra = " — cœur 🌿"
		}
		want := fmt.Sprintf("Post %d: why linen lasts, a long title to fill the shared strings table%s #%d", i, extra, i)
		if p.Text != want || p.Impressions != int64(1000+i) || p.Clicks != int64(i) || p.Line != i+3 || p.PublishedAt.Day() != 1+i%28 {
			t.Fatalf("row %d: %q impressions %d clicks %d line %d day %d", i, p.Text, p.Impressions, p.Clicks, p.Line, p.PublishedAt.Day())
		}
	}
}

func TestReadCutOffWorkbooks(t *testing.T) {
	for _, f := range []string{"linkedin_content_en.xls", "linkedin_content_en.xlsx", "linkedin_many_posts.xls"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, cut := range []int{len(data) / 3, len(data) * 2 / 3} {
			_, err := Read(bytes.NewReader(data[:cut]), f, Options{}, Sink{Post: func(Post) error { return nil }})
			if !errors.Is(err, ErrBadWorkbook) || !strings.HasPrefix(err.Error(), f) {
				t.Errorf("%s cut at %d: %v, want a bad-workbook error naming the file", f, cut, err)
			}
		}
	}
}
