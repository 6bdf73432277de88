// Package brandkit holds the brand kit: its file format, loading, validation
// and saving. A kit is a folder with a brandkit.toml and the files it names.
package brandkit

import (
	"os"
	"strings"
	"time"
)

// FileName is the name of the kit's manifest inside a kit folder.
const FileName = "brandkit.toml"

// Kit is a brand kit as written in brandkit.toml. Paths are relative to Dir.
type Kit struct {
	Identity   Identity                    `toml:"identity"`
	Voice      Voice                       `toml:"voice"`
	Lexicon    Lexicon                     `toml:"lexicon"`
	Palette    []Colour                    `toml:"palette"`
	Typography Typography                  `toml:"typography"`
	Logo       Logo                        `toml:"logo"`
	Claims     Claims                      `toml:"claims"`
	Personas   []Persona                   `toml:"personas"`
	Platforms  map[string]PlatformOverride `toml:"platforms"`
	Audio      Audio                       `toml:"audio"`
	Templates  []Template                  `toml:"templates"`
	Examples   []Example                   `toml:"examples"`
	Regulatory Regulatory                  `toml:"regulatory"`
	Calendar   Calendar                    `toml:"calendar"`
	// Rules sets a rule's severity by its id ("emoji.policy",
	// "eu-green-claims.generic"): "error", "warning", "info" or "off".
	Rules map[string]string `toml:"rules"`

	// Dir is the folder the kit was loaded from; it is not part of the file.
	Dir string `toml:"-"`
}

// Identity names the brand.
type Identity struct {
	Name      string   `toml:"name"`
	Tagline   string   `toml:"tagline"`
	Version   string   `toml:"version"`
	Languages []string `toml:"languages"` // BCP 47 tags, the first is the default
	Avatar    string   `toml:"avatar"`    // image shown in previews; the logo when empty
	Handle    string   `toml:"handle"`    // the account name shown in previews
	// Timezone is the IANA zone the brand posts in ("Europe/Paris"); the
	// calendar shows times in it. Empty: the computer's zone.
	Timezone string `toml:"timezone"`
}

// Calendar holds the rules of the brand's content calendar; a zero field
// leaves its default.
type Calendar struct {
	// MinGapMinutes is the least time between two posts on one platform;
	// 0 takes each platform's own gap from the registry. Never under 30.
	MinGapMinutes int `toml:"min_gap_minutes"`
	// MaxPerDay caps the posts of one day, all platforms together; 0: no cap.
	MaxPerDay int `toml:"max_per_day"`
	// ReviewLeadHours is how long a piece needs to be reviewed and
	// approved: one scheduled sooner, and not approved yet, is flagged.
	ReviewLeadHours int `toml:"review_lead_hours"`
	// QuietHours are when nothing is posted, in the brand's time zone:
	// ["22:00", "07:00"] (the span may cross midnight); empty: none.
	QuietHours []string `toml:"quiet_hours"`
}

// Voice says how the brand speaks.
type Voice struct {
	Description string   `toml:"description"`
	Traits      []string `toml:"traits"`
	// Formality is "tu" or "vous" for French, "casual" or "formal" otherwise.
	Formality string `toml:"formality"`
	// Emoji is "none", "sparing" (at most MaxEmoji) or "free".
	Emoji    string `toml:"emoji"`
	MaxEmoji int    `toml:"max_emoji"`
}

// Lexicon lists the words the brand avoids and prefers. Banned and
// Preferred apply in every language; ByLanguage adds terms for one language
// (keyed by a BCP 47 tag such as "de" or "de-CH"). A term matches its
// inflected forms; one written with a leading "=" matches only as written.
type Lexicon struct {
	Banned           []string                 `toml:"banned"`
	Preferred        map[string]string        `toml:"preferred"` // word to avoid → term to use
	RequiredHashtags []string                 `toml:"required_hashtags"`
	RequiredMentions []string                 `toml:"required_mentions"`
	MaxHashtags      int                      `toml:"max_hashtags"`
	ByLanguage       map[string]LanguageTerms `toml:"by_language"`
}

// LanguageTerms are the lexicon's terms for one language.
type LanguageTerms struct {
	Banned    []string          `toml:"banned"`
	Preferred map[string]string `toml:"preferred"`
}

// Colour is one named palette entry.
type Colour struct {
	Name string `toml:"name"`
	Hex  string `toml:"hex"`
	Role string `toml:"role"` // primary, secondary, accent, background, text, alert
}

// Typography names the kit's typefaces.
type Typography struct {
	Heading Font `toml:"heading"`
	Body    Font `toml:"body"`
}

// Font is one typeface with its file inside the kit.
type Font struct {
	Family string `toml:"family"`
	File   string `toml:"file"`
}

// Logo holds the logo file and its placement rules.
type Logo struct {
	File       string   `toml:"file"`
	MinWidthPx int      `toml:"min_width_px"`
	ClearSpace float64  `toml:"clear_space"` // margin around the logo, as a fraction of its width
	Corners    []string `toml:"corners"`     // allowed corners: top-left, top-right, bottom-left, bottom-right
}

// Claims is the policy on restricted CSR and environmental claims.
// Restricted applies in every language; ByLanguage adds claims for one.
type Claims struct {
	Restricted      []string                  `toml:"restricted"`
	Substantiations []Substantiation          `toml:"substantiations"`
	WindowChars     int                       `toml:"window_chars"` // how near a substantiation must stand
	Notes           map[string]string         `toml:"notes"`
	ByLanguage      map[string]LanguageClaims `toml:"by_language"`
}

// LanguageClaims are the restricted claims of one language.
type LanguageClaims struct {
	Restricted []string `toml:"restricted"`
}

// Substantiation is an approved proof that allows some restricted claims.
// Translations holds the proof's text in other languages, keyed by tag;
// quoting any of them, or the id, substantiates the claim.
type Substantiation struct {
	ID           string            `toml:"id"`
	Text         string            `toml:"text"`
	Claims       []string          `toml:"claims"`
	Translations map[string]string `toml:"translations"`
}

// Regulatory enables the regulatory packs by id ("eu-green-claims",
// "fr-influence", "us-ftc-endorsements") and lists the certification
// schemes the brand's labels rest on.
type Regulatory struct {
	Packs   []string `toml:"packs"`
	Schemes []string `toml:"schemes"`
}

// Persona is an audience the brand writes for.
type Persona struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name"`
	Description string   `toml:"description"`
	Interests   []string `toml:"interests"`
	Tone        string   `toml:"tone"`
}

// PlatformOverride changes the kit's rules for one platform.
type PlatformOverride struct {
	MaxHashtags int    `toml:"max_hashtags"`
	Emoji       string `toml:"emoji"`
	Note        string `toml:"note"`
}

// Audio holds the brand's sound.
type Audio struct {
	Voices      map[string]string `toml:"voices"` // language → TTS voice
	RateWPM     int               `toml:"rate_wpm"`
	SonicLogo   string            `toml:"sonic_logo"` // WAV file; notes are used when empty
	Notes       string            `toml:"notes"`      // e.g. "C5:150 E5:150 G5:300"
	TargetLUFS  float64           `toml:"target_lufs"`
	TruePeakDBT float64           `toml:"true_peak_dbtp"`
}

// Template is the fallback text used when no model is available.
// Placeholders: {topic} {message} {cta} {link} {hashtags} {persona}.
type Template struct {
	Language string `toml:"language"`
	Text     string `toml:"text"`
}

// Example is a post the brand holds up as its voice done right, for one
// platform and audience; drafts for them see it first.
type Example struct {
	Platform string `toml:"platform"`
	Persona  string `toml:"persona"`
	Language string `toml:"language"`
	Text     string `toml:"text"`
}

// Language returns the kit's default language.
func (k *Kit) Language() string {
	if len(k.Identity.Languages) == 0 {
		return "en"
	}
	return k.Identity.Languages[0]
}

// Location is the brand's time zone: identity.timezone, or the computer's
// own zone when it is empty or unknown (validation reports the latter).
func (k *Kit) Location() *time.Location {
	if k.Identity.Timezone != "" {
		if loc, err := time.LoadLocation(k.Identity.Timezone); err == nil {
			return loc
		}
	}
	return SystemZone()
}

// SystemZone is the computer's zone under its IANA name where the system
// says it ($TZ, /etc/localtime's link, /etc/timezone), so that it can be
// shown and written in a kit; time.Local otherwise.
func SystemZone() *time.Location {
	name := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if name == "" {
		if target, err := os.Readlink("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(target, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	if name == "" {
		if b, err := os.ReadFile("/etc/timezone"); err == nil {
			name = strings.TrimSpace(string(b))
		}
	}
	if loc, err := time.LoadLocation(name); err == nil && name != "" {
		return loc
	}
	return time.Local
}

// ColourByRole returns the first palette colour with the role, if any.
func (k *Kit) ColourByRole(role string) (Colour, bool) {
	for _, c := range k.Palette {
		if c.Role == role {
			return c, true
		}
	}
	return Colour{}, false
}

// Persona returns the persona with the given id.
func (k *Kit) Persona(id string) (Persona, bool) {
	for _, p := range k.Personas {
		if p.ID == id {
			return p, true
		}
	}
	return Persona{}, false
}
