package brandkit

import (
	"hash/fnv"
	"maps"
	"slices"
	"sync"
)

// kitRules are a kit's word rules compiled for one language: the banned
// words, the preferred terms and the restricted claims, global and that
// language's, and the enabled packs' rules, each as stems.
type kitRules struct {
	banned, preferred, claims *termSet
	replacements              map[string]string // preferred term as listed → the term to use
	packs                     []packRule
}

// compiledRules caches compiled rules by a fingerprint of what they were
// compiled from, so a kit edited in place is compiled again, and a kit
// loaded twice is compiled once.
var compiledRules sync.Map // uint64 → *kitRules

// compiled returns the kit's word rules for the base language.
func (k *Kit) compiled(base string) *kitRules {
	key := k.fingerprint(base)
	if r, ok := compiledRules.Load(key); ok {
		return r.(*kitRules)
	}
	r := k.compile(base)
	compiledRules.Store(key, r)
	return r
}

// Compile compiles the kit's word rules for each of its languages ahead of
// the first check.
func (k *Kit) Compile() {
	for _, l := range k.Identity.Languages {
		k.compiled(baseLanguage(l))
	}
}

func (k *Kit) compile(base string) *kitRules {
	banned := append([]string(nil), k.Lexicon.Banned...)
	preferred := map[string]string{}
	for from, to := range k.Lexicon.Preferred {
		preferred[from] = to
	}
	claims := append([]string(nil), k.Claims.Restricted...)
	for tag, terms := range k.Lexicon.ByLanguage {
		if baseLanguage(tag) != base {
			continue
		}
		banned = append(banned, terms.Banned...)
		for from, to := range terms.Preferred {
			preferred[from] = to
		}
	}
	for tag, c := range k.Claims.ByLanguage {
		if baseLanguage(tag) == base {
			claims = append(claims, c.Restricted...)
		}
	}
	froms := slices.Sorted(maps.Keys(preferred))
	return &kitRules{
		banned: newTermSet(banned, base), preferred: newTermSet(froms, base), claims: newTermSet(claims, base),
		replacements: preferred, packs: compilePacks(k.Regulatory.Packs, base),
	}
}

// fingerprint hashes everything compile reads.
func (k *Kit) fingerprint(base string) uint64 {
	h := fnv.New64a()
	w := func(ss ...string) {
		for _, s := range ss {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
	}
	w(base, "banned")
	w(k.Lexicon.Banned...)
	w("preferred")
	writeMap(w, k.Lexicon.Preferred)
	w("claims")
	w(k.Claims.Restricted...)
	w("packs")
	w(k.Regulatory.Packs...)
	for _, tag := range slices.Sorted(maps.Keys(k.Lexicon.ByLanguage)) {
		w("lex", tag)
		w(k.Lexicon.ByLanguage[tag].Banned...)
		writeMap(w, k.Lexicon.ByLanguage[tag].Preferred)
	}
	for _, tag := range slices.Sorted(maps.Keys(k.Claims.ByLanguage)) {
		w("claims", tag)
		w(k.Claims.ByLanguage[tag].Restricted...)
	}
	return h.Sum64()
}

func writeMap(w func(...string), m map[string]string) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		w(k, m[k])
	}
}

// Severity names accepted in the kit's [rules] table; "off" drops the rule.
const SeverityOff Severity = "off"

// applySeverities sets each finding's severity from the kit's [rules]
// table and drops the rules turned off.
func (k *Kit) applySeverities(fs []Finding) []Finding {
	if len(k.Rules) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if s, ok := k.Rules[f.Rule]; ok {
			if Severity(s) == SeverityOff {
				continue
			}
			f.Severity = Severity(s)
		}
		out = append(out, f)
	}
	return out
}
