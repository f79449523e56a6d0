package markdown

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Act is the structure of an EU legal act recognised in a page's Markdown
// (see docs/editors-guide.md, "Legal acts"): its parts in document order,
// and the addressable ones by kind. IDs are ELI / Akoma Ntoso style
// fragments: cit_N, rct_N, art_N, art_N__par_M, art_N__par_M__pnt_x, fnp,
// anx (anx_I …) and anx__sec_K for the annex's sections.
type Act struct {
	Units     []Unit
	Citations []string
	Recitals  []string
	Articles  []Article
	Final     bool
	Annexes   []Annex
	// Notes reports whether the act has footnotes (their heading has the
	// id NotesID).
	Notes bool
	// Cited are the acts its footnotes cite ("Decyzja Rady (WPZiB)
	// 2018/1939 …"), each once, in order.
	Cited []CitedAct
	ids   map[string]bool
}

// NotesID is the id of the heading of an act's footnotes.
const NotesID = "notes"

// CitedAct is an EU act a footnote cites.
type CitedAct struct {
	Number string // "2018/1939"
	// Type is the CELEX letter of its kind: 'D' decision, 'R'
	// regulation, 'L' directive.
	Type byte
	// URL is the act's page on the portal (a site path without the base
	// path), "" when the portal does not publish it.
	URL string
}

// CELEX returns the act's CELEX number ("32018D1939"): sector 3, the year,
// the kind's letter and the number in four digits at least.
func (c CitedAct) CELEX() string {
	year, num, _ := strings.Cut(c.Number, "/")
	for len(num) < 4 {
		num = "0" + num
	}
	return "3" + year + string(c.Type) + num
}

// Unit is one part of an act in reading order: the institution line, a
// citation, the recitals' introduction, a recital, the enacting formula, an
// article, the final part, an annex or an annex section, the footnotes.
// Units with the same Key in two language versions say the same thing; the
// parallel view aligns them.
type Unit struct {
	Key   string // "pbl", "cit_1", "pbl_intro", "rct_3", "enc", "art_2", "fnp", "anx", "anx__sec_4", "fn"
	Label string // the heading text for articles and annex parts, else ""
	// HTML is the unit rendered on its own for the parallel view, where
	// two language versions share a page: every id and fragment link of
	// the act carries the prefix "<lang>-" ("pl-art_2").
	HTML string
	node *unitNode
}

// Article is an article with its paragraphs.
type Article struct {
	ID, Num, Label, Title string
	Paragraphs            []Paragraph
	Points                []string // points directly in the article, without paragraphs
}

// Paragraph is a (numbered or unnumbered) paragraph of an article.
type Paragraph struct {
	ID, Num  string
	Numbered bool
	Points   []string
}

// Annex is an annex with its section headings.
type Annex struct {
	ID, Label, Title string
	Sections         []Heading
}

// Has reports whether the act has a part with the given id.
func (a *Act) Has(id string) bool { return a.ids[id] }

// IDs returns the ids of recitals, articles, paragraphs and points, the parts
// whose presence two language versions must agree on.
func (a *Act) IDs() []string {
	out := append([]string(nil), a.Recitals...)
	for _, art := range a.Articles {
		out = append(out, art.ID)
		for _, p := range art.Paragraphs {
			out = append(out, p.ID)
			out = append(out, p.Points...)
		}
		out = append(out, art.Points...)
	}
	return out
}

// unitNode wraps the blocks of one unit in the AST.
type unitNode struct {
	ast.BaseBlock
	key   string
	class string // "act-article", "act-annex" or "" (rendered without a wrapper)
}

// kindUnit is the AST kind of act units.
var kindUnit = ast.NewNodeKind("ActUnit")

func (n *unitNode) Kind() ast.NodeKind { return kindUnit }

func (n *unitNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"key": n.key}, nil)
}

// anchorNode is the visible link to a part's own address.
type anchorNode struct {
	ast.BaseInline
	id, label string // the part's id, without a prefix
}

var kindAnchor = ast.NewNodeKind("ActAnchor")

func (n *anchorNode) Kind() ast.NodeKind { return kindAnchor }

func (n *anchorNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"id": n.id}, nil)
}

// headNode holds an article's heading and, after it, the anchor link to
// the article: outside the heading, so that the heading's accessible name
// stays its text ("Artykuł 1").
type headNode struct {
	ast.BaseBlock
	anchor *anchorNode
}

var kindHead = ast.NewNodeKind("ActHead")

func (n *headNode) Kind() ast.NodeKind { return kindHead }

func (n *headNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// refNode is a reference to a part of the same act ("art. 2 ust. 1"): a
// link to the part, its children the reference's text.
type refNode struct {
	ast.BaseInline
	id string // the part's id, without a prefix
}

var kindRef = ast.NewNodeKind("ActReference")

func (n *refNode) Kind() ast.NodeKind { return kindRef }

func (n *refNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"id": n.id}, nil)
}

// attrPart marks the blocks whose id is the address of a part of the act
// (their "id" attribute), as opposed to heading ids made from the text.
// No attribute filter of goldmark's HTML renderer lets it through.
var attrPart = []byte("act-part")

// partID returns the id of the part block n is, if it is one.
func partID(n ast.Node) ([]byte, bool) {
	if _, ok := n.Attribute(attrPart); !ok {
		return nil, false
	}
	id, _ := n.AttributeString("id")
	b, _ := id.([]byte)
	return b, true
}

var (
	reCitation  = regexp.MustCompile(`^(?i:uwzględniając|po konsultacji|stanowiąc|having regard|after consulting|after transmission|acting in accordance)`)
	reIntro     = regexp.MustCompile(`^(?i:a także mając na uwadze|mając na uwadze|whereas)`)
	reRecital   = regexp.MustCompile(`^\((\d+)\)\s`)
	reArticle   = regexp.MustCompile(`^(?:Artykuł|Article|ARTYKUŁ|ARTICLE)\s+(\d+[a-z]*)\s*$`)
	reAnnex     = regexp.MustCompile(`^(?:ZAŁĄCZNIK|ANNEX|Załącznik|Annex)(?:\s+([IVXLC]+))?\s*$`)
	reFinal     = regexp.MustCompile(`^(?:Sporządzono w|Done at)\b`)
	rePoint     = regexp.MustCompile(`^(?:([a-z])\)|\(([a-z]|[ivx]+)\))\s`)
	reLowercase = regexp.MustCompile(`\p{Ll}`)
)

// actBuilder turns a parsed document into an act.
type actBuilder struct {
	doc   ast.Node
	src   []byte
	label func(kind, num string) string
	act   *Act
}

// structureAct recognises the act's parts among the document's top-level
// blocks, wraps each part in a unit node and gives the addressable blocks
// their ids and anchor links.
func structureAct(doc ast.Node, src []byte, label func(kind, num string) string) *Act {
	b := &actBuilder{doc: doc, src: src, label: label, act: &Act{ids: map[string]bool{}}}
	var blocks []ast.Node
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		blocks = append(blocks, c)
	}
	var cur *unitNode
	open := func(key, class, label string) *unitNode {
		u := &unitNode{key: key, class: class}
		b.act.Units = append(b.act.Units, Unit{Key: key, Label: label, node: u})
		return u
	}
	state := "preamble"
	var article *Article
	annexSecs := 0
	var annex *Annex
	for _, n := range blocks {
		text := blockText(n, src)
		var head *headNode // set for an article's heading
		switch {
		case isHeading(n, 2) && reArticle.MatchString(text):
			num := reArticle.FindStringSubmatch(text)[1]
			state = "article"
			b.act.Articles = append(b.act.Articles, Article{ID: "art_" + num, Num: num, Label: text})
			article = &b.act.Articles[len(b.act.Articles)-1]
			cur = open(article.ID, "act-article", text)
			b.setID(n, article.ID)
			head = &headNode{anchor: &anchorNode{id: article.ID, label: b.label("art", num)}}
		case isHeading(n, 2) && reAnnex.MatchString(text):
			id := "anx"
			if roman := reAnnex.FindStringSubmatch(text)[1]; roman != "" {
				id = "anx_" + roman
			}
			state = "annex"
			annexSecs = 0
			b.act.Annexes = append(b.act.Annexes, Annex{ID: id, Label: text})
			annex = &b.act.Annexes[len(b.act.Annexes)-1]
			cur = open(id, "act-annex", text)
			b.setID(n, id)
		case state == "annex" && isHeadingAny(n):
			h := n.(*ast.Heading)
			if annex.Title == "" && h.Level == 3 && cur.key == annex.ID {
				annex.Title = text
				b.setID(n, annex.ID+"__tit")
				break
			}
			annexSecs++
			id := annex.ID + "__sec_" + strconv.Itoa(annexSecs)
			annex.Sections = append(annex.Sections, Heading{Level: h.Level, ID: id, Text: text})
			cur = open(id, "act-annex-section", text)
			b.setID(n, id)
		case n.Kind() == east.KindFootnoteList:
			cur = open("fn", "", "")
			b.act.Notes = true
		case state == "article" && n.Kind() == ast.KindParagraph && reFinal.MatchString(text):
			state = "final"
			b.act.Final = true
			cur = open("fnp", "act-final", "")
			b.setID(n, "fnp")
		case state == "article" && isHeading(n, 3) && article.Title == "" && len(article.Paragraphs) == 0:
			article.Title = text
			b.setID(n, article.ID+"__tit")
		case state == "article":
			b.articleBlock(article, n)
		case state == "preamble" && n.Kind() == ast.KindParagraph:
			switch {
			case reRecital.MatchString(text):
				num := reRecital.FindStringSubmatch(text)[1]
				id := "rct_" + num
				b.act.Recitals = append(b.act.Recitals, id)
				cur = open(id, "", "")
				b.mark(n, id, "rct", num)
			case reCitation.MatchString(text):
				id := "cit_" + strconv.Itoa(len(b.act.Citations)+1)
				b.act.Citations = append(b.act.Citations, id)
				cur = open(id, "", "")
				b.mark(n, id, "cit", strconv.Itoa(len(b.act.Citations)))
			case reIntro.MatchString(text):
				cur = open("pbl_intro", "", "")
			case !reLowercase.MatchString(text) && strings.HasSuffix(text, ":"):
				cur = open("enc", "act-enacting", "")
				setClass(n, "act-enacting")
			case cur == nil:
				cur = open("pbl", "", "")
			}
		}
		if cur == nil {
			cur = open("pbl", "", "")
		}
		doc.RemoveChild(doc, n)
		if head != nil {
			head.AppendChild(head, n)
			head.AppendChild(head, head.anchor)
			cur.AppendChild(cur, head)
			continue
		}
		cur.AppendChild(cur, n)
	}
	for _, u := range b.act.Units {
		doc.AppendChild(doc, u.node)
	}
	return b.act
}

// articleBlock handles a block inside an article: numbered paragraphs
// (an ordered list), unnumbered paragraphs and lists of points.
func (b *actBuilder) articleBlock(art *Article, n ast.Node) {
	switch t := n.(type) {
	case *ast.List:
		if t.IsOrdered() {
			num := t.Start
			if num == 0 {
				num = 1
			}
			for li := t.FirstChild(); li != nil; li = li.NextSibling() {
				p := Paragraph{ID: art.ID + "__par_" + strconv.Itoa(num), Num: strconv.Itoa(num), Numbered: true}
				b.mark(li, p.ID, "par", p.Num)
				p.Points = b.points(li, p.ID)
				art.Paragraphs = append(art.Paragraphs, p)
				num++
			}
			return
		}
		art.Points = append(art.Points, b.pointList(t, art.ID)...)
	case *ast.Paragraph:
		k := strconv.Itoa(len(art.Paragraphs) + 1)
		p := Paragraph{ID: art.ID + "__par_" + k, Num: k}
		b.mark(n, p.ID, "par", k)
		art.Paragraphs = append(art.Paragraphs, p)
	}
}

// points finds the lettered points in the nested lists of a list item.
func (b *actBuilder) points(li ast.Node, parent string) []string {
	var out []string
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.List); ok && !l.IsOrdered() {
			out = append(out, b.pointList(l, parent)...)
		}
	}
	return out
}

func (b *actBuilder) pointList(l *ast.List, parent string) []string {
	var out []string
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		m := rePoint.FindStringSubmatch(blockText(li, b.src))
		if m == nil {
			continue
		}
		letter := m[1] + m[2]
		id := parent + "__pnt_" + letter
		b.setID(li, id)
		b.act.ids[id] = true
		out = append(out, id)
		out = append(out, b.points(li, id)...)
	}
	return out
}

// mark gives a block its id and a visible anchor link to it.
func (b *actBuilder) mark(n ast.Node, id, kind, num string) {
	b.setID(n, id)
	target := n
	if n.Kind() == ast.KindListItem && n.FirstChild() != nil {
		target = n.FirstChild() // the paragraph or text block of the item
	}
	a := &anchorNode{id: id, label: b.label(kind, num)}
	if first := target.FirstChild(); first != nil {
		target.InsertBefore(target, first, a)
	} else {
		target.AppendChild(target, a)
	}
}

func (b *actBuilder) setID(n ast.Node, id string) {
	n.SetAttributeString("id", []byte(id))
	n.SetAttribute(attrPart, true)
	b.act.ids[id] = true
}

func setClass(n ast.Node, class string) { n.SetAttributeString("class", []byte(class)) }

func isHeading(n ast.Node, level int) bool {
	h, ok := n.(*ast.Heading)
	return ok && h.Level == level
}

func isHeadingAny(n ast.Node) bool { return n.Kind() == ast.KindHeading }

// blockText is the plain text of a block, trimmed.
func blockText(n ast.Node, src []byte) string {
	if n.Kind() == ast.KindListItem {
		if f := n.FirstChild(); f != nil {
			return nodeText(f, src)
		}
	}
	return nodeText(n, src)
}
