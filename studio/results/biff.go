package results

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// Excel 97–2003 workbooks (.xls, BIFF8 in an OLE2 compound file), the format
// of LinkedIn's page exports. The compound file is opened with mscfb (the
// reader excelize itself uses for encrypted workbooks); the BIFF records are
// read here, only those that carry cell values: the shared strings (SST,
// with its CONTINUE records), the sheet list (BOUNDSHEET) and the cells
// (LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA with its STRING, BOOLERR).
// Cells stream row by row; nothing but the shared strings is held.

const (
	recBOF        = 0x0809
	recEOF        = 0x000A
	recBoundSheet = 0x0085
	recSST        = 0x00FC
	recContinue   = 0x003C
	recLabelSST   = 0x00FD
	recLabel      = 0x0204
	recNumber     = 0x0203
	recRK         = 0x027E
	recMulRK      = 0x00BD
	recFormula    = 0x0006
	recString     = 0x0207
	recBoolErr    = 0x0205
	recFilePass   = 0x002F
)

// errBIFF is ErrBadWorkbook, as the BIFF reader reports it.
var errBIFF = ErrBadWorkbook

type biffSheet struct {
	name   string
	offset int64
}

// biffBook is a workbook's shared strings and sheet list.
type biffBook struct {
	stream io.ReaderAt
	size   int64
	sst    []string
	sheets []biffSheet
}

// openBIFF finds the workbook stream in the compound file and reads its
// globals.
func openBIFF(ra io.ReaderAt) (*biffBook, error) {
	doc, err := mscfb.New(ra)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", errBIFF, err)
	}
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		if f.Name == "Workbook" || f.Name == "Book" {
			b := &biffBook{stream: f, size: f.Size}
			if err := b.readGlobals(); err != nil {
				return nil, err
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("%w (no workbook stream)", errBIFF)
}

type biffRecords struct {
	r   *bufio.Reader
	buf []byte
}

func newRecords(ra io.ReaderAt, off, size int64) *biffRecords {
	return &biffRecords{r: bufio.NewReaderSize(io.NewSectionReader(ra, off, size-off), 32<<10)}
}

// next returns the next record's type and body (valid until the next call).
func (rs *biffRecords) next() (uint16, []byte, error) {
	var h [4]byte
	if _, err := io.ReadFull(rs.r, h[:]); err != nil {
		if err == io.EOF {
			return 0, nil, io.EOF
		}
		return 0, nil, errBIFF
	}
	typ, n := binary.LittleEndian.Uint16(h[:]), int(binary.LittleEndian.Uint16(h[2:]))
	if cap(rs.buf) < n {
		rs.buf = make([]byte, n)
	}
	rs.buf = rs.buf[:n]
	if _, err := io.ReadFull(rs.r, rs.buf); err != nil {
		return 0, nil, errBIFF
	}
	return typ, rs.buf, nil
}

func (b *biffBook) readGlobals() error {
	rs := newRecords(b.stream, 0, b.size)
	var sst [][]byte
	inSST := false
	for {
		typ, body, err := rs.next()
		if err != nil {
			return errBIFF
		}
		switch {
		case typ == recFilePass:
			return fmt.Errorf("%w (it is password-protected)", errBIFF)
		case typ == recBoundSheet && len(body) >= 8:
			name, _ := shortString(body[6:])
			if body[5] == 0 { // a worksheet, not a chart or macro sheet
				b.sheets = append(b.sheets, biffSheet{name: name, offset: int64(binary.LittleEndian.Uint32(body))})
			}
		case typ == recSST || (typ == recContinue && inSST):
			sst = append(sst, append([]byte(nil), body...))
		case typ == recEOF:
			if len(sst) > 0 {
				b.sst = readSST(sst)
			}
			return nil
		}
		inSST = typ == recSST || (typ == recContinue && inSST)
	}
}

// shortString reads a ShortXLUnicodeString: a 1-byte length, a flags byte,
// the characters.
func shortString(p []byte) (string, int) {
	if len(p) < 2 {
		return "", len(p)
	}
	n, high := int(p[0]), p[1]&1 == 1
	return chars(p[2:], n, high), 2 + n*(1+int(p[1]&1))
}

// longString reads an XLUnicodeString: a 2-byte length, a flags byte, the
// characters.
func longString(p []byte) string {
	if len(p) < 3 {
		return ""
	}
	n := int(binary.LittleEndian.Uint16(p))
	return chars(p[3:], n, p[2]&1 == 1)
}

func chars(p []byte, n int, high bool) string {
	if !high {
		n = min(n, len(p))
		r := make([]rune, n) // Latin-1, one byte a character
		for i := range n {
			r[i] = rune(p[i])
		}
		return string(r)
	}
	n = min(n, len(p)/2)
	u := make([]uint16, n)
	for i := range n {
		u[i] = binary.LittleEndian.Uint16(p[2*i:])
	}
	return string(utf16.Decode(u))
}

// segments reads across an SST record and its CONTINUE records.
type segments struct {
	segs   [][]byte
	i, off int
}

func (s *segments) left() int {
	if s.i >= len(s.segs) {
		return 0
	}
	return len(s.segs[s.i]) - s.off
}

func (s *segments) advance() bool {
	for s.i < len(s.segs) && s.off >= len(s.segs[s.i]) {
		s.i, s.off = s.i+1, 0
	}
	return s.i < len(s.segs)
}

func (s *segments) take(n int) []byte {
	out := make([]byte, 0, min(n, 1<<16))
	for len(out) < n && s.advance() {
		k := min(n-len(out), s.left())
		out = append(out, s.segs[s.i][s.off:s.off+k]...)
		s.off += k
	}
	return out
}

// skip passes n bytes, across records.
func (s *segments) skip(n int) {
	for n > 0 && s.advance() {
		k := min(n, s.left())
		s.off += k
		n -= k
	}
}

// str reads one XLUnicodeRichExtendedString; characters split by a CONTINUE
// resume after a fresh flags byte.
func (s *segments) str() (string, bool) {
	h := s.take(3)
	if len(h) < 3 {
		return "", false
	}
	n, flags := int(binary.LittleEndian.Uint16(h)), h[2]
	runs, ext := 0, 0
	if flags&8 != 0 {
		runs = int(u16(s.take(2)))
	}
	if flags&4 != 0 {
		ext = int(u32(s.take(4)))
	}
	high := flags&1 == 1
	var text []rune
	for n > 0 {
		before := s.i
		if !s.advance() {
			return "", false
		}
		if s.i != before { // the characters go on in a CONTINUE record
			f := s.take(1)
			if len(f) == 0 {
				return "", false
			}
			high = f[0]&1 == 1
		}
		width := 1 + btoi(high)
		k := min(n, s.left()/width)
		if k == 0 {
			return "", false
		}
		text = append(text, []rune(chars(s.take(k*width), k, high))...)
		n -= k
	}
	s.skip(4*runs + ext)
	return string(text), n == 0
}

// u16 and u32 read little-endian integers, 0 from a short slice.
func u16(b []byte) uint16 {
	if len(b) < 2 {
		return 0
	}
	return binary.LittleEndian.Uint16(b)
}

func u32(b []byte) uint32 {
	if len(b) < 4 {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func readSST(segs [][]byte) []string {
	if len(segs[0]) < 8 {
		return nil
	}
	unique := int(binary.LittleEndian.Uint32(segs[0][4:]))
	s := &segments{segs: segs, off: 8}
	out := make([]string, 0, min(unique, 1<<20))
	for range unique {
		str, ok := s.str()
		if !ok {
			break
		}
		out = append(out, str)
	}
	return out
}

// rkValue decodes an RK number: a 30-bit integer or the top of a float64,
// either possibly divided by 100.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
