// Package markdown turns a page's Markdown into HTML with goldmark: GitHub
// tables, strikethrough, autolinks and footnotes, heading ids from a
// Polish-aware slug, raw HTML off, and links written to content files
// rewritten to the target page's URL.
package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

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
	md  goldmark.Markdown
	cfg Config
}

// Heading is a heading of a page, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered page body.
type Result struct {
	HTML     []byte
	Headings []Heading
	Links    []*content.Page // pages this body links to, in order of appearance
	Text     string          // the body as plain text (for search and summaries)
	Act      *Act            // the act's structure, for pages in decisions
}

// metaPrefix is the document meta key holding the id prefix of a conversion.
const metaPrefix = "hubgen-id-prefix"

// New returns a Converter.
func New(cfg Config) *Converter {
	if cfg.AnchorLabel == nil {
		cfg.AnchorLabel = func(_, kind, num string) string { return kind + " " + num }
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.NewFootnote(
				extension.WithFootnoteBacklinkHTML("↩"),
				extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
					if doc := n.OwnerDocument(); doc != nil {
						if p, ok := doc.Meta()[metaPrefix].(string); ok {
							return []byte(p)
						}
					}
					return nil
				}),
			),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(actRenderer{}, 500))),
		// Raw HTML stays off (goldmark's default): editors' HTML is dropped.
	)
	return &Converter{md: md, cfg: cfg}
}

// Convert renders page p. Problems (links to missing files, references to
// missing parts of an act) are added to ds with the file's line and column.
func (c *Converter) Convert(p *content.Page, r Resolver, ds *diag.List) Result {
	return c.convert(p, r, ds, "")
}

// ConvertParallel renders an act for the parallel view: every id and
// fragment link carries the prefix "<lang>-" so that two language versions
// can share a page, and each unit of the act is also rendered on its own
// (Result.Act.Units[i].HTML). Problems were reported by Convert already.
func (c *Converter) ConvertParallel(p *content.Page, r Resolver) Result {
	return c.convert(p, r, &diag.List{}, p.Lang+"-")
}

func (c *Converter) convert(p *content.Page, r Resolver, ds *diag.List, prefix string) Result {
	src := p.Body
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if prefix != "" {
		doc.OwnerDocument().AddMeta(metaPrefix, prefix)
	}
	var res Result
	if p.Section == "decisions" {
		label := func(kind, num string) string { return c.cfg.AnchorLabel(p.Lang, kind, num) }
		res.Act = structureAct(doc, src, prefix, label)
		x := &xrefs{act: res.Act, page: p, resolver: r, src: src, prefix: prefix, base: c.cfg.BasePath, strict: c.cfg.Strict, ds: ds}
		x.run()
	}
	var plain strings.Builder
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
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		ds.Errorf(p.Path, p.BodyLine, 1, "rendering Markdown: %v", err)
	}
	res.HTML = buf.Bytes()
	if res.Act != nil && prefix != "" {
		for i := range res.Act.Units {
			var ub bytes.Buffer
			if err := c.md.Renderer().Render(&ub, src, res.Act.Units[i].node); err != nil {
				ds.Errorf(p.Path, p.BodyLine, 1, "rendering Markdown: %v", err)
			}
			res.Act.Units[i].HTML = ub.Bytes()
		}
	}
	res.Text = strings.Join(strings.Fields(plain.String()), " ")
	return res
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
