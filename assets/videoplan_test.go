package assets

import (
	"math"
	"testing"
	"time"
)

// TestPanAndZoomAreSmooth walks every frame of shots planned for many
// images, focal points, frames and lengths: at 30 fps the crop's centre
// never turns back and never moves more than 2 px from one frame to the
// next, in the image's pixels or on screen.
func TestPanAndZoomAreSmooth(t *testing.T) {
	sizes := [][2]int{{4000, 3000}, {3000, 4000}, {3000, 3000}, {8000, 2000}, {1200, 2200}}
	focals := []Focal{{0.5, 0.5}, {0.02, 0.03}, {0.97, 0.9}, {0.3, 0.7}}
	frames := [][2]int{{1080, 1920}, {1920, 1080}, {1080, 1080}}
	for _, secs := range []int{15, 30, 60} {
		for images := 1; images <= 4; images++ {
			p := videoPlan{FPS: 30, Frames: secs * 30, Fade: videoFade}
			spans := shotSpans(images, p.duration(), p.Fade)
			for _, f := range frames {
				p.W, p.H = f[0], f[1]
				for si, size := range sizes {
					for fi, focal := range focals {
						i := (si + fi) % images
						s := p.planShot(i, spans[i], size[0], size[1], focal)
						checkSmooth(t, p, s, size)
					}
				}
			}
		}
	}
}

func checkSmooth(t *testing.T, p videoPlan, s shot, size [2]int) {
	t.Helper()
	x0, y0 := s.From.centre()
	x1, y1 := s.To.centre()
	dx, dy := x1-x0, y1-y0
	px, py := s.windowAt(s.Start).centre()
	for n := int(s.Start * 30 / time.Second); n <= int(s.End*30/time.Second); n++ {
		w := s.windowAt(p.at(n))
		cx, cy := w.centre()
		step := math.Hypot(cx-px, cy-py)
		screen := step * float64(p.W) / w.W
		if (cx-px)*dx+(cy-py)*dy < -1e-9 {
			t.Fatalf("%v %dx%d: the centre turns back at frame %d", size, p.W, p.H, n)
		}
		if step > 2 || screen > 2 {
			t.Fatalf("%v %dx%d: the centre jumps %.2f px (%.2f on screen) at frame %d of %+v", size, p.W, p.H, step, screen, n, s)
		}
		if w.X < -1e-6 || w.Y < -1e-6 || w.X+w.W > float64(size[0])+1e-6 || w.Y+w.H > float64(size[1])+1e-6 {
			t.Fatalf("%v: window %+v leaves the image", size, w)
		}
		px, py = cx, cy
	}
}
