package brandkit

import (
	"unicode"

	"github.com/rivo/uniseg"
)

const (
	vs15   = '\uFE0E' // text presentation selector
	vs16   = '\uFE0F' // emoji presentation selector
	keycap = '\u20E3' // combining enclosing keycap
)

// IsEmoji reports whether a grapheme cluster displays as an emoji, by
// Unicode's emoji properties: a character with Emoji_Presentation (⭐ ⌚),
// a character with the Emoji property followed by U+FE0F (▶️ ©️) or a skin
// tone, a keycap (#️⃣), a flag (two regional indicators, or a tag
// sequence), or a pictograph outside the Basic Multilingual Plane. A ZWJ sequence (👩‍🚀) is one cluster, so one emoji. ★, ©
// and ▶ without U+FE0F are text.
func IsEmoji(cluster string) bool {
	rs := []rune(cluster)
	if len(rs) == 0 {
		return false
	}
	first := rs[0]
	if isRegionalIndicator(first) {
		return len(rs) >= 2 && isRegionalIndicator(rs[1])
	}
	for _, r := range rs[1:] {
		switch {
		case r == keycap:
			return true
		case r == vs15:
			return false
		case r == vs16 || unicode.Is(emojiModifier, r):
			return unicode.Is(emojiProp, first)
		}
	}
	// Text-default pictographs outside the Basic Multilingual Plane (🕯,
	// 🗺) are drawn as emoji by every major platform even without U+FE0F.
	return unicode.Is(emojiPresentation, first) || first >= 0x1F000 && unicode.Is(emojiProp, first)
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// emojiSpans returns the byte ranges of the emoji in text, one per cluster.
func emojiSpans(text string) [][2]int {
	var out [][2]int
	state, pos := -1, 0
	for rest := text; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if IsEmoji(cluster) {
			out = append(out, [2]int{pos, pos + len(cluster)})
		}
		pos += len(cluster)
	}
	return out
}
