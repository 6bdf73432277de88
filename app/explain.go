package app

import (
	"context"
	"errors"
	"net"
	"os"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"atelier/assets"
	"atelier/brandkit"
	"atelier/packaging"
	"atelier/studio"
	"atelier/studio/ollama"
)

// said is an error whose text is already a sentence in the UI's language,
// written by a screen.
type said string

func (s said) Error() string { return string(s) }

// explanations map the errors a user can meet to a sentence that says
// what happened and what to do, looked up in the UI's language when shown.
// The first that matches wins.
var explanations = []struct {
	err  error
	says string
}{
	{studio.ErrNeedsModel, "This edit needs a language model, and only the kit's templates are available. Install or start a model on the Model screen, or edit the text yourself."},
	{ollama.ErrNoOllama, "Ollama is not installed on this computer. Install it from ollama.com, or keep drafting from the kit's templates."},
	{studio.ErrUnreachable, "Ollama is not answering. Start it from the Model screen and try again; your brief and drafts are kept."},
	{studio.ErrModelMissing, "The chosen model is not installed. Pull it on the Model screen, or choose another one."},
	{studio.ErrInterrupted, "The draft was interrupted before it finished. Nothing was saved from it; draft again."},
	{studio.ErrInvalidReply, "The model's reply could not be read as a post. Draft again, or write the post yourself."},
	{ollama.ErrNoVision, "The model cannot look at images. Choose a model that can on the Model screen, or write the alt text yourself."},
	{studio.ErrNotAllowed, "Your role does not allow this. A reviewer or the brand owner can do it; your role is set in Settings."},
	{studio.ErrOverrideNeeded, "The piece fails its brand check. Fix the errors first, or write why it should be approved anyway."},
	{studio.ErrIllegalTransition, "The piece cannot move there from where it is. Reload the board to see its state."},
	{studio.ErrSuggestionOutdated, "The text changed after this suggestion was made, so accepting it would undo the newer edits. Refuse it, and ask for a new suggestion on the current text."},
	{studio.ErrStale, "Someone changed this piece meanwhile. It has been reloaded; look at it again before you act."},
	{studio.ErrNotFound, "This item no longer exists; it may have been deleted. Reload the screen."},
	{studio.ErrNothingApproved, "The campaign has no approved piece to export yet. Approve pieces in Review first."},
	{ollama.ErrPullFailed, "The model could not be downloaded. Check the network connection and the model's name, then try again."},
	{studio.ErrNotCheckable, "Atelier checks text (.txt, .md), images (.png, .jpg), sound (.wav) and video (.mp4); this kind of file is not checked."},
	{studio.ErrNoImages, "A video needs at least one image: import one on the Assets screen, then tick it in the Video tab."},
	{assets.ErrFFmpegMissing, "ffmpeg is not installed, so no video can be made. Install ffmpeg, or name it in Settings; text, images and audio work without it."},
	{assets.ErrFFmpegFailed, "ffmpeg stopped before the video was finished, so no file was written. Render it again."},
	{assets.ErrImageTooSmall, "An image is too small for this video, even enlarged twice. Choose a larger image."},
	{assets.ErrMissingImage, "The image is missing from the data folder: it was moved or deleted outside Atelier. Import it again."},
	{assets.ErrUnsupportedImage, "This file is not an image Atelier can read. Use a JPEG, PNG, WebP or GIF file."},
	{assets.ErrImageTooLarge, "The image is too large to work with safely. Use a smaller copy of it (under 100 megapixels)."},
	{assets.ErrCorruptImage, "The image file is damaged and cannot be read. Export it again from its source."},
	{assets.ErrEmptyScript, "There is nothing to say aloud once hashtags, links and emoji are left out. Add words to the post first."},
	{assets.ErrNoFFmpeg, "ffmpeg is not installed, so no MP3 was written; the WAV is complete. Install ffmpeg to get MP3s too."},
	{assets.ErrNoTTS, "No offline voice is installed. Install espeak-ng to hear snippets; the sonic logo still plays."},
	{packaging.ErrUnsafeKit, "The kit file was refused: it is damaged or holds files where a kit should not. Ask its author for a new copy."},
	{packaging.ErrKitExists, "A kit with this name is already installed. Rename the new one, or replace the old one."},
	{syscall.ENOSPC, "The disk is full, so nothing was written. Free some space and try again; what was saved before is intact."},
	{os.ErrPermission, "Atelier is not allowed to write or read there. Choose another folder, or change the folder's permissions."},
	{os.ErrNotExist, "The file or folder is no longer there. It may have been moved or deleted; choose it again."},
	{context.DeadlineExceeded, "This took too long and was stopped. Try again; if it keeps happening, the model may be too large for this computer."},
	{context.Canceled, "Stopped, as asked. Nothing was lost."},
}

// explain says err as a sentence in the UI's language, and returns the
// technical detail to keep behind a "Details" expander ("" when the
// sentence is all there is).
func explain(err error) (sentence, details string) {
	var s said
	if errors.As(err, &s) {
		return string(s), ""
	}
	var ve *brandkit.ValidationError
	if errors.As(err, &ve) {
		return lang.L("The brand kit has problems; the Brand kit screen marks each one in red."), err.Error()
	}
	for _, e := range explanations {
		if errors.Is(err, e.err) {
			return lang.L(e.says), err.Error()
		}
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return lang.L("A server did not answer. Check that Ollama (or the team's database) is running, then try again."), err.Error()
	}
	return lang.L("Atelier could not finish this. Nothing you saved was lost; try again, and if it fails again, the details below say where it went wrong."), err.Error()
}

// showError tells the user what went wrong, in a sentence, with the
// technical detail folded away under "Details". Safe from any goroutine.
func showError(win fyne.Window, err error) {
	onUI(func() { errorDialog(win, err).Show() })
}

func errorDialog(win fyne.Window, err error) dialog.Dialog {
	sentence, _ := explain(err)
	msg := widget.NewLabel(sentence)
	msg.Wrapping = fyne.TextWrapWord
	more := newDetails()
	more.show(err)
	content := container.NewVBox(msg, more.object)
	d := dialog.NewCustom(lang.L("Something went wrong"), lang.L("OK"), content, win)
	d.Resize(fyne.NewSize(min(520, win.Canvas().Size().Width-40), 0))
	return d
}

// details is a folded "Details" expander holding an error's technical
// text, selectable so it can be copied into a bug report; hidden when
// there is none.
type details struct {
	object *widget.Accordion
	text   *widget.Label
}

func newDetails() *details {
	d := &details{text: widget.NewLabel("")}
	d.text.Wrapping = fyne.TextWrapWord
	d.text.Selectable = true
	d.object = widget.NewAccordion(widget.NewAccordionItem(lang.L("Details"), d.text))
	d.object.Hide()
	return d
}

// show puts err's detail in the expander, folded; nil or an error with
// nothing more to say than its sentence hides it.
func (d *details) show(err error) {
	var detail string
	if err != nil {
		_, detail = explain(err)
	}
	d.text.SetText(detail)
	d.object.CloseAll()
	d.object.Hidden = detail == ""
	d.object.Refresh()
}

// sentence is explain's sentence alone, for a status line.
func sentence(err error) string {
	s, _ := explain(err)
	return s
}
