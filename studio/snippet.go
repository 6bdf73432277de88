package studio

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"atelier/assets"
	"atelier/brandkit"
)

// SaveSnippet stores a rendered snippet in the data dir under its sha256 and
// links it to the piece as its audio.
func (w *Workspace) SaveSnippet(ctx context.Context, pieceID int64, s *assets.Snippet) (Asset, string, error) {
	data, err := s.WAV()
	if err != nil {
		return Asset{}, "", err
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	path := filepath.Join(w.dataDir, "assets", hash+".wav")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Asset{}, "", err
	}
	if err := brandkit.WriteFileAtomic(path, data, 0o644); err != nil {
		return Asset{}, "", err
	}
	a, err := w.store.PutAsset(ctx, Asset{SHA256: hash, Kind: "audio", MIME: "audio/wav", Size: int64(len(data)),
		DurationMS: int(s.PCM.Duration().Milliseconds()), Source: "snippet",
		Meta: fmt.Sprintf(`{"integrated_lufs":%.2f,"true_peak_dbtp":%.2f}`, s.Loudness.IntegratedLUFS, s.Loudness.TruePeakDBTP)})
	if err != nil {
		return a, path, err
	}
	return a, path, w.store.LinkAsset(ctx, pieceID, a.ID, "audio", "")
}
