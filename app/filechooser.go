package app

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"github.com/rymdport/portal/filechooser"
)

// errCancelled is a file chooser closed without a choice.
var errCancelled = errors.New("cancelled")

// usePortal says whether to ask the desktop's own file chooser, through
// the XDG desktop portal: on Linux with a session bus, unless
// ATELIER_FILE_DIALOG=fyne asks for Fyne's. The desktop's chooser takes a
// typed path and offers the user's Desktop, Pictures and bookmarks.
func usePortal() bool {
	return os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" && os.Getenv("ATELIER_FILE_DIALOG") != "fyne"
}

// pickFolder asks for a folder, starting at start, and hands its path to
// fn on the UI goroutine (errCancelled when none was chosen). The portal's
// chooser is tried first; when the desktop has none, Fyne's opens.
func pickFolder(win fyne.Window, start string, fn func(string, error)) {
	choose(win, &filechooser.OpenFileOptions{Directory: true, CurrentFolder: start}, func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			switch {
			case err != nil:
				fn("", err)
			case u == nil:
				fn("", errCancelled)
			default:
				fn(u.Path(), nil)
			}
		}, win)
		startIn(d, start)
		bigDialog(win, d)
	}, fn)
}

// openFile asks for a file with one of the extensions and hands its path
// to fn; a failing chooser is shown as an error, a cancelled one does
// nothing.
func openFile(win fyne.Window, extensions []string, fn func(path string)) {
	done := func(path string, err error) {
		switch {
		case errors.Is(err, errCancelled):
		case err != nil:
			showError(win, err)
		default:
			fn(path)
		}
	}
	var patterns []filechooser.Rule
	for _, e := range extensions {
		patterns = append(patterns, filechooser.Rule{Type: filechooser.GlobPattern, Pattern: "*" + e})
	}
	opts := &filechooser.OpenFileOptions{Filters: []*filechooser.Filter{{Name: strings.Join(extensions, ", "), Rules: patterns}}}
	choose(win, opts, func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			switch {
			case err != nil:
				done("", err)
			case r == nil:
				done("", errCancelled)
			default:
				r.Close()
				done(r.URI().Path(), nil)
			}
		}, win)
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
		home, _ := os.UserHomeDir()
		startIn(d, home)
		bigDialog(win, d)
	}, done)
}

// choose opens the portal's chooser off the UI goroutine, or runs
// fallback on it when there is no portal.
func choose(win fyne.Window, opts *filechooser.OpenFileOptions, fallback func(), fn func(string, error)) {
	if !usePortal() {
		fallback()
		return
	}
	goBackground(func() {
		uris, err := filechooser.OpenFile("", "Atelier", opts)
		onUI(func() {
			switch {
			case err != nil: // no portal, or no chooser behind it
				fallback()
			case len(uris) == 0:
				fn("", errCancelled)
			default:
				fn(pathOf(uris[0]), nil)
			}
		})
	})
}

// pathOf turns a portal's file:// URI into a path.
func pathOf(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" {
		return u.Path
	}
	return uri
}

// startIn opens a Fyne chooser in dir, when it is a folder.
func startIn(d interface{ SetLocation(fyne.ListableURI) }, dir string) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Clean(dir))); err == nil {
		d.SetLocation(l)
	}
}

// bigDialog shows a Fyne chooser at most of the window's size: its default
// is too small to read long folder names.
func bigDialog(win fyne.Window, d dialog.Dialog) {
	s := win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, s.Width*0.8), max(420, s.Height*0.8)))
	d.Show()
}

// saveFile asks where to save a file named name and hands the path to fn;
// a cancelled chooser does nothing.
func saveFile(win fyne.Window, name string, fn func(path string)) {
	home, _ := os.UserHomeDir()
	done := func(path string, err error) {
		switch {
		case errors.Is(err, errCancelled):
		case err != nil:
			showError(win, err)
		default:
			fn(path)
		}
	}
	fallback := func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			switch {
			case err != nil:
				done("", err)
			case w == nil:
				done("", errCancelled)
			default:
				w.Close()
				done(w.URI().Path(), nil)
			}
		}, win)
		d.SetFileName(name)
		startIn(d, home)
		bigDialog(win, d)
	}
	if !usePortal() {
		fallback()
		return
	}
	goBackground(func() {
		uris, err := filechooser.SaveFile("", "Atelier", &filechooser.SaveFileOptions{CurrentName: name, CurrentFolder: home})
		onUI(func() {
			switch {
			case err != nil:
				fallback()
			case len(uris) == 0:
				done("", errCancelled)
			default:
				done(pathOf(uris[0]), nil)
			}
		})
	})
}
