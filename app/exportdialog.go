package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/packaging"
	"atelier/studio"
)

// startLayout is how the export dialog reads and writes the first post's
// date and time.
const startLayout = "2006-01-02 15:04"

// cadences are the intervals between posts the export dialog offers.
var cadences = []struct {
	name  string
	every time.Duration
}{
	{"Every 12 hours", 12 * time.Hour}, {"Every day", 24 * time.Hour}, {"Every 2 days", 48 * time.Hour}, {"Every week", 7 * 24 * time.Hour},
}

// onExport asks how the approved pieces go out (which campaign, when the
// first post is, how often the next ones follow, which platforms, into
// which folder) and exports them, one bundle per campaign, with a
// progress bar. Until the calendar plans posts, this dialog is the
// schedule.
func (r *reviewScreen) onExport() {
	approved := r.cols[studio.StateApproved]
	if len(approved) == 0 {
		dialog.ShowInformation(lang.L("Nothing to export"), lang.L("No piece is approved yet."), r.win)
		return
	}
	campaign := widget.NewSelect(append([]string{lang.L("Every campaign")}, r.campaign.Options[1:]...), nil)
	campaign.SetSelectedIndex(max(0, r.campaign.SelectedIndex()))
	tomorrow := time.Now().Add(24 * time.Hour)
	start := widget.NewEntry()
	start.SetText(time.Date(tomorrow.Year(), tomorrow.Month(), tomorrow.Day(), 9, 0, 0, 0, time.Local).Format(startLayout))
	start.Validator = func(s string) error {
		if _, err := time.ParseInLocation(startLayout, strings.TrimSpace(s), time.Local); err != nil {
			return said(lang.L("Write the date and time as 2026-12-01 09:00."))
		}
		return nil
	}
	cadence := newChoices(cadenceNames(), func(n string) string { return lang.L(n) })
	every := widget.NewSelect(cadence.names, nil)
	every.SetSelectedIndex(1)
	var ids []string
	for _, p := range approved {
		if !slices.Contains(ids, p.Platform) {
			ids = append(ids, p.Platform)
		}
	}
	platforms := newChoices(ids, names{r.ws}.platform)
	which := widget.NewCheckGroup(platforms.names, nil)
	which.Horizontal = true
	which.SetSelected(platforms.names)
	folder := widget.NewEntry()
	folder.SetText(defaultExportFolder())
	browse := &widget.Button{Icon: theme.FolderOpenIcon(), OnTapped: func() { chooseFolder(r.win, folder) }}
	d := dialog.NewForm(lang.L("Export the approved pieces"), lang.L("Export"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Campaign"), campaign),
		widget.NewFormItem(lang.L("First post"), start),
		widget.NewFormItem(lang.L("Then"), every),
		widget.NewFormItem(lang.L("Platforms"), which),
		widget.NewFormItem(lang.L("Into the folder"), container.NewBorder(nil, nil, nil, browse, folder)),
	}, func(ok bool) {
		if !ok {
			return
		}
		t, _ := time.ParseInLocation(startLayout, strings.TrimSpace(start.Text), time.Local)
		opt := packaging.ExportOptions{Start: t, Platforms: platforms.idsOf(which.Selected), CampaignID: r.campaignIDs[campaign.Selected]}
		for _, c := range cadences {
			if c.name == cadence.ids[every.Selected] {
				opt.Every = c.every
			}
		}
		if len(opt.Platforms) == 0 {
			showError(r.win, said(lang.L("Choose at least one platform to export.")))
			return
		}
		r.exportTo(strings.TrimSpace(folder.Text), opt)
	}, r.win)
	d.Resize(fyne.NewSize(min(640, r.win.Canvas().Size().Width-40), 0))
	d.Show()
}

func cadenceNames() []string {
	out := make([]string, len(cadences))
	for i, c := range cadences {
		out[i] = c.name
	}
	return out
}

// defaultExportFolder is the Desktop when there is one, else the home
// folder.
func defaultExportFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Desktop")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Desktop")
	}
	return home
}

// chooseFolder lets the user pick a folder and writes its path into
// entry, which can also be typed into.
func chooseFolder(win fyne.Window, entry *widget.Entry) {
	pickFolder(win, entry.Text, func(path string, err error) {
		switch {
		case errors.Is(err, errCancelled):
		case err != nil:
			showError(win, err)
		default:
			entry.SetText(path)
		}
	})
}
