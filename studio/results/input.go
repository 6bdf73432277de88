package results

import (
	"bufio"
	"bytes"
	"io"

	"golang.org/x/text/encoding/unicode"
)

// inputKind is what the first bytes of a file say it is.
type inputKind int

const (
	inputText inputKind = iota
	inputZip            // an .xlsx workbook (or another zip)
	inputOLE            // an Excel 97-2003 workbook
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniff reads the first bytes of r and returns what the file is, with a
// reader that yields UTF-8 text for a text file: a UTF-8 BOM is dropped and
// UTF-16 (with a BOM, or without one but recognisable) is decoded as it
// streams.
func sniff(r io.Reader) (inputKind, *bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(512)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return inputText, nil, err
		}
		return inputText, nil, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return inputZip, br, nil
	case bytes.HasPrefix(head, oleMagic):
		return inputOLE, br, nil
	}
	text := decodeText(br, head)
	head, _ = text.Peek(4096)
	if len(bytes.TrimSpace(head)) == 0 {
		return inputText, nil, ErrEmpty
	}
	if looksBinary(head) {
		return inputText, nil, ErrBinary
	}
	return inputText, text, nil
}

func decodeText(br *bufio.Reader, head []byte) *bufio.Reader {
	var enc *unicode.Endianness
	le, be := unicode.LittleEndian, unicode.BigEndian
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		enc = &le
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		enc = &be
	default:
		enc = utf16Guess(head)
	}
	if enc == nil {
		return br
	}
	dec := unicode.UTF16(*enc, unicode.ExpectBOM).NewDecoder()
	if !bytes.HasPrefix(head, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		dec = unicode.UTF16(*enc, unicode.IgnoreBOM).NewDecoder()
	}
	return bufio.NewReaderSize(dec.Reader(br), 64<<10)
}

// utf16Guess recognises BOM-less UTF-16 text by its zero bytes: ASCII text
// in UTF-16LE has a zero at every odd offset.
func utf16Guess(head []byte) *unicode.Endianness {
	n := len(head) &^ 1
	if n < 8 {
		return nil
	}
	evenZero, oddZero := 0, 0
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			evenZero++
		}
		if head[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	le, be := unicode.LittleEndian, unicode.BigEndian
	switch {
	case oddZero*10 >= pairs*7 && evenZero*10 < pairs:
		return &le
	case evenZero*10 >= pairs*7 && oddZero*10 < pairs:
		return &be
	}
	return nil
}

// looksBinary reports NUL bytes or many control characters: no export
// writes those.
func looksBinary(head []byte) bool {
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}
