package search

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"
)

// Passage is an addressable part of a published page's body, as a search
// result shows and links it: a heading, a paragraph, a list item, an
// act's recital, article paragraph or point, or a piece of a long one.
type Passage struct {
	Anchor string // the id a link to it ends in ("art_3__par_1"), "" for the page's top
	Label  string // what a result names it by: a heading's text, "Art. 3 ust. 1"; "" for the page's top
	Start  int    // its bytes in the published page are page[Start:End]
	End    int
	Text   string // its plain text
}

// MaxPassageText is how much text (bytes) a passage holds at most before
// a long block is cut after a sentence: the client fetches a result's
// passage alone, so that a passage is about a paragraph of a screen.
const MaxPassageText = 480

// Passages returns the passages of a published page: page is the whole
// HTML file, body the HTML of its converted Markdown, which the page
// holds once, verbatim. It returns nil when page does not hold body.
//
// A passage is the text of a leaf block (p, li, h1–h6, dt, dd, td, th,
// pre, figcaption) up to the next block boundary, with the nearest id: its
// own, an enclosing element's, or the last heading's before it. Adjacent
// short passages with the same id are joined; a long one is cut after a
// sentence once it holds MaxPassageText bytes. Anchor links ("¶"),
// footnote back links and aria-hidden elements are left out of the text.
func Passages(lang string, page []byte, body string) []Passage {
	if body == "" {
		return nil
	}
	at := bytes.Index(page, []byte(body))
	if at < 0 {
		return nil
	}
	s := passageScanner{lang: lang, src: page[:at+len(body)]}
	s.scan(at)
	return joinPassages(s.out)
}

// leafTags are the blocks whose text makes passages; blockTags the other
// blocks, which only hold blocks.
var (
	leafTags  = map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "dt": true, "dd": true, "td": true, "th": true, "pre": true, "figcaption": true, "caption": true}
	blockTags = map[string]bool{"ol": true, "ul": true, "section": true, "div": true, "blockquote": true, "table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "dl": true, "figure": true, "aside": true, "nav": true, "details": true, "summary": true, "hr": true}
)

// openElem is an element the scanner is inside.
type openElem struct {
	name   string
	id     string
	leaf   bool
	skip   bool // its text is left out
	inline int  // for a leaf: inline elements open inside it
}

// passageScanner walks a body's HTML (goldmark's, well formed) once.
type passageScanner struct {
	lang  string
	src   []byte
	stack []openElem
	out   []Passage
	// The passage being read: from start, its text so far.
	start int
	text  strings.Builder
	// The last heading with an id met, for blocks without one.
	headID, headLabel string
}

func (s *passageScanner) scan(i int) {
	for i < len(s.src) {
		lt := bytes.IndexByte(s.src[i:], '<')
		if lt < 0 {
			lt = len(s.src) - i
		}
		if lt > 0 {
			s.addText(i, i+lt)
		}
		i += lt
		if i >= len(s.src) {
			break
		}
		gt := bytes.IndexByte(s.src[i:], '>')
		if gt < 0 {
			break
		}
		s.tag(i, i+gt+1)
		i += gt + 1
	}
	s.flush(len(s.src))
}

// leaf returns the innermost open leaf block, or nil.
func (s *passageScanner) leaf() *openElem {
	for k := len(s.stack) - 1; k >= 0; k-- {
		if s.stack[k].leaf {
			return &s.stack[k]
		}
	}
	return nil
}

// skipping reports whether the text at the scanner is left out.
func (s *passageScanner) skipping() bool {
	for k := range s.stack {
		if s.stack[k].skip {
			return true
		}
	}
	return false
}

func (s *passageScanner) addText(from, to int) {
	l := s.leaf()
	if l == nil || s.skipping() {
		return
	}
	raw := s.src[from:to]
	if l.inline == 0 && l.name != "pre" && s.text.Len()+len(raw) > MaxPassageText {
		// Cut after the first sentence end that makes the passage long enough.
		for k := 0; k+1 < len(raw); k++ {
			if c := raw[k]; (c == '.' || c == '?' || c == '!' || c == ';') && raw[k+1] == ' ' && s.text.Len()+k >= MaxPassageText/2 {
				s.text.WriteString(html.UnescapeString(string(raw[:k+1])))
				s.flush(from + k + 1)
				s.start = from + k + 1
				raw = raw[k+1:]
				from += k + 1
				k = -1
				if s.text.Len()+len(raw) <= MaxPassageText {
					break
				}
			}
		}
	}
	s.text.WriteString(html.UnescapeString(string(raw)))
}

// tag handles the tag src[from:to].
func (s *passageScanner) tag(from, to int) {
	t := s.src[from+1 : to-1]
	if len(t) > 0 && (t[0] == '!' || t[0] == '?') {
		return
	}
	closing := len(t) > 0 && t[0] == '/'
	if closing {
		t = t[1:]
	}
	n := 0
	for n < len(t) && t[n] != ' ' && t[n] != '\n' && t[n] != '\t' && t[n] != '/' {
		n++
	}
	name := strings.ToLower(string(t[:n]))
	attrs := t[n:]
	if closing {
		s.close(name, from, to)
		return
	}
	void := name == "br" || name == "img" || name == "hr" || name == "input" || name == "wbr" || bytes.HasSuffix(attrs, []byte("/"))
	if name == "br" {
		s.addSpace()
	}
	if void {
		return
	}
	e := openElem{name: name, id: attr(attrs, "id"), leaf: leafTags[name]}
	cls := " " + attr(attrs, "class") + " "
	e.skip = attr(attrs, "aria-hidden") == "true" || name == "a" && (strings.Contains(cls, " anchor ") || strings.Contains(cls, " footnote-backref ")) || name == "script" || name == "style" || name == "template"
	switch {
	case e.leaf:
		s.flush(from) // an outer leaf's text so far
		s.start = from
	case blockTags[name]:
		s.flush(from)
	default:
		if l := s.leaf(); l != nil {
			l.inline++
		}
	}
	s.stack = append(s.stack, e)
}

func (s *passageScanner) close(name string, from, to int) {
	k := len(s.stack) - 1
	for k >= 0 && s.stack[k].name != name {
		k--
	}
	if k < 0 {
		return
	}
	e := s.stack[k]
	if e.leaf || blockTags[name] {
		if e.leaf && strings.HasPrefix(name, "h") && len(name) == 2 && e.id != "" {
			s.headID, s.headLabel = e.id, passageLabelText(s.text.String())
		}
		s.flush(to)
		s.stack = s.stack[:k]
		s.start = to // the rest of an outer leaf
		return
	}
	s.stack = s.stack[:k]
	if l := s.leaf(); l != nil && l.inline > 0 {
		l.inline--
	}
	if name == "td" || name == "th" {
		s.addSpace()
	}
}

func (s *passageScanner) addSpace() {
	if s.leaf() != nil && !s.skipping() {
		s.text.WriteByte(' ')
	}
}

// flush ends the passage being read at end, if it has any text.
func (s *passageScanner) flush(end int) {
	text := strings.Join(strings.Fields(s.text.String()), " ")
	s.text.Reset()
	if text == "" {
		return
	}
	p := Passage{Start: s.start, End: end, Text: text}
	p.Anchor, p.Label = s.anchor(text)
	s.out = append(s.out, p)
}

// anchor returns the id and label of a passage read now with text: the
// innermost open element's with an id, else the last heading's.
func (s *passageScanner) anchor(text string) (string, string) {
	for k := len(s.stack) - 1; k >= 0; k-- {
		e := s.stack[k]
		if e.id == "" {
			continue
		}
		if strings.HasPrefix(e.name, "h") && len(e.name) == 2 {
			return e.id, passageLabelText(text)
		}
		if l := actLabel(s.lang, e.id); l != "" {
			return e.id, l
		}
		return e.id, s.headLabel
	}
	return s.headID, s.headLabel
}

// passageLabelText is a heading's text as a label: at most about 80 bytes.
func passageLabelText(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if len(t) <= 80 {
		return t
	}
	cut := strings.LastIndexByte(t[:80], ' ')
	if cut < 40 {
		cut = 80
		for !utf8.RuneStart(t[cut]) {
			cut--
		}
	}
	return t[:cut] + "…"
}

// joinPassages joins neighbours with the same anchor while their text
// stays within MaxPassageText.
func joinPassages(ps []Passage) []Passage {
	var out []Passage
	for _, p := range ps {
		if n := len(out); n > 0 {
			q := &out[n-1]
			if q.Anchor == p.Anchor && len(q.Text)+1+len(p.Text) <= MaxPassageText {
				q.End, q.Text = p.End, q.Text+" "+p.Text
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// attr returns the value of the attribute name in a tag's attributes as
// goldmark writes them (name="value"), unescaped, or "".
func attr(attrs []byte, name string) string {
	key := []byte(" " + name + `="`)
	i := bytes.Index(attrs, key)
	if i < 0 {
		return ""
	}
	v := attrs[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return ""
	}
	return html.UnescapeString(string(v[:j]))
}

// actParts names the parts of an act's ids, by their place in the id
// ("art_3__par_1__pnt_a": 0, 1, 2): the Polish and English words before
// and after the number.
var actParts = []map[string][4]string{
	{
		"fn:": {"Przypis ", "", "Footnote ", ""},
		"art": {"Art. ", "", "Article ", ""},
		"rct": {"Motyw ", "", "Recital ", ""},
		"cit": {"Odniesienie ", "", "Citation ", ""},
	},
	{"par": {" ust. ", "", "(", ")"}},
	{"pnt": {" lit. ", "", "(", ")"}},
}

// actLabel names an act's part by its id ("art_3__par_1" -> "Art. 3 ust.
// 1" in Polish, "Article 3(1)" in English), or "" for another id.
func actLabel(lang, id string) string {
	parts := strings.Split(id, "__")
	if len(parts) > len(actParts) {
		return ""
	}
	var b strings.Builder
	for i, p := range parts {
		kind, num, ok := strings.Cut(p, "_")
		if rest, fn := strings.CutPrefix(p, "fn:"); fn {
			kind, num, ok = "fn:", rest, true
		}
		words, known := actParts[i][kind]
		if !ok || !known || num == "" {
			return ""
		}
		if lang == "pl" {
			b.WriteString(words[0] + num + words[1])
		} else {
			b.WriteString(words[2] + num + words[3])
		}
	}
	return b.String()
}
