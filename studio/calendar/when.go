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

// offsetLayouts are the forms with an explicit offset besides RFC 3339:
// the way to pick one of the two instants of an ambiguous local time.
var offsetLayouts = []string{"2006-01-02T15:04Z07:00", "2006-01-02 15:04Z07:00", "2006-01-02 15:04 Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 Z07:00"}

// AcceptedForms lists, for messages, the forms ParseWhen reads.
const AcceptedForms = "2026-03-29 14:00 or 2026-03-29T14:00 (in the brand's zone), 29/03/2026 14:00 (day first), or with its offset, 2026-03-29T14:00:00+02:00"

// ErrUnparsable is what an *UnparsableTimeError is (errors.Is): a text
// that is no date and time.
var ErrUnparsable = errors.New("not a date and time")

// UnparsableTimeError is a WHEN that matches none of the accepted forms.
type UnparsableTimeError struct {
	Input string
	Zone  string
}

func (e *UnparsableTimeError) Error() string {
	return fmt.Sprintf("%v: %q; write it as %s (zone %s)", ErrUnparsable, e.Input, AcceptedForms, e.Zone)
}

// Is makes errors.Is(err, ErrUnparsable) true.
func (e *UnparsableTimeError) Is(target error) bool { return target == ErrUnparsable }

// NonexistentTimeError is a local time the clocks skip: at a spring
// daylight-saving change, 02:30 does not happen in Paris.
type NonexistentTimeError struct {
	Local          string    // as written
	Zone           string    // the IANA name
	Before, After  time.Time // the last valid minute before the gap, and the first after (in Zone)
	GapFrom, GapTo string    // the clock's jump, "02:00" → "03:00"
}

// Nearest is the valid time the user most likely meant: the first minute
// after the jump (03:00 for 02:30 in Paris).
func (e *NonexistentTimeError) Nearest() time.Time { return e.After }

func (e *NonexistentTimeError) Error() string {
	return fmt.Sprintf("%s does not exist in %s: the clocks go from %s to %s that night. The nearest valid time is %s (or %s, before the change)",
		e.Local, e.Zone, e.GapFrom, e.GapTo, e.After.Format("15:04 MST"), e.Before.Format("15:04 MST"))
}

// AmbiguousTimeError is a local time that happens twice: at an autumn
// daylight-saving change, 02:30 comes once in summer time, once in winter
// time. Either instant may be given with its offset, in RFC 3339.
type AmbiguousTimeError struct {
	Local         string
	Zone          string
	First, Second time.Time // in Zone; Second is an hour (the change) later
}

func (e *AmbiguousTimeError) Error() string {
	return fmt.Sprintf("%s happens twice in %s, as the clocks go back: first at %s, then at %s. Say which with its offset: %s or %s",
		e.Local, e.Zone, e.First.Format("15:04 MST (-07:00)"), e.Second.Format("15:04 MST (-07:00)"),
		e.First.Format(time.RFC3339), e.Second.Format(time.RFC3339))
}

// ParseWhen reads a time: RFC 3339 or another form with its offset, or a
// date and time in loc (see AcceptedForms). The result is in UTC. A local
// time that does not exist, or that happens twice, at a daylight-saving
// change is refused with a *NonexistentTimeError or *AmbiguousTimeError
// that carries the nearest valid times.
func ParseWhen(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	for _, layout := range localLayouts {
		if naive, err := time.Parse(layout, s); err == nil {
			return resolveLocal(s, naive, loc)
		}
	}
	return time.Time{}, &UnparsableTimeError{Input: s, Zone: loc.String()}
}

// Instants returns the instants whose clock in loc reads naive's clock
// (naive's own zone is ignored): none in a spring-forward gap, two in an
// autumn overlap (earlier first), else one.
func Instants(naive time.Time, loc *time.Location) []time.Time {
	wall := time.Date(naive.Year(), naive.Month(), naive.Day(), naive.Hour(), naive.Minute(), naive.Second(), naive.Nanosecond(), time.UTC)
	var out []time.Time
	for _, probe := range []time.Duration{-26 * time.Hour, 0, 26 * time.Hour} {
		_, off := wall.Add(probe).In(loc).Zone()
		t := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if sameClock(t, wall) && !containsInstant(out, t) {
			out = append(out, t)
		}
	}
	if len(out) == 2 && out[1].Before(out[0]) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// resolveLocal turns a clock time in loc into UTC, or explains why it
// cannot.
func resolveLocal(s string, naive time.Time, loc *time.Location) (time.Time, error) {
	switch at := Instants(naive, loc); len(at) {
	case 1:
		return at[0].UTC(), nil
	case 0:
		return time.Time{}, gapError(s, naive, loc)
	default:
		return time.Time{}, &AmbiguousTimeError{Local: s, Zone: loc.String(), First: at[0], Second: at[len(at)-1]}
	}
}

// gapError finds the clock jump that skips naive and describes it.
func gapError(s string, naive time.Time, loc *time.Location) error {
	wall := time.Date(naive.Year(), naive.Month(), naive.Day(), naive.Hour(), naive.Minute(), naive.Second(), 0, time.UTC)
	_, offBefore := wall.Add(-26 * time.Hour).In(loc).Zone()
	_, offAfter := wall.Add(26 * time.Hour).In(loc).Zone()
	// lo reads before the gap, hi after it: the change lies between.
	lo := wall.Add(-time.Duration(offAfter) * time.Second)
	hi := wall.Add(-time.Duration(offBefore) * time.Second)
	if !lo.Before(hi) {
		return &UnparsableTimeError{Input: s, Zone: loc.String()}
	}
	_, offLo := lo.In(loc).Zone()
	for hi.Sub(lo) > time.Second {
		mid := lo.Add(hi.Sub(lo) / 2)
		if _, o := mid.In(loc).Zone(); o == offLo {
			lo = mid
		} else {
			hi = mid
		}
	}
	change := hi.Truncate(time.Second)
	before := change.Add(-time.Minute).In(loc)
	return &NonexistentTimeError{Local: s, Zone: loc.String(), Before: before, After: change.In(loc),
		GapFrom: change.In(time.FixedZone("", offLo)).Format("15:04"), GapTo: change.In(loc).Format("15:04")}
}

func sameClock(t, wall time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	wy, wmo, wd := wall.Date()
	wh, wmi, ws := wall.Clock()
	return y == wy && mo == wmo && d == wd && h == wh && mi == wmi && s == ws
}

func containsInstant(ts []time.Time, t time.Time) bool {
	for _, u := range ts {
		if u.Equal(t) {
			return true
		}
	}
	return false
}
