package content

import (
	"bytes"
	"net/url"
	"strings"
)

// BodyLinks returns the content files a page's Markdown body links to, as
// written ("../organisations/europol.md"), in order of appearance and
// without repeats: the destinations of inline links (`[text](dest)`) and
// of link reference definitions (`[label]: dest`) that name a Markdown
// file by a relative path, as the converter rewrites them (package
// markdown). It is a scan of the bytes, not a parse: fenced code blocks
// and code spans are skipped, and what it finds is what a related-content
// list counts as a link (see render), the same in a full build, an
// incremental one and the live preview, which have the bodies of
// different pages at hand. A body without ".md" has none.
func BodyLinks(body []byte) []string {
	if !bytes.Contains(body, []byte(".md")) && !bytes.Contains(body, []byte("%")) {
		return nil
	}
	// Every link has "](" (inline) or "]:" (a definition).
	if !bytes.Contains(body, []byte("](")) && !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(dest string) {
		if t, _, ok := FileTarget(dest); ok && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	var fence []byte
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		trimmed := bytes.TrimLeft(line, " ")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(fence[:1])))) == 0 {
				fence = nil
			}
			continue
		}
		if len(line)-len(trimmed) < 4 {
			if f := fenceOf(trimmed); f != nil {
				fence = f
				continue
			}
			if dest, ok := refDefinition(trimmed); ok {
				add(dest)
				continue
			}
		}
		// An inline link has "](" on its line.
		if bytes.Contains(line, []byte("](")) {
			inlineLinks(line, add)
		}
	}
	return out
}

// fenceOf returns the fence a line opens (three or more backticks or
// tildes), or nil.
func fenceOf(s []byte) []byte {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(s) && s[n] == c {
			n++
		}
		if n >= 3 {
			return s[:n]
		}
	}
	return nil
}

// refDefinition reads a link reference definition, "[label]: dest".
func refDefinition(s []byte) (string, bool) {
	if len(s) == 0 || s[0] != '[' {
		return "", false
	}
	end := bytes.Index(s, []byte("]:"))
	if end < 0 {
		return "", false
	}
	rest := bytes.TrimSpace(s[end+2:])
	if len(rest) > 0 && rest[0] == '<' {
		if i := bytes.IndexByte(rest, '>'); i > 0 {
			return string(rest[1:i]), true
		}
		return "", false
	}
	if i := bytes.IndexAny(rest, " \t"); i >= 0 {
		rest = rest[:i]
	}
	return string(rest), len(rest) > 0
}

// inlineLinks calls add with the destination of every "](dest)" of a line
// outside code spans, but an image's ("![alt](dest)", which the converter
// does not rewrite).
func inlineLinks(line []byte, add func(string)) {
	open := -1 // the last "["
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			open = i
		case '`':
			n := 1
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			closing := bytes.Index(line[i+n:], bytes.Repeat([]byte{'`'}, n))
			if closing < 0 {
				i += n - 1
				continue
			}
			i += n + closing + n - 1
		case ']':
			if i+1 >= len(line) || line[i+1] != '(' {
				continue
			}
			image := open > 0 && line[open-1] == '!'
			open = -1
			if image {
				continue
			}
			rest := line[i+2:]
			if len(rest) > 0 && rest[0] == '<' {
				if j := bytes.IndexByte(rest, '>'); j > 0 {
					add(string(rest[1:j]))
				}
				continue
			}
			j := bytes.IndexAny(rest, " \t)")
			if j < 0 {
				j = len(rest)
			}
			add(string(rest[:j]))
		}
	}
}

// FileTarget returns the file part of a link's destination that names a
// content file by a relative path ("../news/a.md#x" -> "../news/a.md"),
// with the parsed destination; ok is false for any other destination (an
// address, a site path, a fragment alone, a file that is not Markdown).
// Markdown's link rewriting and BodyLinks take links alike through it.
func FileTarget(dest string) (file string, u *url.URL, ok bool) {
	if !strings.Contains(dest, ".md") && !strings.Contains(dest, "%") {
		return "", nil, false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return "", nil, false
	}
	file, err = url.PathUnescape(u.Path)
	if err != nil || !strings.HasSuffix(file, ".md") {
		return "", nil, false
	}
	return file, u, true
}
