// Package results reads back what posts did from the platforms' own export
// files (Meta Business Suite, LinkedIn page analytics, X analytics, TikTok
// Studio, YouTube Studio), normalises every row into a Post, and computes the
// metrics Atelier shows: interactions, engagement rate, click-through rate,
// average watch time, grouped with confidence intervals, best time slots and
// the best past posts for prompting.
//
// Readers stream: a file is never loaded whole, every row goes to a callback
// as soon as it is read. A file that is none of the known exports is refused
// with an *UnknownFormatError and nothing is delivered; a Mapping saved by the
// user makes such a file readable.
//
// The package is pure Go and imports nothing of Atelier's: the studio, the CLI
// and the window wire it to the store. docs/results.md documents the formats,
// the metric definitions and their sources.
package results
