package results

import (
	"strings"
)

// Format names an export layout the package recognises.
type Format string

// The recognised layouts.
const (
	FormatUnknown        Format = ""
	FormatMetaInstagram  Format = "meta-instagram-posts"
	FormatMetaFacebook   Format = "meta-facebook-posts"
	FormatLinkedIn       Format = "linkedin-all-posts"
	FormatXLegacy        Format = "x-tweet-activity"
	FormatX              Format = "x-account-content"
	FormatTikTokVideos   Format = "tiktok-content"
	FormatTikTokOverview Format = "tiktok-overview"
	FormatYouTube        Format = "youtube-content"
	FormatMapped         Format = "mapped"
)

// MinConfidence is the confidence below which a header is not taken for a
// known layout.
const MinConfidence = 0.5

// column lists the headers, in order of preference, that fill one field.
// Names are as the exports spell them; a "fr:" prefix marks the French UI's.
// With add set, the column is summed into the field instead of competing.
type column struct {
	field Field
	add   bool
	pct   bool // the header's values are percentages
	names []string
}

func col(f Field, names ...string) column    { return column{field: f, names: names} }
func addCol(f Field, names ...string) column { return column{field: f, add: true, names: names} }
func pctCol(f Field, names ...string) column { return column{field: f, pct: true, names: names} }
func known(names ...string) column           { return column{field: FieldNone, names: names} }

// spec describes one layout as data: its columns, the fields it must have,
// the headers that tell it from its neighbours, and a finishing step for
// what only that platform does (a "Total" row, an id that encodes a time).
type spec struct {
	format   Format
	platform Platform
	columns  []column
	required []Field
	markers  []string // at least one must be present, else confidence drops
	daily    bool     // rows are account days, not posts
	finish   func(*Post, *rowReader) (skip bool)
}

// specs are the known layouts, in the order ties are broken.
var specs = []*spec{
	metaInstagram, metaFacebook, linkedinPosts, xLegacy, xContent,
	tiktokVideos, tiktokOverview, youtubeContent,
}

// register normalises a layout's header names once, at start-up.
func register(s *spec) *spec {
	for i := range s.columns {
		for j, n := range s.columns[i].names {
			lang, name := splitLang(n)
			s.columns[i].names[j] = lang + normHeader(name)
		}
	}
	for i, m := range s.markers {
		s.markers[i] = normHeader(m)
	}
	return s
}

func splitLang(n string) (string, string) {
	if strings.HasPrefix(n, "fr:") {
		return "fr:", n[3:]
	}
	return "", n
}

// binding ties a header position to a field.
type binding struct {
	index int
	field Field
	add   bool
	pct   bool
}

// plan is how a header maps onto Post fields, as detection found it.
type plan struct {
	spec       *spec
	bindings   []binding
	confidence float64
	french     bool
	header     []string
	mapping    *Mapping
}

// Detect says which export a header row belongs to, with a confidence in
// [0, 1]: the share of the header's columns the layout knows, halved when
// none of the headers that tell it from a similar layout is there. Below
// MinConfidence, treat the file as unknown.
func Detect(header []string) (Format, float64) {
	p := detectPlan(header)
	if p.spec == nil {
		return FormatUnknown, p.confidence
	}
	return p.spec.format, p.confidence
}

func detectPlan(header []string) plan {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normHeader(h)
	}
	best := plan{}
	for _, s := range specs {
		if p := s.match(norm); p.confidence > best.confidence {
			best = p
		}
	}
	best.header = header
	return best
}

func (s *spec) match(norm []string) plan {
	p := plan{spec: s}
	used := make([]bool, len(norm))
	bound := map[Field]bool{}
	fr, en := 0, 0
	for _, c := range s.columns {
		if c.field == FieldNone {
			markKnown(norm, used, c.names)
			continue
		}
		idx, lang := findColumn(norm, used, c.names)
		if idx < 0 || (bound[c.field] && !c.add) {
			continue
		}
		used[idx] = true
		if lang == "fr:" {
			fr++
		} else {
			en++
		}
		bound[c.field] = true
		p.bindings = append(p.bindings, binding{index: idx, field: c.field, add: c.add, pct: c.pct || strings.Contains(norm[idx], "(%)")})
	}
	for _, f := range s.required {
		if !bound[f] {
			return plan{}
		}
	}
	p.confidence = share(used, norm)
	if len(s.markers) > 0 && !hasAny(norm, s.markers) {
		p.confidence /= 2
	}
	p.french = fr > en
	return p
}

func findColumn(norm []string, used []bool, names []string) (int, string) {
	for _, n := range names {
		lang, name := splitLang(n)
		for i, h := range norm {
			if !used[i] && h == name {
				return i, lang
			}
		}
	}
	return -1, ""
}

// markKnown marks every header that a layout knows but does not read.
func markKnown(norm []string, used []bool, names []string) {
	for _, n := range names {
		_, name := splitLang(n)
		for i, h := range norm {
			if h == name {
				used[i] = true
			}
		}
	}
}

func share(used []bool, norm []string) float64 {
	n, k := 0, 0
	for i, h := range norm {
		if h == "" {
			continue
		}
		n++
		if used[i] {
			k++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

func hasAny(norm, want []string) bool {
	for _, h := range norm {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}
