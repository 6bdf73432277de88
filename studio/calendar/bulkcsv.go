package calendar

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"time"

	"atelier/studio/platform"
)

// BulkOptions are what a bulk CSV needs beyond the entries.
type BulkOptions struct {
	// Location is the zone set in the tool for the account: the files
	// carry clock times with no offset, read on that clock. Set the tool to
	// the brand's zone and pass the brand's zone here.
	Location *time.Location
	// Now is the upload time the minimum lead is counted from.
	Now time.Time
	// DayFirst writes Hootsuite's dates day first (DD/MM/YYYY), the
	// other order its upload form offers; false writes HootsuiteLayout.
	DayFirst bool
	// MediaBaseURL is where the bundle's files are published (the tools
	// fetch media from public URLs): a local media path is joined to it.
	// Empty: local media are left out of the file and listed in Notes.
	MediaBaseURL string
	// Registry gives the platforms' text limits; nil: platform.Default().
	Registry *platform.Registry

	mixed bool // WriteHootsuiteCSV's one file for every platform
}

// BulkFile is one bulk CSV: one tool, one platform (the tools post every
// row of a file to the accounts chosen at upload).
type BulkFile struct {
	Tool     Tool
	Platform string
	Name     string   // "buffer-instagram.csv"
	Data     []byte   // UTF-8, no byte-order mark, CRLF line ends
	Rows     int      // posts in the file
	Notes    []string // what the CM must do by hand in the tool, such as attaching a local image
}

// BulkError is an entry a tool would refuse, or a file over a limit.
type BulkError struct {
	Tool    string // the tool's name
	PieceID int64  // 0 for the file as a whole
	Limit   string // the limit broken: "text_limit", "minute_step", "min_lead", "max_rows", "platform", "media", "unique", "ambiguous_time", "time"
	Problem string // what is wrong and what to do
}

func (e *BulkError) Error() string {
	if e.PieceID == 0 {
		return fmt.Sprintf("%s CSV: %s", e.Tool, e.Problem)
	}
	return fmt.Sprintf("%s CSV: piece %d: %s", e.Tool, e.PieceID, e.Problem)
}

// BulkCSVs writes the entries as tool's bulk CSVs, one file per platform,
// in time order. Every entry the tool would refuse is reported, joined in
// one error of *BulkError (errors.As finds the first), and then no file is
// returned.
func BulkCSVs(tool Tool, entries []Entry, opt BulkOptions) ([]BulkFile, error) {
	byPlatform := map[string][]Entry{}
	var platforms []string
	for _, e := range sortedEntries(entries) {
		if _, ok := byPlatform[e.Platform]; !ok {
			platforms = append(platforms, e.Platform)
		}
		byPlatform[e.Platform] = append(byPlatform[e.Platform], e)
	}
	var files []BulkFile
	var errs []error
	for _, p := range platforms {
		var b bytes.Buffer
		notes, err := WriteBulkCSV(&b, tool, byPlatform[p], opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, BulkFile{Tool: tool, Platform: p, Name: fmt.Sprintf("%s-%s.csv", tool, p), Data: b.Bytes(), Rows: len(byPlatform[p]), Notes: notes})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return files, nil
}

// WriteBulkCSV writes entries of one platform as one of tool's bulk CSVs,
// in time order, and returns the notes of what to finish by hand in the
// tool. Nothing is written when an entry breaks one of the tool's limits:
// the error joins a *BulkError for each.
func WriteBulkCSV(w io.Writer, tool Tool, entries []Entry, opt BulkOptions) ([]string, error) {
	f, ok := FormatOf(tool)
	if !ok {
		return nil, &BulkError{Tool: string(tool), Limit: "tool", Problem: fmt.Sprintf("no bulk format for %q; Atelier writes buffer, hootsuite, later and meta", tool)}
	}
	if opt.DayFirst && f.Tool == Hootsuite {
		f.DateLayout = HootsuiteDayFirstLayout
	}
	rows, notes, err := bulkRows(&f, sortedEntries(entries), opt)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	if f.Header != nil {
		cw.Write(f.Header)
	}
	for _, r := range rows {
		cw.Write(f.row(r))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, fmt.Errorf("%s CSV: %w", f.Name, err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return nil, fmt.Errorf("writing the %s CSV: %w", f.Name, err)
	}
	return notes, nil
}

// bulkRows validates the entries against f and lays out their times and
// media.
func bulkRows(f *BulkFormat, entries []Entry, opt BulkOptions) ([]bulkRow, []string, error) {
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.Registry == nil {
		opt.Registry = platform.Default()
	}
	var errs []error
	if len(entries) > f.MaxRows {
		errs = append(errs, &BulkError{Tool: f.Name, Limit: "max_rows",
			Problem: fmt.Sprintf("a bulk file holds at most %d posts and this one has %d; split the campaign (a shorter date range)", f.MaxRows, len(entries))})
	}
	platforms := map[string]bool{}
	seen := map[string]int64{}
	var rows []bulkRow
	var notes []string
	for _, e := range entries {
		platforms[e.Platform] = true
		e.Text = strings.ReplaceAll(e.Text, "\r\n", "\n")
		r := bulkRow{e: e, local: e.At.In(opt.Location), f: f}
		var n []string
		r.media, n = publicMedia(f, e, opt.MediaBaseURL)
		notes = append(notes, n...)
		errs = append(errs, checkEntry(r, opt)...)
		key := e.Platform + "\x00" + r.text() // a duplicate is refused per profile
		if first, dup := seen[key]; dup && f.Unique {
			errs = append(errs, &BulkError{Tool: f.Name, PieceID: e.PieceID, Limit: "unique",
				Problem: fmt.Sprintf("the same text as piece %d; %s refuses duplicates: change one of them", first, f.Name)})
		} else if !dup {
			seen[key] = e.PieceID
		}
		rows = append(rows, r)
	}
	if len(platforms) > 1 && !opt.mixed {
		errs = append(errs, &BulkError{Tool: f.Name, Limit: "platform",
			Problem: "the posts are for several platforms, and the tool posts a file's rows to the accounts chosen at upload: write one file per platform (BulkCSVs does)"})
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return rows, notes, nil
}

// publicMedia are the entry's media as the public URLs the tool fetches,
// and notes for the ones the CM must attach by hand.
func publicMedia(f *BulkFormat, e Entry, base string) ([]string, []string) {
	var urls, notes []string
	for _, m := range e.MediaFiles {
		u := m
		if !isHTTPURL(m) {
			if base == "" {
				notes = append(notes, fmt.Sprintf("%s: attach %s to piece %d by hand (the file lists public URLs only)", f.Name, m, e.PieceID))
				continue
			}
			u = strings.TrimSuffix(base, "/") + "/" + (&url.URL{Path: path.Clean(strings.TrimPrefix(m, "/"))}).EscapedPath()
		}
		if len(urls) >= f.MediaURLs {
			notes = append(notes, fmt.Sprintf("%s: attach %s to piece %d by hand (a row takes %d media URL)", f.Name, m, e.PieceID, f.MediaURLs))
			continue
		}
		urls = append(urls, u)
	}
	return urls, notes
}

// WriteHootsuiteCSV writes entries as Hootsuite's bulk composer reads
// them (no header; date and time in loc, HootsuiteLayout; the message; the
// link), in one file whatever their platforms, after checking what it
// refuses: more than 350 rows, a time less than 10 minutes after now or off
// the 5-minute grid, a message over the network's length, two identical
// messages. Nothing is written when an entry fails. Hootsuite posts every
// row to every profile chosen at upload: BulkCSVs writes one file per
// platform instead.
func WriteHootsuiteCSV(w io.Writer, entries []Entry, loc *time.Location, now time.Time) error {
	_, err := WriteBulkCSV(w, Hootsuite, entries, BulkOptions{Location: loc, Now: now, mixed: true})
	return err
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
