package render

import (
	"html/template"
	"strings"
)

// ItemList writes a list of items (a section's or topic's page, a block
// of the home page): sub when the list sits under an h2 (items get h3
// headings), kinds to show each item's kind. It is
//
//	<ul class="items">
//	{{range $it := .Items}}<li class="item item-{{.Kind}}">
//	{{if $sub}}<h3 class="item-title">{{else}}<h2 class="item-title">{{end}}<a href="{{.URL}}">{{.Title}}</a>{{if $sub}}</h3>{{else}}</h2>{{end}}
//	{{if or $kinds .DateISO}}<p class="meta">{{if $kinds}}<span class="kind">{{.KindName}}</span>{{if .DateISO}} · {{end}}{{end}}{{with .DateISO}}<time datetime="{{.}}">{{$it.DateText}}</time>{{end}}</p>{{end}}
//	{{with .Summary}}<p class="summary">{{.}}</p>{{end}}
//	{{with .Topics}}<ul class="tags" aria-label="{{$.L.T "page.topics"}}">{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}</ul>{{end}}
//	</li>
//	{{end}}</ul>
func (d *Data) ItemList(items []Item, sub, kinds bool) template.HTML {
	open, closing := `<h2 class="item-title">`, "</h2>\n"
	if sub {
		open, closing = `<h3 class="item-title">`, "</h3>\n"
	}
	var label string // "page.topics", looked up once
	n := 32
	for i := range items {
		n += 384 + len(items[i].Title) + len(items[i].Summary) + 128*len(items[i].Topics)
	}
	b := &strings.Builder{}
	b.Grow(n)
	b.WriteString("<ul class=\"items\">\n")
	for i := range items {
		it := &items[i]
		b.WriteString(`<li class="item item-`)
		writeEscaped(b, it.Kind)
		b.WriteString("\">\n")
		b.WriteString(open)
		b.WriteString(`<a href="`)
		writeURL(b, it.URL)
		b.WriteString(`">`)
		writeEscaped(b, it.Title)
		b.WriteString("</a>")
		b.WriteString(closing)
		if kinds || it.DateISO != "" {
			b.WriteString(`<p class="meta">`)
			if kinds {
				b.WriteString(`<span class="kind">`)
				writeEscaped(b, it.KindName)
				b.WriteString("</span>")
				if it.DateISO != "" {
					b.WriteString(" · ")
				}
			}
			if it.DateISO != "" {
				writeTime(b, it.DateISO, it.DateText)
			}
			b.WriteString("</p>")
		}
		b.WriteByte('\n')
		if it.Summary != "" {
			b.WriteString(`<p class="summary">`)
			writeEscaped(b, it.Summary)
			b.WriteString("</p>")
		}
		b.WriteByte('\n')
		if len(it.Topics) > 0 {
			if label == "" {
				label = d.L.T("page.topics")
			}
			b.WriteString(`<ul class="tags" aria-label="`)
			writeEscaped(b, label)
			b.WriteString(`">`)
			writeTags(b, it.Topics)
			b.WriteString("</ul>")
		}
		b.WriteString("\n</li>\n")
	}
	b.WriteString("</ul>\n")
	return template.HTML(b.String())
}

// writeTags writes the entries of a list of topics:
//
//	{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}
func writeTags(b *strings.Builder, topics []Link) {
	for _, t := range topics {
		b.WriteString(`<li><a href="`)
		writeURL(b, t.URL)
		b.WriteString(`">`)
		writeEscaped(b, t.Name)
		b.WriteString("</a></li>")
	}
}

// writeTime writes <time datetime="{{iso}}">{{text}}</time>.
func writeTime(b *strings.Builder, iso, text string) {
	b.WriteString(`<time datetime="`)
	writeEscaped(b, iso)
	b.WriteString(`">`)
	writeEscaped(b, text)
	b.WriteString("</time>")
}

// PagerNav writes the links of a paginated list, when it has more than one
// page:
//
//	{{with .Pager}}{{if gt .Total 1}}<nav class="pager" aria-label="{{$.L.T "pager.label"}}">
//	<ul>
//	{{with .Prev}}<li><a href="{{.}}" rel="prev">{{$.L.T "pager.prev"}}</a></li>{{end}}
//	{{range .Pages}}<li>{{if .Current}}<span aria-current="page">{{.Name}}</span>{{else if .URL}}<a href="{{.URL}}">{{.Name}}</a>{{else}}<span class="gap" aria-hidden="true">{{.Name}}</span>{{end}}</li>{{end}}
//	{{with .Next}}<li><a href="{{.}}" rel="next">{{$.L.T "pager.next"}}</a></li>{{end}}
//	</ul>
//	</nav>{{end}}{{end}}
func (d *Data) PagerNav() template.HTML {
	p := d.Pager
	if p == nil || p.Total <= 1 {
		return ""
	}
	b := &strings.Builder{}
	b.Grow(256 + len(p.Pages)*64 + len(p.Prev) + len(p.Next))
	b.WriteString(`<nav class="pager" aria-label="`)
	writeEscaped(b, d.L.T("pager.label"))
	b.WriteString("\">\n<ul>\n")
	writeRelLink(b, p.Prev, "prev", d.L.T("pager.prev"))
	b.WriteByte('\n')
	for _, l := range p.Pages {
		b.WriteString("<li>")
		if !l.Current && l.URL == "" {
			b.WriteString(`<span class="gap" aria-hidden="true">`)
			writeEscaped(b, l.Name)
			b.WriteString("</span>")
		} else {
			writeLink(b, l)
		}
		b.WriteString("</li>")
	}
	b.WriteByte('\n')
	writeRelLink(b, p.Next, "next", d.L.T("pager.next"))
	b.WriteString("\n</ul>\n</nav>")
	return template.HTML(b.String())
}

// writeRelLink writes the pager's link to the page before or after (rel),
// when there is one (url):
//
//	{{with URL}}<li><a href="{{.}}" rel="REL">{{TEXT}}</a></li>{{end}}
func writeRelLink(b *strings.Builder, url, rel, text string) {
	if url == "" {
		return
	}
	b.WriteString(`<li><a href="`)
	writeURL(b, url)
	b.WriteString(`" rel="` + rel + `">`)
	writeEscaped(b, text)
	b.WriteString("</a></li>")
}

// PageDates writes the date a content page was published and the date it
// was last changed, when that is another day:
//
//	{{with .Page}}{{$updated := and (not .Lastmod.IsZero) (ne ($.L.ISO .Lastmod) ($.L.ISO .Date))}}{{if or (not .Date.IsZero) $updated}}<p class="meta">{{if not .Date.IsZero}}{{$.L.T "page.published"}}: <time datetime="{{$.L.ISO .Date}}">{{$.L.Date .Date}}</time>{{if $updated}} · {{end}}{{end}}{{if $updated}}{{$.L.T "page.updated"}}: <time datetime="{{$.L.ISO .Lastmod}}">{{$.L.Date .Lastmod}}</time>{{end}}</p>{{end}}{{end}}
func (d *Data) PageDates() template.HTML {
	pg := d.Page
	if pg == nil {
		return ""
	}
	updated := !pg.Lastmod.IsZero() && d.L.ISO(pg.Lastmod) != d.L.ISO(pg.Date)
	dated := !pg.Date.IsZero()
	if !dated && !updated {
		return ""
	}
	b := &strings.Builder{}
	b.Grow(256)
	b.WriteString(`<p class="meta">`)
	if dated {
		writeEscaped(b, d.L.T("page.published"))
		b.WriteString(": ")
		writeTime(b, d.L.ISO(pg.Date), d.L.Date(pg.Date))
		if updated {
			b.WriteString(" · ")
		}
	}
	if updated {
		writeEscaped(b, d.L.T("page.updated"))
		b.WriteString(": ")
		writeTime(b, d.L.ISO(pg.Lastmod), d.L.Date(pg.Lastmod))
	}
	b.WriteString("</p>")
	return template.HTML(b.String())
}

// TopicsSection writes the section that links a content page's topics:
//
//	{{with .Topics}}<section class="topics" aria-labelledby="topics-h">
//	<h2 id="topics-h">{{$.L.T "page.topics"}}</h2>
//	<ul class="tags">{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}</ul>
//	</section>{{end}}
func (d *Data) TopicsSection() template.HTML {
	if len(d.Topics) == 0 {
		return ""
	}
	b := &strings.Builder{}
	b.Grow(160 + len(d.Topics)*128)
	b.WriteString("<section class=\"topics\" aria-labelledby=\"topics-h\">\n<h2 id=\"topics-h\">")
	writeEscaped(b, d.L.T("page.topics"))
	b.WriteString("</h2>\n<ul class=\"tags\">")
	writeTags(b, d.Topics)
	b.WriteString("</ul>\n</section>")
	return template.HTML(b.String())
}
