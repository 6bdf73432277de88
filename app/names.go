package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"atelier/studio"
)

// names turns the ids the data holds into the names people read: a
// platform's, a persona's from the kit in force, a language's in the UI's
// language. An id without a name is shown as it is.
type names struct{ ws *studio.Workspace }

func (n names) platform(id string) string {
	if p, ok := n.ws.Registry().Get(id); ok && p.Name != "" {
		return p.Name
	}
	return id
}

func (n names) persona(id string) string {
	if k := n.ws.Kit(); k != nil {
		if p, ok := k.Persona(id); ok && p.Name != "" {
			return p.Name
		}
	}
	return id
}

func (n names) language(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	ui := language.Make(uiLanguage())
	if name := display.Tags(ui).Name(t); name != "" {
		return name
	}
	return tag
}

// optionNames name the kit's fixed values (address, emoji policy, colour
// roles, logo corners) in English; optionName looks them up in the UI's
// language.
var optionNames = map[string]string{
	"tu": "tu (informal)", "vous": "vous (formal)", "casual": "Casual", "formal": "Formal",
	"none": "None", "sparing": "Sparing", "free": "Free",
	"primary": "Primary", "secondary": "Secondary", "accent": "Accent", "background": "Background", "text": "Text", "alert": "Alert",
	"top-left": "Top left", "top-right": "Top right", "bottom-left": "Bottom left", "bottom-right": "Bottom right",
}

func optionName(value string) string {
	if n, ok := optionNames[value]; ok {
		return lang.L(n)
	}
	return value
}

// choices are options shown by name and read back as ids.
type choices struct {
	names []string
	ids   map[string]string // name → id
}

func newChoices(ids []string, name func(string) string) choices {
	c := choices{ids: map[string]string{}}
	for _, id := range ids {
		n := name(id)
		c.names = append(c.names, n)
		c.ids[n] = id
	}
	return c
}

// idsOf returns the ids of the names chosen.
func (c choices) idsOf(names []string) []string {
	var out []string
	for _, n := range names {
		if id, ok := c.ids[n]; ok {
			out = append(out, id)
		}
	}
	return out
}

// namesOf returns the names of ids.
func (c choices) namesOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		for n, i := range c.ids {
			if i == id {
				out = append(out, n)
			}
		}
	}
	return out
}

// versionLine says what made a version, by whom or with what, when, and
// its status: "v3 · Fix applied · Camille · 24/11 16:00 · complete".
func versionLine(v studio.Version) string {
	action, arg, _ := strings.Cut(v.Action, ":")
	what := actionName(action)
	switch action {
	case "generate":
		what = lang.L("First draft")
	case "repair":
		what = lang.L("Repaired by the model")
	case "edit":
		what = lang.L("Edited")
	case "fix":
		what = lang.L("Fix applied")
	case "suggestion":
		what = lang.L("Suggestion accepted")
	case "restore":
		what = fmt.Sprintf(lang.L("Restored from %s"), arg)
	case string(studio.ActionTranslate):
		if arg != "" {
			what += " · " + names{}.language(arg)
		}
	}
	who := v.Author
	switch {
	case v.Origin == studio.OriginModel && v.Model != "":
		who = v.Model
	case v.Origin == studio.OriginTemplate:
		who = lang.L("the kit's templates")
	}
	return fmt.Sprintf("v%d · %s · %s · %s · %s", v.Number, what, who, v.CreatedAt.Local().Format("02/01 15:04"), lang.L(string(v.Status)))
}
