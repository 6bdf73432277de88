package calendar

import (
	"strings"
	"time"
)

// Tool is a scheduling tool with a bulk CSV upload.
type Tool string

// The tools Atelier writes bulk CSVs for.
const (
	Buffer            Tool = "buffer"
	Hootsuite         Tool = "hootsuite"
	Later             Tool = "later"
	MetaBusinessSuite Tool = "meta"
)

// BulkFormat is one tool's bulk-upload CSV, as data: docs/schedulers.md
// records the same figures with their sources and what could not be
// verified.
type BulkFormat struct {
	Tool       Tool
	Name       string
	Header     []string      // the header row, in order; nil: the file has none
	DateLayout string        // Go layout of the date (and time, when TimeLayout is "") column
	TimeLayout string        // Go layout of a separate time column; "": none
	MaxRows    int           // posts per file
	MinuteStep int           // a post's minute must be a multiple of it; 0: any
	MinLead    time.Duration // a post must be at least this far in the future at upload
	Platforms  []string      // the registry ids the tool publishes to from a bulk file
	NeedMedia  []string      // platforms whose posts need an image or a video
	MediaURLs  int           // media URLs a row carries (0: the file takes none, attach them in the tool)
	Unique     bool          // the tool refuses two rows with the same text for one platform
	LinkInText bool          // the file has no link column: the link goes at the end of the text, and counts in its limit
	Source     string        // the help page that documents the format
	Verified   string        // what was checked against the tool's documentation, and what was not
	row        func(r bulkRow) []string
}

// Hootsuite's bulk composer rules (docs/schedulers.md gives the sources).
const (
	HootsuiteLayout         = "01/02/2006 15:04" // month first, 24-hour clock: the upload form's default
	HootsuiteDayFirstLayout = "02/01/2006 15:04" // the form's other choice (BulkOptions.DayFirst)
	HootsuiteMaxRows        = 350
	HootsuiteLead           = 10 * time.Minute // a post must be at least this far ahead
)

// bulkRow is one validated entry, ready to be laid out.
type bulkRow struct {
	e     Entry
	local time.Time
	media []string // public URLs
	f     *BulkFormat
}

func (r bulkRow) date() string { return r.local.Format(r.f.DateLayout) }
func (r bulkRow) time() string { return r.local.Format(r.f.TimeLayout) }
func (r bulkRow) text() string {
	if r.f.LinkInText {
		return withLink(r.e.Text, r.e.Link)
	}
	return r.e.Text
}
func (r bulkRow) medium(i int) string {
	if i < len(r.media) {
		return r.media[i]
	}
	return ""
}

var visual = []string{"instagram", "tiktok", "pinterest", "youtube"}

// bulkFormats are the four tools' formats.
var bulkFormats = []BulkFormat{
	{
		Tool: Hootsuite, Name: "Hootsuite", Header: nil, DateLayout: HootsuiteLayout,
		MaxRows: HootsuiteMaxRows, MinuteStep: 5, MinLead: HootsuiteLead, Unique: true,
		Platforms: []string{"x", "facebook", "instagram", "linkedin", "pinterest", "youtube", "tiktok", "threads"},
		Source:    "https://help.hootsuite.com/hc/en-us/articles/204598140-Bulk-schedule-posts",
		Verified:  "from Hootsuite's help as remembered and third-party walkthroughs; not checked against the live page",
		row:       func(r bulkRow) []string { return []string{r.date(), r.e.Text, r.e.Link} },
	},
	{
		Tool: Buffer, Name: "Buffer", Header: []string{"Text", "Image URL", "Tags", "Posting Time"},
		DateLayout: "2006-01-02 15:04", MaxRows: 100, MediaURLs: 1, LinkInText: true,
		Platforms: []string{"x", "facebook", "instagram", "linkedin", "pinterest", "youtube", "tiktok", "threads", "bluesky", "mastodon"},
		NeedMedia: visual,
		Source:    "https://support.buffer.com/article/926-bulk-uploading-posts",
		Verified:  "header row matches Buffer's downloadable template as found in a public repository; the row limit and the help page's address are not verified",
		row: func(r bulkRow) []string {
			return []string{r.text(), r.medium(0), "", r.date()}
		},
	},
	{
		Tool: Later, Name: "Later", Header: []string{"Date", "Time", "Caption", "Media URL", "Link"},
		DateLayout: "2006-01-02", TimeLayout: "15:04", MaxRows: 100, MediaURLs: 1,
		Platforms: []string{"instagram", "facebook", "tiktok", "pinterest", "linkedin", "x", "youtube", "threads"},
		NeedMedia: visual,
		Source:    "https://help.later.com/hc/en-us",
		Verified:  "NOT verified: columns, date format and limits are Atelier's best reading; compare with the template Later offers before the first upload",
		row: func(r bulkRow) []string {
			return []string{r.date(), r.time(), r.e.Text, r.medium(0), r.e.Link}
		},
	},
	{
		Tool: MetaBusinessSuite, Name: "Meta Business Suite", Header: []string{"Text", "Link", "Media URL", "Date", "Time"},
		DateLayout: "01/02/2006", TimeLayout: "15:04", MaxRows: 50, MinLead: 10 * time.Minute, MediaURLs: 1,
		Platforms: []string{"facebook", "instagram"}, NeedMedia: []string{"instagram"},
		Source:   "https://www.facebook.com/business/help/",
		Verified: "NOT verified: column names and the 50-post limit are Atelier's best reading of Meta's template; the 10-minute lead is the Graph API's scheduling minimum",
		row: func(r bulkRow) []string {
			return []string{r.e.Text, r.e.Link, r.medium(0), r.date(), r.time()}
		},
	},
}

// BulkFormats are the formats Atelier writes, Hootsuite's with its
// day-first date.
func BulkFormats() []BulkFormat { return append([]BulkFormat(nil), bulkFormats...) }

// FormatOf is one tool's format.
func FormatOf(t Tool) (BulkFormat, bool) {
	for _, f := range bulkFormats {
		if f.Tool == t {
			return f, true
		}
	}
	return BulkFormat{}, false
}

// withLink appends the link to the text when the text does not hold it:
// the tool's row has no link column of its own.
func withLink(text, link string) string {
	if link == "" || strings.Contains(text, link) {
		return text
	}
	if text == "" {
		return link
	}
	return text + "\n" + link
}
