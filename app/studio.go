// Package app is Atelier's Fyne user interface: the main window, its
// screens, the theme drawn from the brand kit and the fr/en translations.
// It drives the headless core packages and holds no domain logic.
package app

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/samples"
	"atelier/studio"
	"atelier/studio/ollama"
)

// AppID is the application id, the same as in FyneApp.toml.
const AppID = "studio.atelier.app"

// screen is one destination of the sidebar.
type screen interface {
	title() string
	icon() fyne.Resource
	build() fyne.CanvasObject
}

// Studio is the main window: a sidebar of screens, the current screen and
// a status line.
type Studio struct {
	app     fyne.App
	win     fyne.Window
	ws      *studio.Workspace
	session session

	screens []screen
	built   map[int]fyne.CanvasObject
	nav     *widget.List
	body    *fyne.Container
	status  *widget.Label
	busy    *widget.ProgressBar         // under the status line while first-run content is made
	kitTab  int                         // the Brand kit screen's tab, kept when the screen is made again
	splits  map[string]*container.Split // the dividers, by preference key
	server  ollama.ServerState          // as last asked (checkModel), for the status line
	warming bool                        // the model is being loaded into memory
	notice  string                      // news the status line opens with, such as the first run's

	templatesChosen atomic.Bool // the user chose to draft from the kit's templates
	current         int
	done            chan struct{} // closed by Close, to stop background loops
}

// processStart is when the program started, near enough: package
// initialisation runs before main.
var processStart = time.Now()

// Options change how the studio starts.
type Options struct {
	// Connect finds the Ollama server; ollama.Connect when nil.
	Connect func(context.Context) (*ollama.Connection, error)
	// Screen is the screen to open on (compose, review, assets, kit,
	// model, check, settings); Compose when empty.
	Screen string
}

// New makes the studio window for a workspace and starts connecting to
// Ollama in the background. Call Window().ShowAndRun(), then Close.
func New(a fyne.App, ws *studio.Workspace, opt Options) *Studio {
	if err := setUILanguage(a.Preferences().String(prefUILanguage)); err != nil {
		fmt.Fprintln(os.Stderr, "atelier: translations:", err)
	}
	if os.Getenv("ATELIER_REPORT_START") != "" { // for the cold-start benchmark
		a.Lifecycle().SetOnStarted(func() { fmt.Fprintf(os.Stderr, "atelier: started in %v\n", time.Since(processStart)) })
	}
	s := &Studio{app: a, ws: ws, built: map[int]fyne.CanvasObject{}, done: make(chan struct{}), splits: map[string]*container.Split{}}
	ws.SetMaxImagePixels(a.Preferences().IntWithFallback(prefMaxMP, 100) * 1_000_000)
	a.Settings().SetTheme(newKitTheme(ws.Kit()))
	s.win = a.NewWindow("Atelier")
	s.screens = s.newScreens()
	s.win.SetOnDropped(s.onDropped)
	ws.OnKitChanged(func() { onUI(s.onKitChanged) })
	s.watchData()
	s.build()
	if i, ok := screenNames[opt.Screen]; ok && i < len(s.screens) {
		s.nav.Select(i)
	}
	connect := opt.Connect
	if connect == nil {
		connect = func(ctx context.Context) (*ollama.Connection, error) { return ollama.Connect(ctx, ws.DataDir()) }
	}
	s.session.connect(connect, func() { s.refreshStatus(); s.checkModel(nil) })
	s.warnRemoteHost(os.Getenv("OLLAMA_HOST"))
	s.askUser()
	s.fillSample()
	return s
}

// fillSample makes the first-run content, when the data folder is new and
// the kit is the sample kit (studio.Workspace.FillSample), off the UI
// goroutine, with a progress bar under the status line, and shows it.
func (s *Studio) fillSample() {
	s.busy.SetValue(0)
	s.busy.Show()
	goBackground(func() {
		c, ok, err := s.ws.FillSample(context.Background(), samples.Photo, func(_ string, f float64) {
			onUI(func() { s.busy.SetValue(f) })
		})
		onUI(func() {
			s.busy.Hide()
			switch {
			case err != nil:
				showError(s.win, fmt.Errorf("%s: %w", lang.L("The sample campaign could not be made"), err))
			case ok:
				s.rebuildScreens()
				msg := lang.L("Sample campaign ready: drafted from the kit's templates, in review, approved, with renders and a snippet.")
				if c.Note != "" {
					msg += " " + c.Note
				}
				s.notice = msg
				s.refreshStatus()
			}
		})
	})
}

// newScreens makes the sidebar's screens, unbuilt.
func (s *Studio) newScreens() []screen {
	return []screen{
		newComposeScreen(s),
		&reviewScreen{st: s, ws: s.ws, win: s.win},
		newCalendarScreen(s),
		newResultsScreen(s),
		newAssetsScreen(s),
		newKitScreen(s, s.ws),
		newModelScreen(s),
		newCheckFileScreen(s),
		&settingsScreen{st: s},
	}
}

// setLanguage switches the UI's language at once: every screen is made
// again in it (a draft under way stops; what it wrote is stored).
func (s *Studio) setLanguage(choice string) {
	s.app.Preferences().SetString(prefUILanguage, choice)
	if err := setUILanguage(choice); err != nil {
		showError(s.win, err)
		return
	}
	for _, sc := range s.screens {
		if c, ok := sc.(*composeScreen); ok {
			c.onCancel()
		}
	}
	s.screens = s.newScreens()
	s.built = map[int]fyne.CanvasObject{}
	s.nav.Refresh()
	s.Show(s.current)
	s.refreshStatus()
}

// dropTarget is a screen that takes files dropped on the window.
type dropTarget interface{ drop([]fyne.URI) }

// onDropped hands dropped files to the screen shown when it takes them
// (Assets imports them), otherwise to "Check a file".
func (s *Studio) onDropped(_ fyne.Position, uris []fyne.URI) {
	t, ok := s.screens[s.current].(dropTarget)
	if !ok {
		i := screenIndex[*checkFileScreen](s)
		s.nav.Select(i)
		t = s.screens[i].(dropTarget)
	}
	t.drop(uris)
}

// Close stops the background loops, and the Ollama server if the studio
// started it.
func (s *Studio) Close() {
	s.saveSplits()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
	s.session.close()
}

// screenNames maps --screen values to sidebar places.
var screenNames = map[string]int{"compose": 0, "review": 1, "calendar": 2, "results": 3, "assets": 4, "kit": 5, "model": 6, "check": 7, "settings": 8}

// openPiece shows a piece on the Review screen.
func (s *Studio) openPiece(p studio.Piece) {
	i := screenIndex[*reviewScreen](s)
	s.nav.Select(i)
	s.screens[i].(*reviewScreen).showPiece(p)
}

// Window returns the studio's window.
func (s *Studio) Window() fyne.Window { return s.win }

func (s *Studio) build() {
	s.nav = &widget.List{
		Length:     func() int { return len(s.screens) },
		CreateItem: s.newNavItem,
		UpdateItem: s.updateNavItem,
		OnSelected: s.onNavSelected,
	}
	s.nav.ExtendBaseWidget(s.nav)
	s.body = container.NewStack()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.busy = widget.NewProgressBar()
	s.busy.Hide()
	s.refreshStatus()

	split := s.split("sidebar", true, s.nav, s.body, 0.18)
	s.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), s.busy, s.status), nil, nil, split))
	s.win.Resize(fyne.NewSize(1240, 680))        // fits a 1366×768 laptop with its title and task bars
	s.nav.Select(screenIndex[*composeScreen](s)) // where the day's work starts
}

func (s *Studio) newNavItem() fyne.CanvasObject {
	return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Brand kit ----"))
}

func (s *Studio) updateNavItem(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Icon).SetResource(s.screens[id].icon())
	row.Objects[1].(*widget.Label).SetText(s.screens[id].title())
}

func (s *Studio) onNavSelected(id widget.ListItemID) { s.Show(id) }

// Show switches to the screen at index id, building it the first time.
func (s *Studio) Show(id int) {
	obj, ok := s.built[id]
	if !ok {
		obj = s.screens[id].build()
		s.built[id] = obj
	}
	s.current = id
	s.body.Objects = []fyne.CanvasObject{obj}
	s.body.Refresh()
}

// onKitChanged puts the kit in force everywhere: the theme, and every
// screen that shows kit data, built again on it.
func (s *Studio) onKitChanged() {
	s.app.Settings().SetTheme(newKitTheme(s.ws.Kit()))
	s.rebuildScreens()
	s.refreshStatus()
}

// rebuildScreens makes again every screen that shows the kit or the
// store's data, and shows the current one.
func (s *Studio) rebuildScreens() {
	s.saveSplits()
	for i, sc := range s.screens {
		switch sc := sc.(type) {
		case *composeScreen:
			sc.onCancel() // a draft on the old kit stops; what it wrote is stored
			s.screens[i] = newComposeScreen(s)
		case *reviewScreen:
			s.screens[i] = &reviewScreen{st: s, ws: s.ws, win: s.win}
		case *kitScreen:
			s.screens[i] = newKitScreen(s, s.ws)
		case *checkFileScreen:
			s.screens[i] = newCheckFileScreen(s)
		case *assetsScreen:
			s.screens[i] = newAssetsScreen(s)
		default:
			continue
		}
		delete(s.built, i)
	}
	s.Show(s.current)
}

// Current returns the title of the screen shown.
func (s *Studio) Current() string { return s.screens[s.current].title() }

// ScreenTitles returns the sidebar's entries in order.
func (s *Studio) ScreenTitles() []string {
	out := make([]string, len(s.screens))
	for i, sc := range s.screens {
		out[i] = sc.title()
	}
	return out
}

// screenIndex is the sidebar place of the screen of type T.
func screenIndex[T screen](s *Studio) int {
	for i, sc := range s.screens {
		if _, ok := sc.(T); ok {
			return i
		}
	}
	return 0
}

// refreshStatus says which kit and data folder are in use and what is
// missing.
func (s *Studio) refreshStatus() {
	kit := lang.L("no brand kit")
	if s.ws.Kit() != nil {
		kit = s.ws.Kit().Identity.Name + " " + s.ws.Kit().Identity.Version
	}
	msg := labelled(lang.L("Kit"), kit)
	if u := s.user(); u.Name != "" {
		msg = u.Name + " (" + lang.L(string(u.Role)) + ")  ·  " + msg
	}
	if n := len(s.ws.KitProblems()); n > 0 {
		msg += " (" + lang.N("{{.Count}} error", n, map[string]any{"Count": n}) + ")"
	}
	msg += "  ·  " + labelled(lang.L("Data"), s.ws.DataDir())
	switch conn, _, ready := s.session.state(); {
	case !ready:
		msg += "  ·  " + lang.L("Ollama: connecting…")
	case conn == nil:
		msg += "  ·  " + lang.L("No Ollama: drafts use the kit's templates") // the Model screen has the details
	default:
		msg += "  ·  " + describeServer(conn) + " · " + lang.L("model") + " " + s.model()
		switch {
		case s.warming:
			msg += " (" + lang.L("warming up…") + ")"
		case s.server.Reachable:
			msg += " (" + lang.L(string(s.server.Readiness(s.model()))) + ")"
		}
	}
	if s.notice != "" {
		msg = s.notice + "  ·  " + msg
	}
	s.status.SetText(msg)
}
