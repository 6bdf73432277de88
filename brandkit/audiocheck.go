package brandkit

import (
	"math"
)

// AudioTarget is what a sound is checked for.
type AudioTarget struct {
	Platform   string
	TargetLUFS float64 // 0 = the kit's target, or -16
	MaxSeconds int     // the platform's longest; 0 = no limit
}

// Loudness tolerances: within ±1 LU is on target, beyond ±2 LU an error.
const (
	loudnessWarnLU  = 1.0
	loudnessErrorLU = 2.0
	silenceDBFS     = -50.0
	maxSilenceMS    = 500
)

// CheckAudio measures a sound against the kit and the platform: integrated
// loudness, true peak, duration, and silence at either end.
func CheckAudio(k *Kit, t AudioTarget, p *PCM) Report {
	target := t.TargetLUFS
	if target == 0 {
		target = k.Audio.TargetLUFS
	}
	if target == 0 {
		target = -16
	}
	peakLimit := k.Audio.PeakCeiling()
	m := Measure(p)
	var fs []Finding
	whole := func(f Finding) Finding { f.Start, f.End = -1, -1; return f }
	switch d := m.IntegratedLUFS - target; {
	case math.IsInf(m.IntegratedLUFS, -1):
		fs = append(fs, whole(Say(Finding{Rule: "audio.silent", Severity: SeverityError}, "audio.silent")))
	case math.Abs(d) > loudnessErrorLU:
		fs = append(fs, whole(Say(Finding{Rule: "audio.loudness", Severity: SeverityError}, "audio.loudness",
			"lufs", num(m.IntegratedLUFS), "target", num(target), "delta", signed(d), "gain", signed(-d))))
	case math.Abs(d) > loudnessWarnLU:
		fs = append(fs, whole(Say(Finding{Rule: "audio.loudness", Severity: SeverityWarning}, "audio.loudness.near",
			"lufs", num(m.IntegratedLUFS), "target", num(target), "delta", signed(d), "gain", signed(-d))))
	}
	if m.TruePeakDBTP > peakLimit {
		fs = append(fs, whole(Say(Finding{Rule: "audio.true_peak", Severity: SeverityError}, "audio.true_peak",
			"peak", num(m.TruePeakDBTP), "limit", num(peakLimit))))
	}
	seconds := p.Duration().Seconds()
	if t.MaxSeconds > 0 && seconds > float64(t.MaxSeconds) {
		fs = append(fs, whole(Say(Finding{Rule: "audio.duration", Severity: SeverityError, TimeMS: &[2]int{t.MaxSeconds * 1000, int(seconds * 1000)}},
			"audio.duration", "seconds", num0(seconds), "platform", platformName(t.Platform), "max", itoa(t.MaxSeconds))))
	}
	lead, trail := silences(p)
	total := int(seconds * 1000)
	if lead > maxSilenceMS && lead < total {
		fs = append(fs, whole(Say(Finding{Rule: "audio.silence", Severity: SeverityWarning, TimeMS: &[2]int{0, lead}},
			"audio.silence.start", "seconds", num(float64(lead)/1000))))
	}
	if trail > maxSilenceMS && trail < total {
		fs = append(fs, whole(Say(Finding{Rule: "audio.silence", Severity: SeverityWarning, TimeMS: &[2]int{total - trail, total}},
			"audio.silence.end", "seconds", num(float64(trail)/1000))))
	}
	r := newReport(fs)
	r.Audio = &m
	return r
}

// silences returns the milliseconds below -50 dBFS at the start and end.
func silences(p *PCM) (lead, trail int) {
	if len(p.Channels) == 0 {
		return 0, 0
	}
	n := len(p.Channels[0])
	threshold := math.Pow(10, silenceDBFS/20)
	loud := func(i int) bool {
		for _, ch := range p.Channels {
			if math.Abs(ch[i]) > threshold {
				return true
			}
		}
		return false
	}
	first, last := n, -1
	for i := 0; i < n; i++ {
		if loud(i) {
			first = i
			break
		}
	}
	for i := n - 1; i >= 0; i-- {
		if loud(i) {
			last = i
			break
		}
	}
	ms := func(samples int) int { return samples * 1000 / p.Rate }
	if last < 0 {
		return ms(n), ms(n)
	}
	return ms(first), ms(n - 1 - last)
}

// PeakCeiling is the kit's true-peak ceiling in dBTP: true_peak_dbtp, or
// -1 when the kit sets none.
func (a Audio) PeakCeiling() float64 {
	if a.TruePeakDBT == 0 {
		return -1
	}
	return a.TruePeakDBT
}
