package content

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// decodeSimpleYAML decodes YAML front matter written in the plain subset
// that front matter nearly always uses, to the values yaml.v2 decodes it to
// (then normalized), without yaml.v2's and yaml.v3's parsers. It reports
// false for anything outside the subset, and for keys set twice, so that
// yamlUnmarshal decodes the text and reports the problems, as before.
//
// The subset: lines of spaces and printable characters (no tabs, no
// carriage return but before a line feed, no byte order mark, no Unicode
// line breaks or characters outside the Basic Multilingual Plane); blank
// lines and whole-line comments anywhere; a block mapping at column 1 whose
// keys are names ([A-Za-z_][A-Za-z0-9_-]*, not words yaml.v2 reads as
// true, false or null) followed by ":" and a space or the end of the line;
// each value on the key's line, or a nested block mapping or block sequence
// indented further on the lines below, or nothing (null). A value on a line
// is a plain scalar (no ": ", " #", no leading indicator), a double-quoted
// string without escapes, a single-quoted string, or a flow sequence or
// flow mapping of such scalars on that line.
func decodeSimpleYAML(data []byte) (map[string]any, bool) {
	lines, ok := simpleYAMLLines(data)
	if !ok {
		return nil, false
	}
	if len(lines) == 0 {
		return map[string]any{}, true
	}
	if lines[0].indent != 0 {
		return nil, false
	}
	m, next, ok := simpleMapping(lines, 0)
	if !ok || next != len(lines) {
		return nil, false
	}
	return m, true
}

// yamlLine is a line of YAML that is neither blank nor a comment: its
// indentation in spaces and its text, without trailing spaces.
type yamlLine struct {
	indent int
	text   []byte
}

// simpleYAMLLines checks the characters of data and cuts it into lines.
func simpleYAMLLines(data []byte) ([]yamlLine, bool) {
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '\n' || c >= 0x20 && c < 0x7f:
		case c == '\r':
			if i+1 >= len(data) || data[i+1] != '\n' {
				return nil, false
			}
		case c < 0x20 || c == 0x7f || c >= 0xf0:
			// Control characters, tabs; four-byte sequences.
			return nil, false
		case c == 0xc2:
			// C1 controls, NEL (a line break to YAML).
			if data[i+1] < 0xa0 {
				return nil, false
			}
		case c == 0xe2:
			// LINE and PARAGRAPH SEPARATOR (line breaks to YAML).
			if data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9) {
				return nil, false
			}
		case c == 0xef:
			// The byte order mark; U+FFFE and U+FFFF.
			if data[i+1] == 0xbb && data[i+2] == 0xbf || data[i+1] == 0xbf && data[i+2] >= 0xbe {
				return nil, false
			}
		}
	}
	lines := make([]yamlLine, 0, bytes.Count(data, []byte("\n"))+1)
	for len(data) > 0 {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l = bytes.TrimRight(l, " \r") // a carriage return is only ever before a line feed
		text := bytes.TrimLeft(l, " ")
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		lines = append(lines, yamlLine{indent: len(l) - len(text), text: text})
	}
	return lines, true
}

// simpleMapping decodes the block mapping whose first key is lines[i], up
// to the first line indented otherwise; it returns the index of that line.
func simpleMapping(lines []yamlLine, i int) (map[string]any, int, bool) {
	indent := lines[i].indent
	m := map[string]any{}
	for i < len(lines) && lines[i].indent == indent {
		key, rest, ok := simpleKey(lines[i].text, false)
		if !ok {
			return nil, 0, false
		}
		if _, dup := m[key]; dup {
			return nil, 0, false
		}
		i++
		var v any
		switch {
		case len(rest) > 0:
			if v, ok = simpleValue(rest); !ok {
				return nil, 0, false
			}
		case i < len(lines) && lines[i].indent > indent:
			if bytes.HasPrefix(lines[i].text, []byte("- ")) {
				v, i, ok = simpleSequence(lines, i)
			} else {
				v, i, ok = simpleMapping(lines, i)
			}
			if !ok {
				return nil, 0, false
			}
		}
		m[key] = v
	}
	return m, i, true
}

// simpleSequence decodes the block sequence whose first item is lines[i].
func simpleSequence(lines []yamlLine, i int) ([]any, int, bool) {
	indent := lines[i].indent
	var items []any
	for i < len(lines) && lines[i].indent == indent {
		t := lines[i].text
		if !bytes.HasPrefix(t, []byte("- ")) {
			return nil, 0, false
		}
		v, ok := simpleValue(bytes.TrimLeft(t[2:], " "))
		if !ok {
			return nil, 0, false
		}
		items = append(items, v)
		i++
	}
	return items, i, true
}

// simpleKey splits "name: rest", or "name:" but in a flow mapping, into the
// name and the rest without leading spaces.
func simpleKey(t []byte, flow bool) (string, []byte, bool) {
	n := 0
	for n < len(t) && (t[n] >= 'a' && t[n] <= 'z' || t[n] >= 'A' && t[n] <= 'Z' || t[n] == '_' ||
		n > 0 && (t[n] >= '0' && t[n] <= '9' || t[n] == '-')) {
		n++
	}
	if n == 0 || n > 128 || n == len(t) || t[n] != ':' {
		return "", nil, false
	}
	rest := t[n+1:]
	if len(rest) > 0 && rest[0] != ' ' || flow && len(rest) == 0 {
		return "", nil, false
	}
	// A name starts with a letter or _: yaml.v2 reads it as text unless it
	// is one of its words for true, false and null.
	if _, isWord := yamlWord(string(t[:n])); isWord {
		return "", nil, false
	}
	return string(t[:n]), bytes.TrimLeft(rest, " "), true
}

// simpleValue decodes the value on a line of a block mapping or sequence:
// t has no leading or trailing spaces and is not empty.
func simpleValue(t []byte) (any, bool) {
	switch t[0] {
	case '"', '\'':
		s, n, ok := quoted(t)
		return s, ok && n == len(t)
	case '[':
		return flowSequence(t)
	case '{':
		return flowMapping(t)
	}
	if !plainScalar(t, false) {
		return nil, false
	}
	return resolvePlain(string(t)), true
}

// plainScalar tells whether t, without leading or trailing spaces, is one
// whole plain scalar in the subset, in a flow collection or in block context.
func plainScalar(t []byte, flow bool) bool {
	if len(t) == 0 {
		return false
	}
	switch t[0] {
	case '-':
		// "-1", "-.5", "-.inf"; a dash before anything else may be a
		// sequence entry or a document marker.
		if len(t) < 2 || (t[1] < '0' || t[1] > '9') && t[1] != '.' {
			return false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	if t[len(t)-1] == ':' || bytes.Contains(t, []byte(": ")) || bytes.Contains(t, []byte(" #")) {
		return false
	}
	return !flow || !bytes.ContainsAny(t, ",[]{}?:#")
}

// quoted reads the quoted scalar at the start of t (a double-quoted one
// without escapes, or a single-quoted one) and returns its value and
// length.
func quoted(t []byte) (string, int, bool) {
	if t[0] == '"' {
		end := bytes.IndexByte(t[1:], '"')
		if end < 0 || bytes.IndexByte(t[1:1+end], '\\') >= 0 {
			return "", 0, false
		}
		return string(t[1 : 1+end]), end + 2, true
	}
	// Single-quoted: '' is one quote, and nothing else is special.
	var b strings.Builder
	for i := 1; i < len(t); i++ {
		switch {
		case t[i] != '\'':
			b.WriteByte(t[i])
		case i+1 < len(t) && t[i+1] == '\'':
			b.WriteByte('\'')
			i++
		default:
			return b.String(), i + 1, true
		}
	}
	return "", 0, false
}

// flowSequence decodes a flow sequence of scalars, t being all of it.
func flowSequence(t []byte) (any, bool) {
	if t[len(t)-1] != ']' {
		return nil, false
	}
	items := []any{}
	s := bytes.TrimLeft(t[1:len(t)-1], " ")
	for len(s) > 0 {
		v, rest, ok := flowScalar(s)
		if !ok {
			return nil, false
		}
		items = append(items, v)
		if len(rest) == 0 {
			break
		}
		// After a comma, another entry (yaml.v2 would take a trailing comma).
		if s = bytes.TrimLeft(rest[1:], " "); len(s) == 0 {
			return nil, false
		}
	}
	return items, true
}

// flowMapping decodes a flow mapping of names to scalars, t being all of it.
func flowMapping(t []byte) (any, bool) {
	if t[len(t)-1] != '}' {
		return nil, false
	}
	m := map[string]any{}
	s := bytes.TrimLeft(t[1:len(t)-1], " ")
	for len(s) > 0 {
		key, rest, ok := simpleKey(s, true)
		if !ok {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false
		}
		var v any
		if v, rest, ok = flowScalar(rest); !ok {
			return nil, false
		}
		m[key] = v
		if len(rest) == 0 {
			break
		}
		// After a comma, another entry (yaml.v2 would take a trailing comma).
		if s = bytes.TrimLeft(rest[1:], " "); len(s) == 0 {
			return nil, false
		}
	}
	return m, true
}

// flowScalar reads the scalar at the start of s, an entry of a flow
// collection, and returns it and what follows it: nothing, or a comma and
// the next entries.
func flowScalar(s []byte) (any, []byte, bool) {
	s = bytes.TrimLeft(s, " ")
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		v, n, ok := quoted(s)
		if !ok {
			return nil, nil, false
		}
		rest := bytes.TrimLeft(s[n:], " ")
		if len(rest) > 0 && rest[0] != ',' {
			return nil, nil, false
		}
		return v, rest, true
	}
	end := bytes.IndexByte(s, ',')
	if end < 0 {
		end = len(s)
	}
	t := bytes.TrimRight(s[:end], " ")
	if !plainScalar(t, true) {
		return nil, nil, false
	}
	return resolvePlain(string(t)), s[end:], true
}

// resolvePlain is the value yaml.v2 (v2.3.0, resolve and decoder.scalar)
// gives a plain scalar decoded into an interface: null, a bool, an int,
// int64 or uint64, a float64, or the text itself (timestamps too).
func resolvePlain(s string) any {
	if s == "" {
		return nil
	}
	switch c := s[0]; {
	case c == '+' || c == '-' || c >= '0' && c <= '9' || c == '.' || strings.IndexByte("yYnNtTfFoO~", c) >= 0:
	default:
		return s
	}
	if v, isWord := yamlWord(s); isWord {
		return v
	}
	switch c := s[0]; {
	case c == '.':
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return s
	case c == '+' || c == '-' || c >= '0' && c <= '9':
	default:
		return s
	}
	// yaml.v2 first tries a timestamp, which it gives an interface as its
	// text; four digits and a dash, which every timestamp starts with, are
	// no number below either: the text.
	if len(s) > 4 && s[4] == '-' && isDigits(s[:4]) {
		return s
	}
	plain := strings.ReplaceAll(s, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		if i == int64(int(i)) {
			return int(i)
		}
		return i
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return u
	}
	if yamlStyleFloat.MatchString(plain) {
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return f
		}
	}
	if strings.HasPrefix(plain, "0b") {
		if i, err := strconv.ParseInt(plain[2:], 2, 64); err == nil {
			if i == int64(int(i)) {
				return int(i)
			}
			return i
		}
		if u, err := strconv.ParseUint(plain[2:], 2, 64); err == nil {
			return u
		}
	} else if strings.HasPrefix(plain, "-0b") {
		if i, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
			return int(i)
		}
	}
	return s
}

// yamlWord is the value of the words yaml.v2 reads as true, false, null,
// infinity or not-a-number.
func yamlWord(s string) (any, bool) {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return true, true
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return false, true
	case "~", "null", "Null", "NULL":
		return nil, true
	case ".nan", ".NaN", ".NAN":
		return math.NaN(), true
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return math.Inf(+1), true
	case "-.inf", "-.Inf", "-.INF":
		return math.Inf(-1), true
	}
	return nil, false
}

// yamlStyleFloat is yaml.v2's pattern of a float.
var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
