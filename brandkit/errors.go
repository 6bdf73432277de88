package brandkit

import (
	"fmt"
	"strings"
)

// FieldError is one problem in a kit: where it is, what is wrong and what is
// expected instead.
type FieldError struct {
	File     string // path of the file the error is in
	Line     int    // 1-based; 0 when the field is missing from the file
	Field    string // e.g. "palette[1].hex"
	Problem  string
	Expected string
	// Key and Args say the problem for a front-end's translations (see
	// kitPhrases); a problem found while parsing has no key.
	Key  string            `json:"key,omitempty"`
	Args map[string]string `json:"args,omitempty"`
}

func (e FieldError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Problem)
	if e.Expected != "" {
		b.WriteString("; expected " + e.Expected)
	}
	return b.String()
}

// ValidationError gathers every problem found in a kit, in file order.
type ValidationError struct {
	Errors []FieldError
}

func (v *ValidationError) Error() string {
	lines := make([]string, len(v.Errors))
	for i, e := range v.Errors {
		lines[i] = e.Error()
	}
	return fmt.Sprintf("brand kit has %d error(s):\n%s", len(v.Errors), strings.Join(lines, "\n"))
}

// For returns the errors about a field or any field below it, so a screen
// can show them beside the field.
func (v *ValidationError) For(field string) []FieldError {
	var out []FieldError
	for _, e := range v.Errors {
		if e.Field == field || strings.HasPrefix(e.Field, field+".") || strings.HasPrefix(e.Field, field+"[") {
			out = append(out, e)
		}
	}
	return out
}
