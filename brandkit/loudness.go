package brandkit

import (
	"math"
)

// Loudness is an EBU R128 / ITU-R BS.1770-4 measurement.
type Loudness struct {
	IntegratedLUFS float64 // gated integrated loudness; -Inf for silence
	TruePeakDBTP   float64 // maximum of the 4× oversampled signal
}

// biquad is one second-order IIR section in direct form I.
type biquad struct {
	b0, b1, b2, a1, a2 float64
	x1, x2, y1, y2     float64
}

func (f *biquad) process(x float64) float64 {
	y := f.b0*x + f.b1*f.x1 + f.b2*f.x2 - f.a1*f.y1 - f.a2*f.y2
	f.x2, f.x1, f.y2, f.y1 = f.x1, x, f.y1, y
	return y
}

// kWeighting returns BS.1770's two K-weighting stages for any sample rate,
// derived from the filters' analogue prototypes (the spec gives only the
// 48 kHz coefficients).
func kWeighting(rate float64) (shelf, highpass biquad) {
	const f0, gainDB, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
	k := math.Tan(math.Pi * f0 / rate)
	vh := math.Pow(10, gainDB/20)
	vb := math.Pow(vh, 0.4996667741545416)
	a0 := 1 + k/q + k*k
	shelf = biquad{b0: (vh + vb*k/q + k*k) / a0, b1: 2 * (k*k - vh) / a0, b2: (vh - vb*k/q + k*k) / a0,
		a1: 2 * (k*k - 1) / a0, a2: (1 - k/q + k*k) / a0}
	const f1, q1 = 38.13547087602444, 0.5003270373238773
	k = math.Tan(math.Pi * f1 / rate)
	a0 = 1 + k/q1 + k*k
	highpass = biquad{b0: 1, b1: -2, b2: 1, a1: 2 * (k*k - 1) / a0, a2: (1 - k/q1 + k*k) / a0}
	return shelf, highpass
}

// Measure computes the integrated loudness (400 ms blocks with 75 % overlap,
// absolute gate at -70 LUFS, relative gate 10 LU below) and the true peak.
// Channels are weighted 1, as for mono and stereo.
func Measure(p *PCM) Loudness {
	if len(p.Channels) == 0 || len(p.Channels[0]) == 0 {
		return Loudness{IntegratedLUFS: math.Inf(-1), TruePeakDBTP: math.Inf(-1)}
	}
	return Loudness{IntegratedLUFS: Integrated(p), TruePeakDBTP: truePeak(p)}
}

// Integrated is the gated integrated loudness alone, in LUFS; -Inf for
// silence or audio shorter than one 400 ms block.
func Integrated(p *PCM) float64 {
	if len(p.Channels) == 0 || len(p.Channels[0]) == 0 {
		return math.Inf(-1)
	}
	n := len(p.Channels[0])
	step := p.Rate / 10 // 100 ms
	blocks := 0
	if n >= 4*step {
		blocks = (n-4*step)/step + 1
	}
	// Sum of squares of the K-weighted signal per 100 ms step, all channels.
	steps := make([]float64, n/step+1)
	for _, ch := range p.Channels {
		shelf, hp := kWeighting(float64(p.Rate))
		for i, x := range ch {
			y := hp.process(shelf.process(x))
			steps[i/step] += y * y
		}
	}
	power := make([]float64, blocks)
	for j := range power {
		sum := steps[j] + steps[j+1] + steps[j+2] + steps[j+3]
		power[j] = sum / float64(4*step)
	}
	lufs := func(z float64) float64 { return -0.691 + 10*math.Log10(z) }
	gated := func(threshold float64) (float64, int) {
		var sum float64
		var count int
		for _, z := range power {
			if lufs(z) > threshold {
				sum += z
				count++
			}
		}
		return sum, count
	}
	integrated := math.Inf(-1)
	if sum, count := gated(-70); count > 0 {
		relative := lufs(sum/float64(count)) - 10
		if sum, count = gated(relative); count > 0 {
			integrated = lufs(sum / float64(count))
		}
	}
	return integrated
}

// truePeakTaps is a 4-phase windowed-sinc interpolator, 12 taps a phase.
var truePeakTaps = func() [4][12]float64 {
	var taps [4][12]float64
	for phase := 0; phase < 4; phase++ {
		for k := 0; k < 12; k++ {
			t := float64(k-6) + float64(phase)/4 // distance from the interpolated point
			x := math.Pi * t
			sinc := 1.0
			if t != 0 {
				sinc = math.Sin(x) / x
			}
			w := 0.5 + 0.5*math.Cos(math.Pi*t/6.5) // Hann window over ±6.5 samples
			taps[phase][k] = sinc * w
		}
	}
	return taps
}()

// tapGain bounds how much the interpolator can exceed its largest input.
var tapGain = func() float64 {
	g := 0.0
	for _, phase := range truePeakTaps {
		sum := 0.0
		for _, t := range phase {
			sum += math.Abs(t)
		}
		g = math.Max(g, sum)
	}
	return g
}()

// truePeak returns the 4× oversampled peak in dBTP. Blocks whose samples
// are too small to beat the peak found so far, even after interpolation,
// are skipped.
func truePeak(p *PCM) float64 {
	const block = 64
	peak := 0.0
	for _, ch := range p.Channels {
		for _, x := range ch {
			peak = math.Max(peak, math.Abs(x))
		}
	}
	for _, ch := range p.Channels {
		for start := 6; start < len(ch)-6; start += block {
			end := min(start+block, len(ch)-6)
			local := 0.0
			for _, x := range ch[start-5 : end+6] {
				local = math.Max(local, math.Abs(x))
			}
			if local*tapGain <= peak {
				continue
			}
			for i := start; i < end; i++ {
				for phase := 1; phase < 4; phase++ {
					var y float64
					for k, tap := range truePeakTaps[phase] {
						y += tap * ch[i+6-k]
					}
					peak = math.Max(peak, math.Abs(y))
				}
			}
		}
	}
	return 20 * math.Log10(peak)
}
