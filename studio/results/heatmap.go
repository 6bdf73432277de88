package results

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatmapLabels are the words the best-time heatmap shows.
type HeatmapLabels struct {
	Title  string
	Days   [7]string // Monday first: "lun.", "mar."… or "Mon", "Tue"…
	XAxis  string    // "Hour"
	Hour   func(h int) string
	Legend string // "low → high engagement"
	Width  int
	Height int
}

// HeatmapChart draws SlotWeights (BestSlots) as a weekday × hour grid, Monday
// on top, the best slot darkest. It returns a PNG.
func HeatmapChart(w SlotWeights, labels HeatmapLabels) ([]byte, error) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for d := range w {
		for h := range w[d] {
			if math.IsNaN(w[d][h]) {
				return nil, fmt.Errorf("results: heatmap: weekday %d hour %d is NaN", d, h)
			}
			lo, hi = math.Min(lo, w[d][h]), math.Max(hi, w[d][h])
		}
	}
	p := plot.New()
	p.Title.Text = labels.Title
	p.X.Label.Text = labels.XAxis
	p.Add(&heatCells{w: w, lo: lo, hi: hi})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 24, 0, 7
	p.X.Tick.Marker = plot.ConstantTicks(hourTicks(labels))
	dayTicks := make([]plot.Tick, 7)
	for d := range 7 {
		name := labels.Days[d]
		if name == "" {
			name = weekdayKeys[d]
		}
		dayTicks[d] = plot.Tick{Value: 6.5 - float64(d), Label: name}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(dayTicks)
	p.Y.Tick.Length = 0
	if labels.Legend != "" {
		p.Legend.Top = true
		p.Legend.ThumbnailWidth = vg.Points(40)
		p.Legend.Add(labels.Legend, ramp{})
	}
	return renderPNG(p, ChartLabels{Width: labels.Width, Height: labels.Height})
}

func hourTicks(l HeatmapLabels) []plot.Tick {
	var ticks []plot.Tick
	for h := 0; h <= 24; h += 3 {
		label := fmt.Sprintf("%dh", h)
		if l.Hour != nil {
			label = l.Hour(h)
		}
		if h == 24 {
			label = ""
		}
		ticks = append(ticks, plot.Tick{Value: float64(h), Label: label})
	}
	return ticks
}

// ramp is the legend's thumbnail: the colour scale from low to high.
type ramp struct{}

func (ramp) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	const steps = 6
	w := (r.Max.X - r.Min.X) / steps
	for i := range steps {
		x0 := r.Min.X + vg.Length(i)*w
		c.FillPolygon(heatColor(float64(i)/(steps-1)), []vg.Point{{X: x0, Y: r.Min.Y}, {X: x0 + w, Y: r.Min.Y}, {X: x0 + w, Y: r.Max.Y}, {X: x0, Y: r.Max.Y}})
	}
}

type heatCells struct {
	w      SlotWeights
	lo, hi float64
}

func (hc *heatCells) DataRange() (xmin, xmax, ymin, ymax float64) { return 0, 24, 0, 7 }

func (hc *heatCells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	span := hc.hi - hc.lo
	for d := range hc.w {
		y0, y1 := trY(6-float64(d)), trY(7-float64(d))
		for h := range hc.w[d] {
			v := 0.5
			if span > 0 {
				v = (hc.w[d][h] - hc.lo) / span
			}
			x0, x1 := trX(float64(h)), trX(float64(h+1))
			gap := vg.Points(0.5)
			c.FillPolygon(heatColor(v), []vg.Point{{X: x0 + gap, Y: y0 + gap}, {X: x1 - gap, Y: y0 + gap}, {X: x1 - gap, Y: y1 - gap}, {X: x0 + gap, Y: y1 - gap}})
		}
	}
}

// heatColor runs from a pale sand to a deep blue as v goes from 0 to 1.
func heatColor(v float64) color.RGBA {
	v = math.Max(0, math.Min(1, v))
	from, to := [3]float64{247, 244, 234}, [3]float64{8, 48, 107}
	var c [3]uint8
	for i := range c {
		c[i] = uint8(math.Round(from[i] + (to[i]-from[i])*v))
	}
	return color.RGBA{c[0], c[1], c[2], 255}
}
