package results

import (
	"fmt"
	"strings"
	"time"
)

// Platform names a social platform, as Atelier's registry spells it.
type Platform string

// The platforms whose exports the package reads.
const (
	Instagram Platform = "instagram"
	Facebook  Platform = "facebook"
	LinkedIn  Platform = "linkedin"
	X         Platform = "x"
	TikTok    Platform = "tiktok"
	YouTube   Platform = "youtube"
)

// PostType is what kind of post a row describes, folded from the platform's
// own wording ("IG reel", "Photos", "Video"…).
type PostType string

// The post types the readers produce.
const (
	TypeText     PostType = "text"
	TypeImage    PostType = "image"
	TypeVideo    PostType = "video"
	TypeReel     PostType = "reel"
	TypeCarousel PostType = "carousel"
	TypeStory    PostType = "story"
	TypeLink     PostType = "link"
	TypeDocument PostType = "document"
	TypeOther    PostType = "other"
)

// Post is one row of an export, normalised. A counter is meaningful only when
// its Field is in Present: a column the export lacks differs from a 0.
type Post struct {
	PostID      string
	Platform    Platform
	Permalink   string
	PublishedAt time.Time
	Text        string
	Type        PostType

	Impressions int64
	Reach       int64
	Likes       int64 // likes, or reactions where the platform counts those
	Comments    int64
	Shares      int64 // shares, reposts, retweets
	Saves       int64 // saves, bookmarks
	Clicks      int64
	VideoViews  int64
	Engagements int64 // the platform's own engagement total, kept as given

	AvgWatchSeconds float64
	DurationSeconds float64
	ReportedCTR     float64 // the platform's own click-through rate, a fraction

	Present Present

	Format     Format    // the export the row came from
	ExportedAt time.Time // when that export was made, for Merge
	Source     string    // the file, for messages
	Line       int       // the row's line (CSV) or row number (sheet)
}

// Field names one column of Post. Mappings name fields by String().
type Field uint8

// The fields an export column can fill.
const (
	FieldNone Field = iota
	FieldPostID
	FieldPermalink
	FieldPublishedAt
	FieldText
	FieldType
	FieldImpressions
	FieldReach
	FieldLikes
	FieldComments
	FieldShares
	FieldSaves
	FieldClicks
	FieldVideoViews
	FieldEngagements
	FieldAvgWatchSeconds
	FieldDurationSeconds
	FieldReportedCTR
	FieldWatchHours // read only: gives AvgWatchSeconds with VideoViews
	fieldCount
)

var fieldNames = [fieldCount]string{
	"", "post_id", "permalink", "published_at", "text", "type",
	"impressions", "reach", "likes", "comments", "shares", "saves", "clicks",
	"video_views", "engagements", "avg_watch_seconds", "duration_seconds",
	"reported_ctr", "watch_hours",
}

// String returns the field's name as mappings store it ("reach").
func (f Field) String() string {
	if f < fieldCount {
		return fieldNames[f]
	}
	return fmt.Sprintf("field(%d)", uint8(f))
}

// ParseField returns the field with that name.
func ParseField(name string) (Field, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for f := FieldPostID; f < fieldCount; f++ {
		if fieldNames[f] == n {
			return f, nil
		}
	}
	return FieldNone, fmt.Errorf("results: %q is not a post field (expected one of %s)", name, strings.Join(fieldNames[1:], ", "))
}

// MarshalText writes the field's name.
func (f Field) MarshalText() ([]byte, error) {
	if f == FieldNone || f >= fieldCount {
		return nil, fmt.Errorf("results: cannot write field %d", uint8(f))
	}
	return []byte(f.String()), nil
}

// UnmarshalText reads a field's name.
func (f *Field) UnmarshalText(b []byte) error {
	v, err := ParseField(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Present is the set of fields a row actually carried.
type Present uint32

// Has reports whether the field was in the row.
func (p Present) Has(f Field) bool { return p&(1<<f) != 0 }

// With returns the set with f added.
func (p Present) With(f Field) Present { return p | 1<<f }

// Has reports whether the post's export carried the field.
func (p Post) Has(f Field) bool { return p.Present.Has(f) }

func (p *Post) setCount(f Field, v int64) {
	if c := p.counter(f); c != nil {
		*c = v
		p.Present = p.Present.With(f)
	}
}

func (p *Post) counter(f Field) *int64 {
	switch f {
	case FieldImpressions:
		return &p.Impressions
	case FieldReach:
		return &p.Reach
	case FieldLikes:
		return &p.Likes
	case FieldComments:
		return &p.Comments
	case FieldShares:
		return &p.Shares
	case FieldSaves:
		return &p.Saves
	case FieldClicks:
		return &p.Clicks
	case FieldVideoViews:
		return &p.VideoViews
	case FieldEngagements:
		return &p.Engagements
	}
	return nil
}

var counterFields = []Field{
	FieldImpressions, FieldReach, FieldLikes, FieldComments, FieldShares,
	FieldSaves, FieldClicks, FieldVideoViews, FieldEngagements,
}

// DailyTotal is one day of an account-level export (TikTok's Overview): the
// account's totals that day, not any one post's. They are kept apart from
// posts so that they never count as a post in a rate or a group.
type DailyTotal struct {
	Platform     Platform
	Date         time.Time // midnight of the day, in the reader's location
	VideoViews   int64
	ProfileViews int64
	Likes        int64
	Comments     int64
	Shares       int64
	NewFollowers int64
	Present      DailyPresent
	Source       string
	Line         int
}

// DailyPresent says which columns a daily row carried.
type DailyPresent uint8

// The daily columns.
const (
	DailyVideoViews DailyPresent = 1 << iota
	DailyProfileViews
	DailyLikes
	DailyComments
	DailyShares
	DailyNewFollowers
)

// FieldNames lists the fields a mapping can give a column, as mappings
// name them.
func FieldNames() []string { return append([]string(nil), fieldNames[1:]...) }
