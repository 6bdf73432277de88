package assets

import (
	"slices"
	"testing"
)

func TestWordsKeepFrenchPunctuationWithItsWord(t *testing.T) {
	got := words("La recharge « Feu de bois » arrive : réservez !  Vite")
	want := []string{"La", "recharge", "« Feu", "de", "bois »", "arrive :", "réservez !", "Vite"}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	// A no-break space already binds; it is not a break.
	if got := words("« Feu »"); !slices.Equal(got, []string{"« Feu »"}) {
		t.Errorf("%q", got)
	}
}
