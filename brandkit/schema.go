package brandkit

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// The kit's schema, read from the Kit struct's toml tags, so that "did you
// mean", the type of a key and docs/brandkit.md's test follow the parser.

// fieldAt walks a key path ("voice", "max_emoji") down the Kit type and
// returns the type at it: through structs by tag, maps by any key, and
// slices into their elements.
func fieldAt(path []string) (reflect.Type, bool) {
	t := reflect.TypeOf(Kit{})
	for _, k := range path {
		for t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByTag(t, k)
			if !ok {
				return nil, false
			}
			t = f.Type
		case reflect.Map:
			t = t.Elem()
		default:
			return nil, false
		}
	}
	return t, true
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("toml"), ","); name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// keysAt lists the keys a table at path may hold (nil for a map or a
// value).
func keysAt(path []string) []string {
	t, ok := fieldAt(path)
	if !ok {
		return nil
	}
	for t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// SchemaKeys lists every key path of the kit format, such as "voice.emoji",
// "lexicon.by_language.*.banned" or "palette[].hex", for the docs' test.
func SchemaKeys() []string {
	var out []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			path := strings.TrimPrefix(prefix+"."+name, ".")
			ft := t.Field(i).Type
			switch {
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				out = append(out, path+"[]")
				walk(path+"[]", ft.Elem())
			case ft.Kind() == reflect.Map && ft.Elem().Kind() == reflect.Struct:
				out = append(out, path)
				walk(path+".*", ft.Elem())
			case ft.Kind() == reflect.Struct:
				walk(path, ft)
			default:
				out = append(out, path)
			}
		}
	}
	walk("", reflect.TypeOf(Kit{}))
	sort.Strings(out)
	return out
}

// typeInWords says what a key holds as a designer would: "a whole number
// such as 2".
func typeInWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number such as 2"
	case reflect.Float64, reflect.Float32:
		return "a number such as -1.5"
	case reflect.String:
		return `text in quotes, such as "Lato"`
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "a list of tables, written [[name]]"
		}
		return `a list in brackets, such as ["a", "b"]`
	case reflect.Map, reflect.Struct:
		return "a table, written [name] or { key = value }"
	}
	return t.String()
}

// valueInWords names the kind of value TOML read, from go-toml's error text.
func valueInWords(msg string) string {
	for _, k := range [][2]string{{"string", "text"}, {"integer", "a whole number"}, {"float", "a number"}, {"bool", "true or false"},
		{"array", "a list"}, {"table", "a table"}, {"datetime", "a date"}} {
		if word := k[0]; strings.Contains(msg, "TOML "+word) || strings.Contains(msg, "decode "+word) || strings.Contains(msg, word+" into") {
			return k[1]
		}
	}
	return ""
}

// DidYouMean returns the candidate closest to word when it is close
// enough to be a slip: at most a third of its letters differ.
func DidYouMean(word string, candidates []string) string {
	best, bestD := "", len(word)/3+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance counts the edits between two words, a swap of neighbours
// (emoij, emoji) being one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// bcp47 is the shape of a tag as the kit writes it: a language, an optional
// script and an optional region, joined by hyphens ("fr", "de-CH",
// "sr-Latn-RS").
var bcp47 = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$`)

// CheckLanguageTag says what is wrong with a language tag, with the form
// it was probably meant as: "es_ES" → did you mean "es-ES". It returns ""
// for a well-formed tag of a known language.
func CheckLanguageTag(tag string) string {
	if bcp47.MatchString(tag) {
		if t, err := language.Parse(tag); err == nil {
			if b, conf := t.Base(); conf != language.No && b.String() != "und" {
				return ""
			}
		}
		return fmt.Sprintf("%q is not a known language", tag)
	}
	guess := strings.ReplaceAll(strings.TrimSpace(tag), "_", "-")
	if t, err := language.Parse(guess); err == nil && t.String() != "und" {
		return fmt.Sprintf("%q is not a BCP 47 language tag; did you mean %q?", tag, t.String())
	}
	return fmt.Sprintf("%q is not a BCP 47 language tag", tag)
}
