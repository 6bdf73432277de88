package app

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/translations"
)

// field is one editable kit value with its inline error line. load copies
// the kit's value into the widget; the widget's change handler writes back.
type field struct {
	path     string // the kit field path errors are reported on, e.g. "logo.min_width_px"
	label    string
	input    fyne.CanvasObject
	outline  *canvas.Rectangle // red around the input while it has a problem
	err      *widget.Label     // the problem, in words, under the input; made on the first one
	box      *fyne.Container   // the input and, once there is one, the problem
	load     func()
	onChange func() // after the user changed the value
}

func newField(path, label string, input fyne.CanvasObject, load func()) *field {
	o := canvas.NewRectangle(color.Transparent)
	o.StrokeColor = theme.Color(theme.ColorNameError)
	o.StrokeWidth = 2
	o.CornerRadius = theme.InputRadiusSize()
	o.Hide()
	f := &field{path: path, label: label, input: input, outline: o, load: load}
	f.box = container.NewVBox(container.NewStack(input, o))
	return f
}

// changed tells the screen the user edited the value.
func (f *field) changed() {
	if f.onChange != nil {
		f.onChange()
	}
}

// object is the input, outlined while it has a problem, over its error
// line.
func (f *field) object() fyne.CanvasObject { return f.box }

// setEditable enables or disables the input.
func (f *field) setEditable(on bool) {
	if d, ok := f.input.(fyne.Disableable); ok {
		if on {
			d.Enable()
		} else {
			d.Disable()
		}
	}
}

// setErrors shows the problems that concern this field, or hides the line.
func (f *field) setErrors(problems []brandkit.FieldError) {
	var msgs []string
	for _, p := range problems {
		if p.Field == f.path || strings.HasPrefix(p.Field, f.path+"[") || strings.HasPrefix(p.Field, f.path+".") {
			msgs = append(msgs, problemText(p))
		}
	}
	f.outline.Hidden = len(msgs) == 0
	f.outline.Refresh()
	if f.err == nil && len(msgs) == 0 {
		return // most fields never have a problem: their label is not made
	}
	if f.err == nil {
		f.err = widget.NewLabel("")
		f.err.Importance = widget.DangerImportance
		f.err.Wrapping = fyne.TextWrapWord
		f.box.Add(f.err)
	}
	f.err.SetText(strings.Join(msgs, "\n"))
	f.err.Hidden = len(msgs) == 0
	f.err.Refresh()
}

// problemText says a kit problem in words: what is wrong, then what to
// write instead.
func problemText(p brandkit.FieldError) string {
	problem, expected := p.Problem, p.Expected
	if ui := uiLanguage(); p.Key != "" && ui != "en" {
		problem = translations.Say(ui, "kit."+p.Key, p.Problem, p.Args)
		expected = translations.Say(ui, "kit."+p.Key+".expected", p.Expected, p.Args)
	}
	if expected == "" {
		return problem
	}
	return problem + " — " + expected
}

// formOf lays fields out as a two-column form, each input with its error
// line beneath it.
func formOf(fields ...*field) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		label := widget.NewLabelWithStyle(f.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		objs = append(objs, label, f.object())
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// textField edits a string.
func textField(path, label string, ptr *string, multiline bool) *field {
	e := widget.NewEntry()
	if multiline {
		e = widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	f := newField(path, label, e, func() { e.SetText(*ptr) })
	e.OnChanged = func(s string) { *ptr = s; f.changed() }
	return f
}

// listField edits a list of strings, one per line.
func listField(path, label string, ptr *[]string) *field {
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(3)
	f := newField(path, label, e, func() { e.SetText(strings.Join(*ptr, "\n")) })
	e.OnChanged = func(s string) { *ptr = splitLines(s); f.changed() }
	return f
}

// intField edits a whole number; text that is not a number is an inline
// error straight away.
func intField(path, label string, ptr *int) *field {
	e := widget.NewEntry()
	f := newField(path, label, e, func() { e.SetText(strconv.Itoa(*ptr)) })
	e.Validator = func(s string) error {
		_, err := strconv.Atoi(strings.TrimSpace(s))
		return err
	}
	e.OnChanged = func(s string) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			*ptr = n
		}
		f.changed()
	}
	return f
}

// floatField edits a decimal number.
func floatField(path, label string, ptr *float64) *field {
	e := widget.NewEntry()
	f := newField(path, label, e, func() { e.SetText(strconv.FormatFloat(*ptr, 'g', -1, 64)) })
	e.Validator = func(s string) error {
		_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return err
	}
	e.OnChanged = func(s string) {
		if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			*ptr = v
		}
		f.changed()
	}
	return f
}

// choiceField edits a string chosen from options.
// choiceField edits one of the kit's fixed values, shown by name.
func choiceField(path, label string, ptr *string, options []string) *field {
	c := newChoices(options, optionName)
	s := widget.NewSelect(c.names, nil)
	f := newField(path, label, s, func() { s.SetSelected(optionName(*ptr)) })
	s.OnChanged = func(v string) { *ptr = c.ids[v]; f.changed() }
	return f
}

// checksField edits a subset of options.
func checksField(path, label string, ptr *[]string, options []string) *field {
	c := newChoices(options, optionName)
	g := widget.NewCheckGroup(c.names, nil)
	g.Horizontal = true
	f := newField(path, label, g, func() { g.SetSelected(c.namesOf(*ptr)) })
	g.OnChanged = func(v []string) { *ptr = c.idsOf(v); f.changed() }
	return f
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
