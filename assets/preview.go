package assets

import (
	"bytes"
	"context"
	"fmt"

	"atelier/internal/childproc"
)

// PreviewFrames decodes a clip for a preview a person can watch: JPEG
// frames at fps a second, height pixels high, in order. A 15 s clip at
// 10 fps and 480 px is 150 frames of about 20 KB.
func PreviewFrames(ctx context.Context, ffmpegSetting, mp4 string, fps, height int) ([][]byte, error) {
	ffmpeg, _, err := FindFFmpeg(ffmpegSetting)
	if err != nil {
		return nil, err
	}
	cmd := childproc.Command(ctx, ffmpeg, "-v", "error", "-nostdin", "-i", mp4,
		"-vf", fmt.Sprintf("fps=%d,scale=-2:%d", fps, height), "-c:v", "mjpeg", "-q:v", "5", "-f", "image2pipe", "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("ffmpeg could not read %s for its preview (%v): %s", mp4, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return splitJPEGs(out), nil
}

// splitJPEGs cuts a stream of JPEG files at their end markers (0xFFD9,
// which the compressed data cannot hold: a 0xFF byte in it is followed by
// 0x00).
func splitJPEGs(stream []byte) [][]byte {
	var frames [][]byte
	for len(stream) > 4 {
		if stream[0] != 0xFF || stream[1] != 0xD8 {
			break
		}
		end := bytes.Index(stream[2:], []byte{0xFF, 0xD9})
		if end < 0 {
			break
		}
		frames = append(frames, stream[:end+4])
		stream = stream[end+4:]
	}
	return frames
}
