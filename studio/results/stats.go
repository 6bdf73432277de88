package results

import "math"

// tTable holds Student's t 0.975 quantiles for 1 to 30 degrees of freedom.
var tTable = [...]float64{
	12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
	2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
	2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
}

// t975 is the two-sided 95 % Student's t critical value: from the table up
// to 30 degrees of freedom, beyond it the Cornish–Fisher expansion around the
// normal quantile (error below 1e-4).
func t975(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	if df <= len(tTable) {
		return tTable[df-1]
	}
	const z = 1.959963984540054
	v := float64(df)
	return z + (z*z*z+z)/(4*v) + (5*math.Pow(z, 5)+16*z*z*z+3*z)/(96*v*v)
}

// running keeps a mean and variance in one pass (Welford).
type running struct {
	n        int
	mean, m2 float64
}

func (r *running) add(x float64) {
	r.n++
	d := x - r.mean
	r.mean += d / float64(r.n)
	r.m2 += d * (x - r.mean)
}

// interval is the 95 % t-interval on the mean, clipped to [0, 1]; with one
// value it is that value's point.
func (r *running) interval() (lo, hi float64) {
	if r.n < 2 {
		return r.mean, r.mean
	}
	sd := math.Sqrt(r.m2 / float64(r.n-1))
	h := t975(r.n-1) * sd / math.Sqrt(float64(r.n))
	return math.Max(0, r.mean-h), math.Min(1, r.mean+h)
}
