package brandkit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// PCM is decoded audio: one slice of samples in [-1, 1] per channel.
type PCM struct {
	Rate     int
	Channels [][]float64
}

// Duration returns the audio's length.
func (p *PCM) Duration() time.Duration {
	if len(p.Channels) == 0 || p.Rate == 0 {
		return 0
	}
	return time.Duration(len(p.Channels[0])) * time.Second / time.Duration(p.Rate)
}

// MaxWAVSeconds bounds what ReadWAV decodes.
const MaxWAVSeconds = 3600

// ReadWAV decodes a RIFF/WAVE file: 8/16/24/32-bit integer PCM or 32/64-bit
// float, any rate, up to 8 channels and an hour.
func ReadWAV(r io.Reader) (*PCM, error) {
	var hdr [12]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil || string(hdr[:4]) != "RIFF" || string(hdr[8:]) != "WAVE" {
		return nil, errors.New("not a WAV file (no RIFF/WAVE header)")
	}
	var format, channels, bits uint16
	var rate uint32
	for {
		var ch [8]byte
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			return nil, errors.New("the WAV file has no data chunk")
		}
		id, size := string(ch[:4]), binary.LittleEndian.Uint32(ch[4:])
		switch id {
		case "fmt ":
			if size < 16 || size > 1024 {
				return nil, fmt.Errorf("the WAV fmt chunk is %d bytes", size)
			}
			b := make([]byte, size+size%2)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, fmt.Errorf("reading the WAV fmt chunk: %w", err)
			}
			format, channels = binary.LittleEndian.Uint16(b), binary.LittleEndian.Uint16(b[2:])
			rate, bits = binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint16(b[14:])
			if format == 0xFFFE && size >= 26 { // WAVE_FORMAT_EXTENSIBLE: the sub-format's first two bytes
				format = binary.LittleEndian.Uint16(b[24:])
			}
		case "data":
			if channels == 0 {
				return nil, errors.New("the WAV data chunk comes before its fmt chunk")
			}
			return decodePCM(r, size, format, channels, bits, rate)
		default:
			if _, err := io.CopyN(io.Discard, r, int64(size+size%2)); err != nil {
				return nil, fmt.Errorf("skipping WAV chunk %q: %w", id, err)
			}
		}
	}
}

func decodePCM(r io.Reader, size uint32, format, channels, bits uint16, rate uint32) (*PCM, error) {
	if channels < 1 || channels > 8 || rate < 8000 || rate > 384000 {
		return nil, fmt.Errorf("unsupported WAV: %d channels at %d Hz", channels, rate)
	}
	if !(format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32) || format == 3 && (bits == 32 || bits == 64)) {
		return nil, fmt.Errorf("unsupported WAV encoding (format %d, %d bits): use PCM or float", format, bits)
	}
	frameBytes := int(channels) * int(bits) / 8
	frames := int(size) / frameBytes
	if size == 0xFFFFFFFF || frames > MaxWAVSeconds*int(rate) { // streaming writers leave the size unset
		frames = MaxWAVSeconds * int(rate)
	}
	p := &PCM{Rate: int(rate), Channels: make([][]float64, channels)}
	for c := range p.Channels {
		p.Channels[c] = make([]float64, 0, min(frames, 600*int(rate)))
	}
	buf := make([]byte, frameBytes*4096)
	for read := 0; read < frames; {
		n := min(4096, frames-read)
		got, err := io.ReadFull(r, buf[:n*frameBytes])
		n = got / frameBytes
		for f := 0; f < n; f++ {
			for c := 0; c < int(channels); c++ {
				p.Channels[c] = append(p.Channels[c], sample(buf[(f*int(channels)+c)*int(bits)/8:], format, bits))
			}
		}
		read += n
		if err != nil {
			if read == 0 {
				return nil, fmt.Errorf("the WAV data is empty or cut: %w", err)
			}
			break // a truncated file keeps what was read
		}
	}
	return p, nil
}

func sample(b []byte, format, bits uint16) float64 {
	switch {
	case format == 3 && bits == 32:
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
	case format == 3:
		return math.Float64frombits(binary.LittleEndian.Uint64(b))
	case bits == 8:
		return (float64(b[0]) - 128) / 128
	case bits == 16:
		return float64(int16(binary.LittleEndian.Uint16(b))) / 32768
	case bits == 24:
		v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
		return float64(v) / 8388608
	default:
		return float64(int32(binary.LittleEndian.Uint32(b))) / 2147483648
	}
}

// WriteWAV writes 16-bit PCM.
func WriteWAV(w io.Writer, p *PCM) error {
	ch := len(p.Channels)
	if ch == 0 {
		return errors.New("no audio to write")
	}
	n := len(p.Channels[0])
	data := uint32(n * ch * 2)
	hdr := make([]byte, 44)
	copy(hdr, "RIFF")
	binary.LittleEndian.PutUint32(hdr[4:], 36+data)
	copy(hdr[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(hdr[16:], 16)
	binary.LittleEndian.PutUint16(hdr[20:], 1)
	binary.LittleEndian.PutUint16(hdr[22:], uint16(ch))
	binary.LittleEndian.PutUint32(hdr[24:], uint32(p.Rate))
	binary.LittleEndian.PutUint32(hdr[28:], uint32(p.Rate*ch*2))
	binary.LittleEndian.PutUint16(hdr[32:], uint16(ch*2))
	binary.LittleEndian.PutUint16(hdr[34:], 16)
	copy(hdr[36:], "data")
	binary.LittleEndian.PutUint32(hdr[40:], data)
	body := make([]byte, 0, data)
	for i := 0; i < n; i++ {
		for c := 0; c < ch; c++ {
			v := math.Round(math.Max(-1, math.Min(1, p.Channels[c][i])) * 32767)
			body = binary.LittleEndian.AppendUint16(body, uint16(int16(v)))
		}
	}
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}
