package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// yamlHint explains in plain words the YAML mistakes editors make most
// (a tab in the indentation, an unquoted value with ": " in it, a value
// that starts with a quote and goes on after the closing one) and says
// what to write instead. data is the front matter's text, line the
// 1-based line of data yaml reported (0 when it gave none) and msg its
// message; ok is false when
// none of these is the cause, and then the caller keeps yaml's wording.
func yamlHint(data []byte, line int, msg string) (hintLine, col int, hint string, ok bool) {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if i+1 > line && !strings.Contains(msg, "cannot start any token") {
			break
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 {
			return i + 1, j + 1, "this line is indented with a tab: YAML indents with spaces only; replace the tab with spaces (two for each level)", true
		}
	}
	candidates := []int{line, line - 1}
	if line < 1 { // yaml did not say where: look at every line
		candidates = candidates[:0]
		for n := range lines {
			candidates = append(candidates, n+1)
		}
	}
	for _, n := range candidates {
		if n < 1 || n > len(lines) {
			continue
		}
		l := strings.TrimRight(lines[n-1], "\r")
		key, value, col, found := splitKeyValue(l)
		if !found || value == "" {
			continue
		}
		switch {
		case value[0] == '"' || value[0] == '\'':
			end := closingQuote(value)
			if end < 0 || strings.TrimSpace(value[end+1:]) == "" || strings.HasPrefix(strings.TrimSpace(value[end+1:]), "#") {
				continue
			}
			at := col + utf8.RuneCountInString(value[:end+1])
			return n, at, fmt.Sprintf("the value of %q starts with a quote, so YAML ends it at the next quote and cannot read what follows (%s): put the whole value in double quotes and write each quote inside it as \\\", as in %s: %s (or use the typographic quotes „…”)",
				key, strings.TrimSpace(value[end+1:]), key, quoteYAML(value)), true
		case strings.Contains(msg, "mapping values") && (strings.Contains(value, ": ") || strings.HasSuffix(value, ":")):
			at := col + utf8.RuneCountInString(value[:strings.IndexByte(value, ':')])
			return n, at, fmt.Sprintf("the value of %q contains a colon followed by a space, which YAML reads as the start of another key: put the whole value in double quotes, as in %s: %s",
				key, key, quoteYAML(value)), true
		}
	}
	return 0, 0, "", false
}

// splitKeyValue splits a YAML line "key: value" (possibly indented, or a
// list item "- key: value"); col is the 1-based column where value starts.
func splitKeyValue(l string) (key, value string, col int, ok bool) {
	start := len(l) - len(strings.TrimLeft(l, " -"))
	rest := l[start:]
	i := strings.Index(rest, ": ")
	if i <= 0 || strings.ContainsAny(rest[:i], `"'#`) {
		return "", "", 0, false
	}
	key = rest[:i]
	v := rest[i+2:]
	lead := len(v) - len(strings.TrimLeft(v, " "))
	value = strings.TrimSpace(v)
	col = utf8.RuneCountInString(l[:start+i+2+lead]) + 1
	return key, value, col, true
}

// closingQuote returns the index in v of the quote that closes the quote
// v starts with (” inside single quotes and \" inside double quotes do
// not close it), or -1.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
}

// quoteYAML writes s as a YAML double-quoted value: a backslash before
// each " and \.
func quoteYAML(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
