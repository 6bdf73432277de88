package app

import (
	"context"
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio/ollama"
)

// modelPanel is Compose's way forward when the default model cannot
// draft: it says why and offers to pull it (with its size, progress and
// cancel), to use an installed model, or to draft from the kit's
// templates. It is hidden while the model is there.
type modelPanel struct {
	st       *Studio
	box      *fyne.Container
	msg      *widget.Label
	pull     *widget.Button
	stop     *widget.Button
	bar      *widget.ProgressBar
	use      *widget.Select
	useRow   *fyne.Container
	template *widget.Button
	changed  func() // the drafter may have changed: Compose says which

	mu     sync.Mutex
	cancel context.CancelFunc // of the pull under way
}

func newModelPanel(st *Studio, changed func()) *modelPanel {
	p := &modelPanel{st: st, changed: changed}
	p.msg = widget.NewLabel("")
	p.msg.Wrapping = fyne.TextWrapWord
	p.pull = &widget.Button{Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: p.onPull}
	p.stop = &widget.Button{Text: lang.L("Cancel"), Icon: theme.CancelIcon(), OnTapped: p.onStop}
	p.stop.Hide()
	p.bar = widget.NewProgressBar()
	p.bar.Hide()
	p.use = widget.NewSelect(nil, p.onUse)
	p.use.PlaceHolder = lang.L("Use an installed model")
	p.useRow = container.NewBorder(nil, nil, widget.NewLabel(lang.L("or")), nil, p.use)
	p.template = &widget.Button{Text: lang.L("Draft from the kit's templates"), Icon: theme.DocumentIcon(), OnTapped: p.onTemplates}
	p.box = container.NewVBox(widget.NewSeparator(), p.msg, container.NewHBox(p.pull, p.stop), p.bar, p.useRow, p.template)
	p.box.Hide()
	return p
}

// show puts the panel in line with the server's state: hidden when the
// default model is installed or the templates were chosen.
func (p *modelPanel) show(conn *ollama.Connection, state ollama.ServerState) {
	model := p.st.model()
	switch {
	case p.st.templatesChosen.Load():
		p.box.Hide()
		return
	case conn == nil || !state.Reachable:
		p.msg.SetText(lang.L("No Ollama server is running, so no model can draft. Install Ollama from https://ollama.com/download, or draft from the kit's templates now.")) // the status line has the details
		p.pull.Hide()
		p.useRow.Hide()
	case state.Readiness(model) != ollama.NotInstalled:
		p.box.Hide()
		return
	default:
		size := lang.L("size unknown")
		if s, ok := ollama.Suggested(model); ok {
			size = fmt.Sprintf("%.1f GB", float64(s.Download)/1e9)
		}
		p.msg.SetText(fmt.Sprintf(lang.L("%s, the model that drafts, is not installed on this computer."), model))
		p.pull.SetText(fmt.Sprintf(lang.L("Pull %s (%s)"), model, size))
		p.pull.Show()
		var names []string
		for _, m := range state.Models {
			names = append(names, m.Name)
		}
		p.use.Options = names
		p.useRow.Hidden = len(names) == 0
	}
	p.box.Show()
	p.box.Refresh()
}

// onPull downloads the default model with a progress bar and a Cancel
// button, then says the drafter changed.
func (p *modelPanel) onPull() {
	conn, _, _ := p.st.session.state()
	if conn == nil {
		return
	}
	model := p.st.model()
	ctx, cancel := context.WithCancel(context.Background())
	p.mu.Lock()
	p.cancel = cancel
	p.mu.Unlock()
	p.pull.Disable()
	p.stop.Show()
	p.bar.SetValue(0)
	p.bar.Show()
	goBackground(func() {
		defer cancel()
		var done, total int64
		layers := map[string][2]int64{}
		err := (&ollama.Models{Client: conn.Client}).Pull(ctx, model, func(pr ollama.PullProgress) {
			if pr.Layer == "" || pr.Total == 0 {
				return
			}
			layers[pr.Layer] = [2]int64{pr.Completed, pr.Total}
			done, total = 0, 0
			for _, l := range layers {
				done, total = done+l[0], total+l[1]
			}
			f := float64(done) / float64(total)
			onUI(func() { p.bar.SetValue(f) })
		})
		cancelled := ctx.Err() // before the deferred cancel
		onUI(func() { p.pulled(model, cancelled, err) })
	})
}

// pulled shows how a pull ended; once the model is there, the panel
// closes and Compose says it drafts with it.
func (p *modelPanel) pulled(model string, cancelled, err error) {
	p.pull.Enable()
	p.stop.Hide()
	p.bar.Hide()
	switch {
	case cancelled != nil:
		p.msg.SetText(fmt.Sprintf(lang.L("The download of %s was cancelled."), model))
	case err != nil:
		p.msg.SetText(model + " — " + sentence(err))
	default:
		p.changed()
	}
}

func (p *modelPanel) onStop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
}

// onUse makes an installed model the default.
func (p *modelPanel) onUse(name string) {
	if name == "" {
		return
	}
	p.st.app.Preferences().SetString(prefModel, name)
	p.changed()
}

// onTemplates drafts from the kit's templates from now on, labelled as such.
func (p *modelPanel) onTemplates() {
	p.st.templatesChosen.Store(true)
	p.box.Hide()
	p.changed()
}
