package results

import (
	"regexp"
)

// LinkedIn page analytics › Content › Export: a workbook whose "All posts"
// sheet has a title row (a note on the data) above the header row. Sources:
// public parsers of real exports (testdata/README.md). The French headers are
// the French UI's wording, not confirmed against a real file.

var linkedinPosts = register(&spec{
	format:   FormatLinkedIn,
	platform: LinkedIn,
	columns: []column{
		col(FieldText, "Post title", "Update title", "fr:Titre du post", "fr:Titre de la publication"),
		col(FieldPermalink, "Post link", "Update link", "fr:Lien du post", "fr:Lien de la publication"),
		col(FieldPublishedAt, "Created date", "Date", "fr:Date de création", "fr:Date"),
		col(FieldType, "Content Type", "fr:Type de contenu"),
		col(FieldImpressions, "Impressions", "fr:Impressions"),
		col(FieldVideoViews, "Views (excluding off-site video views)", "fr:Vues (hors vues de vidéos hors site)"),
		col(FieldClicks, "Clicks", "fr:Clics"),
		col(FieldReportedCTR, "Click through rate (CTR)", "Click-Through Rate (CTR)", "fr:Taux de clics (CTR)"),
		col(FieldLikes, "Likes", "Reactions", "fr:J’aime", "fr:Réactions"),
		col(FieldComments, "Comments", "fr:Commentaires"),
		col(FieldShares, "Reposts", "Shares", "fr:Republications", "fr:Partages"),
		known("Post type", "Campaign name", "Posted by", "Published by", "Campaign start date",
			"Campaign end date", "Audience", "Off-site views", "Follows", "Followers",
			"Engagement rate", "fr:Type de post", "fr:Nom de la campagne", "fr:Publié par",
			"fr:Date de début de la campagne", "fr:Date de fin de la campagne", "fr:Audience",
			"fr:Vues hors site", "fr:Abonnements", "fr:Abonnés", "fr:Taux d’engagement"),
	},
	required: []Field{FieldPermalink, FieldImpressions},
	markers:  []string{"Post link", "Post title", "Lien du post", "Update link"},
	finish:   finishLinkedIn,
})

var linkedinURN = regexp.MustCompile(`(?:urn:li:|urn%3Ali%3A)(activity|share|ugcPost)(?::|%3A)(\d+)|activity-(\d{15,22})`)

// finishLinkedIn takes the post's URN from its link: the same post appears
// as /feed/update/urn:li:activity:N and as /posts/…-activity-N-xxxx.
func finishLinkedIn(p *Post, _ *rowReader) bool {
	if p.Permalink == "" {
		return true
	}
	if m := linkedinURN.FindStringSubmatch(p.Permalink); m != nil {
		if m[3] != "" {
			p.PostID = "urn:li:activity:" + m[3]
		} else {
			p.PostID = "urn:li:" + m[1] + ":" + m[2]
		}
		p.Present = p.Present.With(FieldPostID)
	}
	return false
}
