package assets

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"atelier/brandkit"
	"atelier/internal/childproc"
)

// ProbeVideo reads what a video file holds with ffprobe: its streams'
// codecs, size, rates and duration, and whether its index comes first.
// ffmpegSetting is the ffmpeg path Settings name ("" = PATH); ffprobe is
// looked for beside it.
func ProbeVideo(ctx context.Context, ffmpegSetting, path string) (brandkit.VideoInfo, error) {
	_, ffprobe, err := FindFFmpeg(ffmpegSetting)
	if err == nil && ffprobe == "" {
		err = fmt.Errorf("%w: ffprobe, which comes with ffmpeg, is missing; reinstall ffmpeg", ErrFFmpegMissing)
	}
	if err != nil {
		return brandkit.VideoInfo{}, err
	}
	out, err := childproc.Command(ctx, ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", path).Output()
	if err != nil {
		return brandkit.VideoInfo{}, fmt.Errorf("%s cannot be read as a video (ffprobe: %v): check that the file is whole and is a video", path, stderrOf(err))
	}
	var probe struct {
		Streams []struct {
			CodecType    string `json:"codec_type"`
			CodecName    string `json:"codec_name"`
			Profile      string `json:"profile"`
			PixFmt       string `json:"pix_fmt"`
			Width        int    `json:"width"`
			Height       int    `json:"height"`
			RFrameRate   string `json:"r_frame_rate"`
			AvgFrameRate string `json:"avg_frame_rate"`
			SampleRate   string `json:"sample_rate"`
		} `json:"streams"`
		Format struct {
			Duration string `json:"duration"`
			Size     string `json:"size"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out, &probe); err != nil {
		return brandkit.VideoInfo{}, fmt.Errorf("reading ffprobe's report on %s: %w", path, err)
	}
	var info brandkit.VideoInfo
	for _, s := range probe.Streams {
		switch {
		case s.CodecType == "video" && info.Codec == "":
			info.Codec, info.Profile, info.PixFmt, info.Width, info.Height = s.CodecName, s.Profile, s.PixFmt, s.Width, s.Height
			info.FPS = rational(s.AvgFrameRate)
			info.ConstantRate = math.Abs(rational(s.RFrameRate)-info.FPS) < 0.01
		case s.CodecType == "audio" && info.AudioCodec == "":
			info.AudioCodec, info.AudioProfile = s.CodecName, s.Profile
			info.AudioRate, _ = strconv.Atoi(s.SampleRate)
		}
	}
	if info.Codec == "" {
		return info, fmt.Errorf("%s holds no video stream", path)
	}
	info.Seconds, _ = strconv.ParseFloat(probe.Format.Duration, 64)
	info.Bytes, _ = strconv.ParseInt(probe.Format.Size, 10, 64)
	info.FastStart = moovFirst(path)
	return info, nil
}

// rational reads ffprobe's "30000/1001".
func rational(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	n, _ := strconv.ParseFloat(num, 64)
	if !ok {
		return n
	}
	d, _ := strconv.ParseFloat(den, 64)
	if d == 0 {
		return 0
	}
	return n / d
}

// moovFirst reads an MP4's top-level boxes: true when the index (moov)
// comes before the media (mdat), so that playing can start at once.
func moovFirst(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var at int64
	head := make([]byte, 16)
	for range 64 {
		if _, err := f.ReadAt(head[:8], at); err != nil {
			return false
		}
		size, kind := int64(binary.BigEndian.Uint32(head)), string(head[4:8])
		switch kind {
		case "moov":
			return true
		case "mdat":
			return false
		}
		if size == 1 {
			if _, err := f.ReadAt(head[8:16], at+8); err != nil {
				return false
			}
			size = int64(binary.BigEndian.Uint64(head[8:16]))
		}
		if size < 8 {
			return false
		}
		at += size
	}
	return false
}

// VideoSound decodes a video's sound to 48 kHz stereo for the loudness
// checks.
func VideoSound(ctx context.Context, ffmpegSetting, path string) (*brandkit.PCM, error) {
	ffmpeg, _, err := FindFFmpeg(ffmpegSetting)
	if err != nil {
		return nil, err
	}
	cmd := childproc.Command(ctx, ffmpeg, "-v", "error", "-nostdin", "-i", path, "-vn", "-f", "f32le", "-ac", "2", "-ar", "48000", "-")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	pcm := &brandkit.PCM{Rate: SnippetRate, Channels: [][]float64{nil, nil}}
	buf := make([]byte, 8*4096)
	for {
		n, rerr := io.ReadFull(out, buf)
		for i := 0; i+8 <= n; i += 8 {
			pcm.Channels[0] = append(pcm.Channels[0], float64(math.Float32frombits(binary.LittleEndian.Uint32(buf[i:]))))
			pcm.Channels[1] = append(pcm.Channels[1], float64(math.Float32frombits(binary.LittleEndian.Uint32(buf[i+4:]))))
		}
		if rerr != nil {
			break
		}
		if len(pcm.Channels[0]) > SnippetRate*60*60 {
			cmd.Process.Kill()
			cmd.Wait()
			return nil, errors.New("the sound is longer than an hour; Atelier measures at most an hour")
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("decoding the sound of %s: %v", path, stderrOf(err))
	}
	return pcm, nil
}

// stderrOf is what a failed command said, or how it failed.
func stderrOf(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		return strings.TrimSpace(string(exit.Stderr))
	}
	return err.Error()
}
