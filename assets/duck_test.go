package assets

import (
	"math"
	"testing"
	"time"
)

func TestDuckBed(t *testing.T) {
	mix := make([][2]float64, SnippetRate*8)
	bed := make([][2]float64, SnippetRate)
	for i := range bed {
		bed[i] = [2]float64{1, 1}
	}
	duckBed(mix, bed, []Part{{Kind: "voice", Start: 3 * time.Second, End: 6 * time.Second}})
	at := func(d time.Duration) float64 { return mix[int(d.Seconds()*SnippetRate)][0] }
	cases := []struct {
		at   time.Duration
		want float64 // dB
	}{
		{1 * time.Second, -8}, {4 * time.Second, -20}, {5900 * time.Millisecond, -20}, {7500 * time.Millisecond, -8},
	}
	for _, c := range cases {
		if got := 20 * math.Log10(at(c.at)); math.Abs(got-c.want) > 0.5 {
			t.Errorf("bed at %v: %.1f dB, want %.0f", c.at, got, c.want)
		}
	}
	if got := 20 * math.Log10(at(2900*time.Millisecond)); got > -12 {
		t.Errorf("the duck must start before the voice: %.1f dB at 2.9 s", got)
	}
}
