package hugoimport

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"hubgen/generator/markdown"
)

// edit replaces body[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// applyEdits applies edits to s; an edit that overlaps an earlier one (by
// start) is left out.
func applyEdits(s string, edits []edit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		if e.start < pos {
			continue
		}
		b.WriteString(s[pos:e.start])
		b.WriteString(e.text)
		pos = e.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// span is a byte range [start, end) of a body.
type span struct{ start, end int }

var (
	fenceRE    = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	listItemRE = regexp.MustCompile(`^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)`)
)

// codeSpans returns the parts of a Markdown body that are code: fenced
// blocks (fences included), indented blocks and code spans, in order.
func codeSpans(body string) []span {
	var out []span
	var fence string // the open fence, "" outside one
	fenceStart := 0
	inList, prevBlank, inIndented := false, true, false
	textStart := -1 // start of the text run to scan for code spans
	flushText := func(end int) {
		if textStart >= 0 {
			out = append(out, inlineCode(body, textStart, end)...)
			textStart = -1
		}
	}
	for off := 0; off < len(body); {
		line, _, _ := strings.Cut(body[off:], "\n")
		next := off + len(line) + 1
		if next > len(body) {
			next = len(body)
		}
		trimmed := strings.TrimRight(line, " \t")
		blank := strings.TrimSpace(line) == ""
		switch {
		case fence != "":
			t := strings.TrimLeft(trimmed, " ")
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" && len(line)-len(strings.TrimLeft(line, " ")) < 4 {
				out = append(out, span{fenceStart, next})
				fence = ""
			}
		case fenceRE.MatchString(line) && !(strings.HasPrefix(fenceRE.FindStringSubmatch(line)[1], "`") && strings.Contains(line[len(fenceRE.FindString(line)):], "`")):
			flushText(off)
			fence = strings.TrimLeft(fenceRE.FindStringSubmatch(line)[1], " ")
			fenceStart = off
			inIndented = false
		case !blank && (strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")) && (inIndented || (prevBlank && !inList)):
			flushText(off)
			out = append(out, span{off, next})
			inIndented = true
		default:
			if blank {
				flushText(off)
			} else {
				inIndented = false
				if textStart < 0 {
					textStart = off
				}
				switch {
				case listItemRE.MatchString(line):
					inList = true
				case !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") && prevBlank:
					inList = false
				}
			}
		}
		prevBlank = blank
		off = next
		if off == len(body) {
			break
		}
	}
	if fence != "" {
		out = append(out, span{fenceStart, len(body)})
	}
	flushText(len(body))
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// inlineCode finds the code spans of body[start:end], a run of lines
// without a blank one: a run of backticks up to the next run as long.
func inlineCode(body string, start, end int) []span {
	var out []span
	for i := start; i < end; {
		if body[i] == '\\' {
			i += 2
			continue
		}
		if body[i] != '`' {
			i++
			continue
		}
		n := 0
		for i+n < end && body[i+n] == '`' {
			n++
		}
		closed := false
		for j := i + n; j < end; {
			if body[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < end && body[j+m] == '`' {
				m++
			}
			if m == n {
				out = append(out, span{i, j + m})
				i = j + m
				closed = true
				break
			}
			j += m
		}
		if !closed {
			i += n
		}
	}
	return out
}

// inSpans reports whether pos lies in one of spans.
func inSpans(spans []span, pos int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > pos })
	return i < len(spans) && spans[i].start <= pos
}

// mask returns body with the spans' bytes replaced by c (newlines kept),
// so that patterns looking for links or tags do not see inside them.
func mask(body string, spans []span, c byte) string {
	b := []byte(body)
	for _, s := range spans {
		for i := s.start; i < s.end; i++ {
			if b[i] != '\n' {
				b[i] = c
			}
		}
	}
	return string(b)
}

var (
	atxRE      = regexp.MustCompile(`(?m)^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	setextRE   = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	attrRE     = regexp.MustCompile(`\s*\{([#.][^{}]*)\}\s*$`)
	mdLinkRE   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	emphasisRE = regexp.MustCompile(`(^|[^\pL\pN])[*_]+|[*_]+([^\pL\pN]|$)`)
	tagRE      = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>`)
)

// heading is a heading of a body: its text and, when an attribute block
// ({#id}) ends it, that block's place and id.
type heading struct {
	text     string
	explicit string // the {#id} Hugo uses instead of one made from the text
	attr     span   // where the attribute block is, to remove it
}

// headings lists the headings of a body outside code, in order.
func headings(body string, code []span) []heading {
	masked := mask(body, code, ' ')
	var out []heading
	lines := strings.Split(masked, "\n")
	off := 0
	for i, line := range lines {
		var h *heading
		var textStart int
		if m := atxRE.FindStringSubmatchIndex(line); m != nil && m[4] >= 0 {
			h, textStart = &heading{text: line[m[4]:m[5]]}, m[4]
		} else if i+1 < len(lines) && strings.TrimSpace(line) != "" && setextRE.MatchString(lines[i+1]) &&
			!listItemRE.MatchString(line) && !atxRE.MatchString(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			h, textStart = &heading{text: strings.TrimSpace(line)}, strings.Index(line, strings.TrimSpace(line))
		}
		if h != nil {
			if a := attrRE.FindStringSubmatchIndex(h.text); a != nil {
				for _, f := range strings.Fields(h.text[a[2]:a[3]]) {
					if strings.HasPrefix(f, "#") {
						h.explicit = f[1:]
					}
				}
				h.attr = span{off + textStart + a[0], off + textStart + a[1]}
				h.text = h.text[:a[0]]
			}
			h.text = plainHeading(h.text)
			out = append(out, *h)
		}
		off += len(line) + 1
	}
	return out
}

// plainHeading is a heading's text without Markdown and HTML markup, as
// goldmark's Text gives it.
func plainHeading(s string) string {
	s = mdLinkRE.ReplaceAllString(s, "$1")
	s = tagRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "`", "")
	s = emphasisRE.ReplaceAllString(s, "$1$2")
	s = regexp.MustCompile(`\\([[:punct:]])`).ReplaceAllString(s, "$1")
	return strings.TrimSpace(s)
}

// hugoID makes the id Hugo's goldmark (autoHeadingIDType "github") gives
// a heading: letters and digits lower-cased, spaces and hyphens as
// hyphens, "_" kept, anything else dropped; "heading" when nothing is
// left; -1, -2 … after a repeated id.
func hugoID(text string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(text) {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	id := b.String()
	if id == "" {
		id = "heading"
	}
	if used[id] {
		for i := 1; ; i++ {
			if c := id + "-" + strconv.Itoa(i); !used[c] {
				id = c
				break
			}
		}
	}
	used[id] = true
	return id
}

// headingIDs maps each Hugo heading id of a body to hubgen's id of the
// same heading.
func headingIDs(hs []heading) map[string]string {
	out := map[string]string{}
	used := map[string]bool{}
	hub := markdown.NewHeadingIDs()
	for _, h := range hs {
		var id string
		if h.explicit != "" {
			id = h.explicit
			used[id] = true
		} else {
			id = hugoID(h.text, used)
		}
		out[id] = hub.Next(h.text)
	}
	return out
}
