package render

import (
	"html/template"
	"strings"
)

// TOCItems writes the entries of an act's table of contents, nested
// lists for the annexes' sections:
//
//	{{range .TOC}}<li><a href="{{.URL}}">{{.Name}}</a>{{with .Children}}
//	<ol>{{range .}}<li><a href="{{.URL}}">{{.Name}}</a>{{with .Children}}<ol>…</ol>{{end}}</li>{{end}}</ol>{{end}}</li>
//	{{end}}
func (v *ActView) TOCItems() template.HTML { return tocItems(v.TOC) }

// TOCItems writes the table of contents of the parallel view, as
// ActView.TOCItems does.
func (v *ParallelView) TOCItems() template.HTML { return tocItems(v.TOC) }

func tocItems(toc []TOCEntry) template.HTML {
	n := 0
	for _, e := range toc {
		n += 64 + len(e.Name) + len(e.URL) + len(e.Children)*160
	}
	b := &strings.Builder{}
	b.Grow(n)
	for _, e := range toc {
		b.WriteString("<li>")
		writeTOCEntry(b, e)
		writeTOCChildren(b, e.Children, "\n")
		b.WriteString("</li>\n")
	}
	return template.HTML(b.String())
}

// writeTOCChildren writes the nested list of an entry's children, after
// sep, if it has any.
func writeTOCChildren(b *strings.Builder, children []TOCEntry, sep string) {
	if len(children) == 0 {
		return
	}
	b.WriteString(sep + "<ol>")
	for _, c := range children {
		b.WriteString("<li>")
		writeTOCEntry(b, c)
		writeTOCChildren(b, c.Children, "")
		b.WriteString("</li>")
	}
	b.WriteString("</ol>")
}

// writeTOCEntry writes <a href="{{.URL}}">{{.Name}}</a>.
func writeTOCEntry(b *strings.Builder, e TOCEntry) {
	b.WriteString(`<a href="`)
	writeURL(b, e.URL)
	b.WriteString(`">`)
	writeEscaped(b, e.Name)
	b.WriteString("</a>")
}

// ParallelRows writes the rows of an act's parallel view, one cell per
// language, a note where a version lacks the part:
//
//	{{range .Parallel.Rows}}<div class="parallel-row" data-part="{{.Key}}">
//	{{range .Cells}}<div class="parallel-cell prose act-text" lang="{{.Lang}}">{{if .HTML}}{{.HTML}}{{else}}<p class="missing-part">{{$.L.T "act.missing_part"}}</p>{{end}}</div>
//	{{end}}</div>
//	{{end}}
func (d *Data) ParallelRows() template.HTML {
	if d.Parallel == nil {
		return ""
	}
	var missing string // "act.missing_part", looked up once
	n := 0
	for _, r := range d.Parallel.Rows {
		n += 64 + len(r.Key)
		for _, c := range r.Cells {
			n += 128 + len(c.HTML)
		}
	}
	b := &strings.Builder{}
	b.Grow(n)
	for _, r := range d.Parallel.Rows {
		b.WriteString(`<div class="parallel-row" data-part="`)
		writeEscaped(b, r.Key)
		b.WriteString("\">\n")
		for _, c := range r.Cells {
			b.WriteString(`<div class="parallel-cell prose act-text" lang="`)
			writeEscaped(b, c.Lang)
			b.WriteString(`">`)
			if c.HTML != "" {
				b.WriteString(string(c.HTML))
			} else {
				if missing == "" {
					missing = d.L.T("act.missing_part")
				}
				b.WriteString(`<p class="missing-part">`)
				writeEscaped(b, missing)
				b.WriteString("</p>")
			}
			b.WriteString("</div>\n")
		}
		b.WriteString("</div>\n")
	}
	return template.HTML(b.String())
}
