package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v2"
)

// matter is a file split into front matter and body.
type matter struct {
	Format   string         // "yaml", "toml", "json" or "" when the file has none
	Raw      []byte         // the front matter text between the delimiters
	RawLine  int            // 1-based line of the file where Raw starts
	Values   map[string]any // decoded front matter, nested maps as map[string]any
	Body     []byte
	BodyLine int // 1-based line of the file where Body starts
}

// posError is a problem at a position of the file.
type posError struct {
	Line, Col int
	Msg       string
}

func (e *posError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

var yamlLineRE = regexp.MustCompile(`line (\d+):? ?`)

// splitMatter reads the front matter of src with adrg/frontmatter and decodes
// it, reporting syntax errors at their line and column in the file.
func splitMatter(src []byte) (*matter, error) {
	m := &matter{Values: map[string]any{}}
	// Where does the front matter start? adrg/frontmatter skips blank lines.
	first, firstOff := 1, 0
	for firstOff < len(src) {
		end := bytes.IndexByte(src[firstOff:], '\n')
		if end < 0 {
			end = len(src) - firstOff
		}
		if len(bytes.TrimSpace(src[firstOff:firstOff+end])) > 0 {
			break
		}
		first++
		firstOff += end + 1
	}
	opener := ""
	if firstOff < len(src) {
		line := src[firstOff:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		opener = string(bytes.TrimSpace(line))
	}
	var decodeErr error
	capture := func(format string, unmarshal func([]byte, any) error, dataLine int) func([]byte, any) error {
		return func(data []byte, v any) error {
			m.Format, m.Raw, m.RawLine = format, data, dataLine
			if err := unmarshal(data, &m.Values); err != nil {
				decodeErr = locate(format, data, dataLine, err)
				return decodeErr
			}
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml", yamlUnmarshal, first+1)),
		frontmatter.NewFormat("+++", "+++", capture("toml", toml.Unmarshal, first+1)),
		{Start: "{", End: "}", Unmarshal: capture("json", json.Unmarshal, first), UnmarshalDelims: true, RequiresNewLine: true},
	}
	var sink map[string]any
	body, err := frontmatter.Parse(bytes.NewReader(src), &sink, formats...)
	if decodeErr != nil {
		return nil, decodeErr
	}
	if err != nil {
		return nil, fmt.Errorf("reading front matter: %w", err)
	}
	if m.Format == "" {
		switch opener {
		case "---", "+++":
			return nil, &posError{first, 1, fmt.Sprintf("front matter opened with %q is never closed", opener)}
		case "{":
			return nil, &posError{first, 1, "JSON front matter is never closed (a line with } followed by an empty line)"}
		}
	}
	m.Values = normalize(m.Values).(map[string]any)
	m.Body = body
	m.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return m, nil
}

// yamlUnmarshal decodes YAML; yaml.v2 yields map[any]any for nested maps,
// which normalize converts.
func yamlUnmarshal(data []byte, v any) error {
	var raw map[any]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return err
	}
	out := v.(*map[string]any)
	for k, val := range raw {
		(*out)[fmt.Sprint(k)] = val
	}
	return nil
}

// locate turns a decoder's error into a posError with the file's line and column.
func locate(format string, data []byte, dataLine int, err error) error {
	switch format {
	case "toml":
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &posError{dataLine + pe.Position.Line - 1, pe.Position.Col, "invalid TOML front matter: " + pe.Message}
		}
	case "json":
		var se *json.SyntaxError
		if errors.As(err, &se) {
			l, c := lineColAt(data, int(se.Offset))
			return &posError{dataLine + l - 1, c, "invalid JSON front matter: " + se.Error()}
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			l, c := lineColAt(data, int(te.Offset))
			return &posError{dataLine + l - 1, c, "invalid JSON front matter: " + te.Error()}
		}
	case "yaml":
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if mm := yamlLineRE.FindStringSubmatchIndex(msg); mm != nil {
			n, _ := strconv.Atoi(msg[mm[2]:mm[3]])
			rest := strings.TrimSpace(msg[:mm[0]] + msg[mm[1]:])
			if strings.Contains(rest, "end of stream") {
				// An unclosed quote: yaml reports the end, the editor needs the start.
				if l := unbalancedQuote(data); l > 0 {
					return &posError{dataLine + l - 1, 1, "invalid YAML front matter: a quoted value is never closed"}
				}
			}
			return &posError{dataLine + n - 1, 1, "invalid YAML front matter: " + rest}
		}
		return &posError{dataLine, 1, "invalid YAML front matter: " + msg}
	}
	return &posError{dataLine, 1, fmt.Sprintf("invalid %s front matter: %v", strings.ToUpper(format), err)}
}

// unbalancedQuote returns the 1-based line of the first line with an odd
// number of unescaped double quotes, or 0.
func unbalancedQuote(data []byte) int {
	for i, line := range strings.Split(string(data), "\n") {
		n := strings.Count(line, `"`) - strings.Count(line, `\"`)
		if n%2 == 1 {
			return i + 1
		}
	}
	return 0
}

func lineColAt(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

// normalize converts yaml.v2's map[any]any into map[string]any, recursively.
func normalize(v any) any {
	switch t := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(t))
		for k, val := range t {
			out[fmt.Sprint(k)] = normalize(val)
		}
		return out
	case map[string]any:
		for k, val := range t {
			t[k] = normalize(val)
		}
		return t
	case []any:
		for i := range t {
			t[i] = normalize(t[i])
		}
		return t
	case []map[string]any:
		out := make([]any, len(t))
		for i := range t {
			out[i] = normalize(t[i])
		}
		return out
	}
	return v
}

// keyPos finds where a top-level (or, with a dotted name, nested) key is set
// in the front matter, as a line of the file; it falls back to the first line.
func (m *matter) keyPos(key string) (line, col int) {
	parts := strings.Split(key, ".")
	want := parts[len(parts)-1]
	lines := strings.Split(string(m.Raw), "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		indent := len(l) - len(t)
		if len(parts) == 1 && indent > 0 && m.Format != "json" {
			continue
		}
		for _, p := range []string{want + ":", want + " :", want + " =", want + "=", `"` + want + `"`, "[" + want + "]"} {
			if strings.HasPrefix(t, p) {
				return m.RawLine + i, indent + 1
			}
		}
	}
	if m.RawLine > 1 {
		return m.RawLine - 1, 1
	}
	return 1, 1
}
