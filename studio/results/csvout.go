package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

var dimensionNames = map[Dimension]string{
	ByPlatform: "platform", ByPersona: "persona", ByLanguage: "language", ByFormat: "format",
	ByPlacement: "placement", ByClaim: "claim", ByOrigin: "origin", ByHookLength: "hook_length",
	ByWeekday: "weekday", ByHour: "hour",
}

// String names the dimension as WriteCSV's header does.
func (d Dimension) String() string {
	if n, ok := dimensionNames[d]; ok {
		return n
	}
	return "dimension" + strconv.Itoa(int(d))
}

// WriteCSV writes the groups as CSV: one column per dimension, then n (posts
// with a rate), posts, mean_rate, ci_low, ci_high (the 95 % t-interval),
// enough (against the minimum sample), interactions and denominator.
func WriteCSV(w io.Writer, groups []Group) error {
	cw := csv.NewWriter(w)
	var header []string
	if len(groups) > 0 {
		for _, d := range groups[0].Dims {
			header = append(header, d.String())
		}
	}
	header = append(header, "n", "posts", "mean_rate", "ci_low", "ci_high", "enough", "interactions", "denominator")
	if err := cw.Write(header); err != nil {
		return err
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }
	for _, g := range groups {
		row := append(append([]string(nil), g.Keys...),
			strconv.Itoa(g.N), strconv.Itoa(g.Posts), f(g.Mean), f(g.Low), f(g.High),
			strconv.FormatBool(g.Enough), strconv.FormatInt(g.Interactions, 10), strconv.FormatInt(g.Denominator, 10))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ParseDimensions reads a comma-separated list of dimension names
// ("persona,platform"), as WriteCSV names them.
func ParseDimensions(list string) ([]Dimension, error) {
	var out []Dimension
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		found := false
		for d, n := range dimensionNames {
			if n == name {
				out, found = append(out, d), true
			}
		}
		if !found {
			var known []string
			for d := ByPlatform; d <= ByHour; d++ {
				known = append(known, d.String())
			}
			return nil, fmt.Errorf("%q is not something results are grouped by; use %s", name, strings.Join(known, ", "))
		}
	}
	return out, nil
}
