package results

import (
	"regexp"
	"strconv"
	"time"
)

// TikTok Studio › Analytics › Download data. The per-video file is
// Content.csv (in Content_<handle>.zip); the account file is Overview.csv,
// one row per day with the account's totals. Headers stay English in the
// exports seen from other UI languages; only the dates are localised, and
// they carry no year. French headers below are not confirmed.

var tiktokVideos = register(&spec{
	format:   FormatTikTokVideos,
	platform: TikTok,
	columns: []column{
		col(FieldText, "Video title", "fr:Titre de la vidéo"),
		col(FieldPermalink, "Video link", "fr:Lien de la vidéo"),
		col(FieldPublishedAt, "Post time", "fr:Heure de publication", "fr:Date de publication"),
		col(FieldLikes, "Total likes", "fr:Total des J'aime", "fr:J'aime"),
		col(FieldComments, "Total comments", "fr:Total des commentaires", "fr:Commentaires"),
		col(FieldShares, "Total shares", "fr:Total des partages", "fr:Partages"),
		col(FieldVideoViews, "Total views", "Video views", "fr:Total des vues", "fr:Vues"),
		col(FieldSaves, "Total saves", "Total favorites", "fr:Total des favoris"),
		known("Time", "Views in the last 7 days", "fr:Heure", "fr:Date"),
	},
	required: []Field{FieldPermalink, FieldVideoViews},
	markers:  []string{"Video link", "Lien de la vidéo"},
	finish:   finishTikTok,
})

var tiktokOverview = register(&spec{
	format:   FormatTikTokOverview,
	platform: TikTok,
	daily:    true,
	columns: []column{
		col(FieldPublishedAt, "Date", "fr:Date"),
		col(FieldVideoViews, "Video Views", "fr:Vues de vidéos", "fr:Vues des vidéos"),
		col(FieldImpressions, "Profile Views", "fr:Vues du profil"), // profile views, see dailyOf
		col(FieldLikes, "Likes", "fr:J'aime"),
		col(FieldComments, "Comments", "fr:Commentaires"),
		col(FieldShares, "Shares", "fr:Partages"),
		col(FieldReach, "New followers", "fr:Nouveaux abonnés"), // new followers, see dailyOf
	},
	required: []Field{FieldPublishedAt, FieldVideoViews},
	markers:  []string{"Profile Views", "Vues du profil"},
})

var tiktokVideoID = regexp.MustCompile(`/video/(\d{15,22})`)

// finishTikTok takes the video id from the link and the publication time
// from the id when the date has no year: a TikTok id's top 32 bits are the
// Unix second it was created.
func finishTikTok(p *Post, r *rowReader) bool {
	p.Type = TypeVideo
	p.Present = p.Present.With(FieldType)
	m := tiktokVideoID.FindStringSubmatch(p.Permalink)
	if m == nil {
		return p.Permalink == ""
	}
	p.PostID = m[1]
	p.Present = p.Present.With(FieldPostID)
	id, err := strconv.ParseUint(m[1], 10, 64)
	if err != nil {
		return false
	}
	created := time.Unix(int64(id>>32), 0).In(r.dates.location())
	if created.Year() < 2016 || created.After(time.Now().Add(48*time.Hour)) {
		return false
	}
	// The id gives the upload second; "Post time" gives the day it went out
	// (an upload can be scheduled), often without a clock or a year. Keep the
	// export's day and take the clock from the id.
	if p.Has(FieldPublishedAt) && (r.lastDateHadNoYear || onlyDay(p.PublishedAt)) {
		y, mo, d := p.PublishedAt.Date()
		h, mi, s := created.Clock()
		created = time.Date(y, mo, d, h, mi, s, 0, created.Location())
	} else if p.Has(FieldPublishedAt) {
		return false
	}
	p.PublishedAt = created
	p.Present = p.Present.With(FieldPublishedAt)
	return false
}

func onlyDay(t time.Time) bool {
	h, m, s := t.Clock()
	return h == 0 && m == 0 && s == 0
}

// dailyOf turns an Overview row, read as a post, into the day's totals.
func dailyOf(p Post) DailyTotal {
	d := DailyTotal{Platform: TikTok, Source: p.Source, Line: p.Line}
	y, m, day := p.PublishedAt.Date()
	d.Date = time.Date(y, m, day, 0, 0, 0, 0, p.PublishedAt.Location())
	pairs := []struct {
		f    Field
		v    int64
		dst  *int64
		flag DailyPresent
	}{
		{FieldVideoViews, p.VideoViews, &d.VideoViews, DailyVideoViews},
		{FieldImpressions, p.Impressions, &d.ProfileViews, DailyProfileViews},
		{FieldLikes, p.Likes, &d.Likes, DailyLikes},
		{FieldComments, p.Comments, &d.Comments, DailyComments},
		{FieldShares, p.Shares, &d.Shares, DailyShares},
		{FieldReach, p.Reach, &d.NewFollowers, DailyNewFollowers},
	}
	for _, x := range pairs {
		if p.Has(x.f) {
			*x.dst = x.v
			d.Present |= x.flag
		}
	}
	return d
}
