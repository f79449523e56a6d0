package render

import (
	"fmt"
	"html/template"
	"strings"
)

// The methods below (and those of components_list.go and
// components_act.go) write parts that every page, or every item of a
// list, repeats with values of its own; layouts call them where they had
// the markup, which each method's comment shows. They escape what they
// write as html/template does in the same place (html.go), so that no
// text of an editor's can become markup.

// HeadLinks writes the canonical link and the hreflang alternates for
// <head>:
//
//	{{with .Canonical}}<link rel="canonical" href="{{.}}">
//	{{end}}{{range .Alternates}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
//	{{end}}{{with .XDefault}}<link rel="alternate" hreflang="x-default" href="{{.}}">
//	{{end}}
func (d *Data) HeadLinks() template.HTML {
	b := &strings.Builder{}
	b.Grow(64 + len(d.Canonical) + len(d.Alternates)*(64+len(d.Canonical)) + len(d.XDefault))
	if d.Canonical != "" {
		b.WriteString(`<link rel="canonical" href="`)
		writeURL(b, d.Canonical)
		b.WriteString("\">\n")
	}
	for _, a := range d.Alternates {
		b.WriteString(`<link rel="alternate" hreflang="`)
		writeEscaped(b, a.Lang)
		b.WriteString(`" href="`)
		writeURL(b, a.Href)
		b.WriteString("\">\n")
	}
	if d.XDefault != "" {
		b.WriteString(`<link rel="alternate" hreflang="x-default" href="`)
		writeURL(b, d.XDefault)
		b.WriteString("\">\n")
	}
	return template.HTML(b.String())
}

// HeadMeta writes the page's structured data, its Open Graph and Twitter
// tags and the link to the language's feed for <head>:
//
//	{{range .JSONLD}}<script type="application/ld+json">{{.}}</script>
//	{{end}}{{with .OG}}<meta property="og:type" content="{{.Type}}">
//	<meta property="og:title" content="{{$.Title}}">
//	{{with $.Description}}<meta property="og:description" content="{{.}}">
//	{{end}}<meta property="og:url" content="{{$.Canonical}}">
//	<meta property="og:site_name" content="{{.SiteName}}">
//	<meta property="og:locale" content="{{.Locale}}">
//	{{range .Alternates}}<meta property="og:locale:alternate" content="{{.}}">
//	{{end}}{{with .Published}}<meta property="article:published_time" content="{{.}}">
//	{{end}}{{with .Modified}}<meta property="article:modified_time" content="{{.}}">
//	{{end}}<meta name="twitter:card" content="summary">
//	<meta name="twitter:title" content="{{$.Title}}">
//	{{with $.Description}}<meta name="twitter:description" content="{{.}}">
//	{{end}}{{end}}{{with .Feed}}<link rel="alternate" type="application/atom+xml" href="{{.}}" title="{{$.Site.Title}}">
//	{{end}}
//
// Each node of JSONLD must be a template.JS, written as it is.
func (d *Data) HeadMeta() (template.HTML, error) {
	n := 1024 + 3*len(d.Description)
	for _, node := range d.JSONLD {
		js, ok := node.(template.JS)
		if !ok {
			return "", fmt.Errorf("JSON-LD node of type %T, not template.JS", node)
		}
		n += 64 + len(js)
	}
	b := &strings.Builder{}
	b.Grow(n)
	for _, node := range d.JSONLD {
		b.WriteString(`<script type="application/ld+json">`)
		b.WriteString(string(node.(template.JS)))
		b.WriteString("</script>\n")
	}
	if og := d.OG; og != nil {
		writeMeta(b, `<meta property="og:type" content="`, og.Type)
		writeMeta(b, `<meta property="og:title" content="`, d.Title)
		if d.Description != "" {
			writeMeta(b, `<meta property="og:description" content="`, d.Description)
		}
		writeMeta(b, `<meta property="og:url" content="`, d.Canonical)
		writeMeta(b, `<meta property="og:site_name" content="`, og.SiteName)
		writeMeta(b, `<meta property="og:locale" content="`, og.Locale)
		for _, a := range og.Alternates {
			writeMeta(b, `<meta property="og:locale:alternate" content="`, a)
		}
		if og.Published != "" {
			writeMeta(b, `<meta property="article:published_time" content="`, og.Published)
		}
		if og.Modified != "" {
			writeMeta(b, `<meta property="article:modified_time" content="`, og.Modified)
		}
		b.WriteString("<meta name=\"twitter:card\" content=\"summary\">\n")
		writeMeta(b, `<meta name="twitter:title" content="`, d.Title)
		if d.Description != "" {
			writeMeta(b, `<meta name="twitter:description" content="`, d.Description)
		}
	}
	if d.Feed != "" {
		b.WriteString(`<link rel="alternate" type="application/atom+xml" href="`)
		writeURL(b, d.Feed)
		b.WriteString(`" title="`)
		writeEscaped(b, d.Site.Title)
		b.WriteString("\">\n")
	}
	return template.HTML(b.String()), nil
}

// writeMeta writes a tag that opens with start and ends with the quoted
// value of its last attribute, and a newline.
func writeMeta(b *strings.Builder, start, value string) {
	b.WriteString(start)
	writeEscaped(b, value)
	b.WriteString("\">\n")
}

// LangSwitch writes the language switcher:
//
//	{{with .Switch}}<nav class="lang-switch" aria-label="{{$.L.T "nav.languages"}}">
//	<ul>
//	{{range .}}<li><a href="{{.URL}}" hreflang="{{.Lang}}" lang="{{.Lang}}"{{if .Missing}} class="missing"{{end}}>{{.Label}}</a></li>
//	{{end}}</ul>
//	</nav>{{end}}
func (d *Data) LangSwitch() template.HTML {
	if len(d.Switch) == 0 {
		return ""
	}
	b := &strings.Builder{}
	b.Grow(128 + len(d.Switch)*128)
	b.WriteString(`<nav class="lang-switch" aria-label="`)
	writeEscaped(b, d.L.T("nav.languages"))
	b.WriteString("\">\n<ul>\n")
	for _, s := range d.Switch {
		b.WriteString(`<li><a href="`)
		writeURL(b, s.URL)
		b.WriteString(`" hreflang="`)
		writeEscaped(b, s.Lang)
		b.WriteString(`" lang="`)
		writeEscaped(b, s.Lang)
		b.WriteByte('"')
		if s.Missing {
			b.WriteString(` class="missing"`)
		}
		b.WriteByte('>')
		writeEscaped(b, s.Label)
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n</nav>")
	return template.HTML(b.String())
}

// BreadcrumbNav writes the breadcrumbs:
//
//	{{with .Breadcrumbs}}<nav class="breadcrumbs" aria-label="{{$.L.T "nav.breadcrumbs"}}">
//	<ol>
//	{{range .}}<li>{{if .Current}}<span aria-current="page">{{.Name}}</span>{{else}}<a href="{{.URL}}">{{.Name}}</a>{{end}}</li>
//	{{end}}</ol>
//	</nav>{{end}}
func (d *Data) BreadcrumbNav() template.HTML {
	if len(d.Breadcrumbs) == 0 {
		return ""
	}
	b := &strings.Builder{}
	b.Grow(128 + len(d.Breadcrumbs)*128)
	b.WriteString(`<nav class="breadcrumbs" aria-label="`)
	writeEscaped(b, d.L.T("nav.breadcrumbs"))
	b.WriteString("\">\n<ol>\n")
	for _, l := range d.Breadcrumbs {
		b.WriteString("<li>")
		writeLink(b, l)
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</nav>")
	return template.HTML(b.String())
}

// writeLink writes a link of breadcrumbs or a pager: the current page's
// as a span, any other as a link:
//
//	{{if .Current}}<span aria-current="page">{{.Name}}</span>{{else}}<a href="{{.URL}}">{{.Name}}</a>{{end}}
func writeLink(b *strings.Builder, l Link) {
	if l.Current {
		b.WriteString(`<span aria-current="page">`)
		writeEscaped(b, l.Name)
		b.WriteString("</span>")
		return
	}
	b.WriteString(`<a href="`)
	writeURL(b, l.URL)
	b.WriteString(`">`)
	writeEscaped(b, l.Name)
	b.WriteString("</a>")
}
