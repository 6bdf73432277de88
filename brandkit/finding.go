package brandkit

import (
	"sort"
	"strings"
)

// Severity ranks a finding.
type Severity string

const (
	SeverityError   Severity = "error"   // must be fixed before approval (or overridden with a reason)
	SeverityWarning Severity = "warning" // should be fixed
	SeverityInfo    Severity = "info"    // worth knowing
)

// Finding is one thing a check noticed: which rule, how serious, where, why,
// and how to fix it.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Start    int      `json:"start"` // byte range in the text; -1 when the finding is about the whole text
	End      int      `json:"end"`
	Message  string   `json:"message"`       // what was found, in English
	Fix      string   `json:"fix,omitempty"` // what to do, in English
	// Key names the message for a front-end to say in its own language
	// (see phrases), FixKey the fix's when it is another phrase's, and
	// Args the values both quote.
	Key     string            `json:"key,omitempty"`
	FixKey  string            `json:"fix_key,omitempty"`
	Args    map[string]string `json:"args,omitempty"`
	AutoFix *Edit             `json:"autofix,omitempty"` // a safe automatic fix, when there is one
	Region  *Region           `json:"region,omitempty"`  // where in an image
	TimeMS  *[2]int           `json:"time_ms,omitempty"` // where in a sound, in milliseconds
	Cite    string            `json:"cite,omitempty"`    // the law and article a regulatory pack's finding rests on
}

// Region is a rectangle of pixels.
type Region struct {
	X int `json:"x"`
	Y int `json:"y"`
	W int `json:"w"`
	H int `json:"h"`
}

// Edit replaces text[Start:End] with With.
type Edit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	With  string `json:"with"`
}

// Report is the outcome of a check.
type Report struct {
	Score    int       `json:"score"`
	Findings []Finding `json:"findings"`
	Audio    *Loudness `json:"audio,omitempty"` // what an audio check measured
	// LogoMethod says how an image check knew where the logo is:
	// LogoFromMetadata or LogoFromTemplate.
	LogoMethod string `json:"logo_method,omitempty"`
}

// Score weighting: a check starts at 100 and loses 25 per error, 8 per
// warning and 1 per info finding, never going below 0.
const (
	errorWeight   = 25
	warningWeight = 8
	infoWeight    = 1
)

func newReport(fs []Finding) Report {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	score := 100
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			score -= errorWeight
		case SeverityWarning:
			score -= warningWeight
		case SeverityInfo:
			score -= infoWeight
		}
	}
	if fs == nil {
		fs = []Finding{}
	}
	return Report{Score: max(score, 0), Findings: fs}
}

// Count returns how many findings have the severity.
func (r Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Errors returns the error findings.
func (r Report) Errors() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// Summary lists the findings as short lines, for a repair prompt or a log.
func (r Report) Summary(min Severity) string {
	var b strings.Builder
	for _, f := range r.Findings {
		if min == SeverityError && f.Severity != SeverityError || min == SeverityWarning && f.Severity == SeverityInfo {
			continue
		}
		b.WriteString("- " + f.Message)
		if f.Fix != "" {
			b.WriteString(" Fix: " + f.Fix)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ApplyFixes applies every automatic fix, later ranges first so earlier
// offsets stay valid, and returns the new text and how many were applied.
// Overlapping fixes after the first are skipped.
func ApplyFixes(text string, fs []Finding) (string, int) {
	var edits []Edit
	for _, f := range fs {
		if f.AutoFix != nil {
			edits = append(edits, *f.AutoFix)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
	applied, limit := 0, len(text)+1
	for _, e := range edits {
		if e.Start < 0 || e.End > len(text) || e.Start > e.End || e.End > limit {
			continue
		}
		text = text[:e.Start] + e.With + text[e.End:]
		limit = e.Start
		applied++
	}
	return text, applied
}
