// Package markdown turns a page's Markdown into HTML with goldmark: GitHub
// tables, strikethrough, autolinks and footnotes, heading ids from a
// Polish-aware slug, raw HTML off, links written to content files
// rewritten to the target page's URL, and EU legal acts (an extension:
// parts with addresses, cross-references, units for the parallel view).
package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
)

// Resolver finds the pages links point at.
type Resolver interface {
	// ResolveFile finds the page a link to a content file points at, as
	// written in page from; problem is non-empty when the link cannot be followed.
	ResolveFile(from *content.Page, target string) (to *content.Page, problem string)
	// ResolveAct finds the published legal act with the given number
	// ("2018/1939"), preferably in lang, or nil.
	ResolveAct(lang, number string) *content.Page
}

// Config configures a Converter.
type Config struct {
	BasePath string // prefix of every site path in links, e.g. "/portal"
	// Strict makes a reference to a missing part of an act an error (check)
	// rather than a warning (build).
	Strict bool
	// AnchorLabel names the anchor link of an act's part for screen readers,
	// e.g. ("pl", "rct", "3") -> "Link do motywu 3".
	AnchorLabel func(lang, kind, num string) string
}

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md       goldmark.Markdown // parses, and renders pages
	parallel renderer.Renderer // renders acts' units for the parallel view
	cfg      Config
	parses   atomic.Int64
	buffers  sync.Pool // *bytes.Buffer for rendering
}

// Heading is a heading of a page, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered page body.
type Result struct {
	HTML     string // a string, so that layouts take it without a copy
	Headings []Heading
	Links    []*content.Page // pages this body links to, in order of appearance
	Text     string          // the body as plain text (for search and summaries)
	// Act is the structure of a page of an act kind (config.Kind.Act),
	// with each unit also rendered for the parallel view; nil otherwise.
	Act *Act
}

// New returns a Converter.
func New(cfg Config) *Converter {
	if cfg.AnchorLabel == nil {
		cfg.AnchorLabel = func(_, kind, num string) string { return kind + " " + num }
	}
	return &Converter{md: newGoldmark(cfg, false), parallel: newGoldmark(cfg, true).Renderer(), cfg: cfg}
}

// newGoldmark configures goldmark: GitHub tables, strikethrough, autolinks,
// footnotes, heading ids, legal acts. With parallel, its renderer writes
// acts for the parallel view: the ids and fragment links of acts' parts and
// footnotes carry the prefix "<lang>-".
func newGoldmark(cfg Config, parallel bool) goldmark.Markdown {
	footnotes := []extension.FootnoteOption{extension.WithFootnoteBacklinkHTML("↩")}
	if parallel {
		footnotes = append(footnotes, extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
			return []byte(parallelPrefix(n))
		}))
	}
	acts := &legalActs{
		transformer: actTransformer{base: cfg.BasePath, strict: cfg.Strict, label: cfg.AnchorLabel},
		parallel:    parallel,
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.NewFootnote(footnotes...), acts),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Raw HTML stays off (goldmark's default): editors' HTML is dropped.
	)
}

// Convert renders page p from one parse of its body: the page's HTML and,
// for an act, its structure and units for the parallel view. Problems
// (links to missing files, references to missing parts of an act) are
// added to ds with the file's line and column.
func (c *Converter) Convert(p *content.Page, r Resolver, ds *diag.List) Result {
	src := p.Body
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	var act *actDoc
	if p.Kind != nil && p.Kind.Act {
		act = &actDoc{page: p, resolver: r, ds: ds}
		ctx.Set(actKey, act)
	}
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	c.parses.Add(1)
	var res Result
	if act != nil {
		res.Act = act.act
	}
	var plain strings.Builder
	plain.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				plain.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Heading:
			id, _ := t.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: t.Level, ID: string(idb), Text: nodeText(t, src)})
		case *ast.Link:
			if to := c.rewrite(p, r, t, src, ds); to != nil {
				res.Links = append(res.Links, to)
			}
		case *ast.Text:
			plain.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(t.Value)
		case *ast.AutoLink:
			plain.Write(t.Label(src))
		}
		return ast.WalkContinue, nil
	})
	res.HTML = c.render(c.md.Renderer(), p, doc, ds)
	if res.Act != nil {
		for i := range res.Act.Units {
			u := &res.Act.Units[i]
			u.HTML = c.render(c.parallel, p, u.node, ds)
			u.node = nil // the result keeps no part of the tree
		}
	}
	res.Text = collapseSpace(plain.String())
	return res
}

// collapseSpace is strings.Join(strings.Fields(s), " ") without a slice of
// every word: the words of s separated by single spaces.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+n]) // bytes as they are, even invalid ones
		}
		i += n
	}
	return b.String()
}

// Parses reports how many documents c has parsed: one per Convert.
func (c *Converter) Parses() int64 { return c.parses.Load() }

// render renders a node of p's tree with r, through a buffer of c's pool:
// the result is one allocation of its exact size.
func (c *Converter) render(r renderer.Renderer, p *content.Page, n ast.Node, ds *diag.List) string {
	buf, _ := c.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	if err := r.Render(buf, p.Body, n); err != nil {
		ds.Errorf(p.Path, p.BodyLine, 1, "rendering Markdown: %v", err)
	}
	out := buf.String()
	c.buffers.Put(buf)
	return out
}

// rewrite turns a link to a content file into the target's URL.
func (c *Converter) rewrite(p *content.Page, r Resolver, l *ast.Link, src []byte, ds *diag.List) *content.Page {
	dest := string(l.Destination)
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return nil
	}
	filePart, _ := url.PathUnescape(u.Path)
	if !strings.HasSuffix(filePart, ".md") {
		return nil
	}
	to, problem := r.ResolveFile(p, filePart)
	if problem != "" {
		line, col := position(l, src)
		ds.Errorf(p.Path, p.BodyLine+line-1, col, "%s", problem)
		return nil
	}
	target := c.cfg.BasePath + to.URL
	if u.Fragment != "" {
		target += "#" + u.EscapedFragment()
	}
	l.Destination = []byte(target)
	return to
}

// position finds the line and column (within the body) where a link starts.
func position(n ast.Node, src []byte) (int, int) {
	off := -1
	for c := n.FirstChild(); c != nil && off < 0; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start - 1 // the '[' before the text
		}
	}
	if off < 0 {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				off = b.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 1, 1
	}
	return diag.LineCol(src, off)
}

// nodeText returns the plain text of an inline subtree.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// ids makes heading ids from a Polish-aware slug ("Współpraca z Łodzią" ->
// "wspolpraca-z-lodzia"), unique within the page.
type ids struct {
	used map[string]bool
	// next holds, per base, the suffix after the last one given out:
	// every id base-1 … base-(next-1) is taken, so that n headings with
	// one text take linear time, not quadratic.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// Generate implements parser.IDs. The id is the slug, or when that is
// taken (by an earlier heading, an explicit id or a heading whose text is
// the numbered form, such as "x-1") the slug with the smallest free suffix
// -1, -2, ….
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := i18n.Slugify(string(value))
	if base == "" {
		base = "section"
	}
	if kind == ast.KindHeading && base[0] >= '0' && base[0] <= '9' {
		base = "h-" + base
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

var _ parser.IDs = (*ids)(nil)
