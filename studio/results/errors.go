package results

import (
	"errors"
	"fmt"
	"strings"
)

// The conditions a file can fail on; errors.Is finds them inside a
// *ParseError.
var (
	ErrEmpty     = errors.New("the file is empty")
	ErrBinary    = errors.New("the file is binary, not a text export")
	ErrEncoding  = errors.New("the text is not valid UTF-8 (save the export as UTF-8 or UTF-16)")
	ErrTruncated = errors.New("the row stops short of the header's columns; the file may be cut off")
	// ErrBadWorkbook: an .xlsx or .xls that cannot be opened (damaged, cut
	// off, or password-protected).
	ErrBadWorkbook = errors.New("not a readable Excel workbook; the file may be damaged, cut off or password-protected")
)

// ParseError says where in which file reading stopped: Line and Column are
// 1-based (a sheet's row and column for a workbook), 0 when they do not
// apply. Header names the column, Value quotes the cell.
type ParseError struct {
	File   string
	Sheet  string
	Line   int
	Column int
	Header string
	Value  string
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, " (sheet %q)", e.Sheet)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Header != "" {
		fmt.Fprintf(&b, "column %q: ", e.Header)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "%q ", clip(e.Value, 40))
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// UnknownFormatError refuses a file that is none of the known exports and
// says what it looks like, so the user can recognise it or map its columns.
type UnknownFormatError struct {
	File    string
	Kind    string // "CSV", "workbook sheet"
	Sheet   string
	Columns []string
}

func (e *UnknownFormatError) Error() string {
	cols := make([]string, 0, 6)
	for i, c := range e.Columns {
		if i == 5 {
			cols = append(cols, "…")
			break
		}
		cols = append(cols, clip(strings.TrimSpace(c), 30))
	}
	what := fmt.Sprintf("a %s with %d columns: %s", e.Kind, len(e.Columns), strings.Join(cols, ", "))
	if e.Sheet != "" {
		what = fmt.Sprintf("a %s %q with %d columns: %s", e.Kind, e.Sheet, len(e.Columns), strings.Join(cols, ", "))
	}
	if len(e.Columns) == 0 {
		what = "a " + e.Kind + " with no header row"
	}
	return fmt.Sprintf("%s: %s; none of Atelier's known exports (map its columns to import it)", e.File, what)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
