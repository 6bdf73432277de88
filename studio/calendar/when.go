// Package calendar plans pieces in time: reading a date and time in the
// brand's zone (and saying so when a daylight-saving change makes it
// ambiguous or impossible), the calendar's rules, suggested slots, and the
// outputs a calendar app or a scheduling tool reads (an RFC 5545 feed, the
// tools' bulk CSVs). It holds no storage and no UI.
package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// localLayouts are the forms of a date and time in the brand's zone that
// ParseWhen accepts, besides RFC 3339.
var localLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "02/01/2006 15:04"}

// ErrUnparsable is wrapped by ParseWhen's error for a text that is no date.
var ErrUnparsable = errors.New("not a date and time")

// NonexistentTimeError is a local time the clocks skip: at a spring
// daylight-saving change, 02:30 does not happen in Paris.
type NonexistentTimeError struct {
	Local          string // as written
	Zone           string
	Before, After  time.Time // the last valid minute before the gap, and the first after
	GapFrom, GapTo string    // the clock's jump, "02:00" → "03:00"
}

func (e *NonexistentTimeError) Error() string {
	return fmt.Sprintf("%s does not exist in %s: the clocks go from %s to %s that night. The nearest valid times are %s and %s",
		e.Local, e.Zone, e.GapFrom, e.GapTo, e.Before.Format("15:04 MST"), e.After.Format("15:04 MST"))
}

// AmbiguousTimeError is a local time that happens twice: at an autumn
// daylight-saving change, 02:30 comes once in summer time, once in winter
// time. Either instant may be given with its offset, in RFC 3339.
type AmbiguousTimeError struct {
	Local         string
	Zone          string
	First, Second time.Time
}

func (e *AmbiguousTimeError) Error() string {
	return fmt.Sprintf("%s happens twice in %s, as the clocks go back: first at %s, then at %s. Say which with its offset: %s or %s",
		e.Local, e.Zone, e.First.Format("15:04 MST (-07:00)"), e.Second.Format("15:04 MST (-07:00)"),
		e.First.Format(time.RFC3339), e.Second.Format(time.RFC3339))
}

// ParseWhen reads a time: RFC 3339 with its offset, or a date and time in
// loc ("2026-03-29 14:00", "2026-03-29T14:00", "29/03/2026 14:00"). A
// local time that does not exist, or that happens twice, at a
// daylight-saving change is refused with the nearest valid times.
func ParseWhen(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range localLayouts {
		naive, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		return resolveLocal(s, naive, loc)
	}
	return time.Time{}, fmt.Errorf("%w: %q; write it as 2026-03-29 14:00 (in %s) or with its offset, 2026-03-29T14:00:00+02:00", ErrUnparsable, s, loc)
}

// resolveLocal finds the instants whose clock in loc reads naive's clock.
func resolveLocal(s string, naive time.Time, loc *time.Location) (time.Time, error) {
	y, mo, d := naive.Date()
	h, mi, sec := naive.Clock()
	t := time.Date(y, mo, d, h, mi, sec, 0, loc)
	if !sameClock(t, naive) {
		return time.Time{}, gapError(s, naive, loc)
	}
	// The same clock an hour either side (or by the zone's other offset)
	// means the time happens twice.
	for _, shift := range []time.Duration{-time.Hour, time.Hour, -30 * time.Minute, 30 * time.Minute} {
		if o := t.Add(shift); sameClock(o.In(loc), naive) {
			first, second := t, o
			if o.Before(t) {
				first, second = o, t
			}
			return time.Time{}, &AmbiguousTimeError{Local: s, Zone: loc.String(), First: first, Second: second}
		}
	}
	return t.UTC(), nil
}

func sameClock(t, naive time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	ny, nmo, nd := naive.Date()
	nh, nmi, ns := naive.Clock()
	return y == ny && mo == nmo && d == nd && h == nh && mi == nmi && s == ns
}

// gapError describes the skipped hour around naive.
func gapError(s string, naive time.Time, loc *time.Location) error {
	y, mo, d := naive.Date()
	// Walk the day minute by minute from midnight to find the jump.
	t := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	for i := 0; i < 26*60; i++ {
		next := t.Add(time.Minute)
		if a, b := t.In(loc), next.In(loc); !sameMinuteStep(a, b) {
			h, m, _ := a.Clock()
			from := (h*60 + m + 1) % (24 * 60)
			return &NonexistentTimeError{Local: s, Zone: loc.String(), Before: a, After: b,
				GapFrom: fmt.Sprintf("%02d:%02d", from/60, from%60), GapTo: b.Format("15:04")}
		}
		t = next
	}
	return fmt.Errorf("%s does not exist in %s", s, loc)
}

// sameMinuteStep reports whether b's clock is one minute after a's.
func sameMinuteStep(a, b time.Time) bool {
	ah, am, _ := a.Clock()
	bh, bm, _ := b.Clock()
	return (ah*60+am+1)%(24*60) == bh*60+bm
}
