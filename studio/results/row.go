package results

import (
	"strings"
	"unicode/utf8"
)

// rowReader turns rows of one file into Posts, following the plan that
// detection made for its header.
type rowReader struct {
	file              string
	t                 table
	plan              plan
	nums              numberStyle
	dates             dateStyle
	lastDateHadNoYear bool
	strictWidth       bool // CSV rows must reach the header's last bound column
	maxIndex          int
	opts              Options
}

func newRowReader(name string, t table, p plan, opts Options) *rowReader {
	rr := &rowReader{file: name, t: t, plan: p, opts: opts, strictWidth: t.kind() == "CSV"}
	rr.nums = numberStyle{decimalComma: p.french}
	rr.dates = dateStyle{dayFirst: p.french, loc: opts.Location, ref: opts.ExportedAt}
	if p.mapping != nil {
		rr.nums.decimalComma = p.mapping.DecimalComma
		rr.dates.dayFirst = p.mapping.DayFirst
	}
	for _, b := range p.bindings {
		if b.index > rr.maxIndex {
			rr.maxIndex = b.index
		}
	}
	return rr
}

// post converts one row. line is the row's line when it was read ahead of
// the header scan, 0 when it is the table's current row.
func (rr *rowReader) post(rec []string, line int) (Post, bool, error) {
	p := Post{Platform: rr.plan.spec.platform, Format: rr.plan.spec.format, Source: rr.file, ExportedAt: rr.opts.ExportedAt}
	p.Line = line
	if line == 0 {
		p.Line = rr.t.line()
	}
	if rr.strictWidth && len(rec) <= rr.maxIndex && len(rec) < len(rr.plan.header) {
		return p, false, rr.fail(len(rec), line, "", ErrTruncated)
	}
	var typeRaw string
	var watchHours float64
	hasHours := false
	for _, b := range rr.plan.bindings {
		if b.index >= len(rec) {
			continue
		}
		cell := rec[b.index]
		if !utf8.ValidString(cell) {
			return p, false, rr.fail(b.index, line, "", ErrEncoding)
		}
		var err error
		switch b.field {
		case FieldWatchHours:
			watchHours, hasHours, _, err = rr.nums.parseNumber(cell)
		case FieldType:
			typeRaw = strings.TrimSpace(cell)
		default:
			err = rr.set(&p, b, cell)
		}
		if err != nil {
			return p, false, rr.fail(b.index, line, cell, err)
		}
	}
	rr.finishCommon(&p, typeRaw, watchHours, hasHours)
	skip := false
	if f := rr.plan.spec.finish; f != nil {
		skip = f(&p, rr)
	}
	return p, skip, nil
}

func (rr *rowReader) set(p *Post, b binding, cell string) error {
	switch b.field {
	case FieldPostID, FieldPermalink, FieldText:
		s := strings.TrimSpace(cell)
		if s == "" {
			return nil
		}
		switch b.field {
		case FieldPostID:
			p.PostID = s
		case FieldPermalink:
			p.Permalink = s
		default:
			p.Text = s
		}
		p.Present = p.Present.With(b.field)
	case FieldPublishedAt:
		return rr.setTime(p, cell)
	case FieldAvgWatchSeconds, FieldDurationSeconds:
		v, ok, err := rr.nums.parseSeconds(cell)
		if err != nil || !ok {
			return err
		}
		if b.field == FieldAvgWatchSeconds {
			p.AvgWatchSeconds = v
		} else {
			p.DurationSeconds = v
		}
		p.Present = p.Present.With(b.field)
	case FieldReportedCTR:
		v, ok, err := rr.nums.parseRate(cell, b.pct)
		if err != nil || !ok {
			return err
		}
		p.ReportedCTR, p.Present = v, p.Present.With(b.field)
	default:
		return rr.setCounter(p, b, cell)
	}
	return nil
}

func (rr *rowReader) setTime(p *Post, cell string) error {
	t, ok, err := rr.dates.parse(cell)
	if err != nil || !ok {
		return err
	}
	rr.lastDateHadNoYear = !hasYear(cell)
	p.PublishedAt, p.Present = t, p.Present.With(FieldPublishedAt)
	return nil
}

// hasYear reports whether a date cell writes a four-digit year (or is a
// spreadsheet serial number, which always has one).
func hasYear(cell string) bool {
	run := 0
	for _, r := range cell {
		if r >= '0' && r <= '9' {
			run++
			if run >= 4 {
				return true
			}
			continue
		}
		if r == '/' && run > 0 { // "9/28/26"
			return strings.Count(cell, "/") == 2
		}
		run = 0
	}
	return false
}

func (rr *rowReader) setCounter(p *Post, b binding, cell string) error {
	v, ok, err := rr.nums.parseCount(cell)
	if err != nil || !ok {
		return err
	}
	if b.add && p.Has(b.field) {
		v += *p.counter(b.field)
	}
	p.setCount(b.field, v)
	return nil
}

// finishCommon folds the type and derives the average watch time from watch
// hours where the export gives those instead.
func (rr *rowReader) finishCommon(p *Post, typeRaw string, hours float64, hasHours bool) {
	if typeRaw != "" {
		p.Type, p.Present = foldType(typeRaw), p.Present.With(FieldType)
	}
	if hasHours && !p.Has(FieldAvgWatchSeconds) && p.Has(FieldVideoViews) && p.VideoViews > 0 {
		p.AvgWatchSeconds = hours * 3600 / float64(p.VideoViews)
		p.Present = p.Present.With(FieldAvgWatchSeconds)
	}
}

func (rr *rowReader) fail(col, line int, value string, err error) error {
	pe := &ParseError{File: rr.file, Sheet: rr.t.sheet(), Line: line, Column: col + 1, Value: value, Err: err}
	if line == 0 {
		pe.Line = rr.t.fieldLine(min(col, len(rr.plan.header)-1))
	}
	if col < len(rr.plan.header) {
		pe.Header = strings.TrimSpace(strings.TrimPrefix(rr.plan.header[col], "\ufeff"))
	}
	return pe
}

// foldType maps the platforms' own words for a post's kind onto PostType.
func foldType(raw string) PostType {
	s := normHeader(raw)
	for _, k := range []struct {
		words []string
		t     PostType
	}{
		{[]string{"reel"}, TypeReel},
		{[]string{"carousel", "carrousel", "album", "multi"}, TypeCarousel},
		{[]string{"story", "stories", "storie"}, TypeStory},
		{[]string{"video", "live"}, TypeVideo},
		{[]string{"photo", "image", "picture"}, TypeImage},
		{[]string{"document", "pdf"}, TypeDocument},
		{[]string{"link", "lien", "article"}, TypeLink},
		{[]string{"text", "texte", "status", "statut", "poll", "sondage"}, TypeText},
	} {
		for _, w := range k.words {
			if strings.Contains(s, w) {
				return k.t
			}
		}
	}
	return TypeOther
}
