package markdown

import (
	"fmt"
	"regexp"
	"sort"
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
// instrument and stays plain text.
var (
	reRefPL = regexp.MustCompile(`art\.\s+(\d+[a-z]?)(?:\s+ust\.\s+(\d+))?(?:\s+lit\.\s+([a-z])\))?|ust\.\s+(\d+)(?:\s+lit\.\s+([a-z])\))?`)
	reRefEN = regexp.MustCompile(`Article\s+(\d+[a-z]?)(?:\((\d+)\))?(?:\(([a-z])\))?|paragraph\s+(\d+)(?:\(([a-z])\))?`)
	// Another act: "decyzji (WPZiB) 2018/1939", "Decision (CFSP) 2018/1939",
	// "rozporządzenia (UE) nr 2016/794".
	reOtherPL = regexp.MustCompile(`(?:[Dd]ecyzj|[Rr]ozporządze|[Dd]yrektyw)\p{L}*\s+(?:\((?:WPZiB|UE|EU|Euratom|WSiSW)\)\s+)?(?:nr\s+)?(\d{4}/\d{1,5})`)
	reOtherEN = regexp.MustCompile(`(?:Decision|Regulation|Directive)\s+(?:\((?:CFSP|EU|Euratom|JHA)\)\s+)?(?:No\s+)?(\d{4}/\d{1,5})`)

	externalPL = map[string]bool{"konwencji": true, "traktatu": true, "tue": true, "tfue": true, "decyzji": true, "rozporządzenia": true, "dyrektywy": true, "umowy": true, "karty": true, "statutu": true, "protokołu": true, "regulaminu": true, "kodeksu": true, "ustawy": true}
)

// xrefs links the references in an act's recitals and articles.
type xrefs struct {
	act      *Act
	page     *content.Page
	resolver Resolver
	src      []byte
	base     string
	strict   bool
	ds       *diag.List
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
	reRef, reOther := reRefPL, reOtherPL
	if x.page.Lang != "pl" {
		reRef, reOther = reRefEN, reOtherEN
	}
	for _, m := range reOther.FindAllSubmatchIndex(val, -1) {
		if !wordStart(val, m[0]) {
			continue
		}
		number := string(val[m[2]:m[3]])
		if to := x.resolver.ResolveAct(x.page.Lang, number); to != nil && to != x.page {
			found = append(found, match{start: m[0], end: m[1], dest: x.base + to.URL})
		}
	}
	if internal {
		for _, m := range reRef.FindAllSubmatchIndex(val, -1) {
			if !wordStart(val, m[0]) || overlaps(found, m[0], m[1]) || x.external(val[m[1]:]) {
				continue
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
					continue // a recital cannot mean "this article"
				}
				art, par, pnt = article, sub(4), sub(5)
			}
			id := "art_" + art
			if par != "" {
				id += "__par_" + par
			}
			if pnt != "" {
				id += "__pnt_" + pnt
			}
			if !x.act.Has(id) {
				line, col := diag.LineCol(x.src, t.Segment.Start+m[0])
				msg := fmt.Sprintf("reference %q points at %s, which this act does not have", string(val[m[0]:m[1]]), id)
				if x.strict {
					x.ds.Errorf(x.page.Path, x.page.BodyLine+line-1, col, "%s", msg)
				} else {
					x.ds.Warnf(x.page.Path, x.page.BodyLine+line-1, col, "%s", msg)
				}
				continue
			}
			found = append(found, match{start: m[0], end: m[1], part: id})
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

// external reports whether the words after a reference name another
// instrument.
func (x *xrefs) external(after []byte) bool {
	words := strings.Fields(strings.ToLower(string(after)))
	if len(words) == 0 {
		return false
	}
	w := strings.Trim(words[0], ",.;:()")
	if x.page.Lang == "pl" {
		return externalPL[w]
	}
	switch w {
	case "thereof", "teu", "tfeu":
		return true
	case "of":
		return len(words) < 2 || strings.Trim(words[1], ",.;:") != "this"
	}
	return false
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

func sortMatches(ms []match) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
}
