package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// dropped reports what an editor wrote that the page would not show as
// written: HTML, which the converter leaves out (raw HTML is off, so that
// nothing an editor writes can run script), is a warning; a Hugo shortcode
// ({{< … >}}, {{% … %}}), which would show as literal text, is an error.
// HTML comments are notes to other editors and go without a word.
func dropped(p *content.Page, n ast.Node, src []byte, lines *lineCounter, ds *diag.List) {
	switch t := n.(type) {
	case *ast.HTMLBlock:
		if t.Lines().Len() == 0 {
			return
		}
		off := t.Lines().At(0).Start
		if !bytes.HasPrefix(bytes.TrimLeft(src[off:], " \t"), []byte("<!--")) {
			line, col := lines.at(off)
			ds.Warnf(diag.KindRawHTML, p.Path, p.BodyLine+line-1, col, "HTML is not published (the portal takes no HTML from content, so that no page can run script): write it in Markdown instead")
		}
	case *ast.RawHTML:
		if t.Segments.Len() == 0 {
			return
		}
		seg := t.Segments.At(0)
		off := seg.Start
		if !bytes.HasPrefix(src[off:], []byte("<!--")) {
			line, col := lines.at(off)
			ds.Warnf(diag.KindRawHTML, p.Path, p.BodyLine+line-1, col, "HTML tag %s is not published (the portal takes no HTML from content): write it in Markdown instead", firstLine(seg.Value(src)))
		}
	case *ast.Text:
		if parent := n.Parent(); parent != nil && parent.Kind() == ast.KindCodeSpan {
			return
		}
		seg := t.Segment
		value := seg.Value(src)
		for i := bytes.Index(value, []byte("{{")); i >= 0; {
			off := seg.Start + i
			if rest := src[off:]; bytes.HasPrefix(rest, []byte("{{<")) || bytes.HasPrefix(rest, []byte("{{%")) {
				line, col := lines.at(off)
				ds.Errorf(p.Path, p.BodyLine+line-1, col, "Hugo shortcode %s would show on the page as text: hubgen has no shortcodes; write it in Markdown instead (a link [title](https://…), an image ![description](file.jpg), a fenced code block), or put it in `backticks` to show it as code", shortcode(rest))
			}
			j := bytes.Index(value[i+2:], []byte("{{"))
			if j < 0 {
				break
			}
			i += 2 + j
		}
	}
}

// shortcode returns the shortcode that src starts with, up to its closing
// >}} or %}} on the same line (or the rest of the line).
func shortcode(src []byte) string {
	s := firstLine(src)
	for _, end := range []string{">}}", "%}}"} {
		if i := bytes.Index([]byte(s), []byte(end)); i >= 0 {
			return s[:i+len(end)]
		}
	}
	return s
}

// firstLine is src up to its first line break, at most 80 bytes (cut at
// a character's start).
func firstLine(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	if len(src) > 80 {
		k := 77
		for k > 0 && !utf8.RuneStart(src[k]) {
			k--
		}
		return string(src[:k]) + "…"
	}
	return string(bytes.TrimSpace(src))
}
