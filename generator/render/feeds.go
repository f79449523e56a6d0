package render

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"time"

	"hubgen/generator/content"
)

// feedSize is how many entries an Atom feed carries.
const feedSize = 20

// atom is an Atom 1.0 feed (RFC 4287).
type atom struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	ID        string         `xml:"id"`
	Title     string         `xml:"title"`
	Updated   string         `xml:"updated"`
	Published string         `xml:"published,omitempty"`
	Links     []atomLink     `xml:"link"`
	Summary   string         `xml:"summary,omitempty"`
	Category  []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feedPath is the path of a language's Atom feed: "/feed.xml", "/en/feed.xml".
func (p *env) feedPath(lang string) string { return p.Config.Prefix(lang) + "/feed.xml" }

// tagURI is a page's permanent Atom id, built from its file rather than its
// URL so that a new slug or host does not make readers see it twice.
func (p *env) tagURI(pg *content.Page, date time.Time) string {
	u, _ := url.Parse(p.Config.BaseURL)
	return "tag:" + u.Hostname() + "," + date.Format("2006-01-02") + ":" + pg.Section + "/" + pg.Name + "." + pg.Lang
}

func updated(pg *content.Page) time.Time {
	if !pg.Lastmod.IsZero() {
		return pg.Lastmod
	}
	return pg.Date
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feeds is part of stage 4: an Atom feed per language with its latest
// dated pages (news and acts).
func (p *env) feeds() []*Output {
	var out []*Output
	for _, l := range p.Config.Languages {
		var list []*content.Page
		for _, pg := range p.Site.Pages {
			if pg.Lang == l.Code && pg.Kind.Dated && !pg.Date.IsZero() {
				list = append(list, pg)
			}
		}
		list = p.newest(l.Code, list, feedSize)
		self := p.Config.AbsURL(p.feedPath(l.Code))
		f := atom{
			Lang:   l.Code,
			ID:     self,
			Title:  l.Title,
			Sub:    l.Description,
			Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: p.Config.AbsURL(p.Config.HomePath(l.Code))}},
			Author: atomPerson{Name: l.Title, URI: p.Config.AbsURL(p.Config.HomePath(l.Code))},
		}
		var newest time.Time
		for _, pg := range list {
			up := updated(pg)
			if up.After(newest) {
				newest = up
			}
			e := atomEntry{
				ID:        p.tagURI(pg, pg.Date),
				Title:     pg.Title,
				Updated:   rfc3339(up),
				Published: rfc3339(pg.Date),
				Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: p.Config.AbsURL(pg.URL)}},
				Summary:   pg.Summary,
			}
			for _, lang := range p.Config.Languages {
				if tr := pg.Translations[lang.Code]; tr != nil {
					e.Links = append(e.Links, atomLink{Rel: "alternate", Type: "text/html", Href: p.Config.AbsURL(tr.URL), HrefLang: lang.Code})
				}
			}
			for _, k := range pg.Tags {
				if t := p.Config.Topic(k); t != nil {
					e.Category = append(e.Category, atomCategory{Term: k, Label: t.Names[l.Code]})
				}
			}
			f.Entries = append(f.Entries, e)
		}
		if newest.IsZero() {
			newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		f.Updated = rfc3339(newest)
		out = append(out, &Output{Path: p.feedPath(l.Code), Raw: marshalXML(f)})
	}
	return out
}

func marshalXML(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // the types above always encode
	}
	b.WriteByte('\n')
	return b.Bytes()
}
