package brandkit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/runenames"
)

// invisibleRune reports a character a reader cannot see but a platform
// would publish, by its Unicode properties: a byte that is not UTF-8, a C0
// or C1 control other than tab, line feed and carriage return, a format
// character (category Cf: zero-width space and joiners, soft hyphen,
// direction marks, embeddings and isolates, invisible operators, tag
// characters, the BOM…), the combining grapheme joiner, the Hangul fillers,
// and a variation selector (unless follows says it is allowed there).
func invisibleRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r == '\n' || r == '\t' || r == '\r', unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
		return true
	case r == '\u034F', r == '\u115F', r == '\u1160', r == '\u3164', r == '\uFFA0':
		return true
	}
	return false
}

// keepsSelector reports whether a variation selector after base is part of
// a standard sequence: an emoji's presentation selector, or a variant of a
// CJK ideograph or a mathematical symbol.
func keepsSelector(base, vs rune) bool {
	if vs == vs15 || vs == vs16 {
		return unicode.Is(emojiProp, base)
	}
	return unicode.Is(unicode.Han, base) || unicode.Is(unicode.Sm, base)
}

// invisibleSpans returns the byte ranges of the invisible characters in
// text. Joiners, selectors and tags inside an emoji sequence (👩‍🚀, ▶️, a
// subdivision flag) are part of the emoji and not reported.
func invisibleSpans(text string) [][2]int {
	var out [][2]int
	add := func(lo, hi int) {
		if n := len(out); n > 0 && out[n-1][1] == lo {
			out[n-1][1] = hi
			return
		}
		out = append(out, [2]int{lo, hi})
	}
	state, pos := -1, 0
	for rest := text; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if !IsEmoji(cluster) {
			var prev rune = -1
			for i := 0; i < len(cluster); {
				r, size := utf8.DecodeRuneInString(cluster[i:])
				if invisibleRune(r, size) && !(unicode.Is(unicode.Variation_Selector, r) && prev >= 0 && keepsSelector(prev, r)) {
					add(pos+i, pos+i+size)
				}
				prev = r
				i += size
			}
		}
		pos += len(cluster)
	}
	return out
}

// HiddenAt returns the byte offset of the first invisible character in
// text, or -1.
func HiddenAt(text string) int {
	if spans := invisibleSpans(text); len(spans) > 0 {
		return spans[0][0]
	}
	return -1
}

// StripInvisible removes every invisible character from text. Stripping
// twice gives the same text as stripping once.
func StripInvisible(text string) string {
	s, _ := stripInvisible(text, invisibleSpans(text))
	return s
}

// stripInvisible removes the invisible characters at spans and returns,
// for each byte offset of the clean text (and its end), the offset in the
// original.
func stripInvisible(text string, spans [][2]int) (string, []int) {
	if len(spans) == 0 {
		return text, nil
	}
	var b strings.Builder
	offs := make([]int, 0, len(text)+1)
	prev := 0
	for _, s := range spans {
		b.WriteString(text[prev:s[0]])
		for i := prev; i < s[0]; i++ {
			offs = append(offs, i)
		}
		prev = s[1]
	}
	b.WriteString(text[prev:])
	for i := prev; i <= len(text); i++ {
		offs = append(offs, i)
	}
	return b.String(), offs
}

// describeInvisible names the characters of an invisible run, such as
// "U+200B ZERO WIDTH SPACE", at most three of them.
func describeInvisible(run string) string {
	var names []string
	for i := 0; i < len(run); {
		r, size := utf8.DecodeRuneInString(run[i:])
		i += size
		var name string
		switch {
		case r == utf8.RuneError && size == 1:
			name = fmt.Sprintf("byte 0x%02X (not UTF-8)", run[i-1])
		default:
			n := runenames.Name(r)
			if n == "" || strings.HasPrefix(n, "<") {
				n = "control"
			}
			name = fmt.Sprintf("U+%04X %s", r, n)
		}
		if len(names) == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}
