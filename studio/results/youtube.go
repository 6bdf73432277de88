package results

import "strings"

// YouTube Studio › Analytics › Advanced mode › Content › Export current view
// › CSV gives a zip whose "Table data.csv" has one row per video, after a
// "Total" row. Sources: public parsers of real exports, English and French
// (testdata/README.md).

var youtubeContent = register(&spec{
	format:   FormatYouTube,
	platform: YouTube,
	columns: []column{
		col(FieldPostID, "Content", "fr:Contenu"),
		col(FieldText, "Video title", "fr:Titre de la vidéo"),
		col(FieldPublishedAt, "Video publish time", "fr:Heure de publication de la vidéo"),
		col(FieldDurationSeconds, "Duration", "fr:Durée"),
		col(FieldVideoViews, "Views", "fr:Vues"),
		col(FieldWatchHours, "Watch time (hours)", "fr:Durée de visionnage (heures)"),
		col(FieldAvgWatchSeconds, "Average view duration", "fr:Durée moyenne de visionnage", "fr:Durée moyenne d'une vue"),
		col(FieldImpressions, "Impressions", "Thumbnail impressions", "fr:Impressions", "fr:Impressions de la miniature"),
		pctCol(FieldReportedCTR, "Impressions click-through rate (%)", "Thumbnail click-through rate (%)",
			"fr:Taux de clics par impression (%)", "fr:Taux de clics des impressions (%)"),
		col(FieldLikes, "Likes", "fr:J'aime", "fr:Mentions J'aime"),
		col(FieldComments, "Comments added", "fr:Commentaires ajoutés"),
		col(FieldShares, "Shares", "fr:Partages"),
		known("Subscribers", "Subscribers gained", "Subscribers lost", "Engaged views", "Stayed to watch (%)",
			"Average percentage viewed (%)", "Dislikes", "Likes (vs. dislikes) (%)", "New viewers",
			"Returning viewers", "Unique viewers", "Estimated revenue (USD)", "Your estimated revenue (USD)",
			"RPM (USD)", "CPM (USD)", "YouTube Premium views",
			"fr:Abonnés", "fr:Abonnés gagnés", "fr:Abonnés perdus", "fr:Vues engagées",
			"fr:Ont continué de regarder (%)", "fr:Pourcentage moyen regardé (%)",
			"fr:Pourcentage moyen de vidéo regardé (%)", "fr:Spectateurs uniques", "fr:Nouveaux abonnés"),
	},
	required: []Field{FieldPostID, FieldVideoViews},
	markers:  []string{"Video title", "Video publish time", "Titre de la vidéo"},
	finish:   finishYouTube,
})

// finishYouTube skips the "Total" row, trims the space Studio puts before
// ids that start with "-", and links the video.
func finishYouTube(p *Post, _ *rowReader) bool {
	p.PostID = strings.TrimSpace(p.PostID)
	if p.PostID == "" || strings.EqualFold(p.PostID, "total") {
		return true
	}
	if !p.Has(FieldType) {
		p.Type = TypeVideo
		p.Present = p.Present.With(FieldType)
	}
	p.Permalink = "https://www.youtube.com/watch?v=" + p.PostID
	p.Present = p.Present.With(FieldPermalink)
	return false
}
