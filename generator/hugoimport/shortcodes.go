package hugoimport

import (
	"strconv"
	"strings"
)

// shortcode is one shortcode tag of a body: {{< name args >}},
// {{% name args %}}, a closing {{< /name >}} or an escaped {{</* … */>}}.
type shortcode struct {
	start, end int // the tag's bytes
	markdown   bool
	closing    bool
	selfClose  bool
	escaped    bool   // {{</* … */>}}: Hugo shows it as written, without the comment marks
	inner      string // an escaped tag's text without the comment marks
	name       string
	pos        []string          // positional arguments
	named      map[string]string // named arguments
	raw        string            // the tag as written
}

// arg returns the named argument, or else the positional one at i.
func (s *shortcode) arg(name string, i int) string {
	if v, ok := s.named[name]; ok {
		return v
	}
	if i >= 0 && i < len(s.pos) {
		return s.pos[i]
	}
	return ""
}

// findShortcodes lists the shortcode tags of body that lie outside code,
// and separately the escaped ones inside code (which Hugo shows without
// their comment marks).
func findShortcodes(body string, code []span) (tags, inCode []shortcode) {
	for i := 0; i < len(body); {
		j := strings.Index(body[i:], "{{")
		if j < 0 {
			break
		}
		at := i + j
		if at+2 >= len(body) || (body[at+2] != '<' && body[at+2] != '%') {
			i = at + 2
			continue
		}
		sc, ok := parseShortcode(body, at)
		if !ok {
			i = at + 2
			continue
		}
		if inSpans(code, at) {
			if sc.escaped {
				inCode = append(inCode, sc)
			}
		} else {
			tags = append(tags, sc)
		}
		i = sc.end
	}
	return tags, inCode
}

// parseShortcode reads the tag that starts at body[at:] ("{{<" or "{{%").
func parseShortcode(body string, at int) (shortcode, bool) {
	open := body[at+2]
	closeDelim := ">}}"
	if open == '%' {
		closeDelim = "%}}"
	}
	sc := shortcode{start: at, markdown: open == '%', named: map[string]string{}}
	i := at + 3
	skip := func() {
		for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r') {
			i++
		}
	}
	skip()
	if strings.HasPrefix(body[i:], "/*") {
		end := strings.Index(body[i:], "*/")
		if end < 0 {
			return sc, false
		}
		inner := body[i+2 : i+end]
		k := i + end + 2
		for k < len(body) && (body[k] == ' ' || body[k] == '\t') {
			k++
		}
		if !strings.HasPrefix(body[k:], closeDelim) {
			return sc, false
		}
		sc.escaped, sc.end = true, k+3
		sc.inner = "{{" + string(open) + inner + closeDelim
		sc.raw = body[at:sc.end]
		return sc, true
	}
	if i < len(body) && body[i] == '/' {
		sc.closing = true
		i++
		skip()
	}
	n := i
	for n < len(body) && !strings.ContainsRune(" \t\r\n/"+string(open), rune(body[n])) && !strings.HasPrefix(body[n:], closeDelim) {
		n++
	}
	sc.name = body[i:n]
	if sc.name == "" {
		return sc, false
	}
	i = n
	for {
		skip()
		if i >= len(body) {
			return sc, false
		}
		if strings.HasPrefix(body[i:], closeDelim) {
			sc.end = i + 3
			break
		}
		if body[i] == '/' && strings.HasPrefix(strings.TrimLeft(body[i+1:], " \t"), closeDelim) {
			sc.selfClose = true
			i++
			continue
		}
		key := ""
		k := i
		for k < len(body) && isArgNameByte(body[k]) {
			k++
		}
		if k > i && k < len(body) && body[k] == '=' {
			key, i = body[i:k], k+1
		}
		val, next, ok := readArg(body, i, closeDelim)
		if !ok {
			return sc, false
		}
		i = next
		if key != "" {
			sc.named[key] = val
		} else {
			sc.pos = append(sc.pos, val)
		}
	}
	sc.raw = body[at:sc.end]
	return sc, true
}

func isArgNameByte(c byte) bool {
	return c == '_' || c == '-' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// readArg reads one argument value: "quoted" (with \ escapes), `raw`, or
// a run of characters up to a space or the end of the tag.
func readArg(body string, i int, closeDelim string) (string, int, bool) {
	switch body[i] {
	case '"':
		for k := i + 1; k < len(body); k++ {
			if body[k] == '\\' {
				k++
				continue
			}
			if body[k] == '"' {
				v, err := strconv.Unquote(body[i : k+1])
				if err != nil {
					v = body[i+1 : k]
				}
				return v, k + 1, true
			}
		}
		return "", 0, false
	case '`':
		k := strings.IndexByte(body[i+1:], '`')
		if k < 0 {
			return "", 0, false
		}
		return body[i+1 : i+1+k], i + k + 2, true
	}
	k := i
	for k < len(body) && !strings.ContainsRune(" \t\r\n", rune(body[k])) && !strings.HasPrefix(body[k:], closeDelim) {
		k++
	}
	if k == i {
		return "", 0, false
	}
	return body[i:k], k, true
}
