package results

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// headerScan is how many leading rows may precede the header (title rows,
// notes) before a file is judged unknown.
const headerScan = 10

// Options tune a read.
type Options struct {
	// Mapping, when its columns are all in the header, reads the file with
	// the user's mapping instead of a known layout.
	Mapping *Mapping
	// Location is the zone of times written without one (Meta, LinkedIn,
	// TikTok write local times). Default UTC.
	Location *time.Location
	// ExportedAt is when the export was made: Merge prefers its text, and
	// year-less dates (TikTok) take their year from it. ReadFile defaults it
	// to the file's modification time, Read to now.
	ExportedAt time.Time
}

// Sink receives what a file holds, row by row, as it is read. Post is
// required; Daily receives account-level days (TikTok Overview) and may be
// nil to drop them. An error from either stops the read and is returned.
type Sink struct {
	Post  func(Post) error
	Daily func(DailyTotal) error
}

// Summary says what a read found.
type Summary struct {
	File       string
	Format     Format
	Platform   Platform
	Confidence float64
	French     bool
	HeaderLine int
	Rows       int // data rows read
	Posts      int // posts delivered
	Days       int // daily totals delivered
	Skipped    int // rows without a post (YouTube's "Total", empty rows)
}

// ReadFile reads an export file (CSV, TSV or .xlsx) and streams its rows to
// sink. A file that is none of the known exports (nor matches opts.Mapping)
// returns an *UnknownFormatError before anything reaches the sink.
func ReadFile(path string, opts Options, sink Sink) (Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return Summary{File: path}, err
	}
	defer f.Close()
	if opts.ExportedAt.IsZero() {
		if st, err := f.Stat(); err == nil {
			opts.ExportedAt = st.ModTime()
		}
	}
	return read(f, filepath.Base(path), path, opts, sink)
}

// Read reads an export from r; name is the file's name, for messages.
func Read(r io.Reader, name string, opts Options, sink Sink) (Summary, error) {
	return read(r, name, "", opts, sink)
}

func read(r io.Reader, name, path string, opts Options, sink Sink) (Summary, error) {
	sum := Summary{File: name}
	if sink.Post == nil {
		return sum, errors.New("results: Sink.Post is nil")
	}
	if opts.ExportedAt.IsZero() {
		opts.ExportedAt = time.Now()
	}
	kind, br, err := sniff(r)
	if err != nil {
		return sum, &ParseError{File: name, Err: err}
	}
	switch kind {
	case inputOLE:
		return readLegacyWorkbook(br, name, path, opts, sink)
	case inputZip:
		return readWorkbook(br, name, path, opts, sink)
	}
	t, err := newCSVTable(br)
	if err != nil {
		return sum, &ParseError{File: name, Err: err}
	}
	return readTable(t, name, opts, sink)
}

// pending is a row read while looking for the header.
type pending struct {
	rec  []string
	line int
}

func readTable(t table, name string, opts Options, sink Sink) (Summary, error) {
	sum := Summary{File: name}
	rows, err := scanHead(t, name)
	if err != nil {
		return sum, err
	}
	p, at, ok := findHeader(rows, opts.Mapping)
	if !ok {
		return sum, unknown(name, t, rows)
	}
	rr := newRowReader(name, t, p, opts)
	sum.Format, sum.Platform, sum.Confidence, sum.French = p.spec.format, p.spec.platform, p.confidence, p.french
	sum.HeaderLine = rows[at].line
	for _, row := range rows[at+1:] {
		if err := rr.deliver(row.rec, row.line, &sum, sink); err != nil {
			return sum, err
		}
	}
	for {
		rec, err := t.next()
		if err == io.EOF {
			return sum, nil
		}
		if err != nil {
			return sum, located(err, name, t)
		}
		if err := rr.deliver(rec, 0, &sum, sink); err != nil {
			return sum, err
		}
	}
}

func scanHead(t table, name string) ([]pending, error) {
	var rows []pending
	for len(rows) < headerScan {
		rec, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, located(err, name, t)
		}
		for i, c := range rec {
			if !utf8.ValidString(c) {
				return nil, &ParseError{File: name, Sheet: t.sheet(), Line: t.fieldLine(i), Column: i + 1, Err: ErrEncoding}
			}
		}
		rows = append(rows, pending{rec: append([]string(nil), rec...), line: t.line()})
	}
	if len(rows) == 0 {
		return nil, &ParseError{File: name, Sheet: t.sheet(), Err: ErrEmpty}
	}
	return rows, nil
}

// findHeader picks the first leading row that the mapping or a known layout
// recognises.
func findHeader(rows []pending, m *Mapping) (plan, int, bool) {
	for i, row := range rows {
		if m != nil {
			if p, ok := m.plan(row.rec); ok {
				return p, i, true
			}
		}
		if p := detectPlan(row.rec); p.spec != nil && p.confidence >= MinConfidence {
			return p, i, true
		}
	}
	return plan{}, 0, false
}

// unknown describes the file by its widest leading row, the likeliest header.
func unknown(name string, t table, rows []pending) error {
	best := rows[0].rec
	for _, r := range rows {
		if filled(r.rec) > filled(best) {
			best = r.rec
		}
	}
	cols := append([]string(nil), best...)
	for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
		cols = cols[:len(cols)-1]
	}
	return &UnknownFormatError{File: name, Kind: t.kind(), Sheet: t.sheet(), Columns: cols}
}

func filled(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func located(err error, name string, t table) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File, pe.Sheet = name, t.sheet()
		return pe
	}
	return &ParseError{File: name, Sheet: t.sheet(), Line: t.line(), Err: err}
}

func (rr *rowReader) deliver(rec []string, line int, sum *Summary, sink Sink) error {
	if filled(rec) == 0 {
		return nil
	}
	if line == 0 {
		line = rr.t.line()
	}
	sum.Rows++
	p, skip, err := rr.post(rec, line)
	if err != nil {
		return err
	}
	if skip {
		sum.Skipped++
		return nil
	}
	if rr.plan.spec.daily {
		if sink.Daily == nil {
			return nil
		}
		sum.Days++
		return wrapSink(sink.Daily(dailyOf(p)))
	}
	sum.Posts++
	return wrapSink(sink.Post(p))
}

func wrapSink(err error) error {
	if err != nil {
		return fmt.Errorf("results: import stopped: %w", err)
	}
	return nil
}
