package results

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// errNotNumber is wrapped into a ParseError that names the cell.
var errNotNumber = errors.New("is not a number")

// nullCells are the spellings exports use for "no value".
var nullCells = map[string]bool{
	"": true, "-": true, "--": true, "—": true, "–": true, "n/a": true,
	"na": true, "none": true, "null": true, "nan": true, "nd": true, "n.d.": true,
}

func isNull(s string) bool { return nullCells[strings.ToLower(s)] }

// numberStyle says how a file writes numbers: French exports use a decimal
// comma and spaces (often no-break) between thousands.
type numberStyle struct{ decimalComma bool }

// parseNumber reads "1,234", "1 234", "3,5 %", "1.2K", "2,1 M", "0.0345".
// present is false for an empty or "N/A" cell; pct is true when the cell
// carried a percent sign (the value is returned as written, not divided).
func (st numberStyle) parseNumber(raw string) (v float64, present, pct bool, err error) {
	s := strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), "\""))
	if isNull(s) {
		return 0, false, false, nil
	}
	if strings.HasSuffix(s, "%") {
		pct = true
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	mult := 1.0
	s, mult = splitMultiplier(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\u2009', '\'', '’':
			return -1
		}
		return r
	}, s)
	s = st.canonical(s)
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, false, errNotNumber
	}
	return f * mult, true, pct, nil
}

// splitMultiplier strips a K/M/B (or French "k", "M", "Md") suffix.
func splitMultiplier(s string) (string, float64) {
	l := strings.ToLower(s)
	for _, m := range []struct {
		suffix string
		mult   float64
	}{{"md", 1e9}, {"k", 1e3}, {"m", 1e6}, {"b", 1e9}} {
		if strings.HasSuffix(l, m.suffix) && len(l) > len(m.suffix) {
			head := strings.TrimSpace(s[:len(s)-len(m.suffix)])
			if head != "" && strings.ContainsAny(head[len(head)-1:], "0123456789") {
				return head, m.mult
			}
		}
	}
	return s, 1
}

// canonical rewrites the digits with a dot decimal and no grouping.
func (st numberStyle) canonical(s string) string {
	comma, dot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	switch {
	case comma >= 0 && dot >= 0: // the later one is the decimal mark
		if comma > dot {
			return strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1)
		}
		return strings.ReplaceAll(s, ",", "")
	case comma >= 0:
		if !st.decimalComma && grouped(s, ',') {
			return strings.ReplaceAll(s, ",", "")
		}
		if strings.Count(s, ",") > 1 {
			return strings.ReplaceAll(s, ",", "")
		}
		return strings.Replace(s, ",", ".", 1)
	case dot >= 0:
		if st.decimalComma && grouped(s, '.') {
			return strings.ReplaceAll(s, ".", "")
		}
		if strings.Count(s, ".") > 1 {
			return strings.ReplaceAll(s, ".", "")
		}
	}
	return s
}

// grouped reports whether s is digits in groups of three split by sep, as
// in "1,234,567".
func grouped(s string, sep byte) bool {
	s = strings.TrimPrefix(s, "-")
	parts := strings.Split(s, string(sep))
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if (i > 0 && len(p) != 3) || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// parseCount reads a counter; fractions are rounded.
func (st numberStyle) parseCount(raw string) (int64, bool, error) {
	f, ok, _, err := st.parseNumber(raw)
	if err != nil || !ok {
		return 0, ok, err
	}
	return int64(math.Round(f)), true, nil
}

// parseRate reads a rate as a fraction: "3,5 %" and "3.5" under a "(%)"
// header are 0.035, "0.035" is 0.035, and a bare value above 1 is taken as
// a percentage.
func (st numberStyle) parseRate(raw string, pctHeader bool) (float64, bool, error) {
	f, ok, pct, err := st.parseNumber(raw)
	if err != nil || !ok {
		return 0, ok, err
	}
	if pct || pctHeader || f > 1 {
		f /= 100
	}
	return f, true, nil
}

// parseSeconds reads "0:00:41", "1:02", "41", "41,5" or "41 s".
func (st numberStyle) parseSeconds(raw string) (float64, bool, error) {
	s := strings.TrimSpace(raw)
	if isNull(s) {
		return 0, false, nil
	}
	if strings.Contains(s, ":") {
		total := 0.0
		for _, part := range strings.Split(s, ":") {
			f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(part), ",", ".", 1), 64)
			if err != nil || f < 0 {
				return 0, false, errNotNumber
			}
			total = total*60 + f
		}
		return total, true, nil
	}
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "sec"), "s"))
	f, ok, _, err := st.parseNumber(s)
	return f, ok, err
}
