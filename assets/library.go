package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/disintegration/imaging"

	"atelier/brandkit"
)

// ErrMissingImage is a library image whose file has gone from the data
// folder.
var ErrMissingImage = errors.New("the image is missing from the data folder")

// MaxImportBytes is the largest file the library takes in.
const MaxImportBytes = 256 << 20

// ThumbSide is the long side of a cached thumbnail.
const ThumbSide = 320

// Library keeps imported images under their sha256 in Dir, with thumbnails
// in ThumbDir.
type Library struct {
	Dir       string
	ThumbDir  string
	MaxPixels int // 0: DefaultMaxPixels
}

// NewLibrary opens the library of a data dir.
func NewLibrary(dataDir string) *Library {
	return &Library{Dir: filepath.Join(dataDir, "assets"), ThumbDir: filepath.Join(dataDir, "thumbs")}
}

// Imported is what the library knows of a file it took in.
type Imported struct {
	SHA256 string
	Info   ImageInfo
	Size   int64
	Source string // the file's name where it came from
	Path   string // where it is kept
}

// ReadFileLimited reads a file of at most limit bytes, refusing a larger
// one without reading it all.
func ReadFileLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is over %d MB, the most Atelier reads", path, limit>>20)
	}
	return data, nil
}

// ImportFile reads a file and imports it.
func (l *Library) ImportFile(path string) (Imported, error) {
	data, err := ReadFileLimited(path, MaxImportBytes)
	if err != nil {
		return Imported{}, err
	}
	return l.Import(filepath.Base(path), data)
}

// Import checks the image (header, pixel budget, a full decode) and stores
// its bytes unchanged under their sha256, with its thumbnail made from the
// picture just decoded; the same file imported twice is kept once.
func (l *Library) Import(name string, data []byte) (Imported, error) {
	img, info, err := DecodeImage(name, data, l.MaxPixels)
	if err != nil {
		return Imported{}, err
	}
	sum := sha256.Sum256(data)
	im := Imported{SHA256: hex.EncodeToString(sum[:]), Info: info, Size: int64(len(data)), Source: name}
	im.Path = l.Path(im.SHA256, info.MIME)
	if _, err := os.Stat(im.Path); err == nil {
		return im, nil
	}
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return im, fmt.Errorf("cannot make the asset folder: %w", err)
	}
	if err := brandkit.WriteFileAtomic(im.Path, data, 0o644); err != nil {
		return im, fmt.Errorf("cannot store %s: %w", name, err)
	}
	if _, err := l.writeThumbnail(im.SHA256, img); err != nil {
		return im, fmt.Errorf("cannot store the thumbnail of %s: %w", name, err)
	}
	return im, nil
}

// PutVariant keeps a render under its sha256 with its metadata beside it.
func (l *Library) PutVariant(v *Variant) (Imported, error) {
	sum := sha256.Sum256(v.Data)
	im := Imported{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(v.Data)), Source: "render:" + v.Placement.ID,
		Info: ImageInfo{Format: v.Format, MIME: v.MIME(), Width: v.Placement.Width, Height: v.Placement.Height, Orientation: 1}}
	im.Path = l.Path(im.SHA256, im.Info.MIME)
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return im, fmt.Errorf("cannot make the asset folder: %w", err)
	}
	if err := v.write(im.Path); err != nil {
		return im, fmt.Errorf("cannot store the %s render: %w", v.Placement.ID, err)
	}
	return im, nil
}

// PutVideo moves a rendered clip into the library under its sha256, with
// its captions, cover and sidecar beside it (VideoFiles).
func (l *Library) PutVideo(mp4 string) (Imported, error) {
	f, err := os.Open(mp4)
	if err != nil {
		return Imported{}, err
	}
	h := sha256.New()
	size, err := io.Copy(h, f)
	f.Close()
	if err != nil {
		return Imported{}, fmt.Errorf("reading the clip %s: %w", mp4, err)
	}
	im := Imported{SHA256: hex.EncodeToString(h.Sum(nil)), Size: size, Info: ImageInfo{Format: "mp4", MIME: "video/mp4"}}
	im.Path = l.Path(im.SHA256, "video/mp4")
	if err := os.MkdirAll(l.Dir, 0o755); err != nil {
		return im, fmt.Errorf("cannot make the asset folder: %w", err)
	}
	from, to := VideoFiles(mp4), VideoFiles(im.Path)
	for i := len(from) - 1; i >= 0; i-- { // the MP4 last: its companions are whole once it is there
		if err := moveFile(from[i], to[i]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return im, fmt.Errorf("cannot store the clip: %w", err)
		}
	}
	return im, nil
}

// VideoFiles lists a clip's files: the MP4, then its SRT and WebVTT
// captions, its cover JPEG and its sidecar.
func VideoFiles(mp4 string) []string {
	base := strings.TrimSuffix(mp4, filepath.Ext(mp4))
	return []string{mp4, base + ".srt", base + ".vtt", base + ".jpg", mp4 + ".atelier.json"}
}

// moveFile renames, or copies then removes across file systems.
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err == nil || errors.Is(err, os.ErrNotExist) {
		return err
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := brandkit.WriteFileAtomic(to, data, 0o644); err != nil {
		return err
	}
	return os.Remove(from)
}

// Path is where a file of this hash and type is kept.
func (l *Library) Path(sha, mime string) string {
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp", "audio/wav": ".wav", "video/mp4": ".mp4"}[mime]
	return filepath.Join(l.Dir, sha+ext)
}

// Open decodes a kept image, upright.
func (l *Library) Open(sha, mime string) (image.Image, ImageInfo, error) {
	path := l.Path(sha, mime)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, ImageInfo{}, fmt.Errorf("%w (%s): %w", ErrMissingImage, path, err)
	}
	return DecodeImage(path, data, l.MaxPixels)
}

// Thumbnail returns the path of the file's thumbnail: made at import, or
// here the first time for a file that has none (at most 320 px on the long
// side, JPEG). Call it off the UI goroutine.
func (l *Library) Thumbnail(sha, mime string) (string, error) {
	path := filepath.Join(l.ThumbDir, sha+".jpg")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	img, _, err := l.Open(sha, mime)
	if err != nil {
		return "", err
	}
	return l.writeThumbnail(sha, img)
}

func (l *Library) writeThumbnail(sha string, img image.Image) (string, error) {
	path := filepath.Join(l.ThumbDir, sha+".jpg")
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, imaging.Fit(img, ThumbSide, ThumbSide, imaging.Box), &jpeg.Options{Quality: 85}); err != nil {
		return "", err
	}
	if err := os.MkdirAll(l.ThumbDir, 0o755); err != nil {
		return "", err
	}
	return path, brandkit.WriteFileAtomic(path, buf.Bytes(), 0o644)
}
