package results

import (
	"strconv"
	"time"
)

// X analytics. The old layout is tweet_activity_metrics_<handle>_<dates>.csv
// from analytics.twitter.com; the new one (2024+) is
// account_analytics_content_<from>_<to>.csv from the Analytics page of X
// Premium. Sources: public parsers of both (testdata/README.md). French
// headers for either are not confirmed.

var xLegacy = register(&spec{
	format:   FormatXLegacy,
	platform: X,
	columns: []column{
		col(FieldPostID, "Tweet id", "fr:Identifiant du Tweet"),
		col(FieldPermalink, "Tweet permalink", "fr:Permalien du Tweet"),
		col(FieldText, "Tweet text", "fr:Texte du Tweet"),
		col(FieldPublishedAt, "time", "fr:heure"),
		col(FieldImpressions, "impressions", "fr:impressions"),
		col(FieldEngagements, "engagements", "fr:engagements"),
		col(FieldShares, "retweets", "fr:Retweets"),
		col(FieldComments, "replies", "fr:réponses"),
		col(FieldLikes, "likes", "favorites", "fr:J'aime"),
		col(FieldClicks, "url clicks", "fr:clics sur l'URL"),
		col(FieldVideoViews, "media views", "fr:vues média"),
		col(FieldSaves, "bookmarks", "fr:signets"),
		known("engagement rate", "user profile clicks", "hashtag clicks", "detail expands",
			"permalink clicks", "app opens", "app installs", "follows", "email tweet",
			"dial phone", "media engagements", "fr:taux d'engagement",
			"fr:clics sur le profil de l'utilisateur", "fr:clics sur le hashtag",
			"fr:développements des détails", "fr:clics sur le permalien", "fr:engagements média"),
		known(promoted("impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
			"favorites", "user profile clicks", "url clicks", "hashtag clicks", "detail expands",
			"permalink clicks", "app opens", "app installs", "follows", "email tweet", "dial phone",
			"media views", "media engagements")...),
	},
	required: []Field{FieldPostID, FieldImpressions},
	markers:  []string{"Tweet id", "Tweet permalink", "Identifiant du Tweet"},
	finish:   finishX,
})

var xContent = register(&spec{
	format:   FormatX,
	platform: X,
	columns: []column{
		col(FieldPostID, "Post id", "fr:Identifiant du post", "fr:ID du post"),
		col(FieldPublishedAt, "Date", "fr:Date"),
		col(FieldText, "Post text", "fr:Texte du post"),
		col(FieldPermalink, "Post Link", "fr:Lien du post"),
		col(FieldImpressions, "Impressions", "fr:Impressions"),
		col(FieldLikes, "Likes", "fr:J'aime"),
		col(FieldEngagements, "Engagements", "fr:Engagements"),
		col(FieldSaves, "Bookmarks", "fr:Signets"),
		col(FieldShares, "Reposts", "fr:Reposts", "fr:Republications"),
		addCol(FieldShares, "Shares", "fr:Partages"),
		col(FieldComments, "Replies", "fr:Réponses"),
		col(FieldClicks, "URL Clicks", "fr:Clics sur l'URL"),
		col(FieldVideoViews, "Video views", "fr:Vues de la vidéo"),
		known("New follows", "Profile visits", "Detail Expands", "Hashtag Clicks", "Permalink Clicks",
			"Unfollows", "Media views", "Media engagements", "fr:Nouveaux abonnements",
			"fr:Visites du profil", "fr:Développements des détails", "fr:Clics sur les hashtags",
			"fr:Clics sur le permalien"),
	},
	required: []Field{FieldPostID, FieldImpressions},
	markers:  []string{"Post id", "Post Link", "Identifiant du post"},
	finish:   finishX,
})

// promoted names the legacy export's paid twins of its organic columns.
func promoted(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "promoted " + n
	}
	return out
}

// twitterEpoch is the Snowflake epoch, in Unix milliseconds.
const twitterEpoch = 1288834974657

// finishX takes the exact publication time from the post id: X ids are
// Snowflakes whose top 41 bits count milliseconds since 2010-11-04, while the
// new export's "Date" column has the day only.
func finishX(p *Post, r *rowReader) bool {
	if p.PostID == "" {
		return true
	}
	if id, err := strconv.ParseInt(p.PostID, 10, 64); err == nil && id > 1<<32 {
		ms := id>>22 + twitterEpoch
		t := time.UnixMilli(ms).In(r.dates.location())
		if !p.Has(FieldPublishedAt) || sameDayish(t, p.PublishedAt) {
			p.PublishedAt = t
			p.Present = p.Present.With(FieldPublishedAt)
		}
	}
	if p.Permalink == "" && p.PostID != "" {
		p.Permalink = "https://x.com/i/status/" + p.PostID
	}
	return false
}

// sameDayish reports whether the id's time agrees with the export's date to
// within a day and a half (time zones), so a mistyped id cannot move a post.
func sameDayish(a, b time.Time) bool {
	d := a.Sub(b)
	return d > -36*time.Hour && d < 36*time.Hour
}
