package results

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Key is a post's stable identity for upserts: the platform with the
// platform's own post id, or with its normalised permalink when the export
// has no id. Reading the same file twice yields the same keys; "" means the
// row cannot be identified.
func (p Post) Key() string {
	switch {
	case p.PostID != "":
		return string(p.Platform) + ":" + p.PostID
	case p.Permalink != "":
		return string(p.Platform) + ":" + NormalizeURL(p.Permalink)
	}
	return ""
}

// Merge combines two reads of the same post (same Key) into one, so that a
// store can upsert. The rule, symmetric and idempotent:
//   - every counter takes the larger of the two values present (lifetime
//     totals only grow, and window-scoped exports — LinkedIn's 14 or 90 days
//     — show a post's numbers over the longer window as the larger ones);
//   - text, permalink, type, time and the rates (average watch time,
//     reported CTR) come from the later export (ExportedAt), the other
//     filling what it lacks;
//   - Present is the union.
//
// Merging a post with itself returns it unchanged.
func Merge(old, new Post) Post {
	a, b := old, new
	if newer(a, b) {
		a, b = b, a
	}
	out := b // b is the later export
	for _, f := range counterFields {
		av, bv := *a.counter(f), *b.counter(f)
		switch {
		case a.Has(f) && b.Has(f):
			out.setCount(f, max(av, bv))
		case a.Has(f):
			out.setCount(f, av)
		}
	}
	fill := func(f Field, dst *string, src string) {
		if !out.Has(f) && a.Has(f) {
			*dst, out.Present = src, out.Present.With(f)
		}
	}
	fill(FieldPostID, &out.PostID, a.PostID)
	fill(FieldPermalink, &out.Permalink, a.Permalink)
	fill(FieldText, &out.Text, a.Text)
	if !out.Has(FieldType) && a.Has(FieldType) {
		out.Type, out.Present = a.Type, out.Present.With(FieldType)
	}
	if !out.Has(FieldPublishedAt) && a.Has(FieldPublishedAt) {
		out.PublishedAt, out.Present = a.PublishedAt, out.Present.With(FieldPublishedAt)
	}
	for _, r := range []struct {
		f        Field
		dst, src *float64
	}{
		{FieldAvgWatchSeconds, &out.AvgWatchSeconds, &a.AvgWatchSeconds},
		{FieldDurationSeconds, &out.DurationSeconds, &a.DurationSeconds},
		{FieldReportedCTR, &out.ReportedCTR, &a.ReportedCTR},
	} {
		if !out.Has(r.f) && a.Has(r.f) {
			*r.dst, out.Present = *r.src, out.Present.With(r.f)
		}
	}
	return out
}

// newer reports whether a is the later export of the two; on a tie the one
// with more views wins, then the larger source and line, so that Merge does
// not depend on the order of its arguments.
func newer(a, b Post) bool {
	switch {
	case !a.ExportedAt.Equal(b.ExportedAt):
		return a.ExportedAt.After(b.ExportedAt)
	case a.VideoViews+a.Impressions != b.VideoViews+b.Impressions:
		return a.VideoViews+a.Impressions > b.VideoViews+b.Impressions
	case a.Source != b.Source:
		return a.Source > b.Source
	}
	return a.Line > b.Line
}

// trackingParams are query parameters that say how a link was shared, not
// what it points to.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "igshid": true, "igsh": true, "si": true, "s": true,
	"t": true, "ref": true, "ref_src": true, "ref_url": true, "feature": true, "lipi": true,
	"trk": true, "mc_cid": true, "mc_eid": true, "_ga": true, "rcm": true, "utm_id": true,
	"is_from_webapp": true, "sender_device": true, "lang": true, "_r": true, "_t": true,
}

var (
	xStatus     = regexp.MustCompile(`^/(?:[^/]+|i(?:/web)?)/status(?:es)?/(\d+)`)
	igMedia     = regexp.MustCompile(`^/(?:[^/]+/)?(?:p|reels?|tv)/([A-Za-z0-9_-]+)`)
	tiktokVideo = regexp.MustCompile(`^/@[^/]*/(?:video|photo)/(\d+)`)
	ytShort     = regexp.MustCompile(`^/(?:shorts|live|embed)/([A-Za-z0-9_-]{6,})`)
)

// NormalizeURL reduces a post's link to a canonical form, so that two
// spellings of the same post compare equal: scheme and "www." dropped, host
// lower-cased, twitter.com read as x.com and a tweet by its id whatever the
// handle, Instagram's /p/, /reel/ and /tv/ read alike, a TikTok video by its
// id, YouTube's youtu.be, /shorts/ and watch?v= alike, a LinkedIn post by its
// URN, tracking parameters (utm_*, fbclid, igsh, si…) and the fragment
// dropped, a trailing slash dropped.
func NormalizeURL(raw string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return strings.ToLower(strings.TrimRight(strings.TrimSpace(raw), "/"))
	}
	host := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "mobile.", "web."} {
		host = strings.TrimPrefix(host, p)
	}
	if c, ok := canonicalPost(host, u); ok {
		return c
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	q := cleanQuery(u.Query())
	if q != "" {
		return host + path + "?" + q
	}
	return host + path
}

func canonicalPost(host string, u *url.URL) (string, bool) {
	path := u.Path
	switch host {
	case "twitter.com", "x.com":
		if m := xStatus.FindStringSubmatch(path); m != nil {
			return "x.com/i/status/" + m[1], true
		}
	case "instagram.com":
		if m := igMedia.FindStringSubmatch(path); m != nil {
			return "instagram.com/p/" + m[1], true
		}
	case "tiktok.com", "vm.tiktok.com":
		if m := tiktokVideo.FindStringSubmatch(path); m != nil {
			return "tiktok.com/video/" + m[1], true
		}
	case "youtu.be":
		return "youtube.com/watch?v=" + strings.Trim(path, "/"), true
	case "youtube.com":
		if v := u.Query().Get("v"); v != "" {
			return "youtube.com/watch?v=" + v, true
		}
		if m := ytShort.FindStringSubmatch(path); m != nil {
			return "youtube.com/watch?v=" + m[1], true
		}
	case "linkedin.com":
		if m := linkedinURN.FindStringSubmatch(u.String()); m != nil {
			if m[3] != "" {
				return "linkedin.com/feed/update/urn:li:activity:" + m[3], true
			}
			return "linkedin.com/feed/update/urn:li:" + m[1] + ":" + m[2], true
		}
	}
	return "", false
}

func cleanQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		lk := strings.ToLower(k)
		if trackingParams[lk] || strings.HasPrefix(lk, "utm_") {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	return strings.Join(parts, "&")
}
