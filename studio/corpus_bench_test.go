//go:build bench

package studio_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestBenchCheckerCorpus prints the per-kind precision and recall on the
// labelled corpus.
func TestBenchCheckerCorpus(t *testing.T) {
	scores, posts, _, languages := runCorpus(t)
	fmt.Printf("BENCH checker corpus: %d posts in %d languages, precision and recall per rule kind (goal >= 0.97 each)\n", posts, languages)
	for _, line := range strings.Split(strings.TrimRight(corpusTable(scores), "\n"), "\n") {
		fmt.Println("BENCH   " + line)
	}
}
