package brandkit_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"atelier/brandkit"
)

// TestDocsListEveryKitKey: docs/brandkit.md's key table and the parser's
// keys (read from the Kit type) are the same set, and every rule a kit may
// set is documented.
func TestDocsListEveryKitKey(t *testing.T) {
	data, err := os.ReadFile("../docs/brandkit.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	documented := map[string]bool{}
	keys, _, _ := strings.Cut(doc, "## How words match")
	for _, m := range row.FindAllStringSubmatch(keys, -1) {
		documented[m[1]] = true
	}
	parsed := map[string]bool{}
	for _, k := range brandkit.SchemaKeys() {
		parsed[k] = true
		if !documented[k] {
			t.Errorf("docs/brandkit.md does not document %s", k)
		}
	}
	for k := range documented {
		if !parsed[k] {
			t.Errorf("docs/brandkit.md documents %s, which the parser does not read", k)
		}
	}
	for _, rule := range brandkit.RuleKinds() {
		if !strings.Contains(doc, "| `"+rule+"` |") {
			t.Errorf("docs/brandkit.md does not document the rule %s", rule)
		}
	}
}
