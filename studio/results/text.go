package results

import (
	"strings"
	"unicode"
)

// words folds a post's text for comparison: lower case, accents stripped,
// links, hashtags and mentions removed (the CM often edits those at posting
// time), emoji and punctuation dropped.
func words(s string) []string {
	var out []string
	for _, tok := range strings.Fields(s) {
		l := strings.ToLower(tok)
		if strings.HasPrefix(l, "#") || strings.HasPrefix(l, "@") || strings.Contains(l, "://") ||
			strings.HasPrefix(l, "www.") || strings.Contains(l, ".com/") || strings.HasPrefix(l, "t.co/") {
			continue
		}
		var b strings.Builder
		flush := func() {
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		}
		for _, r := range tok {
			if f, ok := foldRune(r); ok && !unicode.Is(unicode.So, r) {
				b.WriteString(f)
			} else {
				flush()
			}
		}
		flush()
	}
	return out
}

// textSig is a text's word set and word-pair shingles.
type textSig struct {
	uni, bi map[string]struct{}
}

func signature(s string) textSig {
	ws := words(s)
	sig := textSig{uni: make(map[string]struct{}, len(ws)), bi: make(map[string]struct{}, len(ws))}
	for i, w := range ws {
		sig.uni[w] = struct{}{}
		if i > 0 {
			sig.bi[ws[i-1]+" "+w] = struct{}{}
		}
	}
	return sig
}

// similarity blends the Jaccard index of the word sets (what the text talks
// about) with that of the word pairs (how it says it), so that two persona
// variants of one message, which share words but not phrasing, score lower
// than a post and the piece it was edited from.
func similarity(a, b textSig) float64 {
	j1 := jaccard(a.uni, b.uni)
	if len(a.bi) == 0 || len(b.bi) == 0 {
		return j1
	}
	return 0.4*j1 + 0.6*jaccard(a.bi, b.bi)
}

func jaccard(a, b map[string]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
