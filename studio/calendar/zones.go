package calendar

import (
	"strings"
	"time"
)

// ZonedTime is one instant as a clock in one zone shows it, for a
// front-end to lay out ("14:00 Paris · 08:00 New York"). It holds data,
// not sentences: the front-end words it in the user's language.
type ZonedTime struct {
	Zone   string    `json:"zone"`   // IANA name, "Europe/Paris"
	City   string    `json:"city"`   // "Paris", "New York"; the zone's name for fixed zones such as UTC
	Abbrev string    `json:"abbrev"` // "CEST", "EDT"; may be a number such as "+03" where the zone has no letters
	Offset string    `json:"offset"` // "+02:00"
	Date   string    `json:"date"`   // "2026-03-29"
	Clock  string    `json:"clock"`  // "14:00"
	Local  time.Time `json:"local"`  // the instant in Zone
}

// InZone is t on loc's clock.
func InZone(t time.Time, loc *time.Location) ZonedTime {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	abbrev, _ := l.Zone()
	return ZonedTime{Zone: loc.String(), City: ZoneCity(loc), Abbrev: abbrev, Offset: l.Format("-07:00"),
		Date: l.Format("2006-01-02"), Clock: l.Format("15:04"), Local: l}
}

// BrandAndViewer is t in the brand's zone, followed by t in the viewer's
// zone when that clock reads differently (another offset at that instant);
// a viewer in Berlin looking at a Paris brand sees one entry.
func BrandAndViewer(t time.Time, brand, viewer *time.Location) []ZonedTime {
	b := InZone(t, brand)
	if viewer == nil {
		return []ZonedTime{b}
	}
	v := InZone(t, viewer)
	if v.Offset == b.Offset {
		return []ZonedTime{b}
	}
	return []ZonedTime{b, v}
}

// ZoneCity is the city part of an IANA zone name, with spaces:
// "America/New_York" → "New York", "America/Argentina/Buenos_Aires" →
// "Buenos Aires"; "UTC" and "Local" stay as they are.
func ZoneCity(loc *time.Location) string {
	name := loc.String()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return strings.ReplaceAll(name, "_", " ")
}
