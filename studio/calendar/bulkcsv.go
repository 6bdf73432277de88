package calendar

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"time"
	"unicode/utf8"
)

// Entry is one post for a scheduling tool's bulk upload.
type Entry struct {
	PieceID  int64
	Platform string
	At       time.Time // UTC
	Text     string
	Link     string
}

// Hootsuite's bulk composer rules (docs/schedulers.md gives the sources).
const (
	HootsuiteLayout   = "01/02/2006 15:04" // month first, 24-hour clock
	HootsuiteMaxRows  = 350
	HootsuiteLead     = 10 * time.Minute // a post must be at least this far ahead
	hootsuiteMinuteOf = 5                // times end in 0 or 5
)

// hootsuiteLimits are the message lengths Hootsuite refuses past, per network.
var hootsuiteLimits = map[string]int{"x": 280, "linkedin": 3000, "facebook": 63206, "instagram": 2200, "threads": 500, "pinterest": 500, "youtube": 5000, "tiktok": 2200}

// BulkError is an entry a tool would refuse.
type BulkError struct {
	Tool    string
	PieceID int64
	Problem string
}

func (e *BulkError) Error() string {
	return fmt.Sprintf("%s would refuse piece %d: %s", e.Tool, e.PieceID, e.Problem)
}

// WriteHootsuiteCSV writes entries as Hootsuite's bulk composer reads them:
// no header, one post a row (date and time in loc, the message, the link),
// after checking what it refuses: more than 350 rows, a time less than 10
// minutes after now or not on a multiple of 5 minutes, a message over the
// network's length. Nothing is written when an entry fails.
func WriteHootsuiteCSV(w io.Writer, entries []Entry, loc *time.Location, now time.Time) error {
	if len(entries) > HootsuiteMaxRows {
		return &BulkError{Tool: "Hootsuite", PieceID: entries[HootsuiteMaxRows].PieceID, Problem: fmt.Sprintf("a bulk file holds at most %d posts; split the campaign", HootsuiteMaxRows)}
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	for _, e := range entries {
		local := e.At.In(loc)
		switch {
		case e.At.Before(now.Add(HootsuiteLead)):
			return &BulkError{"Hootsuite", e.PieceID, fmt.Sprintf("it is planned for %s, less than 10 minutes from now; plan it later", local.Format("2006-01-02 15:04"))}
		case local.Minute()%hootsuiteMinuteOf != 0 || local.Second() != 0:
			return &BulkError{"Hootsuite", e.PieceID, fmt.Sprintf("%s does not end in 0 or 5 minutes; move it to %s", local.Format("15:04"), local.Truncate(5*time.Minute).Format("15:04"))}
		}
		if max, ok := hootsuiteLimits[e.Platform]; ok && utf8.RuneCountInString(e.Text) > max {
			return &BulkError{"Hootsuite", e.PieceID, fmt.Sprintf("its text is %d characters, over %d for %s", utf8.RuneCountInString(e.Text), max, e.Platform)}
		}
		if err := cw.Write([]string{local.Format(HootsuiteLayout), e.Text, e.Link}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
