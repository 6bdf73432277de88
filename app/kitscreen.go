package app

import (
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"atelier/brandkit"
	"atelier/packaging"
	"atelier/samples"
	"atelier/studio"
)

// kitScreen shows the brand kit the way a designer thinks of it (identity
// and voice, swatches, type specimens, the logo with its clear space,
// lexicon, personas) and edits and saves it, with errors shown inline.
type kitScreen struct {
	st    *Studio
	ws    *studio.Workspace
	draft *brandkit.Kit // the copy the fields edit

	fields   []*field
	problems []brandkit.FieldError

	header        *widget.RichText
	strip         *fyne.Container // logo and palette at a glance
	tabs          *container.AppTabs
	swatches      *widget.GridWrap
	swatch        int // selected palette entry
	swatchBox     *fyne.Container
	personas      *widget.List
	persona       int
	personaEd     *fyne.Container
	specimens     *fyne.Container
	logo          *fyne.Container
	errList       *widget.List
	errTitle      *widget.Label
	kits          *widget.Select // the installed kits, to switch brand
	role          *widget.Label  // why the kit is read-only, for a role that may not change it
	edits         []fyne.Disableable
	swatchFields  []*field // the selected colour's
	personaFields []*field // the selected persona's

	loading bool // fields are being filled from the kit, not edited
	dirty   bool // the copy has edits not saved
	mu      sync.Mutex
	timer   *time.Timer // validation waits for typing to pause
	gen     int         // of the latest edit; older validations are dropped
}

func newKitScreen(st *Studio, ws *studio.Workspace) *kitScreen {
	return &kitScreen{st: st, ws: ws}
}

func (k *kitScreen) title() string       { return lang.L("Brand kit") }
func (k *kitScreen) icon() fyne.Resource { return theme.ColorPaletteIcon() }

func (k *kitScreen) build() fyne.CanvasObject {
	var err error
	if k.ws.Kit() != nil {
		k.draft, err = k.ws.Kit().Clone() // the editor changes a copy; Save hands it to the workspace
	}
	if k.draft == nil {
		if err == nil {
			err = k.ws.KitErr()
		}
		msg := widget.NewLabel(lang.L("The brand kit could not be read:") + "\n" + fmt.Sprint(err))
		msg.Wrapping = fyne.TextWrapWord
		return container.NewBorder(k.switcher(), nil, nil, nil, container.NewPadded(msg))
	}
	k.header = widget.NewRichText()
	k.strip = container.NewHBox()
	k.errTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	k.errList = &widget.List{
		Length:     func() int { return len(k.problems) },
		CreateItem: func() fyne.CanvasObject { return widget.NewLabel("brandkit.toml:12: palette[1].hex: problem") },
		UpdateItem: k.updateErrItem,
		OnSelected: k.onErrSelected,
	}
	k.errList.ExtendBaseWidget(k.errList)

	k.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Identity & voice"), k.identityTab()),
		container.NewTabItem(lang.L("Palette"), k.paletteTab()),
		container.NewTabItem(lang.L("Typography"), k.typographyTab()),
		container.NewTabItem(lang.L("Logo"), k.logoTab()),
		container.NewTabItem(lang.L("Lexicon & claims"), k.lexiconTab()),
		container.NewTabItem(lang.L("Personas"), k.personasTab()),
	)
	save := &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: k.onSave}
	revert := &widget.Button{Text: lang.L("Revert"), Icon: theme.ViewRefreshIcon(), OnTapped: k.onRevert}
	imp := &widget.Button{Text: lang.L("Import kit…"), Icon: theme.FolderOpenIcon(), OnTapped: k.onImport}
	exp := &widget.Button{Text: lang.L("Export kit…"), Icon: theme.DownloadIcon(), OnTapped: k.onExport}
	k.edits = append(k.edits, save, revert, imp)
	k.role = widget.NewLabel("")
	k.role.Importance = widget.WarningImportance
	k.role.Wrapping = fyne.TextWrapWord
	actions := container.NewBorder(nil, nil, container.NewHBox(imp, exp), container.NewHBox(revert, save), k.role)

	errPane := container.NewBorder(k.errTitle, nil, nil, nil, k.errList)
	split := k.st.split("kit", false, k.tabs, errPane, 0.86)
	k.load()
	k.showProblems(k.ws.KitProblems())
	k.tabs.SelectIndex(k.st.kitTab)
	k.tabs.OnSelected = func(*container.TabItem) { k.st.kitTab = k.tabs.SelectedIndex() }
	k.applyRole()
	top := container.NewBorder(nil, nil, nil, k.strip, k.header)
	return container.NewBorder(container.NewVBox(k.switcher(), top, widget.NewSeparator()), actions, nil, nil, split)
}

// switcher chooses among the kits installed in the data folder, and makes
// a new one (from the sample or blank) or a copy of the one in force.
func (k *kitScreen) switcher() fyne.CanvasObject {
	k.kits = widget.NewSelect(nil, nil)
	k.kits.PlaceHolder = lang.L("Brand kits")
	newKit := &widget.Button{Text: lang.L("New kit…"), Icon: theme.ContentAddIcon(), OnTapped: k.onNewKit}
	dup := &widget.Button{Text: lang.L("Duplicate…"), Icon: theme.ContentCopyIcon(), OnTapped: k.onDuplicate}
	k.edits = append(k.edits, newKit, dup)
	k.listKits()
	label := widget.NewLabel(lang.L("Brand"))
	label.TextStyle.Bold = true
	return container.NewBorder(nil, nil, label, container.NewHBox(newKit, dup), k.kits)
}

// listKits reads the installed kits off the UI goroutine and offers them;
// choosing one opens it. The channel closes once they are offered.
func (k *kitScreen) listKits() <-chan struct{} {
	done := make(chan struct{})
	kitsDir := filepath.Join(k.ws.DataDir(), "kits")
	goBackground(func() {
		list, err := packaging.InstalledKits(kitsDir, k.ws.KitOptions())
		onUI(func() {
			defer close(done)
			if err != nil {
				showError(k.st.win, err)
				return
			}
			dirs := map[string]string{}
			var labels []string
			current := ""
			for _, ik := range list {
				label := ik.Name
				if ik.Problems > 0 {
					label += " (" + lang.N("{{.Count}} error", ik.Problems, map[string]any{"Count": ik.Problems}) + ")"
				}
				labels = append(labels, label)
				dirs[label] = ik.Dir
				if filepath.Clean(ik.Dir) == filepath.Clean(k.ws.KitDir()) {
					current = label
				}
			}
			k.kits.OnChanged = nil
			k.kits.Options = labels
			k.kits.SetSelected(current)
			k.kits.OnChanged = func(label string) {
				if dir := dirs[label]; dir != "" && filepath.Clean(dir) != filepath.Clean(k.ws.KitDir()) {
					k.ws.OpenKit(dir) // the studio rebuilds its screens on the kit
				}
			}
		})
	})
	return done
}

// onNewKit asks for a name and whether to start from the sample kit or
// from a blank one, makes the kit and opens it.
func (k *kitScreen) onNewKit() {
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.L("The brand's name"))
	from := widget.NewRadioGroup([]string{lang.L("a copy of the sample kit"), lang.L("a blank kit")}, nil)
	from.SetSelected(from.Options[1])
	dialog.ShowForm(lang.L("New brand kit"), lang.L("Create"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Start from"), from),
	}, func(ok bool) {
		if ok {
			blank := from.Selected == from.Options[1]
			k.makeKit(func(kits string) (string, error) {
				return packaging.NewKit(kits, name.Text, samples.Kit(), blank, k.ws.KitOptions())
			})
		}
	}, k.st.win)
}

// onDuplicate copies the kit in force under a new name and opens the copy.
func (k *kitScreen) onDuplicate() {
	name := widget.NewEntry()
	if kit := k.ws.Kit(); kit != nil {
		name.SetText(kit.Identity.Name + " " + lang.L("copy"))
	}
	dialog.ShowForm(lang.L("Duplicate the kit"), lang.L("Create"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
	}, func(ok bool) {
		if ok {
			src := k.ws.KitDir()
			k.makeKit(func(kits string) (string, error) {
				return packaging.DuplicateKit(kits, src, name.Text, k.ws.KitOptions())
			})
		}
	}, k.st.win)
}

// makeKit runs make off the UI goroutine and opens the kit it made.
func (k *kitScreen) makeKit(makeIt func(kitsDir string) (string, error)) <-chan struct{} {
	done := make(chan struct{})
	kitsDir := filepath.Join(k.ws.DataDir(), "kits")
	goBackground(func() {
		dir, err := makeIt(kitsDir)
		onUI(func() {
			defer close(done)
			if err != nil {
				showError(k.st.win, err)
				return
			}
			k.ws.OpenKit(dir)
		})
	})
	return done
}

// kit is the copy being edited.
func (k *kitScreen) kit() *brandkit.Kit { return k.draft }

func (k *kitScreen) add(fs ...*field) []*field {
	k.fields = append(k.fields, fs...)
	k.watch(fs...)
	return fs
}

// watch validates the kit as fs are edited, and keeps them read-only for
// a role that may not change the kit.
func (k *kitScreen) watch(fs ...*field) {
	editable := k.st.user().MayEditKit() == nil
	for _, f := range fs {
		f.onChange = k.edited
		f.setEditable(editable)
	}
}

// applyRole disables every change for a role that may not make it, and
// says why.
func (k *kitScreen) applyRole() {
	err := k.st.user().MayEditKit()
	for _, d := range k.edits {
		if err != nil {
			d.Disable()
		} else {
			d.Enable()
		}
	}
	for _, f := range k.fields {
		f.setEditable(err == nil)
	}
	if err != nil {
		k.role.SetText(lang.L("You are a reviewer: you can read the kit; an author or the brand owner changes it."))
		k.role.Show()
	} else {
		k.role.Hide()
	}
}

// edited marks the copy changed and validates it once typing pauses for
// 300 ms, off the UI goroutine; only the latest validation is shown.
func (k *kitScreen) edited() {
	if k.loading {
		return
	}
	k.dirty = true
	k.mu.Lock()
	defer k.mu.Unlock()
	k.gen++
	gen := k.gen
	if k.timer != nil {
		k.timer.Stop()
	}
	data, err := k.kit().Marshal() // now, on the UI goroutine: the fields write the copy here
	k.timer = time.AfterFunc(300*time.Millisecond, func() {
		select {
		case <-k.st.done: // the window closed meanwhile
			return
		default:
		}
		goBackground(func() {
			problems := k.validate(data, err)
			onUI(func() {
				k.mu.Lock()
				current := gen == k.gen
				k.mu.Unlock()
				if current {
					k.showProblems(problems)
					k.refreshStrip()
					k.refreshSpecimens()
					k.refreshLogo()
				}
			})
		})
	})
}

func (k *kitScreen) identityTab() fyne.CanvasObject {
	kit := k.kit()
	idf := k.add(
		textField("identity.name", lang.L("Name"), &kit.Identity.Name, false),
		textField("identity.tagline", lang.L("Tagline"), &kit.Identity.Tagline, false),
		textField("identity.version", lang.L("Version"), &kit.Identity.Version, false),
		textField("identity.handle", lang.L("Handle"), &kit.Identity.Handle, false),
		listField("identity.languages", lang.L("Languages (BCP 47)"), &kit.Identity.Languages),
	)
	vf := k.add(
		textField("voice.description", lang.L("Voice"), &kit.Voice.Description, true),
		listField("voice.traits", lang.L("Traits"), &kit.Voice.Traits),
		choiceField("voice.formality", lang.L("Formality"), &kit.Voice.Formality, []string{"tu", "vous", "casual", "formal"}),
		choiceField("voice.emoji", lang.L("Emoji"), &kit.Voice.Emoji, []string{"none", "sparing", "free"}),
		intField("voice.max_emoji", lang.L("Emoji at most"), &kit.Voice.MaxEmoji),
	)
	return container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("Identity")), formOf(idf...),
		sectionTitle(lang.L("Voice")), formOf(vf...)))
}

func (k *kitScreen) paletteTab() fyne.CanvasObject {
	k.swatches = &widget.GridWrap{
		Length:     func() int { return len(k.kit().Palette) },
		CreateItem: newSwatch,
		UpdateItem: k.updateSwatch,
		OnSelected: k.onSwatchSelected,
	}
	k.swatches.ExtendBaseWidget(k.swatches)
	k.swatchBox = container.NewVBox()
	add := &widget.Button{Text: lang.L("Add colour"), Icon: theme.ContentAddIcon(), OnTapped: k.onAddColour}
	remove := &widget.Button{Text: lang.L("Remove colour"), Icon: theme.ContentRemoveIcon(), OnTapped: k.onRemoveColour}
	bottom := container.NewVBox(widget.NewSeparator(), k.swatchBox, container.NewHBox(add, remove))
	return container.NewBorder(nil, bottom, nil, nil, k.swatches)
}

// newSwatch makes one palette card: the colour, its name, hex and role.
func newSwatch() fyne.CanvasObject {
	r := canvas.NewRectangle(color.Black)
	r.SetMinSize(fyne.NewSize(150, 90))
	r.CornerRadius = 8
	r.StrokeWidth = 1
	r.StrokeColor = color.NRGBA{0, 0, 0, 0x30}
	name := widget.NewLabelWithStyle("Name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	info := widget.NewLabel("#000000 · primary")
	return container.NewVBox(r, name, info)
}

func (k *kitScreen) updateSwatch(id widget.GridWrapItemID, o fyne.CanvasObject) {
	c := k.kit().Palette[id]
	box := o.(*fyne.Container)
	r := box.Objects[0].(*canvas.Rectangle)
	if col := parseHex(c.Hex); col != nil {
		r.FillColor = col
	} else {
		r.FillColor = color.Transparent
	}
	r.Refresh()
	box.Objects[1].(*widget.Label).SetText(c.Name)
	box.Objects[2].(*widget.Label).SetText(c.Hex + " · " + c.Role)
}

func (k *kitScreen) onSwatchSelected(id widget.GridWrapItemID) {
	k.swatch = id
	c := &k.kit().Palette[id]
	p := fmt.Sprintf("palette[%d]", id)
	fs := []*field{
		textField(p+".name", lang.L("Colour name"), &c.Name, false),
		textField(p+".hex", lang.L("Hex"), &c.Hex, false),
		choiceField(p+".role", lang.L("Role"), &c.Role, []string{"primary", "secondary", "accent", "background", "text", "alert"}),
	}
	k.swatchFields = fs
	k.watch(fs...)
	k.loading = true
	defer func() { k.loading = false }()
	for _, f := range fs {
		f.load()
		f.setErrors(k.problems)
		if e, ok := f.input.(*widget.Entry); ok {
			changed := e.OnChanged
			e.OnChanged = func(s string) { changed(s); k.swatches.RefreshItem(id) }
		}
	}
	k.swatchBox.Objects = []fyne.CanvasObject{formOf(fs...)}
	k.swatchBox.Refresh()
}

func (k *kitScreen) onAddColour() {
	kit := k.kit()
	kit.Palette = append(kit.Palette, brandkit.Colour{Name: fmt.Sprintf("%s %d", lang.L("Colour"), len(kit.Palette)+1), Hex: "#888888", Role: "secondary"})
	k.swatches.Refresh()
	k.swatches.Select(len(kit.Palette) - 1)
}

func (k *kitScreen) onRemoveColour() {
	kit := k.kit()
	if k.swatch < 0 || k.swatch >= len(kit.Palette) {
		return
	}
	kit.Palette = append(kit.Palette[:k.swatch], kit.Palette[k.swatch+1:]...)
	k.swatches.UnselectAll()
	k.swatch = -1
	k.swatchBox.Objects = nil
	k.swatchBox.Refresh()
	k.swatches.Refresh()
}

func (k *kitScreen) typographyTab() fyne.CanvasObject {
	kit := k.kit()
	fs := k.add(
		textField("typography.heading.family", lang.L("Heading family"), &kit.Typography.Heading.Family, false),
		textField("typography.heading.file", lang.L("Heading file"), &kit.Typography.Heading.File, false),
		textField("typography.body.family", lang.L("Body family"), &kit.Typography.Body.Family, false),
		textField("typography.body.file", lang.L("Body file"), &kit.Typography.Body.File, false),
	)
	k.specimens = container.NewVBox()
	return container.NewVScroll(container.NewVBox(k.specimens, widget.NewSeparator(), formOf(fs...)))
}

// refreshSpecimens draws each typeface as a specimen, or says why it can't.
// The specimens are drawn off the UI goroutine.
func (k *kitScreen) refreshSpecimens() {
	kit := k.kit()
	fg := theme.Color(theme.ColorNameForeground)
	fonts := []struct {
		role string
		font brandkit.Font
	}{{lang.L("Heading"), kit.Typography.Heading}, {lang.L("Body"), kit.Typography.Body}}
	goBackground(func() {
		var objs []fyne.CanvasObject
		for _, f := range fonts {
			img, err := renderSpecimen(filepath.Join(kit.Dir, f.font.File), fg)
			objs = append(objs, sectionTitle(f.role+" · "+f.font.Family))
			if err != nil {
				objs = append(objs, errorLabel(sentence(err)))
				continue
			}
			ci := canvas.NewImageFromImage(img)
			ci.FillMode = canvas.ImageFillOriginal
			objs = append(objs, container.NewHBox(ci))
		}
		onUI(func() {
			k.specimens.Objects = objs
			k.specimens.Refresh()
		})
	})
}

func (k *kitScreen) logoTab() fyne.CanvasObject {
	kit := k.kit()
	fs := k.add(
		textField("logo.file", lang.L("Logo file"), &kit.Logo.File, false),
		intField("logo.min_width_px", lang.L("Minimum width (px)"), &kit.Logo.MinWidthPx),
		floatField("logo.clear_space", lang.L("Clear space (× width)"), &kit.Logo.ClearSpace),
		checksField("logo.corners", lang.L("Allowed corners"), &kit.Logo.Corners, []string{"top-left", "top-right", "bottom-left", "bottom-right"}),
	)
	k.logo = container.NewCenter()
	note := widget.NewLabel(lang.L("The dashed frame is the clear space: nothing else may stand inside it."))
	return container.NewVScroll(container.NewVBox(k.logo, note, widget.NewSeparator(), formOf(fs...)))
}

// refreshLogo draws the logo with its clear space off the UI goroutine.
func (k *kitScreen) refreshLogo() {
	kit := k.kit()
	path, space, colour := filepath.Join(kit.Dir, kit.Logo.File), kit.Logo.ClearSpace, theme.Color(theme.ColorNamePrimary)
	goBackground(func() {
		img, err := logoWithClearSpace(path, space, colour)
		onUI(func() {
			if err != nil {
				k.logo.Objects = []fyne.CanvasObject{errorLabel(sentence(err))}
			} else {
				ci := canvas.NewImageFromImage(img)
				ci.FillMode = canvas.ImageFillContain
				b := img.Bounds()
				ci.SetMinSize(fyne.NewSize(float32(b.Dx())*0.8, float32(b.Dy())*0.8))
				k.logo.Objects = []fyne.CanvasObject{ci}
			}
			k.logo.Refresh()
		})
	})
}

func (k *kitScreen) lexiconTab() fyne.CanvasObject {
	kit := k.kit()
	lex := k.add(
		listField("lexicon.banned", lang.L("Banned words"), &kit.Lexicon.Banned),
		preferredField(&kit.Lexicon.Preferred),
		listField("lexicon.required_hashtags", lang.L("Required hashtags"), &kit.Lexicon.RequiredHashtags),
		listField("lexicon.required_mentions", lang.L("Required mentions"), &kit.Lexicon.RequiredMentions),
		intField("lexicon.max_hashtags", lang.L("Hashtags at most"), &kit.Lexicon.MaxHashtags),
	)
	claims := k.add(
		listField("claims.restricted", lang.L("Restricted claims"), &kit.Claims.Restricted),
		intField("claims.window_chars", lang.L("Proof within (chars)"), &kit.Claims.WindowChars),
	)
	var proofs []string
	for _, s := range kit.Claims.Substantiations {
		proofs = append(proofs, fmt.Sprintf("%s — %s (%s)", s.ID, s.Text, strings.Join(s.Claims, ", ")))
	}
	proofLabel := widget.NewLabel(strings.Join(proofs, "\n"))
	proofLabel.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("Lexicon")), formOf(lex...),
		sectionTitle(lang.L("Claims policy")), formOf(claims...),
		sectionTitle(lang.L("Approved substantiations")), proofLabel))
}

// preferredField edits the preferred terms, one "avoid = use" per line.
func preferredField(ptr *map[string]string) *field {
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(4)
	f := newField("lexicon.preferred", lang.L("Preferred terms (avoid = use)"), e, func() {
		keys := make([]string, 0, len(*ptr))
		for from := range *ptr {
			keys = append(keys, from)
		}
		sort.Strings(keys)
		lines := make([]string, len(keys))
		for i, from := range keys {
			lines[i] = from + " = " + (*ptr)[from]
		}
		e.SetText(strings.Join(lines, "\n"))
	})
	e.OnChanged = func(s string) {
		m := map[string]string{}
		for _, l := range splitLines(s) {
			from, to, _ := strings.Cut(l, "=")
			m[strings.TrimSpace(from)] = strings.TrimSpace(to)
		}
		*ptr = m
		f.changed()
	}
	return f
}

func (k *kitScreen) personasTab() fyne.CanvasObject {
	k.personas = &widget.List{
		Length: func() int { return len(k.kit().Personas) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewVBox(widget.NewLabelWithStyle("Persona", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel("description"))
		},
		UpdateItem: k.updatePersona,
		OnSelected: k.onPersonaSelected,
	}
	k.personas.ExtendBaseWidget(k.personas)
	k.personaEd = container.NewVBox()
	split := k.st.split("kit.personas", true, k.personas, container.NewVScroll(k.personaEd), 0.4)
	return split
}

func (k *kitScreen) updatePersona(id widget.ListItemID, o fyne.CanvasObject) {
	p := k.kit().Personas[id]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(p.Name + "  (" + p.ID + ")")
	d := box.Objects[1].(*widget.Label)
	d.Truncation = fyne.TextTruncateEllipsis
	d.SetText(p.Description)
}

func (k *kitScreen) onPersonaSelected(id widget.ListItemID) {
	k.persona = id
	p := &k.kit().Personas[id]
	f := fmt.Sprintf("personas[%d]", id)
	fs := []*field{
		textField(f+".id", lang.L("Identifier"), &p.ID, false),
		textField(f+".name", lang.L("Name"), &p.Name, false),
		textField(f+".description", lang.L("About"), &p.Description, true),
		listField(f+".interests", lang.L("Interests"), &p.Interests),
		textField(f+".tone", lang.L("Tone"), &p.Tone, false),
	}
	k.personaFields = fs
	k.watch(fs...)
	k.loading = true
	defer func() { k.loading = false }()
	for _, fl := range fs {
		fl.load()
		fl.setErrors(k.problems)
	}
	k.personaEd.Objects = []fyne.CanvasObject{formOf(fs...)}
	k.personaEd.Refresh()
}

// load copies the kit into every widget.
func (k *kitScreen) load() {
	k.loading = true
	defer func() { k.loading = false }()
	kit := k.kit()
	k.header.ParseMarkdown(fmt.Sprintf("# %s\n*%s* · v%s · %s", kit.Identity.Name, kit.Identity.Tagline, kit.Identity.Version, strings.Join(kit.Identity.Languages, ", ")))
	for _, f := range k.fields {
		f.load()
	}
	k.swatches.Refresh()
	k.personas.Refresh()
	k.refreshStrip()
	k.refreshSpecimens()
	k.refreshLogo()
}

// refreshStrip shows the logo and one chip per palette colour in the header.
func (k *kitScreen) refreshStrip() {
	kit := k.kit()
	k.strip.Objects = nil
	logo := canvas.NewImageFromFile(filepath.Join(kit.Dir, kit.Logo.File))
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(150, 46))
	k.strip.Add(logo)
	for _, c := range kit.Palette {
		if col := parseHex(c.Hex); col != nil {
			chip := canvas.NewRectangle(col)
			chip.CornerRadius = 6
			chip.SetMinSize(fyne.NewSize(34, 46))
			k.strip.Add(chip)
		}
	}
	k.strip.Refresh()
}

// showProblems puts each problem beside its field and in the list below.
func (k *kitScreen) showProblems(problems []brandkit.FieldError) {
	k.problems = problems
	for _, fs := range [][]*field{k.fields, k.swatchFields, k.personaFields} {
		for _, f := range fs {
			f.setErrors(problems)
		}
	}
	if len(problems) == 0 {
		k.errTitle.SetText(lang.L("The kit is valid."))
		k.errTitle.Importance = widget.SuccessImportance
	} else {
		k.errTitle.SetText(lang.N("{{.Count}} problem in the kit — select one to go to it", len(problems), map[string]any{"Count": len(problems)}))
		k.errTitle.Importance = widget.DangerImportance
	}
	k.errList.Refresh()
}

func (k *kitScreen) updateErrItem(id widget.ListItemID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Truncation = fyne.TextTruncateEllipsis
	l.Importance = widget.DangerImportance
	p := k.problems[id]
	l.SetText(labelled(k.fieldName(p.Field), problemText(p)))
}

// fieldName names a kit field as the screen labels it: "Colour 2 · Hex"
// for palette[1].hex.
func (k *kitScreen) fieldName(path string) string {
	for _, f := range k.fields {
		if f.path == path {
			return f.label
		}
	}
	for _, list := range []struct {
		prefix, name string
		parts        map[string]string
	}{
		{"palette[", lang.L("Colour"), map[string]string{"name": lang.L("Colour name"), "hex": lang.L("Hex"), "role": lang.L("Role")}},
		{"personas[", lang.L("Persona"), map[string]string{"id": lang.L("Identifier"), "name": lang.L("Name"), "description": lang.L("About"), "interests": lang.L("Interests"), "tone": lang.L("Tone")}},
	} {
		rest, ok := strings.CutPrefix(path, list.prefix)
		if !ok {
			continue
		}
		n, part, _ := strings.Cut(rest, "]")
		i, err := strconv.Atoi(n)
		if err != nil {
			break
		}
		name := fmt.Sprintf("%s %d", list.name, i+1)
		if p := list.parts[strings.TrimPrefix(part, ".")]; p != "" {
			name += " · " + p
		}
		return name
	}
	if i := strings.LastIndexAny(path, ".["); i > 0 {
		return k.fieldName(path[:i])
	}
	return path
}

// tabOf maps a field path to the tab that edits it.
var tabOf = []struct{ prefix string }{
	{"identity"}, {"palette"}, {"typography"}, {"logo"}, {"lexicon"}, {"personas"},
}

func (k *kitScreen) onErrSelected(id widget.ListItemID) {
	field := k.problems[id].Field
	switch {
	case strings.HasPrefix(field, "voice"):
		field = "identity"
	case strings.HasPrefix(field, "claims"):
		field = "lexicon"
	}
	for i, t := range tabOf {
		if strings.HasPrefix(field, t.prefix) {
			k.tabs.SelectIndex(i)
		}
	}
	k.errList.UnselectAll()
}

// validate checks a marshalled copy of the kit; err is marshalling's.
func (k *kitScreen) validate(data []byte, err error) []brandkit.FieldError {
	if err != nil {
		return []brandkit.FieldError{{File: filepath.Join(k.kit().Dir, brandkit.FileName), Problem: err.Error()}}
	}
	_, err = brandkit.Parse(k.kit().Dir, data, k.ws.KitOptions())
	var ve *brandkit.ValidationError
	if errors.As(err, &ve) {
		return ve.Errors
	}
	return nil
}

// onSave hands the edited copy to the workspace, which writes it and makes
// it the kit in force; the studio then rebuilds every screen that shows it.
func (k *kitScreen) onSave() {
	err := k.ws.SaveKit(k.draft)
	var ve *brandkit.ValidationError
	switch {
	case errors.As(err, &ve):
		k.showProblems(ve.Errors)
		showError(k.st.win, said(lang.L("Nothing was saved: fix the problems marked in red first.")))
	case err != nil:
		showError(k.st.win, err)
	}
}

// onRevert drops the edits, once the user agrees when there are any: the
// workspace reads the kit again and the studio rebuilds its screens on it,
// on the same tab.
func (k *kitScreen) onRevert() {
	if !k.dirty {
		k.revert()
		return
	}
	dialog.ShowConfirm(lang.L("Drop your edits?"), lang.L("The kit goes back to its saved state; the edits made since are lost."), func(ok bool) {
		if ok {
			k.revert()
		}
	}, k.st.win)
}

func (k *kitScreen) revert() {
	k.ws.ReloadKit()
	if k.ws.Kit() == nil {
		showError(k.st.win, k.ws.KitErr())
	}
}

// onExport writes the kit as an .atelierkit file the user chooses.
func (k *kitScreen) onExport() {
	dir := k.kit().Dir
	saveFile(k.st.win, packaging.Slug(k.kit().Identity.Name)+".atelierkit", func(path string) {
		goBackground(func() {
			if err := packaging.ExportKit(dir, path); err != nil {
				showError(k.st.win, err)
				return
			}
			onUI(func() { dialog.ShowInformation(lang.L("Kit exported"), path, k.st.win) })
		})
	})
}

// onImport installs an .atelierkit the user chooses and opens it.
func (k *kitScreen) onImport() {
	openFile(k.st.win, []string{".atelierkit", ".zip"}, func(path string) { k.importKit(path, false) })
}

// importKit checks, validates and installs the file off the UI goroutine;
// a kit of the same name is replaced only after the user agrees, and is
// kept beside the new one. The channel closes once the screen shows the
// outcome.
func (k *kitScreen) importKit(path string, replace bool) <-chan struct{} {
	kits := filepath.Join(k.ws.DataDir(), "kits")
	done := make(chan struct{})
	goBackground(func() {
		dir, err := packaging.ImportKit(path, kits, k.ws.KitOptions(), replace)
		onUI(func() {
			defer close(done)
			switch {
			case errors.Is(err, packaging.ErrKitExists):
				dialog.ShowConfirm(lang.L("Replace the kit?"),
					fmt.Sprintf(lang.L("A kit is already installed at %s. Replace it? The old one is kept beside it."), dir),
					func(ok bool) {
						if ok {
							k.importKit(path, true)
						}
					}, k.st.win)
			case err != nil:
				showError(k.st.win, err)
			default:
				k.ws.OpenKit(dir) // the studio rebuilds its screens on the new kit
			}
		})
	})
	return done
}
