package results

// The metrics, defined once. docs/results.md gives each definition with its
// source.

// Interactions is likes (or reactions) + comments + shares (reposts,
// retweets) + saves (bookmarks), from whichever of those columns the export
// gives; ok is false when it gives none of them. Clicks and views are not
// interactions: they are read by ClickThroughRate and AvgWatchTime.
func Interactions(p Post) (n int64, ok bool) {
	for _, f := range []Field{FieldLikes, FieldComments, FieldShares, FieldSaves} {
		if p.Has(f) {
			n += *p.counter(f)
			ok = true
		}
	}
	return n, ok
}

// Denominator is what the engagement rate divides by, and which field that
// is: reach where the export gives it (Meta), else impressions (X, LinkedIn),
// else video views where a video platform gives no impressions of the post
// itself (TikTok; YouTube, whose "Impressions" are thumbnail showings in
// lists, not views of the video). ok is false when none is above zero.
func Denominator(p Post) (n int64, f Field, ok bool) {
	if p.Has(FieldReach) && p.Reach > 0 {
		return p.Reach, FieldReach, true
	}
	video := p.Platform == TikTok || p.Platform == YouTube
	if !video && p.Has(FieldImpressions) && p.Impressions > 0 {
		return p.Impressions, FieldImpressions, true
	}
	if p.Has(FieldVideoViews) && p.VideoViews > 0 {
		return p.VideoViews, FieldVideoViews, true
	}
	if p.Has(FieldImpressions) && p.Impressions > 0 {
		return p.Impressions, FieldImpressions, true
	}
	return 0, FieldNone, false
}

// EngagementRate is Interactions ÷ Denominator.
func EngagementRate(p Post) (float64, bool) {
	n, ok := Interactions(p)
	d, _, dok := Denominator(p)
	if !ok || !dok {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// ClickThroughRate is clicks ÷ impressions. Where the export gives no clicks
// but its own rate (YouTube's "Impressions click-through rate (%)", the share
// of thumbnail showings that became views), that rate is returned.
func ClickThroughRate(p Post) (float64, bool) {
	if p.Has(FieldClicks) && p.Has(FieldImpressions) && p.Impressions > 0 {
		return float64(p.Clicks) / float64(p.Impressions), true
	}
	if p.Has(FieldReportedCTR) {
		return p.ReportedCTR, true
	}
	return 0, false
}

// AvgWatchTime is the average seconds a view of the video lasted, where the
// export gives it (YouTube's "Average view duration", Facebook's "Average
// Seconds viewed") or gives watch hours and views to derive it from.
func AvgWatchTime(p Post) (float64, bool) {
	if p.Has(FieldAvgWatchSeconds) {
		return p.AvgWatchSeconds, true
	}
	return 0, false
}
