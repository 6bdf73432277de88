package ollama

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Suggestion is a model worth pulling for drafting posts, with its
// download size (the Ollama library's default 4-bit build) and what it is
// good at.
type Suggestion struct {
	Name     string
	Download int64  // bytes to download, about
	Note     string // what it is good at, for a community manager
}

// Memory is about what the model needs in memory to draft with Atelier's
// 8,192-token window: its weights and the cache of the context.
func (s Suggestion) Memory() int64 { return s.Download*5/4 + 1<<30 }

// Catalogue lists the models suggested for drafting, smallest first.
var Catalogue = []Suggestion{
	{"gemma3:1b", 815e6, "the quickest; short posts in English, plainer French"},
	{"llama3.2:3b", 2.0e9, "quick; trained for English, French, German, Italian, Spanish and Portuguese"},
	{"qwen3:4b", 2.5e9, "quick, in 119 languages; thinks before it writes, which takes longer"},
	{"gemma3:4b", 3.3e9, "Atelier's default: good French and 140 languages, and it can describe images for alt text"},
	{"mistral:7b", 4.4e9, "a French lab's model, fluent in French; slower on a laptop"},
	{"qwen3:8b", 5.2e9, "more careful with long briefs and rules, in 119 languages"},
	{"gemma3:12b", 8.1e9, "the best writing here, in French too, and image descriptions; needs 16 GB"},
}

// Suggest returns the catalogue's models that fit in memory bytes of RAM,
// leaving room for the rest of the computer (a model may use at most 70 %
// of it). With memory 0, all of them.
func Suggest(memory int64) []Suggestion {
	var out []Suggestion
	for _, s := range Catalogue {
		if memory == 0 || s.Memory() <= memory*7/10 {
			out = append(out, s)
		}
	}
	return out
}

// Suggested returns the catalogue's entry for a model name.
func Suggested(name string) (Suggestion, bool) {
	for _, s := range Catalogue {
		if s.Name == name {
			return s, true
		}
	}
	return Suggestion{}, false
}

// TotalMemory returns the computer's RAM in bytes, or 0 when it cannot be
// read (outside Linux).
func TotalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}
