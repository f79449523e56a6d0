package render

import (
	"encoding/xml"
	"sort"
)

// sitemap is part of stage 4: sitemap.xml lists every indexable page of
// outputs with its alternates (sitemaps.org with the xhtml:link extension),
// and robots.txt names it.
func (p *env) sitemap(outputs []*Output) []*Output {
	type xlink struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type entry struct {
		Loc     string  `xml:"loc"`
		Lastmod string  `xml:"lastmod,omitempty"`
		Links   []xlink `xml:"xhtml:link"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		XHTML   string   `xml:"xmlns:xhtml,attr"`
		URLs    []entry  `xml:"url"`
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	for _, o := range outputs {
		d := o.Data
		if d == nil || d.NoIndex || d.Canonical == "" || o.Raw != nil {
			continue
		}
		e := entry{Loc: d.Canonical}
		if !d.Lastmod.IsZero() {
			e.Lastmod = d.Lastmod.UTC().Format("2006-01-02")
		}
		for _, a := range d.Alternates {
			e.Links = append(e.Links, xlink{Rel: "alternate", HrefLang: a.Lang, Href: a.Href})
		}
		if d.XDefault != "" {
			e.Links = append(e.Links, xlink{Rel: "alternate", HrefLang: "x-default", Href: d.XDefault})
		}
		set.URLs = append(set.URLs, e)
	}
	sort.Slice(set.URLs, func(i, j int) bool { return set.URLs[i].Loc < set.URLs[j].Loc })
	return []*Output{
		{Path: "/sitemap.xml", Raw: marshalXML(set)},
		{Path: "/robots.txt", Raw: []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.Config.AbsURL("/sitemap.xml") + "\n")},
	}
}
