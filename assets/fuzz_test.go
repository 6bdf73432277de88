package assets_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"atelier/assets"
)

// FuzzImageImport feeds any bytes to the library's import: the header
// guard, the decoders and the EXIF reader. It must never panic; a file is
// either refused with one of the three errors, or kept whole with the size
// its header gave, within the budget. Seeds: testdata/fuzz/FuzzImageImport
// and the small files below.
func FuzzImageImport(f *testing.F) {
	small := photo(40, 30, 0.5, 0.5)
	var pngBuf, jpgBuf, gifBuf bytes.Buffer
	png.Encode(&pngBuf, small)
	jpeg.Encode(&jpgBuf, small, nil)
	gif.Encode(&gifBuf, small, nil)
	f.Add(pngBuf.Bytes())
	f.Add(jpgBuf.Bytes())
	f.Add(gifBuf.Bytes())
	f.Add(withOrientation(jpgBuf.Bytes(), 6, binary.LittleEndian))
	f.Add(jpgBuf.Bytes()[:jpgBuf.Len()/2])
	f.Add(hugePNGHeader(60000, 60000))
	const budget = 4_000_000 // small, so that the fuzzer does not spend its time allocating
	f.Fuzz(func(t *testing.T, data []byte) {
		lib := assets.NewLibrary(t.TempDir())
		lib.MaxPixels = budget
		im, err := lib.Import("fuzz", data)
		if err != nil {
			if !errors.Is(err, assets.ErrUnsupportedImage) && !errors.Is(err, assets.ErrCorruptImage) && !errors.Is(err, assets.ErrImageTooLarge) {
				t.Fatalf("an error of no known kind: %v", err)
			}
			if _, statErr := os.Stat(filepath.Join(lib.Dir)); statErr == nil {
				entries, _ := os.ReadDir(lib.Dir)
				if len(entries) > 0 {
					t.Fatalf("a refused file left %d files behind", len(entries))
				}
			}
			return
		}
		if im.Info.Width*im.Info.Height > budget || im.Info.Orientation < 1 || im.Info.Orientation > 8 {
			t.Fatalf("accepted %+v", im.Info)
		}
		kept, err := os.ReadFile(im.Path)
		if err != nil || !bytes.Equal(kept, data) {
			t.Fatalf("the kept file differs from the import: %v", err)
		}
		img, _, err := lib.Open(im.SHA256, im.Info.MIME)
		if err != nil {
			t.Fatalf("an accepted file does not open again: %v", err)
		}
		if b := img.Bounds(); b.Dx() != im.Info.Width || b.Dy() != im.Info.Height {
			t.Fatalf("decoded %v, the header said %d×%d", b.Size(), im.Info.Width, im.Info.Height)
		}
	})
}
