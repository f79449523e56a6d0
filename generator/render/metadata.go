package render

import (
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
// BreadcrumbList matching the visible breadcrumbs.
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
		var main map[string]any
		switch {
		case o.Layout == "home":
			main = p.website(d)
		case d.Page != nil && o.Layout == d.Page.Section:
			main = p.contentLD(d)
		default:
			main = p.thing("WebPage", d)
		}
		d.JSONLD = []any{main}
		if len(d.Breadcrumbs) > 1 {
			d.JSONLD = append(d.JSONLD, p.breadcrumbs(d))
		}
	}
}

func (p *env) thing(typ string, d *Data) map[string]any {
	ld := map[string]any{"@context": "https://schema.org", "@type": typ, "name": d.Title, "url": d.Canonical, "inLanguage": d.Lang}
	if d.Description != "" {
		ld["description"] = d.Description
	}
	return ld
}

func (p *env) website(d *Data) map[string]any {
	ld := p.thing("WebSite", d)
	ld["potentialAction"] = map[string]any{
		"@type":       "SearchAction",
		"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": p.Config.AbsURL(p.Config.SectionPath(d.Lang, "search")) + "?q={search_term_string}"},
		"query-input": "required name=search_term_string",
	}
	return ld
}

func (p *env) publisher(lang string) map[string]any {
	return map[string]any{"@type": "Organization", "name": p.infos[lang].Title, "url": p.Config.AbsURL(p.Config.HomePath(lang))}
}

// contentLD describes a content page by its kind.
func (p *env) contentLD(d *Data) map[string]any {
	pg := d.Page
	switch pg.Kind.Schema {
	case "Legislation":
		if pg.Act != nil && d.Act != nil {
			return p.legislation(d)
		}
	case "NewsArticle":
		ld := p.thing("NewsArticle", d)
		delete(ld, "name")
		ld["headline"] = pg.Title
		ld["mainEntityOfPage"] = d.Canonical
		ld["datePublished"] = pg.Date.Format("2006-01-02")
		ld["dateModified"] = updated(pg).Format("2006-01-02")
		ld["publisher"] = p.publisher(pg.Lang)
		ld["author"] = p.publisher(pg.Lang)
		if pg.Source != "" {
			ld["isBasedOn"] = pg.Source
		}
		p.keywords(ld, pg)
		return ld
	case "Organization":
		ld := p.thing("Organization", d)
		ld["mainEntityOfPage"] = d.Canonical
		if o := pg.Organisation; o != nil {
			website(ld, o.Website)
			if o.Location != "" {
				ld["location"] = o.Location
			}
			if len(o.Founders) > 0 {
				var fs []any
				for _, f := range o.Founders {
					fs = append(fs, map[string]any{"@type": "Organization", "name": f})
				}
				ld["founder"] = fs
			}
			if len(o.Areas) > 0 {
				ld["knowsAbout"] = o.Areas
			}
		}
		return ld
	case "Project":
		ld := p.thing("Project", d)
		ld["mainEntityOfPage"] = d.Canonical
		if pr := pg.Project; pr != nil {
			website(ld, pr.Website)
			if pr.Coordinator != "" {
				ld["parentOrganization"] = map[string]any{"@type": "Organization", "name": pr.Coordinator}
			}
			if pr.Funding != "" {
				ld["funder"] = map[string]any{"@type": "Organization", "name": pr.Funding}
			}
			if !pr.Start.IsZero() {
				ld["foundingDate"] = pr.Start.Format("2006-01")
			}
			if !pr.End.IsZero() {
				ld["dissolutionDate"] = pr.End.Format("2006-01")
			}
			var members []any
			for _, m := range pr.Partners {
				org := map[string]any{"@type": "Organization", "name": m.Name}
				if m.Country != "" {
					org["address"] = map[string]any{"@type": "PostalAddress", "addressCountry": m.Country}
				}
				members = append(members, org)
			}
			if len(members) > 0 {
				ld["member"] = members
			}
		}
		return ld
	}
	return p.thing("WebPage", d)
}

// website makes an organisation's or project's own site its URL.
func website(ld map[string]any, url string) {
	if url != "" {
		ld["url"] = url
		ld["sameAs"] = url
	}
}

func (p *env) keywords(ld map[string]any, pg *content.Page) {
	var names []string
	for _, k := range pg.Tags {
		if t := p.Config.Topic(k); t != nil {
			names = append(names, t.Names[pg.Lang])
		}
	}
	if len(names) > 0 {
		ld["keywords"] = strings.Join(names, ", ")
	}
}

func (p *env) breadcrumbs(d *Data) map[string]any {
	var items []any
	for i, b := range d.Breadcrumbs {
		items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "name": b.Name, "item": p.absolute(b.URL)})
	}
	return map[string]any{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
}

// absolute turns a URL with the base path into an absolute one.
func (p *env) absolute(withBase string) string {
	return p.Config.AbsURL(strings.TrimPrefix(withBase, p.base))
}

// legislation describes an act as schema.org Legislation, with its
// articles (as its Markdown conversion found them) as parts.
func (p *env) legislation(d *Data) map[string]any {
	pg, act := d.Page, d.Page.Act
	ld := p.thing("Legislation", d)
	ld["legislationType"] = act.Type
	ld["legislationJurisdiction"] = "EU"
	var ids []string
	if act.CELEX != "" {
		ids = append(ids, "CELEX:"+act.CELEX)
	}
	if act.ELI != "" {
		ids = append(ids, act.ELI)
		ld["sameAs"] = act.ELI
	}
	if act.Number != "" {
		ids = append(ids, act.Number)
	}
	switch len(ids) {
	case 0:
	case 1:
		ld["legislationIdentifier"] = ids[0]
	default:
		ld["legislationIdentifier"] = ids
	}
	if !act.Adopted.IsZero() {
		ld["legislationDate"] = act.Adopted.Format("2006-01-02")
	} else if !pg.Date.IsZero() {
		ld["legislationDate"] = pg.Date.Format("2006-01-02")
	}
	var parts []map[string]any
	if parsed := p.Bodies[pg].Act; parsed != nil {
		for _, a := range parsed.Articles {
			parts = append(parts, map[string]any{"@type": "Legislation", "name": articleName(a), "url": d.Canonical + "#" + a.ID})
		}
	}
	if len(parts) > 0 {
		ld["hasPart"] = parts
	}
	var versions []map[string]any
	for _, l := range p.Config.Languages {
		if tr := pg.Translations[l.Code]; tr != nil {
			versions = append(versions, map[string]any{"@type": "Legislation", "inLanguage": l.Code, "url": p.Config.AbsURL(tr.URL)})
		}
	}
	if len(versions) > 0 {
		ld["workTranslation"] = versions
	}
	return ld
}
