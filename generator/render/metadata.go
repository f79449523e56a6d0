package render

import (
	"html/template"
	"strings"
	"time"

	"hubgen/generator/content"
)

// ogLocales are the Open Graph locales of the site's languages.
var ogLocales = map[string]string{"pl": "pl_PL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR"}

// describe is stage 3: it dates every output and gives it Open Graph tags,
// its feed link and JSON-LD. It reads what stages 1 and 2 set (Page, Items,
// Groups, Sections, Alternates, Breadcrumbs) and writes Lastmod, Feed, OG
// and JSONLD.
func (p *env) describe(outputs []*Output) {
	p.lastmods(outputs)
	p.metadata(outputs)
}

// lastmods dates every page: content pages by their lastmod or date, lists
// by their newest item.
func (p *env) lastmods(outputs []*Output) {
	for _, o := range outputs {
		d := o.Data
		if d.Page != nil {
			d.Lastmod = updated(d.Page)
			continue
		}
		newest := func(items []Item) {
			for _, it := range items {
				if u := updated(it.Page); u.After(d.Lastmod) {
					d.Lastmod = u
				}
			}
		}
		newest(d.Items)
		for _, g := range append(d.Groups, d.Sections...) {
			newest(g.Items)
		}
	}
}

// metadata gives every page its Open Graph tags, feed link and JSON-LD:
// NewsArticle, Legislation, Organization or Project for content, WebSite
// with a SearchAction on the home pages, WebPage elsewhere, and a
// BreadcrumbList matching the visible breadcrumbs, each as its JSON.
func (p *env) metadata(outputs []*Output) {
	for _, o := range outputs {
		d := o.Data
		if d.Canonical == "" {
			continue
		}
		d.Feed = p.base + p.feedPath(d.Lang)
		og := &OpenGraph{Type: "website", Locale: ogLocales[d.Lang], SiteName: d.Site.Title}
		for _, a := range d.Alternates {
			if a.Lang != d.Lang {
				og.Alternates = append(og.Alternates, ogLocales[a.Lang])
			}
		}
		if pg := d.Page; pg != nil && o.Layout == pg.Section && pg.Kind.Dated {
			og.Type = "article"
			og.Published = pg.Date.Format(time.RFC3339)
			if !pg.Lastmod.IsZero() {
				og.Modified = pg.Lastmod.Format(time.RFC3339)
			}
		}
		d.OG = og
		var main *ldObject
		switch {
		case o.Layout == "home":
			main = p.website(d)
		case d.Page != nil && o.Layout == d.Page.Section:
			main = p.contentLD(d)
		default:
			main = p.thing("WebPage", d)
		}
		// Each node goes to the layout as the JSON html/template would make
		// of it in the <script> (template.JS is written as it is).
		d.JSONLD = []any{p.ldJS(main)}
		if len(d.Breadcrumbs) > 1 {
			d.JSONLD = append(d.JSONLD, p.ldJS(p.breadcrumbs(d)))
		}
		p.ld.release()
	}
}

// ldJS returns the JSON of a node.
func (p *env) ldJS(o *ldObject) template.JS {
	p.ldBuf = o.appendJSON(p.ldBuf[:0])
	return template.JS(p.ldBuf)
}

// thing starts a node of type typ for the page of d: its name, URL,
// language and description.
func (p *env) thing(typ string, d *Data) *ldObject {
	ld := p.ld.obj()
	ld.str("@context", "https://schema.org")
	ld.str("@type", typ)
	ld.str("name", d.Title)
	ld.str("url", d.Canonical)
	ld.str("inLanguage", d.Lang)
	if d.Description != "" {
		ld.str("description", d.Description)
	}
	return ld
}

func (p *env) website(d *Data) *ldObject {
	ld := p.thing("WebSite", d)
	target := p.ld.obj()
	target.str("@type", "EntryPoint")
	target.str("urlTemplate", p.Config.AbsURL(p.Config.SectionPath(d.Lang, "search"))+"?q={search_term_string}")
	action := p.ld.obj()
	action.str("@type", "SearchAction")
	action.obj("target", target)
	action.str("query-input", "required name=search_term_string")
	ld.obj("potentialAction", action)
	return ld
}

// publisher is the JSON of the site of lang as an organisation, made once
// per language.
func (p *env) publisher(lang string) []byte {
	if b, ok := p.publishers[lang]; ok {
		return b
	}
	ld := p.ld.obj()
	ld.str("@type", "Organization")
	ld.str("name", p.infos[lang].Title)
	ld.str("url", p.Config.AbsURL(p.Config.HomePath(lang)))
	b := ld.appendJSON(nil)
	p.publishers[lang] = b
	return b
}

// organisation is a schema.org Organization known by its name.
func (p *env) organisation(name string) *ldObject {
	ld := p.ld.obj()
	ld.str("@type", "Organization")
	ld.str("name", name)
	return ld
}

// contentLD describes a content page by its kind.
func (p *env) contentLD(d *Data) *ldObject {
	pg := d.Page
	switch pg.Kind.Schema {
	case "Legislation":
		if pg.Act != nil && d.Act != nil {
			return p.legislation(d)
		}
	case "NewsArticle":
		ld := p.thing("NewsArticle", d)
		ld.del("name")
		ld.str("headline", pg.Title)
		ld.str("mainEntityOfPage", d.Canonical)
		ld.date("datePublished", pg.Date, "2006-01-02")
		ld.date("dateModified", updated(pg), "2006-01-02")
		ld.raw("publisher", p.publisher(pg.Lang))
		ld.raw("author", p.publisher(pg.Lang))
		if pg.Source != "" {
			ld.str("isBasedOn", pg.Source)
		}
		p.keywords(ld, pg)
		return ld
	case "Organization":
		ld := p.thing("Organization", d)
		ld.str("mainEntityOfPage", d.Canonical)
		if o := pg.Organisation; o != nil {
			website(ld, o.Website)
			if o.Location != "" {
				ld.str("location", o.Location)
			}
			if len(o.Founders) > 0 {
				fs := make([]*ldObject, len(o.Founders))
				for i, f := range o.Founders {
					fs[i] = p.organisation(f)
				}
				ld.objs("founder", fs)
			}
			if len(o.Areas) > 0 {
				ld.strs("knowsAbout", o.Areas)
			}
		}
		return ld
	case "Project":
		ld := p.thing("Project", d)
		ld.str("mainEntityOfPage", d.Canonical)
		if pr := pg.Project; pr != nil {
			website(ld, pr.Website)
			if pr.Coordinator != "" {
				ld.obj("parentOrganization", p.organisation(pr.Coordinator))
			}
			if pr.Funding != "" {
				ld.obj("funder", p.organisation(pr.Funding))
			}
			if !pr.Start.IsZero() {
				ld.date("foundingDate", pr.Start, "2006-01")
			}
			if !pr.End.IsZero() {
				ld.date("dissolutionDate", pr.End, "2006-01")
			}
			var members []*ldObject
			for _, m := range pr.Partners {
				org := p.organisation(m.Name)
				if m.Country != "" {
					addr := p.ld.obj()
					addr.str("@type", "PostalAddress")
					addr.str("addressCountry", m.Country)
					org.obj("address", addr)
				}
				members = append(members, org)
			}
			if len(members) > 0 {
				ld.objs("member", members)
			}
		}
		return ld
	}
	return p.thing("WebPage", d)
}

// website makes an organisation's or project's own site its URL.
func website(ld *ldObject, url string) {
	if url != "" {
		ld.str("url", url)
		ld.str("sameAs", url)
	}
}

func (p *env) keywords(ld *ldObject, pg *content.Page) {
	var names []string
	for _, k := range pg.Tags {
		if t := p.Config.Topic(k); t != nil {
			names = append(names, t.Names[pg.Lang])
		}
	}
	if len(names) > 0 {
		ld.str("keywords", strings.Join(names, ", "))
	}
}

func (p *env) breadcrumbs(d *Data) *ldObject {
	items := make([]*ldObject, len(d.Breadcrumbs))
	for i, b := range d.Breadcrumbs {
		item := p.ld.obj()
		item.str("@type", "ListItem")
		item.int("position", i+1)
		item.str("name", b.Name)
		item.str("item", p.absolute(b.URL))
		items[i] = item
	}
	ld := p.ld.obj()
	ld.str("@context", "https://schema.org")
	ld.str("@type", "BreadcrumbList")
	ld.objs("itemListElement", items)
	return ld
}

// absolute turns a URL with the base path into an absolute one.
func (p *env) absolute(withBase string) string {
	return p.Config.AbsURL(strings.TrimPrefix(withBase, p.base))
}

// legislation describes an act as schema.org Legislation, with its
// articles (as its Markdown conversion found them) as parts.
func (p *env) legislation(d *Data) *ldObject {
	pg, act := d.Page, d.Page.Act
	ld := p.thing("Legislation", d)
	ld.str("legislationType", act.Type)
	ld.str("legislationJurisdiction", "EU")
	var ids []string
	if act.CELEX != "" {
		ids = append(ids, "CELEX:"+act.CELEX)
	}
	if act.ELI != "" {
		ids = append(ids, act.ELI)
		ld.str("sameAs", act.ELI)
	}
	if act.Number != "" {
		ids = append(ids, act.Number)
	}
	switch len(ids) {
	case 0:
	case 1:
		ld.str("legislationIdentifier", ids[0])
	default:
		ld.strs("legislationIdentifier", ids)
	}
	if !act.Adopted.IsZero() {
		ld.date("legislationDate", act.Adopted, "2006-01-02")
	} else if !pg.Date.IsZero() {
		ld.date("legislationDate", pg.Date, "2006-01-02")
	}
	if !p.Now.IsZero() {
		// The status the page shows (ActView.Status), as schema.org's
		// LegalForceStatus.
		switch act.Status(p.Now) {
		case content.StatusInForce:
			ld.str("legislationLegalForce", "https://schema.org/InForce")
		case content.StatusPending, content.StatusNoLonger:
			ld.str("legislationLegalForce", "https://schema.org/NotInForce")
		}
	}
	var parts []*ldObject
	if parsed := p.Bodies[pg].Act; parsed != nil {
		for _, a := range parsed.Articles {
			part := p.ld.obj()
			part.str("@type", "Legislation")
			part.str("name", articleName(a))
			part.str("url", d.Canonical+"#"+a.ID)
			parts = append(parts, part)
		}
	}
	if len(parts) > 0 {
		ld.objs("hasPart", parts)
	}
	var versions []*ldObject
	for _, l := range p.Config.Languages {
		if tr := pg.Translations[l.Code]; tr != nil {
			v := p.ld.obj()
			v.str("@type", "Legislation")
			v.str("inLanguage", l.Code)
			v.str("url", p.Config.AbsURL(tr.URL))
			versions = append(versions, v)
		}
	}
	if len(versions) > 0 {
		ld.objs("workTranslation", versions)
	}
	return ld
}
