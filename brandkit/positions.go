package brandkit

import (
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// positions maps a field path ("palette[1].hex", "logo.file") to the line
// where it is written in brandkit.toml, so validation errors can point at it.
type positions map[string]int

// scanPositions walks the TOML document once and records the line of every
// key. It never fails: a document that does not parse yields what was read
// before the error, and the decoder reports the syntax error itself.
func scanPositions(data []byte) positions {
	pos := positions{}
	var p unstable.Parser
	p.Reset(data)
	prefix := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			prefix = joinKey(e.Key())
			pos[prefix] = keyLine(&p, e)
		case unstable.ArrayTable:
			name := joinKey(e.Key())
			prefix = fmt.Sprintf("%s[%d]", name, arrays[name])
			arrays[name]++
			pos[prefix] = keyLine(&p, e)
		case unstable.KeyValue:
			pos.addKeyValue(&p, prefix, e)
		}
	}
	return pos
}

func (pos positions) addKeyValue(p *unstable.Parser, prefix string, kv *unstable.Node) {
	path := joinPath(prefix, joinKey(kv.Key()))
	pos[path] = keyLine(p, kv)
	pos.addValue(p, path, kv.Value())
}

func (pos positions) addValue(p *unstable.Parser, path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			pos.addKeyValue(p, path, it.Node())
		}
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); i++ {
			n := it.Node()
			elem := fmt.Sprintf("%s[%d]", path, i)
			if n.Raw.Length > 0 {
				pos[elem] = p.Shape(n.Raw).Start.Line
			} else {
				pos[elem] = pos[path]
			}
			pos.addValue(p, elem, n)
		}
	}
}

func keyLine(p *unstable.Parser, n *unstable.Node) int {
	it := n.Key()
	if it.Next() && it.Node().Raw.Length > 0 {
		return p.Shape(it.Node().Raw).Start.Line
	}
	return 0
}

func joinKey(it unstable.Iterator) string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return strings.Join(parts, ".")
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// line returns the line of path, or of its nearest written parent: a
// missing field is reported where its table starts.
func (pos positions) line(path string) int {
	for path != "" {
		if l, ok := pos[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}
