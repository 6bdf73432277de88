package brandkit_test

import (
	"image/color"
	"math"
	"testing"

	"atelier/brandkit"
)

// Sharma, Wu and Dalal's CIEDE2000 test data (a selection).
func TestDeltaE2000Reference(t *testing.T) {
	cases := []struct {
		a, b brandkit.Lab
		want float64
	}{
		{brandkit.Lab{50, 2.6772, -79.7751}, brandkit.Lab{50, 0, -82.7485}, 2.0425},
		{brandkit.Lab{50, 3.1571, -77.2803}, brandkit.Lab{50, 0, -82.7485}, 2.8615},
		{brandkit.Lab{50, -1.3802, -84.2814}, brandkit.Lab{50, 0, -82.7485}, 1.0000},
		{brandkit.Lab{50, 0, 0}, brandkit.Lab{50, -1, 2}, 2.3669},
		{brandkit.Lab{50, 2.5, 0}, brandkit.Lab{73, 25, -18}, 27.1492},
		{brandkit.Lab{50, 2.5, 0}, brandkit.Lab{50, 3.1736, 0.5854}, 1.0000},
		{brandkit.Lab{60.2574, -34.0099, 36.2677}, brandkit.Lab{60.4626, -34.1751, 39.4387}, 1.2644},
		{brandkit.Lab{22.7233, 20.0904, -46.6940}, brandkit.Lab{23.0331, 14.9730, -42.5619}, 2.0373},
		{brandkit.Lab{90.8027, -2.0831, 1.4410}, brandkit.Lab{91.1528, -1.6435, 0.0447}, 1.4441},
		{brandkit.Lab{2.0776, 0.0795, -1.1350}, brandkit.Lab{0.9033, -0.0636, -0.5514}, 0.9082},
	}
	for _, c := range cases {
		if got := brandkit.DeltaE2000(c.a, c.b); math.Abs(got-c.want) > 1e-4 {
			t.Errorf("ΔE00(%v, %v) = %.4f, want %.4f", c.a, c.b, got, c.want)
		}
	}
}

func TestContrastRatio(t *testing.T) {
	cases := []struct {
		a, b color.Color
		want float64
	}{
		{color.White, color.Black, 21},
		{color.White, color.White, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xFF}, color.White, 4.54},
		{color.NRGBA{0x1F, 0x2A, 0x44, 0xFF}, color.NRGBA{0xFF, 0xF8, 0xEC, 0xFF}, 13.50},
	}
	for _, c := range cases {
		if got := brandkit.ContrastRatio(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast %v/%v = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}
