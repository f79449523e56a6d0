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
	"github.com/yuin/goldmark/text"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
)

// Resolver finds the page a link to a content file points at, as written in
// page from; problem is non-empty when the link cannot be followed.
type Resolver interface {
	ResolveFile(from *content.Page, target string) (to *content.Page, problem string)
}

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md       goldmark.Markdown
	basePath string // prefix of every site path in links, e.g. "/portal"
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
}

// New returns a Converter; basePath is prepended to rewritten links.
func New(basePath string) *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.NewFootnote(
				extension.WithFootnoteBacklinkHTML("↩"),
			),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Raw HTML stays off (goldmark's default): editors' HTML is dropped.
	)
	return &Converter{md: md, basePath: basePath}
}

// Convert renders page p. Problems (links to missing files) are added to ds
// with the file's line and column.
func (c *Converter) Convert(p *content.Page, r Resolver, ds *diag.List) Result {
	src := p.Body
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var res Result
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
	target := c.basePath + to.URL
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
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := i18n.Slugify(string(value))
	if base == "" {
		base = "section"
	}
	if kind == ast.KindHeading && base[0] >= '0' && base[0] <= '9' {
		base = "h-" + base
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

var _ parser.IDs = (*ids)(nil)
