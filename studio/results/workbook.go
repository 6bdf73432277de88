package results

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// postSheets are the sheet names LinkedIn gives its per-post sheet, read
// first; the other sheets are tried after them.
var postSheets = []string{"all posts", "toutes les publications", "tous les posts", "publications"}

// readWorkbook reads an .xlsx export. Sheets are tried in turn, the per-post
// sheet first; the first one whose header is recognised is read, row by row.
func readWorkbook(r io.Reader, name, path string, opts Options, sink Sink) (Summary, error) {
	var f *excelize.File
	var err error
	if path != "" {
		f, err = excelize.OpenFile(path)
	} else {
		f, err = excelize.OpenReader(r)
	}
	if err != nil {
		return Summary{File: name}, &ParseError{File: name, Err: fmt.Errorf("%w (%v)", ErrBadWorkbook, err)}
	}
	defer f.Close()
	var first error
	for _, sheet := range orderSheets(f.GetSheetList()) {
		t, err := newSheetTable(f, sheet)
		if err != nil {
			return Summary{File: name}, &ParseError{File: name, Sheet: sheet, Err: err}
		}
		sum, err := readTable(t, name, opts, sink)
		t.close()
		var unk *UnknownFormatError
		if errors.As(err, &unk) {
			if first == nil {
				first = err
			}
			continue
		}
		if errors.Is(err, ErrEmpty) {
			continue
		}
		return sum, err
	}
	if first == nil {
		first = &ParseError{File: name, Err: ErrEmpty}
	}
	return Summary{File: name}, first
}

func orderSheets(names []string) []string {
	out := make([]string, 0, len(names))
	for _, want := range postSheets {
		for _, n := range names {
			if normHeader(n) == want {
				out = append(out, n)
			}
		}
	}
	for _, n := range names {
		dup := false
		for _, o := range out {
			dup = dup || o == n
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// sheetTable streams one sheet's rows with raw cell values: numbers as
// stored (a CTR of 0.0345, not "3.45%"), dates as day serials.
type sheetTable struct {
	rows *excelize.Rows
	name string
	row  int
}

func newSheetTable(f *excelize.File, sheet string) (*sheetTable, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &sheetTable{rows: rows, name: sheet}, nil
}

func (t *sheetTable) next() ([]string, error) {
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	t.row++
	cols, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		cols[i] = strings.TrimSpace(c)
	}
	return cols, nil
}

func (t *sheetTable) line() int         { return t.row }
func (t *sheetTable) fieldLine(int) int { return t.row }
func (t *sheetTable) kind() string      { return "workbook sheet" }
func (t *sheetTable) sheet() string     { return t.name }
func (t *sheetTable) close()            { _ = t.rows.Close() }
