package search

// The passage scan and the stem hashes as they were before they were made
// faster (issue 12): the oracle of TestPassagesMatchReference and
// FuzzPassagesMatchReference, which the faster code must match byte for
// byte.

import (
	"bytes"
	"hash/maphash"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"hubgen/generator/search/internal/format"
)

// refPassages is Passages as it was.
func refPassages(page []byte, body string, stems *refStems) []Passage {
	ps, texts := refScanPassages(stems.lang, page, body)
	perStem := passageBits(len(ps))
	var hashes []uint32
	for i := range ps {
		hashes = stems.hashes(texts[i], hashes[:0])
		ps[i].Bits = bloom(hashes, perStem)
	}
	return ps
}

// refStems is Stems as it was: shards behind locks, no cache in front.
type refStems struct {
	lang   string
	a      *analyzer
	seed   maphash.Seed
	shards [64]refStemShard
}

type refStemShard struct {
	mu sync.Mutex
	m  map[string]stemOf
}

func newRefStems(lang string) (*refStems, error) {
	a, err := newAnalyzer(lang)
	if err != nil {
		return nil, err
	}
	s := &refStems{lang: lang, a: a, seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].m = map[string]stemOf{}
	}
	return s, nil
}

func (s *refStems) of(word string) stemOf {
	sh := &s.shards[maphash.String(s.seed, word)%uint64(len(s.shards))]
	sh.mu.Lock()
	v, ok := sh.m[word]
	sh.mu.Unlock()
	if !ok {
		if t, kept := s.a.term(word); kept {
			v.stem = Fold(t)
		}
		if v.stem != "" {
			v.hash = format.Hash16(v.stem)
		}
		sh.mu.Lock()
		sh.m[word] = v
		sh.mu.Unlock()
	}
	return v
}

func (s *refStems) hashes(text string, out []uint32) []uint32 {
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		if v := s.of(text[start:end]); v.stem != "" {
			out = append(out, v.hash)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// refScanPassages finds the passages of page (see Passages) and their texts.
func refScanPassages(lang string, page []byte, body string) ([]Passage, []string) {
	if body == "" {
		return nil, nil
	}
	head := body[:min(len(body), 256)]
	at := -1
	for from := 0; ; {
		i := bytes.Index(page[from:], []byte(head))
		if i < 0 {
			return nil, nil
		}
		if i += from; len(page)-i >= len(body) && string(page[i:i+len(body)]) == body {
			at = i
			break
		}
		from = i + 1
	}
	s := refPassageScanner{lang: lang, src: page[:at+len(body)]}
	s.scan(at)
	return refJoinPassages(s.out, s.texts)
}

// refOpenElem is an element the scanner is inside.
type refOpenElem struct {
	name    string
	id      string
	leaf    bool
	heading bool
	skip    bool // its text is left out
	inline  int  // for a leaf: inline elements open inside it
}

// refPassageScanner walks a body's HTML (goldmark's, well formed) once.
type refPassageScanner struct {
	lang  string
	src   []byte
	stack []refOpenElem
	skips int // open elements whose text is left out
	leafs int // open leaf blocks
	out   []Passage
	texts []string
	// The passage being read: from start, its text so far, spaces
	// collapsed (space: a space is due before the next word).
	start int
	text  []byte
	space bool
	// The last heading with an id met, for blocks without one.
	headID, headLabel string
}

func (s *refPassageScanner) scan(i int) {
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
func (s *refPassageScanner) leaf() *refOpenElem {
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

func (s *refPassageScanner) addText(from, to int) {
	if s.skips > 0 {
		return
	}
	l := s.leaf()
	if l == nil {
		return
	}
	raw := s.src[from:to]
	if l.inline == 0 && l.name != "pre" && len(s.text)+len(raw) > MaxPassageText {
		// Cut after the first sentence end that makes the passage long enough.
		for k := 0; k+1 < len(raw); k++ {
			if c := raw[k]; (c == '.' || c == '?' || c == '!' || c == ';') && raw[k+1] == ' ' && len(s.text)+k >= MaxPassageText/2 {
				s.write(raw[:k+1])
				s.flush(from + k + 1)
				s.start = from + k + 1
				raw = raw[k+1:]
				from += k + 1
				k = -1
				if len(s.text)+len(raw) <= MaxPassageText {
					break
				}
			}
		}
	}
	s.write(raw)
}

// write adds raw text (HTML, entities and all) to the passage's text,
// white space collapsed.
func (s *refPassageScanner) write(raw []byte) {
	if bytes.IndexByte(raw, '&') >= 0 {
		raw = []byte(html.UnescapeString(string(raw)))
	}
	for len(raw) > 0 {
		// A run of ASCII characters that are not spaces goes at once.
		n := 0
		for n < len(raw) && raw[n] < utf8.RuneSelf && raw[n] != ' ' && raw[n] != '\n' && raw[n] != '\t' && raw[n] != '\r' && raw[n] != '\f' && raw[n] != '\v' {
			n++
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
			s.space = len(s.text) > 0
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

// tag handles the tag src[from:to].
func (s *refPassageScanner) tag(from, to int) {
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
		s.space = len(s.text) > 0
	}
	if name == "br" || name == "img" || name == "hr" || name == "input" || name == "wbr" || bytes.HasSuffix(attrs, []byte("/")) {
		return // void
	}
	e := refOpenElem{name: name, leaf: leafTag(name), heading: len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'}
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

func (s *refPassageScanner) close(name string, to int) {
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
			s.headID, s.headLabel = e.id, passageLabelText(string(s.text))
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
		s.space = len(s.text) > 0
	}
}

// flush ends the passage being read at end, if it has any text.
func (s *refPassageScanner) flush(end int) {
	s.space = false
	if len(s.text) == 0 {
		return
	}
	text := string(s.text)
	s.text = s.text[:0]
	p := Passage{Start: s.start, End: end}
	p.Anchor, p.Label = s.anchor(text)
	s.out = append(s.out, p)
	s.texts = append(s.texts, text)
}

// anchor returns the id and label of a passage read now with text: the
// innermost open element's with an id, else the last heading's.
func (s *refPassageScanner) anchor(text string) (string, string) {
	for k := len(s.stack) - 1; k >= 0; k-- {
		e := s.stack[k]
		if e.id == "" {
			continue
		}
		if e.heading {
			return e.id, passageLabelText(text)
		}
		if l := actLabel(s.lang, e.id); l != "" {
			return e.id, l
		}
		return e.id, s.headLabel
	}
	return s.headID, s.headLabel
}

// refJoinPassages joins neighbours with the same anchor while their text
// stays within MaxPassageText.
func refJoinPassages(ps []Passage, texts []string) ([]Passage, []string) {
	var out []Passage
	var outTexts []string
	for i, p := range ps {
		if n := len(out); n > 0 {
			q := &out[n-1]
			if q.Anchor == p.Anchor && len(outTexts[n-1])+1+len(texts[i]) <= MaxPassageText {
				q.End = p.End
				outTexts[n-1] += " " + texts[i]
				continue
			}
		}
		out = append(out, p)
		outTexts = append(outTexts, texts[i])
	}
	return out, outTexts
}
