package calendar

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestParseWhenAtDaylightSavingChanges covers 2026's changes in Paris
// (29 March, 25 October) and New York (8 March, 1 November): the times
// either side parse, the skipped ones say the jump and the nearest valid
// times, the doubled ones give both instants with their offsets, and an
// offset picks one.
func TestParseWhenAtDaylightSavingChanges(t *testing.T) {
	paris, ny := zone(t, "Europe/Paris"), zone(t, "America/New_York")
	cases := []struct {
		in   string
		loc  *time.Location
		want string // UTC, or "gap"/"twice"
		say  []string
	}{
		{"2026-03-29 01:59", paris, "2026-03-29T00:59:00Z", nil},
		{"2026-03-29 02:00", paris, "gap", []string{"from 02:00 to 03:00"}},
		{"2026-03-29 02:30", paris, "gap", []string{"2026-03-29 02:30 does not exist in Europe/Paris", "from 02:00 to 03:00", "nearest valid time is 03:00 CEST", "01:59 CET"}},
		{"2026-03-29T02:59", paris, "gap", []string{"03:00 CEST"}},
		{"2026-03-29 03:00", paris, "2026-03-29T01:00:00Z", nil},
		{"2026-10-25 01:59", paris, "2026-10-24T23:59:00Z", nil},
		{"2026-10-25 02:00", paris, "twice", []string{"happens twice in Europe/Paris"}},
		{"2026-10-25 02:30", paris, "twice", []string{"happens twice", "02:30 CEST (+02:00)", "02:30 CET (+01:00)", "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"}},
		{"2026-10-25T02:30:00+01:00", paris, "2026-10-25T01:30:00Z", nil},
		{"2026-10-25 02:30+02:00", paris, "2026-10-25T00:30:00Z", nil},
		{"2026-10-25 02:30 +01:00", paris, "2026-10-25T01:30:00Z", nil},
		{"2026-10-25 03:00", paris, "2026-10-25T02:00:00Z", nil},
		{"2026-03-08 01:59", ny, "2026-03-08T06:59:00Z", nil},
		{"2026-03-08 02:15", ny, "gap", []string{"America/New_York", "from 02:00 to 03:00", "01:59 EST", "03:00 EDT"}},
		{"2026-03-08 03:00", ny, "2026-03-08T07:00:00Z", nil},
		{"2026-11-01 01:30", ny, "twice", []string{"2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"}},
		{"2026-11-01T01:30:00-05:00", ny, "2026-11-01T06:30:00Z", nil},
		{"2026-11-01 00:30", ny, "2026-11-01T04:30:00Z", nil},
		{"2026-11-01 02:00", ny, "2026-11-01T07:00:00Z", nil},
		{"01/12/2026 09:00", paris, "2026-12-01T08:00:00Z", nil},
		{"2026-07-14T12:00", ny, "2026-07-14T16:00:00Z", nil},
		{"2026-07-14 12:00:30", ny, "2026-07-14T16:00:30Z", nil},
		{"2026-07-14T12:00:00Z", paris, "2026-07-14T12:00:00Z", nil},
	}
	for _, c := range cases {
		got, err := ParseWhen(c.in, c.loc)
		var gap *NonexistentTimeError
		var twice *AmbiguousTimeError
		switch c.want {
		case "gap":
			if !errors.As(err, &gap) {
				t.Errorf("%s in %v: %v, %v; want a gap", c.in, c.loc, got, err)
				continue
			}
			if gap.Nearest().Sub(gap.Before) != time.Minute || gap.Nearest().Format("15:04") != "03:00" {
				t.Errorf("%s: nearest %v, before %v", c.in, gap.Nearest(), gap.Before)
			}
		case "twice":
			if !errors.As(err, &twice) {
				t.Errorf("%s in %v: %v, %v; want twice", c.in, c.loc, got, err)
				continue
			}
			if twice.Second.Sub(twice.First) != time.Hour || twice.First.Format("15:04") != twice.Second.Format("15:04") {
				t.Errorf("%s: the two instants %v and %v", c.in, twice.First, twice.Second)
			}
		default:
			if err != nil || got.Format(time.RFC3339) != c.want || got.Location() != time.UTC {
				t.Errorf("%s in %v: %v, %v; want %s", c.in, c.loc, got, err, c.want)
			}
			continue
		}
		for _, s := range c.say {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q does not say %q", c.in, err, s)
			}
		}
	}
}

func TestParseWhenRefusesWhatIsNoDate(t *testing.T) {
	for _, in := range []string{"", "tomorrow", "next tuesday", "2026-02-30 10:00", "2026-13-01 10:00", "10:00", "2026-03-29 25:00", "32/01/2026 10:00"} {
		_, err := ParseWhen(in, time.UTC)
		var u *UnparsableTimeError
		if !errors.Is(err, ErrUnparsable) || !errors.As(err, &u) || !strings.Contains(err.Error(), "2026-03-29 14:00") || !strings.Contains(err.Error(), "+02:00") {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// TestInstants: a clock time maps to one instant, none in the gap, two in
// the overlap (earlier first), in both zones.
func TestInstants(t *testing.T) {
	paris, ny := zone(t, "Europe/Paris"), zone(t, "America/New_York")
	for _, c := range []struct {
		loc   *time.Location
		clock time.Time
		n     int
	}{
		{paris, time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC), 0},
		{paris, time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), 2},
		{paris, time.Date(2026, 6, 1, 2, 30, 0, 0, time.UTC), 1},
		{ny, time.Date(2026, 3, 8, 2, 0, 0, 0, time.UTC), 0},
		{ny, time.Date(2026, 11, 1, 1, 0, 0, 0, time.UTC), 2},
		{ny, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC), 1},
	} {
		got := Instants(c.clock, c.loc)
		if len(got) != c.n || (c.n == 2 && !got[0].Before(got[1])) {
			t.Errorf("%v in %v: %v", c.clock, c.loc, got)
		}
	}
}

// TestBrandAndViewer gives the data of "14:00 Paris · 08:00 New York", and
// one entry when the viewer's clock reads the same.
func TestBrandAndViewer(t *testing.T) {
	paris, ny, berlin := zone(t, "Europe/Paris"), zone(t, "America/New_York"), zone(t, "Europe/Berlin")
	at := time.Date(2026, 3, 25, 13, 0, 0, 0, time.UTC)
	got := BrandAndViewer(at, paris, ny)
	if len(got) != 2 || got[0].City != "Paris" || got[0].Clock != "14:00" || got[0].Abbrev != "CET" || got[0].Offset != "+01:00" ||
		got[1].City != "New York" || got[1].Clock != "09:00" || got[1].Abbrev != "EDT" || got[1].Date != "2026-03-25" {
		t.Errorf("%+v", got)
	}
	// After Paris changes too, the gap is six hours again.
	if got := BrandAndViewer(at.AddDate(0, 0, 5), paris, ny); got[0].Clock != "15:00" || got[1].Clock != "09:00" {
		t.Errorf("%+v", got)
	}
	if got := BrandAndViewer(at, paris, berlin); len(got) != 1 {
		t.Errorf("same clock: %+v", got)
	}
	if got := BrandAndViewer(at, paris, nil); len(got) != 1 || !reflect.DeepEqual(got[0], InZone(at, paris)) {
		t.Errorf("no viewer: %+v", got)
	}
	if c := ZoneCity(zone(t, "America/Argentina/Buenos_Aires")); c != "Buenos Aires" {
		t.Errorf("city %q", c)
	}
	if c := ZoneCity(time.UTC); c != "UTC" {
		t.Errorf("city %q", c)
	}
}
