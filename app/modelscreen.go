package app

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/studio"
	"atelier/studio/ollama"
)

// layerProgress is one layer of a pull.
type layerProgress struct {
	digest           string
	total, completed int64
}

// modelScreen shows the Ollama server, its models, pulls with a progress
// bar per layer, the default model and warm-up.
type modelScreen struct {
	st *Studio

	server    *widget.Label
	details   *details // the server error's technical text
	models    *widget.List
	names     []string
	info      []ollama.ModelInfo
	def       *widget.Select
	pullName  *widget.Entry
	pullBtn   *widget.Button
	warmBtn   *widget.Button
	layers    *widget.List
	pullMsg   *widget.Label
	empty     *widget.Label   // says what to do when no model is installed
	suggested *fyne.Container // the catalogue's models that fit this computer

	mu    sync.Mutex
	pulls []layerProgress
	shown chan struct{} // receives once each time the server's state is shown
}

func newModelScreen(st *Studio) *modelScreen {
	return &modelScreen{st: st, shown: make(chan struct{}, 8)}
}

func (m *modelScreen) title() string       { return lang.L("Model") }
func (m *modelScreen) icon() fyne.Resource { return theme.ComputerIcon() }

func (m *modelScreen) build() fyne.CanvasObject {
	m.server = widget.NewLabel(lang.L("Ollama: connecting…"))
	m.server.Wrapping = fyne.TextWrapWord
	m.models = &widget.List{
		Length: func() int { return len(m.info) },
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("gemma3:4b\n3.3 GB · gemma3, 4.3B parameters, Q4_K_M · reads 131,072 tokens · sees images")
			l.Truncation = fyne.TextTruncateEllipsis
			del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
			return container.NewBorder(nil, nil, nil, del, l)
		},
		UpdateItem: m.updateModel,
	}
	m.models.ExtendBaseWidget(m.models)
	m.empty = widget.NewLabel(lang.L("No model is installed yet. Pull one of the suggested models below: it downloads once and then drafts without the internet."))
	m.empty.Wrapping = fyne.TextWrapWord
	m.empty.Hide()
	m.suggested = container.NewVBox()
	m.def = widget.NewSelect(nil, m.onDefault)
	m.def.PlaceHolder = m.st.model()
	m.pullName = &widget.Entry{Text: studio.DefaultModel}
	m.pullBtn = &widget.Button{Text: lang.L("Pull"), Icon: theme.DownloadIcon(), OnTapped: m.onPull}
	m.warmBtn = &widget.Button{Text: lang.L("Warm up"), Icon: theme.MediaPlayIcon(), OnTapped: m.onWarm}
	refresh := &widget.Button{Text: lang.L("Refresh"), Icon: theme.ViewRefreshIcon(), OnTapped: m.refresh}
	m.layers = &widget.List{
		Length: m.layerCount,
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewLabel("sha256:0123456789ab"), nil, widget.NewProgressBar())
		},
		UpdateItem: m.updateLayer,
	}
	m.layers.ExtendBaseWidget(m.layers)
	m.pullMsg = widget.NewLabel("")
	m.pullMsg.Wrapping = fyne.TextWrapWord

	m.details = newDetails()
	top := container.NewVBox(sectionTitle(lang.L("Server")), m.server, m.details.object,
		container.NewHBox(widget.NewLabel(lang.L("Default model")), m.def, m.warmBtn, layout.NewSpacer(), refresh))
	var pull fyne.CanvasObject = container.NewBorder(container.NewVBox(sectionTitle(lang.L("Pull a model")),
		container.NewBorder(nil, nil, nil, m.pullBtn, m.pullName), m.pullMsg), nil, nil, nil, m.layers)
	installed := container.NewBorder(container.NewVBox(sectionTitle(lang.L("Installed models")), m.empty), nil, nil, nil, m.models)
	pull = container.NewBorder(container.NewVBox(sectionTitle(lang.L("Suggested for this computer")), m.suggested), nil, nil, nil, pull)
	m.st.session.whenReady(m.refresh)
	return container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, installed, pull))
}

func (m *modelScreen) updateModel(id widget.ListItemID, o fyne.CanvasObject) {
	i := m.info[id]
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(i.Name + "\n" + describeModel(i))
	row.Objects[1].(*widget.Button).OnTapped = func() { m.onDelete(i.Name) }
}

// describeModel says what an installed model is, in a sentence's words.
func describeModel(i ollama.ModelInfo) string {
	parts := []string{fmt.Sprintf("%.1f GB", float64(i.Size)/1e9)}
	if i.Family != "" {
		parts = append(parts, fmt.Sprintf(lang.L("%s, %s parameters, %s"), i.Family, i.Params, i.Quantization))
	}
	if i.ContextLength > 0 {
		parts = append(parts, fmt.Sprintf(lang.L("reads %d tokens"), i.ContextLength))
	}
	if i.Vision() {
		parts = append(parts, lang.L("sees images"))
	}
	return strings.Join(parts, " · ")
}

// onDelete removes a model from the server, once the user confirms.
func (m *modelScreen) onDelete(name string) {
	conn, _, _ := m.st.session.state()
	if conn == nil {
		return
	}
	dialog.ShowConfirm(lang.L("Delete the model?"), fmt.Sprintf(lang.L("%s will be removed from this computer; pull it again to use it."), name), func(ok bool) {
		if !ok {
			return
		}
		goBackground(func() {
			err := (&ollama.Models{Client: conn.Client}).Delete(context.Background(), name)
			onUI(func() {
				if err != nil {
					showError(m.st.win, err)
				}
				m.refresh()
			})
		})
	}, m.st.win)
}

// showSuggestions lists the catalogue's models that fit this computer's
// memory, each with its download size, what it is good at, and Pull.
func (m *modelScreen) showSuggestions(installed []ollama.ModelInfo) {
	mem := ollama.TotalMemory()
	m.suggested.Objects = nil
	if mem > 0 {
		m.suggested.Add(widget.NewLabel(fmt.Sprintf(lang.L("This computer has %.0f GB of memory; these models fit in it."), float64(mem)/(1<<30))))
	}
	for _, s := range ollama.Suggest(mem) {
		if slices.ContainsFunc(installed, func(i ollama.ModelInfo) bool { return i.Name == s.Name }) {
			continue
		}
		l := widget.NewLabel(fmt.Sprintf("%s · %.1f GB — %s", s.Name, float64(s.Download)/1e9, lang.L(s.Note)))
		l.Wrapping = fyne.TextWrapWord
		name := s.Name
		pull := &widget.Button{Text: lang.L("Pull"), Icon: theme.DownloadIcon(), OnTapped: func() { m.pullName.SetText(name); m.onPull() }}
		m.suggested.Add(container.NewBorder(nil, nil, nil, pull, l))
	}
	m.suggested.Refresh()
}

// refresh asks the server for its state off the UI goroutine.
func (m *modelScreen) refresh() {
	conn, err, _ := m.st.session.state()
	if conn == nil {
		m.server.SetText(lang.L("No Ollama server is running.") + "\n" +
			lang.L("Install Ollama from https://ollama.com/download and start it with `ollama serve`, or run `make run`, which builds one. Until then, drafts use the kit's templates."))
		m.details.show(err)
		m.pullBtn.Disable()
		m.warmBtn.Disable()
		return
	}
	goBackground(func() {
		st := (&ollama.Models{Client: conn.Client}).State(context.Background())
		onUI(func() { m.show(conn, st) })
	})
}

func (m *modelScreen) show(conn *ollama.Connection, st ollama.ServerState) {
	if !st.Reachable {
		m.server.SetText(describeServer(conn) + " — " + sentence(st.Err))
		m.details.show(st.Err)
		return
	}
	m.details.show(nil)
	m.server.SetText(serverSentence(conn, st))
	m.info = st.Models
	m.empty.Hidden = len(st.Models) > 0
	m.showSuggestions(st.Models)
	m.names = m.names[:0]
	for _, i := range st.Models {
		m.names = append(m.names, i.Name)
	}
	sort.Strings(m.names)
	m.def.Options = m.names
	m.def.Selected = m.st.model()
	m.def.Refresh()
	m.models.Refresh()
	m.pullBtn.Enable()
	m.warmBtn.Enable()
	select {
	case m.shown <- struct{}{}:
	default:
	}
}

// serverSentence says which server is in use and what it has loaded.
func serverSentence(conn *ollama.Connection, st ollama.ServerState) string {
	msg := describeServer(conn)
	if st.Version != "" && st.Version != "0.0.0" { // a server built from source says 0.0.0
		msg += ", " + fmt.Sprintf(lang.L("version %s"), st.Version)
	}
	msg += ". "
	switch len(st.Running) {
	case 0:
		msg += lang.L("No model is loaded in memory: the first draft waits while one loads.")
	default:
		msg += fmt.Sprintf(lang.L("Loaded in memory, ready to draft at once: %s."), strings.Join(st.Running, ", "))
	}
	return msg
}

func (m *modelScreen) onDefault(name string) {
	if name == "" || name == m.st.model() {
		return
	}
	m.st.app.Preferences().SetString(prefModel, name)
	m.st.refreshStatus()
}

func (m *modelScreen) layerCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pulls)
}

func (m *modelScreen) updateLayer(id widget.ListItemID, o fyne.CanvasObject) {
	m.mu.Lock()
	l := m.pulls[id]
	m.mu.Unlock()
	row := o.(*fyne.Container)
	name := l.digest
	if len(name) > 19 {
		name = name[:19]
	}
	row.Objects[1].(*widget.Label).SetText(name)
	bar := row.Objects[0].(*widget.ProgressBar)
	if l.total > 0 {
		bar.SetValue(float64(l.completed) / float64(l.total))
	}
}

// onPull downloads the named model with a progress bar per layer.
func (m *modelScreen) onPull() {
	conn, _, _ := m.st.session.state()
	if conn == nil {
		return
	}
	name := m.pullName.Text
	m.pullBtn.Disable()
	m.pullMsg.SetText(lang.L("Pulling") + " " + name + "…")
	m.mu.Lock()
	m.pulls = nil
	m.mu.Unlock()
	m.layers.Refresh()
	goBackground(func() {
		last := time.Now()
		err := (&ollama.Models{Client: conn.Client}).Pull(context.Background(), name, func(p ollama.PullProgress) {
			m.recordLayer(p)
			if time.Since(last) > 100*time.Millisecond {
				last = time.Now()
				onUI(func() { m.pullMsg.SetText(p.Status); m.layers.Refresh() })
			}
		})
		onUI(func() {
			m.pullBtn.Enable()
			m.layers.Refresh()
			if err != nil {
				m.pullMsg.SetText(name + " — " + sentence(err))
				m.pullMsg.Importance = widget.DangerImportance
				m.pullMsg.Refresh()
				return
			}
			m.pullMsg.SetText(name + " " + lang.L("is ready."))
			m.refresh()
		})
	})
}

func (m *modelScreen) recordLayer(p ollama.PullProgress) {
	if p.Layer == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.pulls {
		if m.pulls[i].digest == p.Layer {
			m.pulls[i].total, m.pulls[i].completed = p.Total, p.Completed
			return
		}
	}
	m.pulls = append(m.pulls, layerProgress{digest: p.Layer, total: p.Total, completed: p.Completed})
}

// onWarm loads the default model and keeps it for 30 minutes.
func (m *modelScreen) onWarm() {
	conn, _, _ := m.st.session.state()
	if conn == nil {
		return
	}
	model := m.st.model()
	m.warmBtn.Disable()
	goBackground(func() {
		err := (&ollama.Models{Client: conn.Client}).Warm(context.Background(), model, 30*time.Minute)
		onUI(func() {
			m.warmBtn.Enable()
			if err != nil {
				showError(m.st.win, err)
				return
			}
			m.refresh()
		})
	})
}
