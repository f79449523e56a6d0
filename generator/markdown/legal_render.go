package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// actRenderer renders act units (articles and annexes as <section>, other
// units without a wrapper) and anchor links.
type actRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (actRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindUnit, renderUnit)
	reg.Register(kindAnchor, renderAnchor)
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

func renderAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	a := n.(*anchorNode)
	_, _ = w.WriteString(`<a class="anchor" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(a.href), false)))
	_, _ = w.WriteString(`" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(a.label)))
	_, _ = w.WriteString(`">¶</a>`)
	return ast.WalkSkipChildren, nil
}
