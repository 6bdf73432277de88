package ollama

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"slices"
	"strings"

	"github.com/disintegration/imaging"
	"github.com/ollama/ollama/api"
	"github.com/ollama/ollama/types/model"
)

// ErrNoVision says the model cannot look at images.
var ErrNoVision = errors.New("the model does not accept images")

// maxAltText is the longest alt text suggested, in characters.
const maxAltText = 250

// DescribeImage asks a vision model for alt text of an image in a language.
// A model without the "vision" capability gives ErrNoVision, and the draft's
// own alt-text field stays the suggestion.
func DescribeImage(ctx context.Context, client *api.Client, modelName string, img image.Image, language string) (string, error) {
	show, err := client.Show(ctx, &api.ShowRequest{Model: modelName})
	if err != nil {
		return "", classify(err, modelName, ctx)
	}
	if !slices.Contains(show.Capabilities, model.CapabilityVision) {
		return "", fmt.Errorf("%s: %w (its capabilities: %v); the draft's alt text is used — pick a vision model such as gemma3 on the Model screen to describe images", modelName, ErrNoVision, show.Capabilities)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, imaging.Fit(img, 896, 896, imaging.Linear), &jpeg.Options{Quality: 85}); err != nil {
		return "", err
	}
	stream := false
	prompt := fmt.Sprintf("Write the alt text of this image for a social media post, in the language %s: one or two plain sentences, at most %d characters, describing what is seen for someone who cannot see it. Reply with the alt text only.", language, maxAltText)
	var out strings.Builder
	err = client.Generate(ctx, &api.GenerateRequest{Model: modelName, Prompt: prompt, Images: []api.ImageData{buf.Bytes()}, Stream: &stream,
		Options: map[string]any{"temperature": 0.2, "num_predict": 160}}, func(r api.GenerateResponse) error {
		out.WriteString(r.Response)
		return nil
	})
	if err != nil {
		return "", classify(err, modelName, ctx)
	}
	text := strings.Join(strings.Fields(out.String()), " ")
	if r := []rune(text); len(r) > maxAltText {
		text = string(r[:maxAltText-1]) + "…"
	}
	return text, nil
}
