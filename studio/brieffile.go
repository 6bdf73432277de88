package studio

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"atelier/brandkit"
)

// briefFile is the TOML form of a brief (samples/brief.toml). Topic, key
// message, call to action and link are written in Language; [text."TAG"]
// gives them in another language, and a language left out is translated by
// the model. Partner names the partner of a paid partnership.
type briefFile struct {
	Topic      string               `toml:"topic"`
	KeyMessage string               `toml:"key_message"`
	CTA        string               `toml:"cta"`
	Link       string               `toml:"link"`
	Personas   []string             `toml:"personas"`
	Platforms  []string             `toml:"platforms"`
	Languages  []string             `toml:"languages"`
	Language   string               `toml:"language"`
	Partner    string               `toml:"partner"`
	Text       map[string]BriefText `toml:"text"`
}

// MaxBriefBytes bounds a brief file.
const MaxBriefBytes = 1 << 20

// ParseBrief reads a brief file's content. Every error names the file and
// the line; an unknown key comes with the key it was probably meant as.
// Personas, platforms and languages are checked against the kit when the
// brief is drafted (Composer.Targets), which lists the valid ones.
func ParseBrief(path string, data []byte) (Brief, error) {
	if len(data) > MaxBriefBytes {
		return Brief{}, fmt.Errorf("%s: the brief is %d bytes; at most %d are read", path, len(data), MaxBriefBytes)
	}
	var b briefFile
	err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&b)
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		e := strict.Errors[0]
		line, _ := e.Position()
		key := e.Key()
		hint := ""
		if guess := brandkit.DidYouMean(key[len(key)-1], briefKeys()); guess != "" {
			hint = fmt.Sprintf(", did you mean %q", guess)
		}
		return Brief{}, fmt.Errorf("%s:%d: unknown key %q%s; expected one of %s", path, line, strings.Join(key, "."), hint, strings.Join(briefKeys(), ", "))
	case errors.As(err, &de):
		line, _ := de.Position()
		return Brief{}, fmt.Errorf("%s:%d: %s", path, line, strings.TrimPrefix(de.Error(), "toml: "))
	case err != nil:
		return Brief{}, fmt.Errorf("%s: %v", path, err)
	}
	if strings.TrimSpace(b.Topic) == "" {
		return Brief{}, fmt.Errorf(`%s: the brief has no topic; expected topic = "..."`, path)
	}
	tags := append([]string{b.Language}, b.Languages...)
	for tag := range b.Text {
		tags = append(tags, tag)
	}
	for _, tag := range tags {
		if tag == "" {
			continue
		}
		if problem := brandkit.CheckLanguageTag(tag); problem != "" {
			return Brief{}, fmt.Errorf("%s: %s", path, problem)
		}
	}
	return Brief{Topic: b.Topic, KeyMessage: b.KeyMessage, CTA: b.CTA, Link: b.Link, Personas: b.Personas, Platforms: b.Platforms,
		Languages: b.Languages, Formats: []string{"text"}, Language: b.Language, Partner: b.Partner, ByLanguage: b.Text}, nil
}

// briefKeys lists a brief file's keys, from briefFile's tags.
func briefKeys() []string {
	t := reflect.TypeOf(briefFile{})
	out := make([]string, t.NumField())
	for i := range out {
		out[i] = t.Field(i).Tag.Get("toml")
	}
	return out
}
