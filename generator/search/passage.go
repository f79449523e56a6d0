package search

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Passage is an addressable part of a published page's body, as a search
// result shows and links it: a heading, a paragraph, a list item, an
// act's recital, article paragraph or point, or a piece of a long one.
type Passage struct {
	Anchor string // the id a link to it ends in ("art_3__par_1"), "" for the page's top
	Label  string // what a result names it by: a heading's text, "Art. 3 ust. 1"; "" for the page's top
	Start  int    // its bytes in the published page are page[Start:End]
	End    int
	// Bits is the Bloom filter of its stems, as the passage store writes
	// it (see passagestore.go).
	Bits string
}

// MaxPassageText is how much text (bytes) a passage holds at most before
// a long block is cut after a sentence: the client fetches a result's
// passage alone, so that a passage is about a paragraph of a screen.
const MaxPassageText = 400

// Passages returns the passages of a published page in lang, with their
// filters made with stems (made for lang): page is the whole HTML file,
// body the HTML of its converted Markdown, which the page holds once,
// verbatim. It returns nil when page does not hold body.
//
// A passage is the text of a leaf block (p, li, h1–h6, dt, dd, td, th,
// pre, figcaption) up to the next block boundary, with the nearest id: its
// own, an enclosing element's, or the last heading's before it. Adjacent
// short passages with the same id are joined; a long one is cut after a
// sentence once it holds MaxPassageText bytes. Anchor links ("¶"),
// footnote back links and aria-hidden elements are left out of the text.
func Passages(page []byte, body string, stems *Stems) []Passage {
	var out []Passage
	scanPassagesText(stems.lang, page, body, func(ps []Passage, text []byte, spans [][2]int) {
		perStem := passageBits(len(ps))
		c := stems.cache()
		var hashes []uint32
		for i := range ps {
			// The text is only read meanwhile: Stems copies what it keeps.
			t := text[spans[i][0]:spans[i][1]]
			hashes = stems.hashes(c, unsafe.String(unsafe.SliceData(t), len(t)), hashes[:0])
			ps[i].Bits = bloom(hashes, perStem)
		}
		stems.caches.Put(c)
		out = ps
	})
	return out
}

// scanPassages finds the passages of page (see Passages) and their texts.
func scanPassages(lang string, page []byte, body string) ([]Passage, []string) {
	var out []Passage
	var texts []string
	scanPassagesText(lang, page, body, func(ps []Passage, text []byte, spans [][2]int) {
		all := string(text)
		texts = make([]string, len(spans))
		for i, sp := range spans {
			texts[i] = all[sp[0]:sp[1]]
		}
		out = ps
	})
	return out, texts
}

// scanPassagesText finds the passages of page (see Passages) and calls fn
// with them, unless there are none, and with their texts, text[from:to]
// for each span: text is the scanner's, valid only during the call.
func scanPassagesText(lang string, page []byte, body string, fn func(ps []Passage, text []byte, spans [][2]int)) {
	if body == "" {
		return
	}
	head := body[:min(len(body), 256)]
	at := -1
	for from := 0; ; {
		i := bytes.Index(page[from:], []byte(head))
		if i < 0 {
			return
		}
		if i += from; len(page)-i >= len(body) && string(page[i:i+len(body)]) == body {
			at = i
			break
		}
		from = i + 1
	}
	s, _ := scanners.Get().(*passageScanner)
	if s == nil {
		s = new(passageScanner)
	}
	*s = passageScanner{lang: lang, src: page[:at+len(body)], stack: s.stack[:0], text: s.text[:0], spans: s.spans[:0]}
	s.scan(at)
	if ps, spans := s.passages(); len(ps) > 0 {
		fn(ps, s.text, spans)
	}
	s.src = nil
	clear(s.stack) // their ids
	scanners.Put(s)
}

// scanners are passageScanners to reuse, for their buffers.
var scanners sync.Pool

// leafTag and blockTag tell the blocks whose text makes passages, and the
// other blocks, which only hold blocks.
func leafTag(name string) bool {
	switch name {
	case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "pre", "figcaption", "caption":
		return true
	}
	return false
}

func blockTag(name string) bool {
	switch name {
	case "ol", "ul", "section", "div", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "dl", "figure", "aside", "nav", "details", "summary", "hr":
		return true
	}
	return false
}

// openElem is an element the scanner is inside.
type openElem struct {
	name    string
	id      string
	leaf    bool
	heading bool
	skip    bool // its text is left out
	inline  int  // for a leaf: inline elements open inside it
}

// passageScanner walks a body's HTML (goldmark's, well formed) once.
type passageScanner struct {
	lang  string
	src   []byte
	stack []openElem
	skips int // open elements whose text is left out
	leafs int // open leaf blocks
	out   []Passage
	// The texts of the passages read, one after the other, each followed
	// by a space; spans[i] is where out[i]'s is, text[from:to].
	text  []byte
	spans [][2]int
	// The passage being read: from start, its text so far is text[cur:],
	// spaces collapsed (space: a space is due before the next word).
	start int
	cur   int
	space bool
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
	if s.leafs == 0 {
		return nil
	}
	for k := len(s.stack) - 1; k >= 0; k-- {
		if s.stack[k].leaf {
			return &s.stack[k]
		}
	}
	return nil
}

func (s *passageScanner) addText(from, to int) {
	if s.skips > 0 {
		return
	}
	l := s.leaf()
	if l == nil {
		return
	}
	raw := s.src[from:to]
	if l.inline == 0 && l.name != "pre" && len(s.text)-s.cur+len(raw) > MaxPassageText {
		// Cut after the first sentence end that makes the passage long enough.
		for k := 0; k+1 < len(raw); k++ {
			if c := raw[k]; (c == '.' || c == '?' || c == '!' || c == ';') && raw[k+1] == ' ' && len(s.text)-s.cur+k >= MaxPassageText/2 {
				s.write(raw[:k+1])
				s.flush(from + k + 1)
				s.start = from + k + 1
				raw = raw[k+1:]
				from += k + 1
				k = -1
				if len(s.text)-s.cur+len(raw) <= MaxPassageText {
					break
				}
			}
		}
	}
	s.write(raw)
}

// write adds raw text (HTML, entities and all) to the passage's text,
// white space collapsed.
func (s *passageScanner) write(raw []byte) {
	if bytes.IndexByte(raw, '&') >= 0 {
		raw = []byte(html.UnescapeString(string(raw)))
	}
	for len(raw) > 0 {
		// A run of bytes that are not spaces nor may start one goes at
		// once, with the single spaces between them, which stay as they are.
		n := 0
		for n < len(raw) {
			if textBytes[raw[n]] {
				n++
			} else if raw[n] == ' ' && n > 0 && n+1 < len(raw) && textBytes[raw[n+1]] {
				n += 2
			} else {
				break
			}
		}
		isSpace := false
		if n == 0 {
			r, size := rune(raw[0]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(raw)
			}
			n, isSpace = size, unicode.IsSpace(r)
		}
		if isSpace {
			s.space = len(s.text) > s.cur
		} else {
			if s.space {
				s.text = append(s.text, ' ')
				s.space = false
			}
			s.text = append(s.text, raw[:n]...)
		}
		raw = raw[n:]
	}
}

// textBytes tells the bytes that neither are white space nor may start
// it (unicode.IsSpace): every byte but ASCII white space and the first
// bytes of the UTF-8 of the other spaces (U+0085, U+00A0, U+1680,
// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). A run of them
// is text as it is, whatever characters it holds or cuts.
var textBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = true
	}
	for _, b := range []byte{' ', '\t', '\n', '\v', '\f', '\r', 0xC2, 0xE1, 0xE2, 0xE3} {
		t[b] = false
	}
	return t
}()

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
	name := tagName(t[:n])
	attrs := t[n:]
	if closing {
		s.close(name, to)
		return
	}
	if name == "br" {
		s.space = len(s.text) > s.cur
	}
	if name == "br" || name == "img" || name == "hr" || name == "input" || name == "wbr" || bytes.HasSuffix(attrs, []byte("/")) {
		return // void
	}
	e := openElem{name: name, leaf: leafTag(name), heading: len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'}
	if id, ok := attr(attrs, ` id="`); ok {
		e.id = html.UnescapeString(string(id))
	}
	hidden, _ := attr(attrs, ` aria-hidden="`)
	e.skip = string(hidden) == "true" || name == "script" || name == "style" || name == "template"
	if name == "a" {
		if cls, ok := attr(attrs, ` class="`); ok {
			c := " " + string(cls) + " "
			e.skip = e.skip || strings.Contains(c, " anchor ") || strings.Contains(c, " footnote-backref ")
		}
	}
	switch {
	case e.leaf:
		s.flush(from) // an outer leaf's text so far
		s.start = from
		s.leafs++
	case blockTag(name):
		s.flush(from)
	default:
		if l := s.leaf(); l != nil {
			l.inline++
		}
	}
	if e.skip {
		s.skips++
	}
	s.stack = append(s.stack, e)
}

// tagName returns a tag's name: one of tagNames' own strings for the
// usual names (no allocation), else a new string in lower case.
func tagName(b []byte) string {
	if n, ok := tagNames[string(b)]; ok {
		return n
	}
	return strings.ToLower(string(b))
}

// tagNames are the names of the tags goldmark writes (read only).
var tagNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields("a p li ol ul em strong code span sup sub br img hr section div h1 h2 h3 h4 h5 h6 table thead tbody tfoot tr td th blockquote pre dl dt dd figure figcaption caption del mark abbr cite q i b small details summary nav aside input wbr") {
		m[n] = n
	}
	return m
}()

func (s *passageScanner) close(name string, to int) {
	k := len(s.stack) - 1
	for k >= 0 && s.stack[k].name != name {
		k--
	}
	if k < 0 {
		return
	}
	for _, e := range s.stack[k:] {
		if e.skip {
			s.skips--
		}
		if e.leaf {
			s.leafs--
		}
	}
	e := s.stack[k]
	if e.leaf || blockTag(name) {
		if e.heading && e.id != "" {
			s.headID, s.headLabel = e.id, passageLabelText(string(s.text[s.cur:]))
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
		s.space = len(s.text) > s.cur
	}
}

// flush ends the passage being read at end, if it has any text.
func (s *passageScanner) flush(end int) {
	s.space = false
	if len(s.text) == s.cur {
		return
	}
	p := Passage{Start: s.start, End: end}
	p.Anchor, p.Label = s.anchor(s.text[s.cur:])
	s.out = append(s.out, p)
	s.spans = append(s.spans, [2]int{s.cur, len(s.text)})
	s.text = append(s.text, ' ')
	s.cur = len(s.text)
}

// anchor returns the id and label of a passage read now with text: the
// innermost open element's with an id, else the last heading's.
func (s *passageScanner) anchor(text []byte) (string, string) {
	for k := len(s.stack) - 1; k >= 0; k-- {
		e := s.stack[k]
		if e.id == "" {
			continue
		}
		if e.heading {
			return e.id, passageLabelText(string(text))
		}
		if l := actLabel(s.lang, e.id); l != "" {
			return e.id, l
		}
		return e.id, s.headLabel
	}
	return s.headID, s.headLabel
}

// maxLabel is the longest label (bytes) before it is cut at a word: a
// sub-result's link names a place, the text under it says the rest.
const maxLabel = 48

// passageLabelText is a heading's text as a label: at most about maxLabel
// bytes.
func passageLabelText(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	if len(t) <= maxLabel {
		return t
	}
	cut := strings.LastIndexByte(t[:maxLabel], ' ')
	if cut < maxLabel/2 {
		cut = maxLabel
		for !utf8.RuneStart(t[cut]) {
			cut--
		}
	}
	return t[:cut] + "…"
}

// passages returns the passages read, neighbours with the same anchor
// joined while their text stays within MaxPassageText, and where their
// texts are in s.text. Two neighbours' texts are one space apart in
// s.text, so that the text of the two joined is text[from of the first:to
// of the second].
func (s *passageScanner) passages() ([]Passage, [][2]int) {
	if len(s.out) == 0 {
		return nil, nil
	}
	out := s.out[:0]
	spans := s.spans[:0]
	for i, p := range s.out {
		sp := s.spans[i]
		if n := len(out); n > 0 {
			q, qs := &out[n-1], &spans[n-1]
			if q.Anchor == p.Anchor && qs[1]-qs[0]+1+sp[1]-sp[0] <= MaxPassageText {
				q.End = p.End
				qs[1] = sp[1]
				continue
			}
		}
		out = append(out, p)
		spans = append(spans, sp)
	}
	s.out, s.spans = nil, spans
	return slices.Clip(out), spans
}

// attr returns the value of the attribute whose name key gives with its
// leading space and opening quote (` id="`), as goldmark writes them,
// still escaped.
func attr(attrs []byte, key string) ([]byte, bool) {
	i := bytes.Index(attrs, []byte(key))
	if i < 0 {
		return nil, false
	}
	v := attrs[i+len(key):]
	j := bytes.IndexByte(v, '"')
	if j < 0 {
		return nil, false
	}
	return v[:j], true
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
