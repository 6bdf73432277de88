// Package assets will hold the asset library (content-addressed files and
// their metadata), the image variant renderer and the audio snippet renderer.
// It is empty until the image-variant and audio issues land (#9, #5).
package assets
