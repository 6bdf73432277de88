// Package samples ships the sample brand kit inside the binary, so a first
// run has a complete kit to open wherever Atelier was installed.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed kit/brandkit.toml kit/logo.png kit/fonts
var files embed.FS

// Kit returns the sample kit's folder: brandkit.toml and the files it names.
func Kit() fs.FS {
	sub, err := fs.Sub(files, "kit")
	if err != nil {
		panic(err)
	}
	return sub
}

// Photo is the sample campaign's source visual (drawn by gen_photo.go): a
// lit candle off-centre, for the image variants.
//
//go:embed photo.jpg
var Photo []byte
