package brandkit

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Note is one tone of a synthesised sonic logo.
type Note struct {
	Name     string // as written, e.g. "C#5"
	Hz       float64
	Duration time.Duration
}

var semitone = map[byte]int{'C': -9, 'D': -7, 'E': -5, 'F': -4, 'G': -2, 'A': 0, 'B': 2}

// ParseNotes reads a sonic logo written as "C5:150 E5:150 G5:300": scientific
// pitch names with an optional # or b, each with a duration in milliseconds.
func ParseNotes(s string) ([]Note, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, fmt.Errorf("no notes")
	}
	notes := make([]Note, 0, len(fields))
	for _, f := range fields {
		name, ms, ok := strings.Cut(f, ":")
		if !ok {
			return nil, fmt.Errorf("note %q has no duration (write it as %s:200)", f, f)
		}
		hz, err := pitch(name)
		if err != nil {
			return nil, err
		}
		d, err := strconv.Atoi(ms)
		if err != nil || d <= 0 || d > 5000 {
			return nil, fmt.Errorf("note %q: duration %q is not 1 to 5000 milliseconds", f, ms)
		}
		notes = append(notes, Note{Name: name, Hz: hz, Duration: time.Duration(d) * time.Millisecond})
	}
	return notes, nil
}

func pitch(name string) (float64, error) {
	if len(name) < 2 {
		return 0, fmt.Errorf("note %q is not a pitch such as C5 or F#4", name)
	}
	base, ok := semitone[name[0]]
	if !ok {
		return 0, fmt.Errorf("note %q does not start with A to G", name)
	}
	rest := name[1:]
	switch rest[0] {
	case '#':
		base++
		rest = rest[1:]
	case 'b':
		base--
		rest = rest[1:]
	}
	octave, err := strconv.Atoi(rest)
	if err != nil || octave < 0 || octave > 8 {
		return 0, fmt.Errorf("note %q has no octave from 0 to 8", name)
	}
	n := base + (octave-4)*12 // semitones from A4
	return 440 * math.Pow(2, float64(n)/12), nil
}
