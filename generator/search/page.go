package search

import (
	"hubgen/generator/config"
	"hubgen/generator/content"
)

// PageDoc is the search document of a published page whose Markdown
// rendered to the plain text body: the one mapping from pages to documents
// that the build, the benchmarks and the tests share.
func PageDoc(cfg *config.Config, p *content.Page, body string) Doc {
	d := Doc{URL: cfg.BasePath() + p.URL, Lang: p.Lang, Kind: p.Section, Title: p.Title, Summary: p.Summary, Body: body, Date: p.Date}
	for _, k := range p.Tags {
		if t := cfg.Topic(k); t != nil {
			d.Topics = append(d.Topics, t.Names[p.Lang])
		}
	}
	if p.Act != nil {
		d.ActType, d.ActNumber = p.Act.Type, p.Act.Number
		if t := p.Act.Title(); t != "" && t != p.Title {
			d.Shown = t
		}
	}
	return d
}
