package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// References inside an act: Polish "art. 3 ust. 3", "art. 1", "ust. 1",
// "art. 1 ust. 2 lit. a)"; English "Article 3(3)", "Article 1(2)(a)",
// "paragraph 1". A reference followed by the name of another instrument
// ("… konwencji", "… of the Convention", "… TEU", "thereof") is about that
// instrument and stays plain text. Other acts: "decyzji (WPZiB) 2018/1939",
// "Decision (CFSP) 2018/1939", "rozporządzenia (UE) nr 2016/794". The
// scanners of legal_scan.go find them.

// externalPL are the words after a Polish reference that name another
// instrument.
var externalPL = map[string]bool{"konwencji": true, "traktatu": true, "tue": true, "tfue": true, "decyzji": true, "rozporządzenia": true, "dyrektywy": true, "umowy": true, "karty": true, "statutu": true, "protokołu": true, "regulaminu": true, "kodeksu": true, "ustawy": true}

// xrefs links the references in an act's recitals and articles.
type xrefs struct {
	act      *Act
	page     *content.Page
	resolver Resolver
	src      []byte
	strict   bool
	ds       *diag.List
	notes    bool // walking the footnotes, whose acts Act.Cited lists
}

// run links references in every unit: internal ones in recitals and
// articles only (citations and annexes refer to other instruments), links to
// other acts everywhere.
func (x *xrefs) run() {
	for _, u := range x.act.Units {
		internal := strings.HasPrefix(u.Key, "rct_") || strings.HasPrefix(u.Key, "art_")
		article := ""
		if strings.HasPrefix(u.Key, "art_") {
			article = strings.TrimPrefix(u.Key, "art_")
		}
		x.notes = u.Key == "fn"
		x.walk(u.node, internal, article)
	}
}

func (x *xrefs) walk(n ast.Node, internal bool, article string) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c.Kind() {
		case ast.KindLink, ast.KindAutoLink, kindAnchor, kindRef, ast.KindCodeSpan, ast.KindHeading:
			// never inside links or headings
		case ast.KindText:
			mergeTexts(c.(*ast.Text), x.src)
			next = c.NextSibling()
			x.text(c.(*ast.Text), internal, article)
		default:
			x.walk(c, internal, article)
		}
		c = next
	}
}

// mergeTexts joins t with the text nodes that directly follow it in the
// source, so that a reference is never split across nodes.
func mergeTexts(t *ast.Text, src []byte) {
	for {
		nx, ok := t.NextSibling().(*ast.Text)
		if !ok || t.SoftLineBreak() || t.HardLineBreak() || t.IsRaw() || nx.IsRaw() || t.Segment.Stop != nx.Segment.Start || t.Segment.Padding != 0 || nx.Segment.Padding != 0 {
			return
		}
		t.Segment = t.Segment.WithStop(nx.Segment.Stop)
		t.SetSoftLineBreak(nx.SoftLineBreak())
		t.SetHardLineBreak(nx.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), nx)
	}
}

type match struct {
	start, end int    // byte offsets within the text node's value
	dest       string // a link to another act, or
	part       string // the id of a part of this act
}

func (x *xrefs) text(t *ast.Text, internal bool, article string) {
	val := t.Segment.Value(x.src)
	var found []match
	pl := x.page.Lang == "pl"
	other := func(m [otherGroups]int) {
		if !wordStart(val, m[0]) {
			return
		}
		number := string(val[m[2]:m[3]])
		to := x.resolver.ResolveAct(x.page.Lang, number)
		if x.notes {
			x.cite(number, val[m[0]:], to)
		}
		if to != nil && to != x.page {
			// A site path: Convert puts the base path before it, as
			// before every site path a page links to.
			found = append(found, match{start: m[0], end: m[1], dest: to.URL})
		}
	}
	if pl {
		scanOtherPL(val, other)
	} else {
		scanOtherEN(val, other)
	}
	if internal {
		ref := func(m [refGroups]int) {
			if !wordStart(val, m[0]) || overlaps(found, m[0], m[1]) {
				return
			}
			sub := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return string(val[m[2*i]:m[2*i+1]])
			}
			art, par, pnt := sub(1), sub(2), sub(3)
			if art == "" { // "ust. 1" / "paragraph 1": this article
				if article == "" {
					return // a recital cannot mean "this article"
				}
				art, par, pnt = article, sub(4), sub(5)
			}
			id := partOf(art, par, pnt)
			more, end := x.listed(val, m, art, par, pnt)
			if x.external(val[end:]) {
				return
			}
			if !x.act.Has(id) {
				line, col := diag.LineCol(x.src, t.Segment.Start+m[0])
				msg := fmt.Sprintf("reference %q points at %s, which this act does not have", string(val[m[0]:m[1]]), id)
				if x.strict {
					x.ds.Errorf(x.page.Path, x.page.BodyLine+line-1, col, "%s", msg)
				} else {
					x.ds.Warnf(diag.KindActReference, x.page.Path, x.page.BodyLine+line-1, col, "%s", msg)
				}
				return
			}
			found = append(found, match{start: m[0], end: m[1], part: id})
			for _, t := range more {
				if !overlaps(found, t.start, t.end) {
					found = append(found, t)
				}
			}
		}
		if pl {
			scanRefPL(val, ref)
		} else {
			scanRefEN(val, ref)
		}
	}
	if len(found) == 0 {
		return
	}
	sortMatches(found)
	parent := t.Parent()
	seg := t.Segment
	pos := 0
	for _, m := range found {
		if m.start > pos {
			parent.InsertBefore(parent, t, ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Start+m.start)))
		}
		var link ast.Node = &refNode{id: m.part}
		if m.part == "" {
			l := ast.NewLink()
			l.Destination = []byte(m.dest)
			link = l
		}
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+m.start, seg.Start+m.end)))
		parent.InsertBefore(parent, t, link)
		pos = m.end
	}
	if pos < len(val) {
		rest := ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		parent.InsertBefore(parent, t, rest)
	}
	parent.RemoveChild(parent, t)
}

// cite adds the act number to Act.Cited, unless listed already, with its
// kind read from the word that names it ("decyzji", "Regulation") and its
// page on the portal, if any (to).
func (x *xrefs) cite(number string, word []byte, to *content.Page) {
	if to == x.page {
		return
	}
	for _, c := range x.act.Cited {
		if c.Number == number {
			return
		}
	}
	kind := byte('D')
	switch {
	case len(word) > 0 && (word[0] == 'R' || word[0] == 'r'):
		kind = 'R'
	case bytes.HasPrefix(word, []byte("Dir")), bytes.HasPrefix(word, []byte("dyr")), bytes.HasPrefix(word, []byte("Dyr")):
		kind = 'L'
	}
	c := CitedAct{Number: number, Type: kind}
	if to != nil {
		c.URL = to.URL
	}
	x.act.Cited = append(x.act.Cited, c)
}

// external reports whether the words after a reference name another
// instrument: the first word, lowercased and without the punctuation
// around it, and in English the second. It reads only the first two words
// of after (as strings.Fields splits them), not the whole rest of the text.
func (x *xrefs) external(after []byte) bool {
	first, rest := nextField(after)
	if first == nil {
		return false
	}
	w := strings.Trim(strings.ToLower(string(first)), ",.;:()")
	if x.page.Lang == "pl" {
		return externalPL[w]
	}
	switch w {
	case "thereof", "teu", "tfeu":
		return true
	case "of":
		second, _ := nextField(rest)
		return second == nil || strings.Trim(strings.ToLower(string(second)), ",.;:") != "this"
	}
	return false
}

// nextField returns the first field of s as strings.Fields splits it
// (runs of bytes that are not Unicode white space) and what follows it, or
// nil when s is only white space.
func nextField(s []byte) (field, rest []byte) {
	start := -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		if unicode.IsSpace(r) {
			if start >= 0 {
				return s[start:i], s[i:]
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start < 0 {
		return nil, nil
	}
	return s[start:], nil
}

// wordStart reports whether a match at i starts a word.
func wordStart(val []byte, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(val[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func overlaps(ms []match, start, end int) bool {
	for _, m := range ms {
		if start < m.end && m.start < end {
			return true
		}
	}
	return false
}

// sortMatches puts matches in the order of the text. No two start at the
// same byte: they do not overlap.
func sortMatches(ms []match) {
	slices.SortFunc(ms, func(a, b match) int { return cmp.Compare(a.start, b.start) })
}
