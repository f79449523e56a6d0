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
		canonical string
		o         *Output
	}
	var entries []entry
	for _, o := range outputs {
		if canonical, ok := o.index(); ok {
			entries = append(entries, entry{canonical, o})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].canonical < entries[j].canonical })
	size := 0
	for _, e := range entries {
		if o := e.o; o.sitemap == nil {
			o.sitemap = sitemapEntry(o.Data) // a restored output has its entry
		}
		size += len(e.o.sitemap)
	}
	var b bytes.Buffer
	b.Grow(size + 256)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	for _, e := range entries {
		b.Write(e.o.sitemap)
	}
	b.WriteString("\n</urlset>\n")
	return []*Output{
		{Path: "/sitemap.xml", Raw: b.Bytes()},
		{Path: "/robots.txt", Raw: []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.Config.AbsURL("/sitemap.xml") + "\n")},
	}
}

// sitemapEntry is a page's <url> element in the sitemap. An output keeps
// it, so that a live preview that plans some pages again makes only theirs.
func sitemapEntry(d *Data) []byte {
	var b bytes.Buffer
	size := 64 + len(d.Canonical)
	for _, a := range d.Alternates {
		size += 64 + len(a.Href)
	}
	b.Grow(size + 64 + len(d.XDefault))
	link := func(lang, href string) {
		b.WriteString("\n    <xhtml:link rel=\"alternate\" hreflang=\"")
		escapeXML(&b, lang)
		b.WriteString("\" href=\"")
		escapeXML(&b, href)
		b.WriteString("\"></xhtml:link>")
	}
	b.WriteString("\n  <url>\n    <loc>")
	escapeXML(&b, d.Canonical)
	b.WriteString("</loc>")
	if !d.Lastmod.IsZero() {
		b.WriteString("\n    <lastmod>")
		b.Write(d.Lastmod.UTC().AppendFormat(b.AvailableBuffer(), "2006-01-02"))
		b.WriteString("</lastmod>")
	}
	for _, a := range d.Alternates {
		link(a.Lang, a.Href)
	}
	if d.XDefault != "" {
		link("x-default", d.XDefault)
	}
	b.WriteString("\n  </url>")
	return b.Bytes()
}

// escapeXML writes s as xml.EscapeText does: as it is when it has only
// printable ASCII other than the five characters XML escapes (a URL, a
// language code), else through xml.EscapeText.
func escapeXML(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
			xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}
