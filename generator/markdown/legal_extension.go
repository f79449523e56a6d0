package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// legalActs is the goldmark extension for EU legal acts: an AST transformer
// that recognises an act's parts and cross-references, and the renderer of
// the nodes it adds. Documents are acts when their parser.Context holds an
// actDoc under actKey; other documents pass through untouched.
type legalActs struct {
	transformer actTransformer
	// parallel renders for the parallel view: every id and fragment link
	// of the act carries the prefix "<lang>-" of the document's language.
	parallel bool
	// text gives UI strings (Config.UIText); footnotes are the options
	// of the footnote extension, whose renderer writes what acts do not
	// change of footnotes.
	text      func(lang, key string) string
	footnotes []extension.FootnoteOption
}

// Extend implements goldmark.Extender.
func (e *legalActs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// After the footnote extension's transformer (999), which
		// appends the footnote list the act's last unit is made of.
		util.Prioritized(&e.transformer, 1000),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Before the footnote extension's renderer (500), whose list and
		// back links it writes for acts.
		util.Prioritized(newActRenderer(e.parallel, e.text, e.footnotes), 499),
	))
}

// actKey is the parser.Context key of a document's *actDoc.
var actKey = parser.NewContextKey()

// actDoc is the legal-act extension's state for one document: what Convert
// knows about the page before parsing, and the act the transformer found.
type actDoc struct {
	page     *content.Page // the act's page: its language, path and body line
	resolver Resolver      // finds the other acts references name
	ds       *diag.List    // receives references to missing parts
	act      *Act          // set by the transformer
}

// metaLang is the document meta key holding an act's language, which the
// parallel view's renderer makes the ids' prefix of.
const metaLang = "hubgen-act-lang"

// actTransformer structures the documents that are acts.
type actTransformer struct {
	strict bool // a reference to a missing part is an error, not a warning
	label  func(lang, kind, num string) string
}

// Transform implements parser.ASTTransformer.
func (t *actTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, ok := pc.Get(actKey).(*actDoc)
	if !ok {
		return
	}
	src, lang := reader.Source(), d.page.Lang
	d.act = structureAct(doc, src, func(kind, num string) string { return t.label(lang, kind, num) })
	x := &xrefs{act: d.act, page: d.page, resolver: d.resolver, src: src, strict: t.strict, ds: d.ds}
	x.run()
	doc.AddMeta(metaLang, lang)
}

// parallelPrefix is the prefix of ids and fragment links in the parallel
// view: the language of n's document and "-" ("pl-"), or "" outside acts.
func parallelPrefix(n ast.Node) string {
	if doc := n.OwnerDocument(); doc != nil {
		if lang, ok := doc.Meta()[metaLang].(string); ok {
			return lang + "-"
		}
	}
	return ""
}
