package calendar

import (
	"fmt"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"

	"atelier/studio/platform"

	"github.com/rivo/uniseg"
)

// checkEntry returns the limits of the tool one entry breaks.
func checkEntry(r bulkRow, opt BulkOptions) []error {
	f, e := r.f, r.e
	fail := func(limit, format string, args ...any) error {
		return &BulkError{Tool: f.Name, PieceID: e.PieceID, Limit: limit, Problem: fmt.Sprintf(format, args...)}
	}
	var errs []error
	if !slices.Contains(f.Platforms, e.Platform) {
		errs = append(errs, fail("platform", "%s does not schedule %s posts from a bulk file; it takes %v", f.Name, e.Platform, f.Platforms))
	}
	if e.At.IsZero() {
		return append(errs, fail("time", "it has no scheduled time; schedule it first (atelier schedule)"))
	}
	if e.At.Before(opt.Now.Add(f.MinLead)) {
		errs = append(errs, fail("min_lead", "it is planned for %s, but %s takes posts at least %d minutes after the upload (now %s); plan it later",
			r.local.Format("2006-01-02 15:04"), f.Name, int(f.MinLead.Minutes()), opt.Now.In(opt.Location).Format("2006-01-02 15:04")))
	}
	if f.MinuteStep > 0 && (r.local.Minute()%f.MinuteStep != 0 || r.local.Second() != 0) {
		errs = append(errs, fail("minute_step", "scheduled at %s; %s takes minutes in steps of %d (such as %s): move it",
			r.local.Format("15:04:05"), f.Name, f.MinuteStep, r.local.Truncate(time.Duration(f.MinuteStep)*time.Minute).Format("15:04")))
	}
	if n := len(Instants(r.local, opt.Location)); n != 1 {
		errs = append(errs, fail("ambiguous_time", "scheduled at %s, a clock time that happens twice in %s as the clocks go back; the file carries no offset, so move it out of that hour",
			r.local.Format("2006-01-02 15:04"), opt.Location))
	}
	if p, ok := opt.Registry.Get(e.Platform); ok {
		posted := r.text()
		if p.Counting == platform.CountWeighted {
			posted = withLink(r.e.Text, r.e.Link) // the tool appends the link to the post on X
		}
		if n := textLength(posted, p); n > p.TextLimit {
			errs = append(errs, fail("text_limit", "its text is %d characters, over %d on %s; shorten it by %d", n, p.TextLimit, p.Name, n-p.TextLimit))
		}
	}
	if slices.Contains(f.NeedMedia, e.Platform) && len(e.MediaFiles) == 0 {
		errs = append(errs, fail("media", "%s posts need an image or a video, and the piece has none; render one first", e.Platform))
	}
	if r.text() == "" && len(e.MediaFiles) == 0 {
		errs = append(errs, fail("media", "it has neither text nor media"))
	}
	return errs
}

var urlPattern = regexp.MustCompile(`https?://\S+`)

// textLength counts text the way platform p does: code points, graphemes,
// or X's weighted count where a link counts as its URLLength (wide
// scripts counting double is not modelled: a Japanese post may pass here
// and fail on X).
func textLength(text string, p platform.Platform) int {
	switch p.Counting {
	case platform.CountGraphemes:
		return uniseg.GraphemeClusterCount(text)
	case platform.CountWeighted:
		n := utf8.RuneCountInString(text)
		for _, u := range urlPattern.FindAllString(text, -1) {
			n += p.URLLength - utf8.RuneCountInString(u)
		}
		return n
	}
	return utf8.RuneCountInString(text)
}
