package brandkit

import "strings"

// formalityWords maps every accepted voice.formality value to formal
// (true) or casual (false): the generic words and each language's own
// names for its two forms of address.
var formalityWords = map[string]bool{
	"formal": true, "casual": false,
	"vous": true, "tu": false, // French
	"sie": true, "du": false, // German
	"usted": true, "tú": false, // Spanish
	"lei": true,              // Italian (tu as in French)
	"u":   true, "je": false, // Dutch
}

// Formal says whether the kit addresses readers formally (vous, Sie,
// usted, Lei, u) or casually (tu, du, tú, je), and whether it says at all.
func (v Voice) Formal() (formal, set bool) {
	formal, set = formalityWords[strings.ToLower(strings.TrimSpace(v.Formality))]
	return formal, set
}
