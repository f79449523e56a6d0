package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// actRenderer renders what the legal-act extension adds: act units
// (articles and annexes as <section>, other units without a wrapper),
// anchor links, references to parts, and the paragraphs, headings and list
// items that are parts (their ids). For the parallel view every id and
// fragment link carries the prefix of the document's language
// (parallelPrefix); on the act's own page none does.
type actRenderer struct {
	parallel bool
	text     func(lang, key string) string // UI strings
	// html holds goldmark's own functions, for the paragraphs, headings
	// and list items that are not parts, and the footnote extension's,
	// for the footnotes of pages that are not acts.
	html map[ast.NodeKind]renderer.NodeRendererFunc
	// The attributes goldmark writes of paragraphs, headings and list
	// items, except the id, made once rather than for every part.
	paragraphAttrs, headingAttrs, listItemAttrs util.BytesFilter
}

// newActRenderer returns the renderer for pages, or with parallel for the
// parallel view. The functions it takes from goldmark's HTML renderer
// (paragraphs, headings, list items) read none of its options.
func newActRenderer(parallel bool, text func(lang, key string) string, footnotes []extension.FootnoteOption) *actRenderer {
	r := &actRenderer{
		parallel:       parallel,
		text:           text,
		html:           map[ast.NodeKind]renderer.NodeRendererFunc{},
		paragraphAttrs: exceptID{html.ParagraphAttributeFilter},
		headingAttrs:   exceptID{html.HeadingAttributeFilter},
		listItemAttrs:  exceptID{html.ListItemAttributeFilter},
	}
	html.NewRenderer().RegisterFuncs(funcMap(r.html))
	extension.NewFootnoteHTMLRenderer(footnotes...).RegisterFuncs(funcMap(r.html))
	return r
}

// funcMap collects a node renderer's functions.
type funcMap map[ast.NodeKind]renderer.NodeRendererFunc

func (m funcMap) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) { m[kind] = f }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *actRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindUnit, renderUnit)
	reg.Register(kindAnchor, r.renderAnchor)
	reg.Register(kindRef, r.renderRef)
	reg.Register(kindHead, renderHead)
	reg.Register(east.KindFootnoteList, r.renderNotes)
	reg.Register(east.KindFootnoteBacklink, r.renderBacklink)
	for _, k := range []ast.NodeKind{ast.KindParagraph, ast.KindHeading, ast.KindListItem} {
		reg.Register(k, r.renderBlock)
	}
}

// prefix is the prefix of n's ids and fragment links.
func (r *actRenderer) prefix(n ast.Node) string {
	if !r.parallel {
		return ""
	}
	return parallelPrefix(n)
}

func renderUnit(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	u := n.(*unitNode)
	if u.class == "" {
		return ast.WalkContinue, nil
	}
	if entering {
		_, _ = w.WriteString(`<section class="` + u.class + `">` + "\n")
	} else {
		_, _ = w.WriteString("</section>\n")
	}
	return ast.WalkContinue, nil
}

// renderHead writes the wrapper of an article's heading and its anchor.
func renderHead(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="act-head">` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// docLang is the language of an act's document, "" for other pages.
func docLang(n ast.Node) string {
	if doc := n.OwnerDocument(); doc != nil {
		if lang, ok := doc.Meta()[metaLang].(string); ok {
			return lang
		}
	}
	return ""
}

// renderNotes writes an act's footnotes under a heading ("Przypisy"), as
// the footnote extension writes them otherwise.
func (r *actRenderer) renderNotes(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if lang := docLang(n); entering && lang != "" {
		_, _ = w.WriteString(`<h2 class="notes-heading" id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.prefix(n) + NotesID)))
		_, _ = w.WriteString(`">`)
		_, _ = w.Write(util.EscapeHTML([]byte(r.text(lang, "act.notes.heading"))))
		_, _ = w.WriteString("</h2>\n")
	}
	return r.html[east.KindFootnoteList](w, src, n, entering)
}

// renderBacklink writes the link from a footnote back to its reference as
// the footnote extension does, with a name a screen reader says ("Powrót
// do odwołania 1") instead of "↩" in an act.
func (r *actRenderer) renderBacklink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	lang := docLang(n)
	if !entering || lang == "" {
		return r.html[east.KindFootnoteBacklink](w, src, n, entering)
	}
	b := n.(*east.FootnoteBacklink)
	is := strconv.Itoa(b.Index)
	_, _ = w.WriteString(`&#160;<a href="#`)
	_, _ = w.Write(util.EscapeHTML([]byte(r.prefix(n))))
	_, _ = w.WriteString(`fnref`)
	if b.RefIndex > 0 {
		_, _ = w.WriteString(strconv.Itoa(b.RefIndex))
	}
	_, _ = w.WriteString(":" + is + `" class="footnote-backref" role="doc-backlink" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(strings.ReplaceAll(r.text(lang, "act.notes.back"), "{n}", is))))
	_, _ = w.WriteString(`">↩</a>`)
	return ast.WalkContinue, nil
}

func (r *actRenderer) renderAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	a := n.(*anchorNode)
	_, _ = w.WriteString(`<a class="anchor" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte("#"+r.prefix(n)+a.id), false)))
	_, _ = w.WriteString(`" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(a.label)))
	_, _ = w.WriteString(`">¶</a>`)
	return ast.WalkSkipChildren, nil
}

// renderRef writes a reference as goldmark writes a link.
func (r *actRenderer) renderRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte("#"+r.prefix(n)+n.(*refNode).id), true)))
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

// renderBlock opens a paragraph, heading or list item that is a part as
// goldmark does, with the part's id (prefixed in the parallel view) first;
// everything else about these blocks is goldmark's.
func (r *actRenderer) renderBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	id, ok := partID(n)
	if !entering || !ok {
		return r.html[n.Kind()](w, src, n, entering)
	}
	var filter util.BytesFilter
	switch t := n.(type) {
	case *ast.Heading:
		_, _ = w.WriteString("<h")
		_ = w.WriteByte("0123456"[t.Level])
		filter = r.headingAttrs
	case *ast.ListItem:
		_, _ = w.WriteString("<li")
		filter = r.listItemAttrs
	default:
		_, _ = w.WriteString("<p")
		filter = r.paragraphAttrs
	}
	_, _ = w.WriteString(` id="`)
	if prefix := r.prefix(n); prefix != "" {
		_, _ = w.Write(util.EscapeHTML([]byte(prefix)))
	}
	_, _ = w.Write(util.EscapeHTML(id)) // escaped byte by byte: the same as escaping prefix+id
	_ = w.WriteByte('"')
	html.RenderAttributes(w, n, filter)
	_ = w.WriteByte('>')
	if fc := n.FirstChild(); n.Kind() == ast.KindListItem && fc != nil && fc.Kind() != ast.KindTextBlock {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// exceptID lets through what its filter does, except the id.
type exceptID struct{ util.BytesFilter }

func (f exceptID) Contains(name []byte) bool {
	return string(name) != "id" && f.BytesFilter.Contains(name)
}
