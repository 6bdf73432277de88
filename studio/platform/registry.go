// Package platform is the registry of social platforms: their text limits,
// "see more" folds, hashtag and link rules, image placements with their safe
// zones, and audio norms. The figures are data, in platforms.toml.
package platform

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

//go:embed platforms.toml
var registryTOML []byte

// Counting says how a platform counts the length of a post.
type Counting string

const (
	CountChars     Counting = "chars"     // Unicode code points
	CountGraphemes Counting = "graphemes" // user-perceived characters
	CountWeighted  Counting = "weighted"  // links count as URLLength, wide scripts as two
)

// Layout is how a platform lays a post out in its app, which the preview
// copies.
type Layout string

const (
	TextFirst  Layout = "text_first"  // the text, then the media (X, LinkedIn, Facebook…)
	MediaFirst Layout = "media_first" // the media full width, then the caption (Instagram, Pinterest)
	FullScreen Layout = "full_screen" // 9:16 media with the interface drawn over it (TikTok)
)

// Platform is one social network's rules.
type Platform struct {
	ID               string      `toml:"id"`
	Name             string      `toml:"name"`
	TextLimit        int         `toml:"text_limit"`
	TitleLimit       int         `toml:"title_limit"`
	Counting         Counting    `toml:"counting"`
	URLLength        int         `toml:"url_length"`
	FoldMobile       int         `toml:"fold_mobile"`  // characters shown before "see more" on a phone; 0 = none
	FoldDesktop      int         `toml:"fold_desktop"` // the same on a desktop browser
	FoldLinesMobile  int         `toml:"fold_lines_mobile"`
	FoldLinesDesktop int         `toml:"fold_lines_desktop"`
	MaxHashtags      int         `toml:"max_hashtags"` // 0 = no platform limit
	Links            string      `toml:"links"`
	Preview          Layout      `toml:"preview"`
	Placements       []Placement `toml:"placement"`
	Audio            AudioNorm   `toml:"audio"`
}

// Placement is one image slot on a platform.
type Placement struct {
	ID     string `toml:"id"`
	Name   string `toml:"name"`
	Width  int    `toml:"width"`
	Height int    `toml:"height"`
	Safe   Insets `toml:"safe"`
}

// Insets are the margins, as fractions of the height (top, bottom) or width
// (left, right), that the platform's own interface may cover.
type Insets struct {
	Top    float64 `toml:"top"`
	Bottom float64 `toml:"bottom"`
	Left   float64 `toml:"left"`
	Right  float64 `toml:"right"`
}

// AudioNorm is what the platform expects of a sound track.
type AudioNorm struct {
	TargetLUFS float64 `toml:"target_lufs"`
	MaxSeconds int     `toml:"max_seconds"`
}

// Aspect returns the placement's width over height.
func (p Placement) Aspect() float64 { return float64(p.Width) / float64(p.Height) }

// Registry holds every platform, in display order.
type Registry struct {
	platforms []Platform
}

// Default returns the registry shipped with Atelier.
func Default() *Registry {
	r, err := Parse(registryTOML)
	if err != nil {
		panic("the embedded platform registry is invalid: " + err.Error())
	}
	return r
}

// Parse reads a registry from TOML and checks it.
func Parse(data []byte) (*Registry, error) {
	var doc struct {
		Platform []Platform `toml:"platform"`
	}
	if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&doc); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) {
			var keys []string
			for _, e := range strict.Errors {
				line, _ := e.Position()
				keys = append(keys, fmt.Sprintf("line %d: %s", line, strings.Join(e.Key(), ".")))
			}
			return nil, fmt.Errorf("platform registry: unknown keys: %s", strings.Join(keys, "; "))
		}
		return nil, fmt.Errorf("platform registry: %w", err)
	}
	r := &Registry{platforms: doc.Platform}
	return r, r.check()
}

func (r *Registry) check() error {
	seen := map[string]bool{}
	var problems []string
	for _, p := range r.platforms {
		if p.ID == "" || seen[p.ID] {
			problems = append(problems, fmt.Sprintf("platform id %q is empty or repeated", p.ID))
		}
		seen[p.ID] = true
		if p.TextLimit <= 0 {
			problems = append(problems, p.ID+": text_limit must be positive")
		}
		if !slices.Contains([]Counting{CountChars, CountGraphemes, CountWeighted}, p.Counting) {
			problems = append(problems, fmt.Sprintf("%s: counting %q is not chars, graphemes or weighted", p.ID, p.Counting))
		}
		if !slices.Contains([]Layout{TextFirst, MediaFirst, FullScreen}, p.Preview) {
			problems = append(problems, fmt.Sprintf("%s: preview %q is not text_first, media_first or full_screen", p.ID, p.Preview))
		}
		if p.Counting == CountWeighted && p.URLLength <= 0 {
			problems = append(problems, p.ID+": weighted counting needs url_length")
		}
		for _, pl := range p.Placements {
			if !strings.HasPrefix(pl.ID, p.ID+".") || seen[pl.ID] {
				problems = append(problems, fmt.Sprintf("%s: placement id %q must start with %q and be unique", p.ID, pl.ID, p.ID+"."))
			}
			seen[pl.ID] = true
			if pl.Width <= 0 || pl.Height <= 0 {
				problems = append(problems, pl.ID+": width and height must be positive")
			}
			if s := pl.Safe; s.Top+s.Bottom >= 1 || s.Left+s.Right >= 1 || min(s.Top, s.Bottom, s.Left, s.Right) < 0 {
				problems = append(problems, pl.ID+": safe zone leaves no room")
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("platform registry: %s", strings.Join(problems, "; "))
	}
	return nil
}

// All returns every platform in display order.
func (r *Registry) All() []Platform { return slices.Clone(r.platforms) }

// IDs returns every platform id in display order.
func (r *Registry) IDs() []string {
	ids := make([]string, len(r.platforms))
	for i, p := range r.platforms {
		ids[i] = p.ID
	}
	return ids
}

// Get returns the platform with the id.
func (r *Registry) Get(id string) (Platform, bool) {
	for _, p := range r.platforms {
		if p.ID == id {
			return p, true
		}
	}
	return Platform{}, false
}

// Placement returns the placement with the id ("instagram.story").
func (r *Registry) Placement(id string) (Placement, bool) {
	for _, p := range r.platforms {
		for _, pl := range p.Placements {
			if pl.ID == id {
				return pl, true
			}
		}
	}
	return Placement{}, false
}

// Placements returns every placement of every platform.
func (r *Registry) Placements() []Placement {
	var out []Placement
	for _, p := range r.platforms {
		out = append(out, p.Placements...)
	}
	return out
}
