package results

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Mapping reads a file that is none of the known exports: the user says
// which column holds which field, once, and the app stores the mapping as
// JSON. A mapping applies to a file whose header has all its columns.
type Mapping struct {
	Name     string   `json:"name"`
	Platform Platform `json:"platform"`
	// Columns maps a header, as the file writes it, to a field.
	Columns      map[string]Field `json:"columns"`
	DayFirst     bool             `json:"day_first,omitempty"`     // 28/09/2026
	DecimalComma bool             `json:"decimal_comma,omitempty"` // 3,5
}

// Validate checks that the mapping can identify posts and measure them.
func (m *Mapping) Validate() error {
	if m.Platform == "" {
		return errors.New("results: mapping: platform is empty (expected instagram, facebook, linkedin, x, tiktok, youtube or another platform name)")
	}
	has := map[Field]bool{}
	for h, f := range m.Columns {
		if strings.TrimSpace(h) == "" {
			return errors.New("results: mapping: a column name is empty")
		}
		if f == FieldNone || f >= fieldCount {
			return fmt.Errorf("results: mapping: column %q has no field", h)
		}
		has[f] = true
	}
	if !has[FieldPostID] && !has[FieldPermalink] {
		return errors.New("results: mapping: no column is mapped to post_id or permalink, so posts could not be told apart")
	}
	for _, f := range counterFields {
		if has[f] {
			return nil
		}
	}
	return errors.New("results: mapping: no column is mapped to a counter (impressions, reach, likes, …)")
}

// LoadMapping reads a mapping saved by Save and validates it.
func LoadMapping(r io.Reader) (*Mapping, error) {
	var m Mapping
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("results: mapping: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Save writes the mapping as indented JSON.
func (m *Mapping) Save(w io.Writer) error {
	if err := m.Validate(); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// plan binds the header when every mapped column is in it.
func (m *Mapping) plan(header []string) (plan, bool) {
	index := map[string]int{}
	for i, h := range header {
		if n := normHeader(h); n != "" {
			if _, dup := index[n]; !dup {
				index[n] = i
			}
		}
	}
	keys := make([]string, 0, len(m.Columns))
	for h := range m.Columns {
		keys = append(keys, h)
	}
	sort.Strings(keys) // a stable binding order, whatever the map's
	p := plan{spec: mappedSpec(m.Platform), confidence: 1, header: header, mapping: m}
	for _, h := range keys {
		i, ok := index[normHeader(h)]
		if !ok {
			return plan{}, false
		}
		f := m.Columns[h]
		p.bindings = append(p.bindings, binding{index: i, field: f, pct: strings.Contains(h, "%")})
	}
	return p, len(p.bindings) > 0
}

func mappedSpec(pl Platform) *spec {
	s := &spec{format: FormatMapped, platform: pl, finish: finishMapped}
	switch pl {
	case LinkedIn:
		s.finish = finishLinkedIn
	case TikTok:
		s.finish = finishTikTok
	case X:
		s.finish = finishX
	}
	return s
}

func finishMapped(p *Post, _ *rowReader) bool { return p.PostID == "" && p.Permalink == "" }
