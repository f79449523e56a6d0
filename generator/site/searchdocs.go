package site

import (
	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/generator/search"
)

// The search index holds, besides the pages, the site's list pages a
// reader may look for by name: each section's list ("Akty prawne") and
// each topic's page ("Zwalczanie terroryzmu"), as kinds of their own.

// listKinds are the kinds of listDocs' documents, after the sections'.
var listKinds = [...]string{"topics", "sections"}

// searchOptions are the index options of every build of a site: its
// sections' kinds, then listKinds; and the words render analysed already
// (stems, which may be nil).
func searchOptions(cfg *config.Config, stems passageStems) search.Options {
	return search.Options{Kinds: append(cfg.Sections(), listKinds[:]...), Stems: stems}
}

// listDocs returns the search documents of the list pages of s in every
// language: the lists of the sections that list their pages, and the
// page of every topic some published page has (render makes it in every
// language).
func listDocs(cfg *config.Config, bundle *i18n.Bundle, s *content.Site) []search.Doc {
	used := map[string]bool{}
	for _, p := range s.Pages {
		for _, t := range p.Tags {
			used[t] = true
		}
	}
	var out []search.Doc
	for _, l := range cfg.Languages {
		for _, k := range cfg.Kinds() {
			if k.Listed {
				out = append(out, search.Doc{URL: cfg.BasePath() + cfg.SectionPath(l.Code, k.Section), Lang: l.Code, Kind: "sections", Title: bundle.T(l.Code, "section."+k.Section)})
			}
		}
		for _, t := range cfg.Topics {
			if used[t.Key] {
				out = append(out, search.Doc{URL: cfg.BasePath() + cfg.SectionPath(l.Code, "topics") + i18n.TopicSlug(t.Names[l.Code]) + "/", Lang: l.Code, Kind: "topics", Title: t.Names[l.Code], Topics: []string{t.Names[l.Code]}})
			}
		}
	}
	return out
}

// langDocs returns the documents of docs in lang.
func langDocs(docs []search.Doc, lang string) []search.Doc {
	var out []search.Doc
	for _, d := range docs {
		if d.Lang == lang {
			out = append(out, d)
		}
	}
	return out
}
