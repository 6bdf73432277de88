package results

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The default chart size, in pixels: a pane of the Results screen on a
// 1366×768 laptop, beside the sidebar.
const (
	ChartWidth  = 900
	ChartHeight = 480
	chartDPI    = 96
)

// ChartLabels are the words a chart shows, given by the caller so the app
// can pass them in the user's language.
type ChartLabels struct {
	Title  string
	YAxis  string            // "Engagement rate"
	Names  map[string]string // a group key ("linkedin", "etudiants") to its label
	TooFew string            // legend note for pale bars: "fewer than 5 posts"
	// Percent writes a rate as a tick label; default "3%" (French: "3 %").
	Percent func(rate float64) string
	Width   int // pixels; ChartWidth when 0
	Height  int // pixels; ChartHeight when 0
}

func (l ChartLabels) name(k string) string {
	if n, ok := l.Names[k]; ok {
		return n
	}
	if k == "" {
		return "—"
	}
	return k
}

func (l ChartLabels) percent(r float64) string {
	if l.Percent != nil {
		return l.Percent(r)
	}
	return fmt.Sprintf("%.3g%%", r*100)
}

func (l ChartLabels) size() (int, int) {
	w, h := l.Width, l.Height
	if w <= 0 {
		w = ChartWidth
	}
	if h <= 0 {
		h = ChartHeight
	}
	return w, h
}

// seriesColors are the Okabe–Ito colours, distinct for colour-blind eyes.
var seriesColors = []color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// EngagementChart draws groups keyed persona × platform (Aggregate by
// ByPersona, ByPlatform) as grouped bars, one group of bars per persona, one
// colour per platform, each bar the mean engagement rate with its 95 %
// interval as a whisker. A group below the minimum sample is drawn pale. It
// returns a PNG.
func EngagementChart(groups []Group, labels ChartLabels) ([]byte, error) {
	personas, platforms := axisKeys(groups)
	if len(personas) == 0 {
		return nil, fmt.Errorf("results: no groups to chart")
	}
	p := plot.New()
	p.Title.Text = labels.Title
	p.Y.Label.Text = labels.YAxis
	names := make([]string, len(personas))
	for i, k := range personas {
		names[i] = labels.name(k)
	}
	p.NominalX(names...)
	bars := &groupedBars{groups: groups, personas: personas, platforms: platforms}
	p.Add(bars)
	p.Y.Min, p.Y.Max = 0, niceMax(bars.top())
	p.Y.Tick.Marker = percentTicks(labels)
	p.Legend.Top = true
	for i, k := range platforms {
		p.Legend.Add(labels.name(k), swatch{seriesColors[i%len(seriesColors)]})
	}
	if labels.TooFew != "" {
		p.Legend.Add(labels.TooFew, swatch{pale(color.RGBA{120, 120, 120, 255})})
	}
	p.X.Min, p.X.Max = -0.5, float64(len(personas))-0.5
	return renderPNG(p, labels)
}

func axisKeys(groups []Group) (personas, platforms []string) {
	seenA, seenB := map[string]bool{}, map[string]bool{}
	for _, g := range groups {
		if len(g.Keys) < 2 {
			continue
		}
		if !seenA[g.Keys[0]] {
			seenA[g.Keys[0]] = true
			personas = append(personas, g.Keys[0])
		}
		if !seenB[g.Keys[1]] {
			seenB[g.Keys[1]] = true
			platforms = append(platforms, g.Keys[1])
		}
	}
	sort.Strings(personas)
	sort.Strings(platforms)
	return personas, platforms
}

// groupedBars is the plotter behind EngagementChart.
type groupedBars struct {
	groups              []Group
	personas, platforms []string
}

func (b *groupedBars) top() float64 {
	m := 0.0
	for _, g := range b.groups {
		m = math.Max(m, math.Max(g.High, g.Mean))
	}
	return m
}

func (b *groupedBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(b.personas)) - 0.5, 0, b.top()
}

func (b *groupedBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	slot := 0.8 / float64(len(b.platforms))
	col := map[string]int{}
	for i, k := range b.personas {
		col[k] = i
	}
	series := map[string]int{}
	for i, k := range b.platforms {
		series[k] = i
	}
	whisker := draw.LineStyle{Color: color.Black, Width: vg.Points(1)}
	for _, g := range b.groups {
		if len(g.Keys) < 2 || g.N == 0 {
			continue
		}
		s := series[g.Keys[1]]
		x0 := float64(col[g.Keys[0]]) - 0.4 + float64(s)*slot
		fill := color.Color(seriesColors[s%len(seriesColors)])
		if !g.Enough {
			fill = pale(seriesColors[s%len(seriesColors)])
		}
		l, r := trX(x0+slot*0.1), trX(x0+slot*0.9)
		c.FillPolygon(fill, []vg.Point{{X: l, Y: trY(0)}, {X: r, Y: trY(0)}, {X: r, Y: trY(g.Mean)}, {X: l, Y: trY(g.Mean)}})
		if g.N > 1 {
			mid, cap := trX(x0+slot/2), (r-l)/4
			c.StrokeLine2(whisker, mid, trY(g.Low), mid, trY(g.High))
			c.StrokeLine2(whisker, mid-cap, trY(g.Low), mid+cap, trY(g.Low))
			c.StrokeLine2(whisker, mid-cap, trY(g.High), mid+cap, trY(g.High))
		}
	}
}

// swatch is a legend entry's coloured square.
type swatch struct{ c color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(s.c, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

func pale(c color.RGBA) color.RGBA {
	mix := func(v uint8) uint8 { return uint8((int(v) + 3*255) / 4) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 255}
}

// niceMax rounds the axis top up to a nice number, leaving headroom.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 0.01
	}
	return nice(v * 1.1)
}

// nice rounds v up to 1, 2, 2.5 or 5 × 10^k.
func nice(v float64) float64 {
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*e >= v*(1-1e-9) {
			return m * e
		}
	}
	return 10 * e
}

func percentTicks(l ChartLabels) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		step := nice(max / 5)
		var ticks []plot.Tick
		for i := 0; float64(i)*step <= max*(1+1e-9); i++ {
			v := float64(i) * step
			ticks = append(ticks, plot.Tick{Value: v, Label: l.percent(v)})
		}
		return ticks
	})
}

func renderPNG(p *plot.Plot, l ChartLabels) ([]byte, error) {
	w, h := l.size()
	px := func(n int) vg.Length { return vg.Length(n) * vg.Inch / chartDPI }
	p.Title.TextStyle.Font.Size = 14
	p.BackgroundColor = color.White
	c := vgimg.NewWith(vgimg.UseWH(px(w), px(h)), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("results: chart: %w", err)
	}
	return buf.Bytes(), nil
}
