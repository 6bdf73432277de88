package app

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/studio/platform"
	"atelier/translations"
)

// checkPanel shows a brand check: the score, then the findings, errors
// first. Selecting one calls onSelect (to highlight it); "Apply fix" calls
// onApply with a finding that has a safe automatic fix.
type checkPanel struct {
	score    *widget.Label
	list     *widget.List
	applyBtn *widget.Button
	findings []brandkit.Finding
	selected int
	onSelect func(brandkit.Finding)
	onApply  func(brandkit.Finding)
	reg      *platform.Registry // names the platforms and placements findings quote
}

var severityRank = map[brandkit.Severity]int{brandkit.SeverityError: 0, brandkit.SeverityWarning: 1, brandkit.SeverityInfo: 2}

func newCheckPanel(reg *platform.Registry, onSelect, onApply func(brandkit.Finding)) *checkPanel {
	p := &checkPanel{onSelect: onSelect, onApply: onApply, selected: -1, reg: reg}
	p.score = widget.NewLabelWithStyle(lang.L("No check yet"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.score.Truncation = fyne.TextTruncateEllipsis
	p.list = &widget.List{
		Length:     func() int { return len(p.findings) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("error · lexicon.banned: message") },
		UpdateItem: p.updateItem,
		OnSelected: p.onSelected,
	}
	p.list.ExtendBaseWidget(p.list)
	p.applyBtn = &widget.Button{Text: lang.L("Apply fix"), Icon: theme.ConfirmIcon(), OnTapped: p.onApplyTapped}
	p.applyBtn.Disable()
	return p
}

func (p *checkPanel) object() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, nil, p.applyBtn, p.score)
	return container.NewBorder(top, nil, nil, nil, p.list)
}

// show displays a report; nil clears the panel.
func (p *checkPanel) show(r *brandkit.Report) {
	p.findings, p.selected = nil, -1
	p.list.UnselectAll()
	p.applyBtn.Disable()
	if r == nil {
		p.score.SetText(lang.L("No check yet"))
		p.list.Refresh()
		return
	}
	p.findings = append(p.findings, r.Findings...)
	sort.SliceStable(p.findings, func(i, j int) bool {
		return severityRank[p.findings[i].Severity] < severityRank[p.findings[j].Severity]
	})
	p.score.SetText(scoreLine(r))
	p.list.Refresh()
}

// scoreLine is a report's score and counts: "Score 92/100 · 1 error…".
func scoreLine(r *brandkit.Report) string {
	count := func(key string, n int) string { return lang.N(key, n, map[string]any{"Count": n}) }
	return fmt.Sprintf("%s %d/100 · %s · %s · %s", lang.L("Score"), r.Score,
		count("{{.Count}} error", r.Count(brandkit.SeverityError)), count("{{.Count}} warning", r.Count(brandkit.SeverityWarning)),
		count("{{.Count}} note", r.Count(brandkit.SeverityInfo)))
}

func (p *checkPanel) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	f := p.findings[id]
	l := o.(*widget.Label)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = map[brandkit.Severity]widget.Importance{brandkit.SeverityError: widget.DangerImportance,
		brandkit.SeverityWarning: widget.WarningImportance, brandkit.SeverityInfo: widget.LowImportance}[f.Severity]
	msg, fix := translations.Finding(uiLanguage(), f, p.reg)
	text := lang.L(string(f.Severity)) + " · " + msg
	if fix != "" {
		text += " → " + fix
	}
	l.SetText(text)
	p.list.SetItemHeight(id, l.MinSize().Height)
}

func (p *checkPanel) onSelected(id widget.ListItemID) {
	p.selected = id
	f := p.findings[id]
	if f.AutoFix != nil && p.onApply != nil {
		p.applyBtn.Enable()
	} else {
		p.applyBtn.Disable()
	}
	if p.onSelect != nil {
		p.onSelect(f)
	}
}

func (p *checkPanel) onApplyTapped() {
	if p.selected >= 0 && p.selected < len(p.findings) && p.onApply != nil {
		p.onApply(p.findings[p.selected])
	}
}

// highlighted shows text with the byte range [start, end) marked.
func highlighted(rt *widget.RichText, text string, start, end int) {
	if start < 0 || end > len(text) || start > end {
		rt.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyleParagraph}}
	} else {
		inline := widget.RichTextStyleInline
		mark := widget.RichTextStyleStrong
		mark.ColorName = theme.ColorNameError
		rt.Segments = []widget.RichTextSegment{
			&widget.TextSegment{Text: text[:start], Style: inline},
			&widget.TextSegment{Text: text[start:end], Style: mark},
			&widget.TextSegment{Text: text[end:], Style: inline},
		}
	}
	rt.Refresh()
}
