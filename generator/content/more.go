package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// moreMarker is Hugo's summary divider: the text before it is the page's
// summary when the front matter gives none.
var moreMarker = []byte("<!--more-->")

// teaser returns the plain text of body before its first <!--more--> on a
// line of its own, or "" when there is none; a first heading that repeats
// the title is left out, as the page leaves it out. The marker itself is
// an HTML comment, which pages never show.
func teaser(body []byte, title string) string {
	i := markerLine(body)
	if i < 0 {
		return ""
	}
	src := body[:i]
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	if h, ok := doc.FirstChild().(*ast.Heading); ok && h.Level == 1 {
		var t strings.Builder
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			if x, ok := c.(*ast.Text); ok {
				t.Write(x.Segment.Value(src))
			}
		}
		if strings.EqualFold(strings.Join(strings.Fields(t.String()), " "), strings.Join(strings.Fields(title), " ")) {
			doc.RemoveChild(doc, h)
		}
	}
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// markerLine returns the offset of the first line of body that is
// <!--more--> alone (spaces around it allowed) outside fenced code, or -1.
func markerLine(body []byte) int {
	if !bytes.Contains(body, moreMarker) {
		return -1
	}
	fence := ""
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		line := strings.TrimSpace(string(body[off:end]))
		switch {
		case fence != "":
			if strings.HasPrefix(line, fence) {
				fence = ""
			}
		case strings.HasPrefix(line, "```"):
			fence = "```"
		case strings.HasPrefix(line, "~~~"):
			fence = "~~~"
		case line == string(moreMarker):
			return off
		}
		off = end + 1
	}
	return -1
}
