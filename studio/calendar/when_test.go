package calendar

import (
	"errors"
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
// (29 March, 25 October) and New York (8 March, 1 November).
func TestParseWhenAtDaylightSavingChanges(t *testing.T) {
	paris, ny := zone(t, "Europe/Paris"), zone(t, "America/New_York")
	cases := []struct {
		in   string
		loc  *time.Location
		want string // UTC, or "gap"/"twice"
		say  []string
	}{
		{"2026-03-29 01:30", paris, "2026-03-29T00:30:00Z", nil},
		{"2026-03-29 02:30", paris, "gap", []string{"does not exist in Europe/Paris", "from 02:00 to 03:00", "01:59 CET", "03:00 CEST"}},
		{"2026-03-29 03:00", paris, "2026-03-29T01:00:00Z", nil},
		{"2026-10-25 02:30", paris, "twice", []string{"happens twice", "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"}},
		{"2026-10-25T02:30:00+01:00", paris, "2026-10-25T01:30:00Z", nil},
		{"2026-10-25 03:30", paris, "2026-10-25T02:30:00Z", nil},
		{"2026-03-08 02:15", ny, "gap", []string{"America/New_York", "from 02:00 to 03:00", "01:59 EST", "03:00 EDT"}},
		{"2026-11-01 01:30", ny, "twice", []string{"2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"}},
		{"2026-11-01 00:30", ny, "2026-11-01T04:30:00Z", nil},
		{"01/12/2026 09:00", paris, "2026-12-01T08:00:00Z", nil},
		{"2026-07-14T12:00", ny, "2026-07-14T16:00:00Z", nil},
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
		case "twice":
			if !errors.As(err, &twice) {
				t.Errorf("%s in %v: %v, %v; want twice", c.in, c.loc, got, err)
				continue
			}
			if twice.Second.Sub(twice.First) != time.Hour {
				t.Errorf("%s: the two instants are %v apart", c.in, twice.Second.Sub(twice.First))
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
	for _, in := range []string{"", "tomorrow", "2026-02-30 10:00", "2026-13-01 10:00", "10:00", "2026-03-29 25:00"} {
		_, err := ParseWhen(in, time.UTC)
		if !errors.Is(err, ErrUnparsable) || !strings.Contains(err.Error(), "2026-03-29 14:00") {
			t.Errorf("%q: %v", in, err)
		}
	}
}
