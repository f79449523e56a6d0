package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v2"
	yaml3 "gopkg.in/yaml.v3"

	"hubgen/generator/diag"
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

// yamlAdvice follows a YAML error hubgen cannot explain more precisely.
const yamlAdvice = ` (each line is key: value; a value with a colon, a # or quotes needs double quotes around it, and lines are indented with spaces)`

// splitMatter splits the front matter of src from its body and decodes it,
// reporting syntax errors, keys set twice and bytes that are not UTF-8 at
// their line and column in the file. The body is a part of src, not a copy.
func splitMatter(src []byte) (*matter, error) {
	if off := invalidUTF8(src); off >= 0 {
		l, c := diag.LineCol(src, off)
		return nil, &posError{l, c, fmt.Sprintf("the file is not valid UTF-8 text (byte 0x%02X here is not part of any character): save it with the UTF-8 encoding", src[off])}
	}
	b := findMatter(src)
	if b.format == "" {
		if err := unclosedMatter(src); err != nil {
			return nil, err
		}
		return &matter{Values: map[string]any{}, Body: src, BodyLine: 1}, nil
	}
	m := &matter{Format: b.format, Raw: src[b.dataStart:b.dataEnd:b.dataEnd], RawLine: b.dataLine}
	values, err := decodeMatter(b.format, m.Raw)
	if err != nil {
		return nil, locate(b.format, m.Raw, m.RawLine, err)
	}
	m.Values = values
	m.Body = src[b.bodyStart:len(src):len(src)]
	m.BodyLine = 1 + bytes.Count(src[:b.bodyStart], []byte("\n"))
	return m, nil
}

// matterBounds is where the front matter of a file lies.
type matterBounds struct {
	format             string // "yaml", "toml", "json", or "" when there is none
	dataStart, dataEnd int    // the text the format decodes
	dataLine           int    // 1-based line of the file where it starts
	bodyStart          int    // where the body starts
}

// findMatter finds the front matter of src as adrg/frontmatter did, with
// the formats the engine accepts; the lines are those of bufio.Reader's
// ReadBytes('\n'), compared with their white space (Unicode's) trimmed:
//
//   - Blank lines before it are skipped; the first other line opens the
//     front matter when it is ---, +++ or {, and when a line break follows it.
//   - YAML (---) and TOML (+++) end at the next line that is the opening
//     delimiter again, even the last line of the file without a line break;
//     the text between the two lines is decoded.
//   - JSON ({) ends at a line } followed by a blank line or the end of the
//     file; the text decoded runs from the { line to that blank line, both
//     included.
//   - The body is what follows the closing line (the blank line for JSON).
//
// Without an opening line, or when the front matter is never closed, the
// format is "".
func findMatter(src []byte) matterBounds {
	pos, line := 0, 1
	var t []byte
	for {
		var next int
		var eof bool
		t, next, eof = nextLine(src, pos)
		if eof {
			return matterBounds{}
		}
		if len(t) > 0 {
			break
		}
		pos, line = next, line+1
	}
	opener := pos
	b := matterBounds{dataLine: line + 1}
	switch string(t) {
	case "---":
		b.format = "yaml"
	case "+++":
		b.format = "toml"
	case "{":
		b.format, b.dataStart, b.dataLine = "json", opener, line
	default:
		return matterBounds{}
	}
	closer := string(t)
	if closer == "{" {
		closer = "}"
	}
	_, pos, _ = nextLine(src, pos)
	if b.format != "json" {
		b.dataStart = pos
	}
	for {
		lineStart := pos
		t, next, eof := nextLine(src, pos)
		pos = next
		for string(t) == closer {
			if b.format != "json" {
				b.dataEnd, b.bodyStart = lineStart, pos
				return b
			}
			// JSON: the line after } must be blank, or the end of the
			// file; another } is checked the same way, and any other line
			// goes on with the search.
			t, next, eof = nextLine(src, pos)
			pos = next
			if len(t) == 0 {
				b.dataEnd, b.bodyStart = pos, pos
				return b
			}
		}
		if eof {
			return matterBounds{}
		}
	}
}

// nextLine returns the line of src that starts at pos with its white space
// trimmed, where the next line starts, and whether the line is the last,
// without a line break (then it may be empty: pos is the end of src).
func nextLine(src []byte, pos int) (trimmed []byte, next int, eof bool) {
	i := bytes.IndexByte(src[pos:], '\n')
	if i < 0 {
		return bytes.TrimSpace(src[pos:]), len(src), true
	}
	return bytes.TrimSpace(src[pos : pos+i+1]), pos + i + 1, false
}

// unclosedMatter reports front matter that is opened and never closed: the
// first line of src that is not blank (the last too, without a line break)
// opens it.
func unclosedMatter(src []byte) error {
	first, off := 1, 0
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if len(bytes.TrimSpace(src[off:off+end])) > 0 {
			break
		}
		first++
		off += end + 1
	}
	if off >= len(src) {
		return nil
	}
	line := src[off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	switch opener := string(bytes.TrimSpace(line)); opener {
	case "---", "+++":
		return &posError{first, 1, fmt.Sprintf("front matter opened with %q is never closed", opener)}
	case "{":
		return &posError{first, 1, "JSON front matter is never closed (a line with } followed by an empty line)"}
	}
	return nil
}

// decodeMatter decodes front matter text of a format into values, nested
// tables as map[string]any and lists as []any.
func decodeMatter(format string, data []byte) (map[string]any, error) {
	values := map[string]any{}
	var err error
	switch format {
	case "yaml":
		if v, ok := decodeSimpleYAML(data); ok {
			return v, nil
		}
		err = yamlUnmarshal(data, &values)
	case "toml":
		err = toml.Unmarshal(data, &values)
	case "json":
		err = jsonUnmarshal(data, &values)
	}
	if err != nil {
		return nil, err
	}
	return normalize(values).(map[string]any), nil
}

// invalidUTF8 returns the offset of the first byte of src that is not part
// of a UTF-8 encoded character, or -1.
func invalidUTF8(src []byte) int {
	if utf8.Valid(src) {
		return -1
	}
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			return off
		}
		off += size
	}
	return -1
}

// yamlUnmarshal decodes YAML; yaml.v2 yields map[any]any for nested maps,
// which normalize converts. yaml.v2 keeps the last of two values of one key
// without a word, so the text is also read into yaml.v3's node tree, which
// knows where every key is, to report a key set twice.
func yamlUnmarshal(data []byte, v any) error {
	var raw map[any]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return err
	}
	if err := yamlDuplicates(data); err != nil {
		return err
	}
	out := v.(*map[string]any)
	for k, val := range raw {
		(*out)[fmt.Sprint(k)] = val
	}
	return nil
}

// dupKeyError is a key set twice in one table of the front matter; lines
// and column count from the start of the front matter text.
type dupKeyError struct {
	Key       string // dotted from the top ("act.type")
	Line, Col int    // the second occurrence
	FirstLine int    // the first
}

func (e *dupKeyError) Error() string {
	return fmt.Sprintf("%d:%d: key %q is set twice (first on line %d)", e.Line, e.Col, e.Key, e.FirstLine)
}

func dottedKey(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// yamlDuplicates finds the first key set twice in one mapping of a YAML
// text that yaml.v2 has already accepted. Values are still decoded by
// yaml.v2: yaml.v3 reads some scalars otherwise ("yes" is no longer true,
// 2025-11-27 becomes a time), so it only checks the keys here.
func yamlDuplicates(data []byte) error {
	var doc yaml3.Node
	if yaml3.Unmarshal(data, &doc) != nil {
		return nil // yaml.v2 read it: stay with what it decoded
	}
	return yamlNodeDuplicates(&doc, "")
}

func yamlNodeDuplicates(n *yaml3.Node, path string) error {
	switch n.Kind {
	case yaml3.DocumentNode, yaml3.SequenceNode:
		for _, c := range n.Content {
			if err := yamlNodeDuplicates(c, path); err != nil {
				return err
			}
		}
	case yaml3.MappingNode:
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml3.ScalarNode || k.Tag == "!!merge" {
				// "<<: *defaults" merges a table; keys after it override it.
				continue
			}
			if first, dup := seen[k.Value]; dup {
				return &dupKeyError{Key: dottedKey(path, k.Value), Line: k.Line, Col: k.Column, FirstLine: first}
			}
			seen[k.Value] = k.Line
			if err := yamlNodeDuplicates(v, dottedKey(path, k.Value)); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonUnmarshal decodes JSON with encoding/json, which keeps the last of two
// values of one key; a scan of the tokens reports a key set twice.
func jsonUnmarshal(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	return jsonDuplicates(data)
}

// jsonDuplicates finds the first key set twice in one object of valid JSON.
func jsonDuplicates(data []byte) error {
	type frame struct {
		object  bool
		path    string
		keys    map[string]int // key -> line of data
		wantKey bool           // the next token of an object is a key
		lastKey string
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return nil // json.Unmarshal accepted it; nothing more to say
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.wantKey {
			if key, isKey := tok.(string); isKey {
				// Between the previous token and the key there are only
				// spaces and a comma: the key starts at the next quote.
				off := before + bytes.IndexByte(data[before:], '"')
				line, col := diag.LineCol(data, off)
				if first, dup := top.keys[key]; dup {
					return &dupKeyError{Key: dottedKey(top.path, key), Line: line, Col: col, FirstLine: first}
				}
				top.keys[key] = line
				top.wantKey, top.lastKey = false, key
				continue
			}
		}
		path := ""
		if top != nil {
			path = top.path
			if top.object {
				path = dottedKey(top.path, top.lastKey)
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, path: path, keys: map[string]int{}, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{path: path})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		// A value is complete: an object's next token is a key again.
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].wantKey = true
		}
	}
}

// locate turns a decoder's error into a posError with the file's line and
// column, never past the front matter's closing line (yaml counts a lone
// carriage return as a line break, for one, and can point beyond the text).
func locate(format string, data []byte, dataLine int, err error) error {
	pe, ok := locateRaw(format, data, dataLine, err).(*posError)
	if !ok {
		return err
	}
	if last := dataLine + bytes.Count(data, []byte("\n")); pe.Line > last {
		pe.Line, pe.Col = last, 1
	}
	if pe.Line < 1 {
		pe.Line = 1
	}
	return pe
}

// locateRaw maps err to a position as the decoder reports it.
func locateRaw(format string, data []byte, dataLine int, err error) error {
	var de *dupKeyError
	if errors.As(err, &de) {
		return &posError{dataLine + de.Line - 1, de.Col, fmt.Sprintf("key %q is set twice (first on line %d): keep one of them", de.Key, dataLine+de.FirstLine-1)}
	}
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
			if hl, hc, hint, ok := yamlHint(data, n, rest); ok {
				return &posError{dataLine + hl - 1, hc, hint}
			}
			return &posError{dataLine + n - 1, 1, "invalid YAML front matter: " + rest + yamlAdvice}
		}
		if hl, hc, hint, ok := yamlHint(data, 0, msg); ok {
			return &posError{dataLine + hl - 1, hc, hint}
		}
		return &posError{dataLine, 1, "invalid YAML front matter: " + msg + yamlAdvice}
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
	nested := strings.IndexByte(key, '.') >= 0
	want := key[strings.LastIndexByte(key, '.')+1:]
	raw := m.Raw
	for i := 0; len(raw) > 0; i++ {
		l := raw
		if j := bytes.IndexByte(raw, '\n'); j >= 0 {
			l, raw = raw[:j], raw[j+1:]
		} else {
			raw = nil
		}
		t := bytes.TrimLeft(l, " \t")
		indent := len(l) - len(t)
		if !nested && indent > 0 && m.Format != "json" {
			continue
		}
		if setsKey(t, want) {
			return m.RawLine + i, indent + 1
		}
	}
	if m.RawLine > 1 {
		return m.RawLine - 1, 1
	}
	return 1, 1
}

// setsKey tells whether the line t (without indentation) starts with the
// key: "key:", "key :", "key =", "key=", "\"key\"" or "[key]".
func setsKey(t []byte, key string) bool {
	if len(t) > len(key) && string(t[:len(key)]) == key {
		rest := t[len(key):]
		if rest[0] == ':' || rest[0] == '=' || len(rest) > 1 && rest[0] == ' ' && (rest[1] == ':' || rest[1] == '=') {
			return true
		}
	}
	if len(t) < len(key)+2 || string(t[1:1+len(key)]) != key {
		return false
	}
	switch t[0] {
	case '"':
		return t[1+len(key)] == '"'
	case '[':
		return t[1+len(key)] == ']'
	}
	return false
}
