package results

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
)

// biffTable streams one BIFF8 sheet's rows. Cell records come in row
// order; a row is complete when a cell of a later row arrives.
type biffTable struct {
	book    *biffBook
	name    string
	rs      *biffRecords
	cur     []string
	curRow  int // 0-based row being built, -1 for none
	carry   []cellVal
	done    bool
	lastRow int // 1-based row number of the row last returned
	formula struct{ row, col int }
}

type cellVal struct {
	row, col int
	v        string
}

func (b *biffBook) table(s biffSheet) *biffTable {
	return &biffTable{book: b, name: s.name, rs: newRecords(b.stream, s.offset, b.size), curRow: -1}
}

func put(cells []string, col int, v string) []string {
	for len(cells) <= col {
		cells = append(cells, "")
	}
	cells[col] = v
	return cells
}

// biffColumns is BIFF8's column limit; a cell beyond it is damage.
const biffColumns = 256

func (t *biffTable) add(vals []cellVal) {
	for _, c := range vals {
		if c.col >= biffColumns {
			continue
		}
		if t.curRow < 0 {
			t.curRow = c.row
		}
		if c.row != t.curRow || len(t.carry) > 0 {
			t.carry = append(t.carry, c)
			continue
		}
		t.cur = put(t.cur, c.col, c.v)
	}
}

// next returns the following row with cells.
func (t *biffTable) next() ([]string, error) {
	for !t.done && len(t.carry) == 0 {
		typ, body, err := t.rs.next()
		if err == io.EOF || (err == nil && typ == recEOF) {
			t.done = true
			break
		}
		if err != nil {
			return nil, err
		}
		t.add(t.cell(typ, body))
	}
	if t.curRow < 0 {
		return nil, io.EOF
	}
	out := t.cur
	t.lastRow = t.curRow + 1
	t.cur, t.curRow = nil, -1
	carry := t.carry
	t.carry = nil
	t.add(carry)
	return out, nil
}

// cell reads one record's cells.
func (t *biffTable) cell(typ uint16, b []byte) []cellVal {
	if len(b) < 6 {
		return nil
	}
	row, col := int(binary.LittleEndian.Uint16(b)), int(binary.LittleEndian.Uint16(b[2:]))
	one := func(v string) []cellVal { return []cellVal{{row, col, v}} }
	switch typ {
	case recLabelSST:
		if len(b) >= 10 {
			if i := int(binary.LittleEndian.Uint32(b[6:])); i < len(t.book.sst) {
				return one(t.book.sst[i])
			}
		}
	case recLabel:
		return one(longString(b[6:]))
	case recNumber:
		if len(b) >= 14 {
			return one(number(math.Float64frombits(binary.LittleEndian.Uint64(b[6:]))))
		}
	case recRK:
		if len(b) >= 10 {
			return one(number(rkValue(binary.LittleEndian.Uint32(b[6:]))))
		}
	case recMulRK:
		var out []cellVal
		for i, c := 4, col; i+6 <= len(b)-2; i, c = i+6, c+1 {
			out = append(out, cellVal{row, c, number(rkValue(binary.LittleEndian.Uint32(b[i+2:])))})
		}
		return out
	case recFormula:
		return t.formulaCell(row, col, b)
	case recString:
		return []cellVal{{t.formula.row, t.formula.col, longString(b)}}
	case recBoolErr:
		if len(b) >= 8 && b[7] == 0 {
			return one(map[byte]string{0: "FALSE", 1: "TRUE"}[b[6]])
		}
	}
	return nil
}

func (t *biffTable) formulaCell(row, col int, b []byte) []cellVal {
	if len(b) < 14 {
		return nil
	}
	res := b[6:14]
	if res[6] == 0xFF && res[7] == 0xFF {
		if res[0] == 0 { // a string, in the STRING record that follows
			t.formula.row, t.formula.col = row, col
		}
		return nil
	}
	return []cellVal{{row, col, number(math.Float64frombits(binary.LittleEndian.Uint64(res)))}}
}

func (t *biffTable) line() int         { return t.lastRow }
func (t *biffTable) fieldLine(int) int { return t.lastRow }
func (t *biffTable) kind() string      { return "workbook sheet" }
func (t *biffTable) sheet() string     { return t.name }

// readLegacyWorkbook reads an .xls export the way readWorkbook reads .xlsx:
// the per-post sheet first, the first recognised sheet wins.
func readLegacyWorkbook(r io.Reader, name, path string, opts Options, sink Sink) (Summary, error) {
	var ra io.ReaderAt
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return Summary{File: name}, err
		}
		defer f.Close()
		ra = f
	} else {
		data, err := io.ReadAll(io.LimitReader(r, 512<<20))
		if err != nil {
			return Summary{File: name}, &ParseError{File: name, Err: err}
		}
		ra = bytes.NewReader(data)
	}
	book, err := openBIFF(ra)
	if err != nil {
		return Summary{File: name}, &ParseError{File: name, Err: err}
	}
	byName := map[string]biffSheet{}
	names := make([]string, len(book.sheets))
	for i, s := range book.sheets {
		byName[s.name], names[i] = s, s.name
	}
	var first error
	for _, n := range orderSheets(names) {
		sum, err := readTable(book.table(byName[n]), name, opts, sink)
		var unk *UnknownFormatError
		if errors.As(err, &unk) || errors.Is(err, ErrEmpty) {
			if first == nil && unk != nil {
				first = err
			}
			continue
		}
		return sum, err
	}
	if first == nil {
		first = &ParseError{File: name, Err: ErrEmpty}
	}
	return Summary{File: name}, first
}
