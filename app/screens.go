package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/assets"
	"atelier/studio"
)

// settingsScreen shows where Atelier keeps things and who is using it.
type settingsScreen struct {
	st *Studio
}

func (s *settingsScreen) title() string       { return lang.L("Settings") }
func (s *settingsScreen) icon() fyne.Resource { return theme.SettingsIcon() }

func (s *settingsScreen) build() fyne.CanvasObject {
	ws := s.st.ws
	u := s.st.user()
	name := &widget.Entry{Text: u.Name}
	role, chosen := roleChoice(u.Role)
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), OnTapped: func() {
		s.st.setUser(studio.User{Name: name.Text, Role: chosen()})
	}}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Your name"), name),
		widget.NewFormItem(lang.L("Role"), container.NewHBox(role, save)),
		widget.NewFormItem(lang.L("Data folder"), widget.NewLabel(ws.DataDir())),
		widget.NewFormItem(lang.L("Database"), widget.NewLabel(ws.Location())),
		widget.NewFormItem(lang.L("Brand kit folder"), widget.NewLabel(ws.KitDir())),
		widget.NewFormItem(lang.L("Language"), s.languageChoice()),
		widget.NewFormItem(lang.L("Largest image to import"), s.pixelBudget()),
		widget.NewFormItem(lang.L("ffmpeg, for videos"), s.ffmpegChoice()),
	)
	hint := widget.NewLabel(lang.L("Set ATELIER_HOME to keep the data elsewhere. Switch brand kits on the Brand kit screen.") + "\n" +
		lang.L("Drafts and brand checks follow the kit's languages, whatever the UI's language."))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(sectionTitle(lang.L("Settings")), form, hint))
}

// languageChoice chooses the UI's language: the system's, French or
// English, applied at once.
func (s *settingsScreen) languageChoice() *widget.Select {
	var labels []string
	current := s.st.app.Preferences().String(prefUILanguage)
	selected := ""
	for _, l := range uiLanguages {
		label := l.label
		if l.value == "" {
			label = lang.L(l.label) // the others are named in their own language
		}
		labels = append(labels, label)
		if l.value == current {
			selected = label
		}
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelected(selected)
	sel.OnChanged = func(label string) {
		for i, l := range labels {
			if l == label && uiLanguages[i].value != current {
				s.st.setLanguage(uiLanguages[i].value)
			}
		}
	}
	return sel
}

// pixelBudgets are the choices of the largest image to import, in MP.
var pixelBudgets = []string{"25 MP", "50 MP", "100 MP", "200 MP", "400 MP"}

// prefMaxMP is the preference key of the largest image to import, in MP.
const prefMaxMP = "max_image_mp"

// pixelBudget chooses the largest image the library imports; a bigger one
// is refused from its header, before it is decoded.
func (s *settingsScreen) pixelBudget() *widget.Select {
	sel := widget.NewSelect(pixelBudgets, nil)
	sel.SetSelected(fmt.Sprintf("%d MP", s.st.app.Preferences().IntWithFallback(prefMaxMP, 100)))
	sel.OnChanged = s.onPixelBudget
	return sel
}

func (s *settingsScreen) onPixelBudget(choice string) {
	var mp int
	if _, err := fmt.Sscanf(choice, "%d MP", &mp); err != nil {
		return
	}
	s.st.app.Preferences().SetInt(prefMaxMP, mp)
	s.st.ws.SetMaxImagePixels(mp * 1_000_000)
}

// prefFFmpeg is the preference key of ffmpeg's path; "" = the one on PATH.
const prefFFmpeg = "ffmpeg.path"

// ffmpegChoice names the ffmpeg videos are made with, and says whether it
// is found.
func (s *settingsScreen) ffmpegChoice() fyne.CanvasObject {
	prefs := s.st.app.Preferences()
	entry := &widget.Entry{Text: prefs.String(prefFFmpeg), PlaceHolder: lang.L("The ffmpeg on PATH")}
	found := widget.NewLabel("")
	found.Wrapping = fyne.TextWrapWord
	say := func(path string) {
		ffmpeg, _, err := assets.FindFFmpeg(path)
		if err != nil {
			found.SetText(sentence(err))
			found.Importance = widget.WarningImportance
		} else {
			found.SetText(lang.L("Videos are made with") + " " + ffmpeg)
			found.Importance = widget.MediumImportance
		}
		found.Refresh()
	}
	entry.OnChanged = func(path string) {
		prefs.SetString(prefFFmpeg, strings.TrimSpace(path))
		say(strings.TrimSpace(path))
	}
	say(entry.Text)
	return container.NewVBox(entry, found)
}

// emptyState says why a list is empty and offers the next action; show
// it over the list while the list has nothing. The label can change.
func emptyState(msg string, next *widget.Button) (*fyne.Container, *widget.Label) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	box := container.NewVBox(layout.NewSpacer(), l, container.NewCenter(next), layout.NewSpacer())
	return container.NewPadded(box), l
}

func sectionTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func errorLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}
