package results

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

var errNotDate = errors.New("is not a date")

// dateStyle says how a file writes dates: French exports put the day first;
// year-less dates (TikTok's "September 25") take their year from ref, the
// export's date, rolling back a year for a day that would lie after it.
type dateStyle struct {
	dayFirst bool
	loc      *time.Location
	ref      time.Time
}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "janvier": 1, "janv": 1,
	"february": 2, "feb": 2, "fevrier": 2, "fevr": 2, "fev": 2,
	"march": 3, "mar": 3, "mars": 3,
	"april": 4, "apr": 4, "avril": 4, "avr": 4,
	"may": 5, "mai": 5,
	"june": 6, "jun": 6, "juin": 6,
	"july": 7, "jul": 7, "juillet": 7, "juil": 7,
	"august": 8, "aug": 8, "aout": 8,
	"september": 9, "sep": 9, "sept": 9, "septembre": 9,
	"october": 10, "oct": 10, "octobre": 10,
	"november": 11, "nov": 11, "novembre": 11,
	"december": 12, "dec": 12, "decembre": 12,
}

var weekdayNames = map[string]bool{
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "lun": true, "mar.": true, "mer": true, "jeu": true,
	"ven": true, "sam": true, "dim": true, "lundi": true, "mardi": true, "mercredi": true,
	"jeudi": true, "vendredi": true, "samedi": true, "dimanche": true,
}

// dateParts collects what the tokens of a date said.
type dateParts struct {
	year, month, day  int
	hour, minute, sec int
	nsec              int
	pm, am, hasYear   bool
	zone              *time.Location
	hasTime           bool
}

// parse reads the dates these exports write: "09/28/2026 18:12",
// "2026-06-20 09:00 +0000", "Sat, Sep 12, 2026", "Sep 20, 2026",
// "28 sept. 2026", "2026-07-20T13:18:00Z", "September 25", "9月6日", and an
// Excel serial day number.
func (st dateStyle) parse(raw string) (time.Time, bool, error) {
	s := strings.TrimSpace(raw)
	if isNull(s) {
		return time.Time{}, false, nil
	}
	if t, ok := st.excelSerial(s); ok {
		return t, true, nil
	}
	var d dateParts
	if err := d.scan(foldDate(s), st.dayFirst); err != nil {
		return time.Time{}, false, err
	}
	return st.build(d)
}

// foldDate lower-cases and strips accents, turns an ISO "T" into a space and
// commas into spaces.
func foldDate(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if (r == 'T' || r == 't') && i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
			b.WriteByte(' ')
			continue
		}
		if r == ',' {
			b.WriteByte(' ')
			continue
		}
		if f, ok := foldRune(r); ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func (d *dateParts) scan(s string, dayFirst bool) error {
	if strings.ContainsRune(s, '月') {
		return d.scanCJK(s)
	}
	for _, tok := range strings.Fields(s) {
		if err := d.token(tok, dayFirst); err != nil {
			return err
		}
	}
	if d.month == 0 || d.day == 0 {
		return errNotDate
	}
	return nil
}

func (d *dateParts) token(tok string, dayFirst bool) error {
	bare := strings.TrimSuffix(tok, ".")
	switch {
	case strings.Count(tok, "-") == 2 && len(tok) >= 8 && isDigit(rune(tok[0])):
		return d.numericDate(strings.Split(tok, "-"), false, true)
	case strings.Count(tok, "/") == 2 || (strings.Count(tok, ".") == 2 && len(bare) == len(tok)):
		sep := "/"
		if !strings.Contains(tok, "/") {
			sep = "."
		}
		return d.numericDate(strings.Split(tok, sep), dayFirst, false)
	case strings.Contains(tok, ":"):
		return d.clock(tok)
	case tok == "am" || tok == "a.m.":
		d.am = true
	case tok == "pm" || tok == "p.m.":
		d.pm = true
	case tok == "utc" || tok == "gmt" || tok == "z":
		d.zone = time.UTC
	case (tok[0] == '+' || tok[0] == '-') && len(tok) >= 3:
		return d.offset(tok)
	case monthNames[bare] != 0 && d.month == 0:
		d.month = int(monthNames[bare])
	case weekdayNames[tok] || weekdayNames[bare] || tok == "a" || tok == "at" || tok == "de" || tok == "le":
	default:
		return d.number(bare)
	}
	return nil
}

func (d *dateParts) number(tok string) error {
	n, err := strconv.Atoi(strings.TrimSuffix(tok, "er"))
	if err != nil {
		return errNotDate
	}
	switch {
	case len(tok) == 4:
		d.year, d.hasYear = n, true
	case n >= 1 && n <= 31 && d.day == 0:
		d.day = n
	default:
		return errNotDate
	}
	return nil
}

func (d *dateParts) numericDate(parts []string, dayFirst, iso bool) error {
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return errNotDate
		}
		v[i] = n
	}
	if iso {
		d.year, d.month, d.day = v[0], v[1], v[2]
	} else {
		a, b := v[0], v[1] // month first, as written in English
		if dayFirst {
			a, b = b, a
		}
		if a > 12 && b <= 12 { // the file's own order wins over the guess
			a, b = b, a
		}
		d.month, d.day, d.year = a, b, v[2]
		if d.year < 100 {
			d.year += 2000
		}
	}
	d.hasYear = true
	return nil
}

func (d *dateParts) clock(tok string) error {
	if strings.HasSuffix(tok, "z") {
		d.zone, tok = time.UTC, strings.TrimSuffix(tok, "z")
	}
	if i := strings.IndexAny(tok, "+-"); i > 0 {
		if err := d.offset(tok[i:]); err != nil {
			return err
		}
		tok = tok[:i]
	}
	parts := strings.Split(tok, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return errNotDate
	}
	var err error
	if d.hour, err = strconv.Atoi(parts[0]); err != nil {
		return errNotDate
	}
	if d.minute, err = strconv.Atoi(parts[1]); err != nil {
		return errNotDate
	}
	if len(parts) == 3 {
		secs, err := strconv.ParseFloat(parts[2], 64)
		if err != nil {
			return errNotDate
		}
		d.sec = int(secs)
		d.nsec = int((secs - float64(d.sec)) * 1e9)
	}
	d.hasTime = true
	return nil
}

func (d *dateParts) offset(tok string) error {
	sign := 1
	if tok[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(tok[1:], ":", "")
	if len(digits) != 4 && len(digits) != 2 {
		return errNotDate
	}
	h, err1 := strconv.Atoi(digits[:2])
	m := 0
	var err2 error
	if len(digits) == 4 {
		m, err2 = strconv.Atoi(digits[2:])
	}
	if err1 != nil || err2 != nil {
		return errNotDate
	}
	d.zone = time.FixedZone("", sign*(h*3600+m*60))
	return nil
}

// scanCJK reads "2026年9月6日" and "9月6日" (TikTok in Japanese or Chinese).
func (d *dateParts) scanCJK(s string) error {
	s = strings.NewReplacer("年", "y ", "月", "m ", "日", "d ").Replace(s)
	for _, f := range strings.Fields(s) {
		if strings.Contains(f, ":") {
			if err := d.clock(f); err != nil {
				return err
			}
			continue
		}
		if len(f) < 2 {
			return errNotDate
		}
		n, err := strconv.Atoi(f[:len(f)-1])
		if err != nil {
			return errNotDate
		}
		switch f[len(f)-1] {
		case 'y':
			d.year, d.hasYear = n, true
		case 'm':
			d.month = n
		case 'd':
			d.day = n
		}
	}
	if d.month == 0 || d.day == 0 {
		return errNotDate
	}
	return nil
}

func (st dateStyle) build(d dateParts) (time.Time, bool, error) {
	if d.pm && d.hour < 12 {
		d.hour += 12
	}
	if d.am && d.hour == 12 {
		d.hour = 0
	}
	if d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.hour > 23 || d.minute > 59 || d.sec > 60 {
		return time.Time{}, false, errNotDate
	}
	loc := st.loc
	if loc == nil {
		loc = time.UTC
	}
	if d.zone != nil {
		loc = d.zone
	}
	year := d.year
	if !d.hasYear {
		year = st.yearFor(time.Month(d.month), d.day)
	}
	t := time.Date(year, time.Month(d.month), d.day, d.hour, d.minute, d.sec, d.nsec, loc)
	if t.Day() != d.day { // 31 February and the like
		return time.Time{}, false, errNotDate
	}
	return t, true, nil
}

// yearFor gives a year-less date the year that puts it on or before the
// reference day.
func (st dateStyle) yearFor(m time.Month, day int) int {
	ref := st.ref
	if ref.IsZero() {
		ref = time.Now()
	}
	y := ref.Year()
	if time.Date(y, m, day, 0, 0, 0, 0, time.UTC).After(time.Date(y, ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)) {
		y--
	}
	return y
}

// excelSerial reads a spreadsheet day number such as 46293.75.
func (st dateStyle) excelSerial(s string) (time.Time, bool) {
	if strings.ContainsAny(s, "/-: ") {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 20000 || f > 80000 {
		return time.Time{}, false
	}
	loc := st.loc
	if loc == nil {
		loc = time.UTC
	}
	days := int(f)
	secs := int((f-float64(days))*86400 + 0.5)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, loc)
	return base.AddDate(0, 0, days).Add(time.Duration(secs) * time.Second), true
}

func (st dateStyle) location() *time.Location {
	if st.loc == nil {
		return time.UTC
	}
	return st.loc
}
