package results

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// table is a source of rows: a CSV file or a workbook sheet.
type table interface {
	next() ([]string, error) // io.EOF after the last row
	line() int               // the current row's line (CSV) or row number (sheet)
	fieldLine(i int) int     // the line field i of the current row starts on
	kind() string
	sheet() string
}

type csvTable struct {
	r      *csv.Reader
	offset int // lines consumed before the reader (a "sep=" line)
}

// newCSVTable reads an Excel "sep=;" hint if there is one, else guesses the
// separator from the first line: whichever of , ; and tab occurs most often
// outside quotes.
func newCSVTable(br *bufio.Reader) (*csvTable, error) {
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, err
	}
	t := &csvTable{}
	sep := rune(0)
	if l := strings.TrimSpace(strings.TrimPrefix(first, "\ufeff")); strings.HasPrefix(strings.ToLower(l), "sep=") && len(l) == 5 {
		sep = rune(l[4])
		t.offset = 1
		first = ""
	}
	var src io.Reader = br
	if first != "" {
		src = io.MultiReader(strings.NewReader(first), br)
		sep = guessSeparator(first)
	}
	if sep == 0 {
		peek, _ := br.Peek(4096)
		sep = guessSeparator(string(peek))
	}
	r := csv.NewReader(src)
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t.r = r
	return t, nil
}

func guessSeparator(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		case c == '\n' && !quoted:
			goto done
		}
	}
done:
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func (t *csvTable) next() ([]string, error) {
	rec, err := t.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, &ParseError{Line: pe.Line + t.offset, Column: pe.Column, Err: pe.Err}
	}
	return rec, err
}

func (t *csvTable) line() int { return t.fieldLine(0) }

func (t *csvTable) fieldLine(i int) int {
	l, _ := t.r.FieldPos(i)
	return l + t.offset
}

func (t *csvTable) kind() string  { return "CSV" }
func (t *csvTable) sheet() string { return "" }
