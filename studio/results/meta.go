package results

// Meta Business Suite › Insights › Content › Export, one CSV per platform,
// one row per post with lifetime totals (the "Date" column says "Lifetime").
// English headers: public parsers of real exports (see testdata/README.md).
// French headers: the French UI's wording; not confirmed against a real file.

var metaCommon = []column{
	col(FieldPostID, "Post ID", "fr:Identifiant de la publication", "fr:ID de la publication"),
	col(FieldPermalink, "Permalink", "fr:Permalien", "fr:Lien permanent"),
	col(FieldPublishedAt, "Publish time", "fr:Heure de publication", "fr:Date de publication"),
	col(FieldType, "Post type", "fr:Type de publication"),
	col(FieldDurationSeconds, "Duration (sec)", "fr:Durée (s)", "fr:Durée (sec)"),
	col(FieldReach, "Reach", "fr:Couverture"),
	col(FieldImpressions, "Impressions", "fr:Impressions"),
	col(FieldVideoViews, "Views", "fr:Vues"),
	col(FieldComments, "Comments", "fr:Commentaires"),
	col(FieldShares, "Shares", "fr:Partages"),
	known("Date", "Data comment", "Description", "Follows", "fr:Commentaire sur les données",
		"fr:Abonnements", "fr:Suivis", "Account ID", "fr:Identifiant du compte"),
}

var metaInstagram = register(&spec{
	format:   FormatMetaInstagram,
	platform: Instagram,
	columns: append([]column{
		col(FieldText, "Description", "fr:Description"),
		col(FieldLikes, "Likes", "fr:J’aime", "fr:Mentions J’aime"),
		col(FieldSaves, "Saves", "fr:Enregistrements"),
		known("Account username", "Account name", "fr:Nom d’utilisateur du compte", "fr:Nom du compte"),
	}, metaCommon...),
	required: []Field{FieldPostID, FieldPublishedAt},
	markers:  []string{"Account username", "Nom d’utilisateur du compte", "Saves", "Enregistrements"},
	finish:   finishMeta,
})

var metaFacebook = register(&spec{
	format:   FormatMetaFacebook,
	platform: Facebook,
	columns: append([]column{
		col(FieldText, "Title", "fr:Titre", "Description", "fr:Description"),
		col(FieldLikes, "Reactions", "fr:Réactions"),
		col(FieldClicks, "Link clicks", "Total clicks", "fr:Clics sur un lien", "fr:Total des clics"),
		col(FieldEngagements, "Reactions, Comments and Shares", "fr:Réactions, commentaires et partages"),
		col(FieldAvgWatchSeconds, "Average Seconds viewed", "fr:Moyenne des secondes visionnées"),
		known("Page ID", "Page name", "Caption type", "Is crosspost", "Is share", "Languages",
			"Custom labels", "Funded content status", "Other Clicks", "Seconds viewed",
			"Matched Audience Targeting Consumption (Photo Click)",
			"Negative feedback from users: Hide all", "Negative feedback from users: Hide",
			"3-Second Video Views", "1-Minute Video Views", "Estimated earnings (USD)",
			"Approximate content monetization earnings", "Qualified Views",
			"fr:Identifiant de la Page", "fr:Nom de la Page", "fr:Type de légende", "fr:Langues",
			"fr:Libellés personnalisés", "fr:Autres clics", "fr:Secondes visionnées"),
	}, metaCommon...),
	required: []Field{FieldPostID, FieldPublishedAt},
	markers:  []string{"Page ID", "Page name", "Reactions", "Identifiant de la Page", "Nom de la Page", "Réactions"},
	finish:   finishMeta,
})

// finishMeta reads Meta's "Views" (since 2025 the count of times the post
// was seen, in place of impressions) as impressions when the file has no
// impressions column, and as video views only for videos and reels.
func finishMeta(p *Post, _ *rowReader) bool {
	if p.Has(FieldVideoViews) {
		if !p.Has(FieldImpressions) {
			p.setCount(FieldImpressions, p.VideoViews)
		}
		if p.Type != TypeVideo && p.Type != TypeReel {
			p.VideoViews = 0
			p.Present &^= 1 << FieldVideoViews
		}
	}
	return p.PostID == ""
}
