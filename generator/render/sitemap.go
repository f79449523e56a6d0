package render

import (
	"bytes"
	"encoding/xml"
	"sort"
)

// sitemap is part of stage 4: sitemap.xml lists every indexable page of
// outputs with its alternates (sitemaps.org with the xhtml:link extension),
// and robots.txt names it. It is written directly rather than through
// encoding/xml's reflection: a live preview writes it on every change.
func (p *env) sitemap(outputs []*Output) []*Output {
	type entry struct {
		loc string
		d   *Data
	}
	var entries []entry
	for _, o := range outputs {
		d := o.Data
		if d == nil || d.NoIndex || d.Canonical == "" || o.Raw != nil {
			continue
		}
		entries = append(entries, entry{d.Canonical, d})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].loc < entries[j].loc })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	link := func(lang, href string) {
		b.WriteString("\n    <xhtml:link rel=\"alternate\" hreflang=\"")
		xml.EscapeText(&b, []byte(lang))
		b.WriteString("\" href=\"")
		xml.EscapeText(&b, []byte(href))
		b.WriteString("\"></xhtml:link>")
	}
	for _, e := range entries {
		b.WriteString("\n  <url>\n    <loc>")
		xml.EscapeText(&b, []byte(e.loc))
		b.WriteString("</loc>")
		if !e.d.Lastmod.IsZero() {
			b.WriteString("\n    <lastmod>" + e.d.Lastmod.UTC().Format("2006-01-02") + "</lastmod>")
		}
		for _, a := range e.d.Alternates {
			link(a.Lang, a.Href)
		}
		if e.d.XDefault != "" {
			link("x-default", e.d.XDefault)
		}
		b.WriteString("\n  </url>")
	}
	b.WriteString("\n</urlset>\n")
	return []*Output{
		{Path: "/sitemap.xml", Raw: b.Bytes()},
		{Path: "/robots.txt", Raw: []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.Config.AbsURL("/sitemap.xml") + "\n")},
	}
}
