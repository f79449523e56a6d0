package render

import (
	"html/template"

	"hubgen/generator/content"
	"hubgen/generator/markdown"
)

// ActView is what an act's layout needs besides its text.
type ActView struct {
	TOC         []TOCEntry
	Versions    []Link // the act in every language, this one marked Current
	ParallelURL string // the parallel view, "" when the act has no translation
	ELI         *ELIMeta
}

// TOCEntry is a line of an act's table of contents.
type TOCEntry struct {
	Name     string
	URL      string // a fragment, "#art_1"
	Children []TOCEntry
}

// ELIMeta feeds the ELI RDFa meta tags of an act's head.
type ELIMeta struct {
	Work       string // the ELI URI of the act
	Expression string // this language version's URL
	LocalID    string // CELEX
	Date       string // adoption date, YYYY-MM-DD
	Title      string
	Lang       string
	LangURI    string // EU language authority URI
}

// ParallelView aligns two language versions of an act.
type ParallelView struct {
	Langs []ParallelLang
	Rows  []ParallelRow
}

// ParallelLang is a column of the parallel view.
type ParallelLang struct {
	Lang  string
	Label string // the language's own name
	Title string
	URL   string // the version's own page
}

// ParallelRow is one aligned part: a citation, recital, article, the final part, an annex section.
type ParallelRow struct {
	Key   string
	Cells []ParallelCell
}

// ParallelCell is one language's text of a part; HTML is empty where that
// version lacks the part.
type ParallelCell struct {
	Lang string
	HTML template.HTML
}

var euLanguages = map[string]string{"pl": "POL", "en": "ENG", "de": "DEU", "fr": "FRA"}

// act adds the table of contents, metadata and parallel view of an act.
func (p *pageSet) act(pg *content.Page, d *Data, act *markdown.Act, cluster string) {
	t := p.texts[pg.Lang]
	v := &ActView{}
	if len(act.Recitals) > 0 {
		v.TOC = append(v.TOC, TOCEntry{Name: t.T("act.recitals"), URL: "#" + act.Recitals[0]})
	}
	for _, a := range act.Articles {
		v.TOC = append(v.TOC, TOCEntry{Name: articleName(a), URL: "#" + a.ID})
	}
	if act.Final {
		v.TOC = append(v.TOC, TOCEntry{Name: t.T("act.final"), URL: "#fnp"})
	}
	for _, a := range act.Annexes {
		e := TOCEntry{Name: a.Label, URL: "#" + a.ID}
		// Only the top level of the annex's sections: the TOC stays short.
		top := 0
		for _, s := range a.Sections {
			if top == 0 || s.Level < top {
				top = s.Level
			}
		}
		for _, s := range a.Sections {
			if s.Level == top {
				e.Children = append(e.Children, TOCEntry{Name: s.Text, URL: "#" + s.ID})
			}
		}
		v.TOC = append(v.TOC, e)
	}
	for _, l := range p.Config.Languages {
		if tr := pg.Translation(l.Code); tr != nil {
			v.Versions = append(v.Versions, Link{Name: p.Bundle.T(l.Code, "lang.name"), URL: p.base + tr.URL, Current: tr == pg})
		}
	}
	if pg.Act != nil && pg.Act.ELI != "" {
		v.ELI = &ELIMeta{Work: pg.Act.ELI, Expression: p.Config.AbsURL(pg.URL), LocalID: pg.Act.CELEX, Title: pg.Title, Lang: pg.Lang, LangURI: "http://publications.europa.eu/resource/authority/language/" + euLanguages[pg.Lang]}
		if !pg.Act.Adopted.IsZero() {
			v.ELI.Date = pg.Act.Adopted.Format("2006-01-02")
		}
	}
	d.Act = v
	if len(pg.Translations) > 0 {
		path := pg.URL + p.Config.Language(pg.Lang).Segments["parallel"] + "/"
		v.ParallelURL = p.base + path
		p.parallel(pg, act, path, cluster)
	}
}

// articleName names an article in the table of contents and in JSON-LD:
// "Artykuł 2 – Cele".
func articleName(a markdown.Article) string {
	if a.Title != "" {
		return a.Label + " – " + a.Title
	}
	return a.Label
}

// parallel writes the parallel view of an act in pg's language: its own
// version first, then the others, aligned part by part. The units come
// from the one conversion of each version (markdown.Unit.HTML).
func (p *pageSet) parallel(pg *content.Page, own *markdown.Act, path, cluster string) {
	t := p.texts[pg.Lang]
	d := p.newData(pg.Lang, "parallel", t.T("act.parallel")+": "+pg.Title)
	d.Kind = "parallel"
	d.Page = pg
	d.Description = pg.Summary
	versions := []*content.Page{pg}
	acts := []*markdown.Act{own}
	for _, l := range p.Config.Languages {
		if tr := pg.Translations[l.Code]; tr != nil {
			if a := p.Bodies[tr].Act; a != nil {
				versions = append(versions, tr)
				acts = append(acts, a)
			}
		}
	}
	pv := &ParallelView{}
	for _, v := range versions {
		pv.Langs = append(pv.Langs, ParallelLang{Lang: v.Lang, Label: p.Bundle.T(v.Lang, "lang.name"), Title: v.Title, URL: p.base + v.URL})
	}
	for _, key := range alignKeys(acts) {
		row := ParallelRow{Key: key}
		for i, a := range acts {
			cell := ParallelCell{Lang: versions[i].Lang}
			for _, u := range a.Units {
				if u.Key == key {
					cell.HTML += template.HTML(u.HTML) // goldmark output, raw HTML off
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		pv.Rows = append(pv.Rows, row)
	}
	d.Parallel = pv
	d.Breadcrumbs = []Link{
		{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(pg.Lang)},
		{Name: t.T("section." + pg.Section), URL: p.base + p.Config.SectionPath(pg.Lang, pg.Section)},
		{Name: pg.Act.Number, URL: p.base + pg.URL},
		{Name: t.T("act.parallel"), URL: p.base + path, Current: true},
	}
	p.add(path, "parallel:"+cluster, pg.Path, d, p.sectionFallback(pg.Section))
}

// alignKeys merges the unit keys of several versions into one reading
// order: the first version's order, with parts only another version has
// placed after the part that precedes them there.
func alignKeys(acts []*markdown.Act) []string {
	var keys []string
	seen := map[string]bool{}
	for _, a := range acts {
		prev := ""
		for _, u := range a.Units {
			if seen[u.Key] {
				prev = u.Key
				continue
			}
			seen[u.Key] = true
			at := len(keys)
			if prev == "" {
				at = 0
			} else {
				for i, k := range keys {
					if k == prev {
						at = i + 1
					}
				}
			}
			keys = append(keys[:at], append([]string{u.Key}, keys[at:]...)...)
			prev = u.Key
		}
	}
	return keys
}
