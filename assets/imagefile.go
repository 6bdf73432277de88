package assets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // formats an asset may come in
	_ "image/jpeg"
	_ "image/png"
	"iter"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/webp"
)

// DefaultMaxPixels is the pixel budget an image must stay under before it is
// decoded: 100 MP, a 12 000 × 8 000 photo with room to spare, about 400 MB
// once decoded.
const DefaultMaxPixels = 100_000_000

// Errors of reading an image, for errors.Is.
var (
	ErrUnsupportedImage = errors.New("unsupported image format")
	ErrImageTooLarge    = errors.New("image over the pixel budget")
	ErrCorruptImage     = errors.New("damaged image")
)

// ImageInfo is what the header of an image file says.
type ImageInfo struct {
	Format string // png, jpeg, gif, webp
	MIME   string
	// Width and Height are upright, after the EXIF orientation; after a
	// decode, they are the decoded picture's.
	Width, Height int
	// Orientation is the EXIF orientation (1–8) the file carried; 1 when none.
	Orientation int
	// Profile describes the embedded ICC colour profile; "" when none.
	Profile string
}

// ProfileNote warns when the file is in a colour space other than sRGB,
// which Atelier reads as sRGB; "" otherwise.
func (i ImageInfo) ProfileNote() string {
	if IsSRGB(i.Profile) {
		return ""
	}
	return fmt.Sprintf("The source is in the %q colour space; Atelier reads it as sRGB, so colours may shift. Export it as sRGB for exact colours.", i.Profile)
}

// ReadImageInfo reads only the header: format, size and orientation. It
// refuses unknown formats and images over maxPixels (DefaultMaxPixels when
// zero) without allocating for the pixels.
func ReadImageInfo(name string, data []byte, maxPixels int) (ImageInfo, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case errors.Is(err, image.ErrFormat):
		return ImageInfo{}, fmt.Errorf("%s: %w: Atelier reads PNG, JPEG, GIF and WebP; export the file in one of those", name, ErrUnsupportedImage)
	case err != nil:
		return ImageInfo{}, fmt.Errorf("%s: %w: its header cannot be read (%v); export it again from the original", name, ErrCorruptImage, err)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return ImageInfo{}, fmt.Errorf("%s: %w: the header says %d×%d", name, ErrCorruptImage, cfg.Width, cfg.Height)
	case int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels):
		return ImageInfo{}, fmt.Errorf("%s is %d×%d (%.0f MP): %w of %d MP; downscale it first", name, cfg.Width, cfg.Height,
			float64(cfg.Width)*float64(cfg.Height)/1e6, ErrImageTooLarge, maxPixels/1_000_000)
	}
	info := ImageInfo{Format: format, MIME: "image/" + format, Width: cfg.Width, Height: cfg.Height, Orientation: 1, Profile: colourProfile(format, data)}
	if format == "jpeg" {
		info.Orientation = jpegOrientation(data)
	}
	if info.Orientation >= 5 { // the four orientations that swap the sides
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// DecodeImage checks the header with ReadImageInfo, decodes, and turns the
// picture upright by its EXIF orientation.
func DecodeImage(name string, data []byte, maxPixels int) (image.Image, ImageInfo, error) {
	info, err := ReadImageInfo(name, data, maxPixels)
	if err != nil {
		return nil, info, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, info, fmt.Errorf("%s: %w: %v; the file is probably cut short, so copy or export it again", name, ErrCorruptImage, err)
	}
	img = orient(img, info.Orientation)
	// A GIF's header gives its screen; its first frame may be smaller.
	info.Width, info.Height = img.Bounds().Dx(), img.Bounds().Dy()
	return img, info, nil
}

// orient applies an EXIF orientation.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

// jpegSegments yields the marker and body of each segment of a JPEG before
// its image data, stopping at the first malformed one.
func jpegSegments(data []byte) iter.Seq2[byte, []byte] {
	return func(yield func(byte, []byte) bool) {
		if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
			return
		}
		for p := 2; p+4 <= len(data) && data[p] == 0xFF; {
			marker := data[p+1]
			if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
				return
			}
			n := int(binary.BigEndian.Uint16(data[p+2:]))
			if n < 2 || p+2+n > len(data) || !yield(marker, data[p+4:p+2+n]) {
				return
			}
			p += 2 + n
		}
	}
}

// jpegOrientation finds the orientation tag in a JPEG's EXIF segment; 1
// when there is none or it cannot be read.
func jpegOrientation(data []byte) int {
	for marker, seg := range jpegSegments(data) {
		if marker == 0xE1 && len(seg) > 6 && string(seg[:6]) == "Exif\x00\x00" {
			return exifOrientation(seg[6:])
		}
	}
	return 1
}

// exifOrientation reads tag 0x0112 of IFD0 of a TIFF structure.
func exifOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[ifd:]))
	for i := range count {
		e := ifd + 2 + 12*i
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 {
			if o := int(bo.Uint16(t[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}
