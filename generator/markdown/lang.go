package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"
)

// Phrases in another language. An editor marks one by writing its language
// after it in braces: `[Knowledge Hub]{lang=en}` becomes
// `<span lang="en">Knowledge Hub</span>`, and a link `[text](url){lang=en}`
// gets lang itself. Nothing else may be written there: only lang, with a
// well-formed BCP 47 tag (en, pl, de-AT, sr-Latn); anything else stays
// text as written, so that no attribute of an editor's can run script or
// change a page's markup. Code spans and code blocks are never read.

// langSuffix is the attribute list after a phrase: "{lang=TAG}".
var langSuffix = regexp.MustCompile(`^\{lang=([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)\}`)

// langTag returns tag in canonical form when it is a well-formed BCP 47
// language tag whose language is known, else "".
func langTag(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	if base, conf := t.Base(); conf == language.No || base.String() == "und" {
		return ""
	}
	return t.String()
}

// KindLangSpan is the kind of a LangSpan node.
var KindLangSpan = ast.NewNodeKind("LangSpan")

// LangSpan is a phrase in another language: its children are the phrase.
type LangSpan struct {
	ast.BaseInline
	Lang string
}

// Kind implements ast.Node.
func (n *LangSpan) Kind() ast.NodeKind { return KindLangSpan }

// Dump implements ast.Node.
func (n *LangSpan) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.Lang}, nil)
}

// langSpans is the extension: the transformer finds the phrases, the
// renderer writes their spans.
type langSpans struct{}

func (langSpans) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(langTransformer{}, 900)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(langRenderer{}, 500)))
}

type langTransformer struct{}

// Transform turns "[" … "]{lang=TAG}" among the inline children of a node
// into a LangSpan, and "{lang=TAG}" right after a link into the link's
// lang.
func (langTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("{lang=")) {
		return
	}
	var parents []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		if n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			parents = append(parents, n)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range parents {
		langChildren(p, src)
	}
}

// langChildren makes the phrases among the children of p.
func langChildren(p ast.Node, src []byte) {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		val := t.Segment.Value(src)
		// A link followed by "{lang=…}".
		if link, ok := c.PreviousSibling().(*ast.Link); ok {
			if m := langSuffix.FindSubmatch(val); m != nil {
				if tag := langTag(string(m[1])); tag != "" {
					link.SetAttributeString("lang", []byte(tag))
					t.Segment = t.Segment.WithStart(t.Segment.Start + len(m[0]))
					val = t.Segment.Value(src)
				}
			}
		}
		for k := bytes.Index(val, []byte("]{lang=")); k >= 0; k = bytes.Index(val, []byte("]{lang=")) {
			m := langSuffix.FindSubmatch(val[k+1:])
			tag := ""
			if m != nil {
				tag = langTag(string(m[1]))
			}
			if tag == "" || !wrapPhrase(p, t, k, len(m[0]), tag, src) {
				break
			}
			// t now holds what follows "}"; look on in it.
			val = t.Segment.Value(src)
		}
	}
}

// wrapPhrase makes a LangSpan of the phrase that ends at byte k of text
// node t ("]" there, followed by a suffix of n bytes) and starts after the
// last "[" before it among t and its earlier siblings; t keeps what
// follows the suffix. It reports false when there is no "[".
func wrapPhrase(p ast.Node, t *ast.Text, k, n int, tag string, src []byte) bool {
	// Find the opening bracket: in t before k, or in an earlier text sibling.
	var open *ast.Text
	at := -1
	if i := bytes.LastIndexByte(t.Segment.Value(src)[:k], '['); i >= 0 {
		open, at = t, i
	} else {
		for s := t.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if st, ok := s.(*ast.Text); ok {
				if i := bytes.LastIndexByte(st.Segment.Value(src), '['); i >= 0 {
					open, at = st, i
					break
				}
			}
		}
	}
	if open == nil {
		return false
	}
	span := &LangSpan{Lang: tag}
	seg := t.Segment
	if open == t {
		inner := ast.NewTextSegment(text.NewSegment(seg.Start+at+1, seg.Start+k))
		span.AppendChild(span, inner)
		before := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+at))
		p.InsertBefore(p, t, before)
		p.InsertBefore(p, t, span)
		t.Segment = text.NewSegment(seg.Start+k+1+n, seg.Stop)
		return true
	}
	oseg := open.Segment
	first := ast.NewTextSegment(text.NewSegment(oseg.Start+at+1, oseg.Stop))
	first.SetSoftLineBreak(open.SoftLineBreak())
	first.SetHardLineBreak(open.HardLineBreak())
	open.Segment = text.NewSegment(oseg.Start, oseg.Start+at)
	open.SetSoftLineBreak(false)
	open.SetHardLineBreak(false)
	p.InsertAfter(p, open, span)
	span.AppendChild(span, first)
	for s := span.NextSibling(); s != nil && s != ast.Node(t); {
		next := s.NextSibling()
		p.RemoveChild(p, s)
		span.AppendChild(span, s)
		s = next
	}
	span.AppendChild(span, ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+k)))
	t.Segment = text.NewSegment(seg.Start+k+1+n, seg.Stop)
	return true
}

type langRenderer struct{}

func (langRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLangSpan, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span lang="`)
			_, _ = w.WriteString(n.(*LangSpan).Lang) // a canonical BCP 47 tag: letters, digits, hyphens
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
}
