package render

import (
	"strings"
)

// metadata gives every page its JSON-LD: Legislation for legal acts, a
// WebPage for everything else.
func (p *planner) metadata() {
	for _, o := range p.outputs {
		d := o.Data
		if d.Canonical == "" || o.Layout == "redirect" {
			continue
		}
		if d.Page != nil && d.Page.Act != nil && d.Act != nil && o.Layout == "decisions" {
			d.JSONLD = p.legislation(d)
			continue
		}
		page := map[string]any{
			"@context":   "https://schema.org",
			"@type":      "WebPage",
			"name":       d.Title,
			"url":        d.Canonical,
			"inLanguage": d.Lang,
		}
		if d.Description != "" {
			page["description"] = d.Description
		}
		d.JSONLD = page
	}
}

// legislation describes an act as schema.org Legislation, with its
// articles as parts.
func (p *planner) legislation(d *Data) map[string]any {
	pg, act := d.Page, d.Page.Act
	ld := map[string]any{
		"@context":                "https://schema.org",
		"@type":                   "Legislation",
		"name":                    pg.Title,
		"url":                     d.Canonical,
		"inLanguage":              pg.Lang,
		"legislationType":         act.Type,
		"legislationJurisdiction": "EU",
	}
	if pg.Summary != "" {
		ld["description"] = pg.Summary
	}
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
	for _, e := range d.Act.TOC {
		if !strings.HasPrefix(e.URL, "#art_") {
			continue
		}
		parts = append(parts, map[string]any{"@type": "Legislation", "name": e.Name, "url": d.Canonical + e.URL})
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
