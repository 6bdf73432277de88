package results

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

// TestBIFFSurvivesDamage flips bytes all over a workbook: every read must
// end in a result or an error, never a panic.
func TestBIFFSurvivesDamage(t *testing.T) {
	orig, err := os.ReadFile("testdata/linkedin_many_posts.xls")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 150 {
		data := bytes.Clone(orig)
		for range 1 + rng.IntN(40) {
			data[8+rng.IntN(len(data)-8)] = byte(rng.Uint32())
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("mutation %d: panic %v", i, r)
				}
			}()
			_, _ = Read(bytes.NewReader(data), "damaged.xls", Options{}, Sink{Post: func(Post) error { return nil }})
		}()
	}
}

func TestRKValues(t *testing.T) {
	tests := []struct {
		rk   uint32
		want float64
	}{
		{uint32(1234)<<2 | 2, 1234},  // integer
		{uint32(1234)<<2 | 3, 12.34}, // integer ÷ 100
		{0x3FF00000, 1},              // float 1.0, top 30 bits
		{0x3FF00000 | 1, 0.01},       // float 1.0 ÷ 100
		{uint32(0xFFFFFFFC) | 2, -1}, // negative integer
	}
	for _, tc := range tests {
		if got := rkValue(tc.rk); got != tc.want {
			t.Errorf("rkValue(%#x) = %v, want %v", tc.rk, got, tc.want)
		}
	}
}
