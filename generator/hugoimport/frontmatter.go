package hugoimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	yaml "gopkg.in/yaml.v3"
)

// matter is a content file split into front matter and body.
type matter struct {
	format   string         // "yaml", "toml", "json" or "" without front matter
	values   map[string]any // keys lower case, as Hugo reads them
	keys     []string       // the keys as written, in the order written
	lines    map[string]int // lower-case key -> its line in the file
	body     string
	bodyLine int // the file's line the body starts on
}

// get returns a front matter value by its lower-case key.
func (m *matter) get(key string) (any, bool) {
	v, ok := m.values[key]
	return v, ok && v != nil
}

// getStr returns a front matter value as text ("" when unset).
func (m *matter) getStr(key string) string {
	v, _ := m.get(key)
	return strings.TrimSpace(str(v))
}

// line is the line a key is set on, or 0 when it is not set.
func (m *matter) line(key string) int { return m.lines[key] }

// splitMatter splits a content file into front matter and body, as Hugo
// does: YAML between --- lines, TOML between +++ lines, or a JSON object.
func splitMatter(data []byte) (*matter, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	m := &matter{values: map[string]any{}, lines: map[string]int{}, body: text, bodyLine: 1}
	first, _, _ := strings.Cut(text, "\n")
	switch strings.TrimRight(first, " \t") {
	case "---", "+++":
		delim := strings.TrimRight(first, " \t")
		rest := text[len(first)+1:]
		end, bodyStart := -1, -1
		off := 0
		for off <= len(rest) {
			line, _, found := strings.Cut(rest[off:], "\n")
			if strings.TrimRight(line, " \t") == delim {
				end = off
				bodyStart = off + len(line) + 1
				if !found {
					bodyStart = len(rest)
				}
				break
			}
			if !found {
				break
			}
			off += len(line) + 1
		}
		if end < 0 {
			return nil, fmt.Errorf("front matter opened with %s is never closed", delim)
		}
		raw := rest[:end]
		m.body = rest[bodyStart:]
		m.bodyLine = 2 + strings.Count(rest[:bodyStart], "\n")
		if delim == "---" {
			m.format = "yaml"
			return m, m.readYAML(raw)
		}
		m.format = "toml"
		return m, m.readTOML(raw)
	}
	if strings.HasPrefix(text, "{") {
		dec := json.NewDecoder(strings.NewReader(text))
		var values map[string]any
		if err := dec.Decode(&values); err != nil {
			return nil, fmt.Errorf("JSON front matter: %w", err)
		}
		n := int(dec.InputOffset())
		m.format = "json"
		m.body = strings.TrimPrefix(text[n:], "\n")
		m.bodyLine = 1 + strings.Count(text[:len(text)-len(m.body)], "\n")
		m.setAll(values, text[:n], `"%s"\s*:`)
		return m, nil
	}
	return m, nil
}

// readYAML decodes YAML front matter, taking each key's line from the
// parser. Dates stay the text they were written as.
func (m *matter) readYAML(raw string) error {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(raw), &doc); err != nil {
		return fmt.Errorf("YAML front matter: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("YAML front matter is not a map of keys")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var val any
		if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
			val = v.Value
		} else if err := v.Decode(&val); err != nil {
			return fmt.Errorf("YAML front matter, line %d: %w", k.Line+1, err)
		}
		key := strings.ToLower(k.Value)
		m.keys = append(m.keys, k.Value)
		m.values[key] = lowerKeys(val)
		m.lines[key] = k.Line + 1 // the opening --- is line 1
	}
	return nil
}

// readTOML decodes TOML front matter; a key's line is the first line that
// sets it or opens its table.
func (m *matter) readTOML(raw string) error {
	var values map[string]any
	if _, err := toml.Decode(raw, &values); err != nil {
		return fmt.Errorf("TOML front matter: %w", err)
	}
	m.setAll(values, raw, `(?:%[1]s|"%[1]s"|\[%[1]s\]|\[\[%[1]s\]\])\s*(?:=|$)`)
	for k := range m.lines {
		m.lines[k]++ // the opening +++ is line 1
	}
	return nil
}

// setAll stores decoded values and finds each key's line in raw with the
// pattern (the key quoted for regexp in place of %s).
func (m *matter) setAll(values map[string]any, raw, pattern string) {
	lines := strings.Split(raw, "\n")
	for k, v := range values {
		key := strings.ToLower(k)
		m.keys = append(m.keys, k)
		m.values[key] = lowerKeys(v)
		re := regexp.MustCompile(`^\s*` + fmt.Sprintf(pattern, regexp.QuoteMeta(k)))
		for i, l := range lines {
			if re.MatchString(l) {
				m.lines[key] = i + 1
				break
			}
		}
	}
	// The order written: by line.
	for i := range m.keys {
		for j := i + 1; j < len(m.keys); j++ {
			a, b := m.lines[strings.ToLower(m.keys[i])], m.lines[strings.ToLower(m.keys[j])]
			if b < a || (a == b && m.keys[j] < m.keys[i]) {
				m.keys[i], m.keys[j] = m.keys[j], m.keys[i]
			}
		}
	}
}
