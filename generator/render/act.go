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
	pv := &ParallelView{Langs: make([]ParallelLang, 0, len(versions))}
	for _, v := range versions {
		pv.Langs = append(pv.Langs, ParallelLang{Lang: v.Lang, Label: p.Bundle.T(v.Lang, "lang.name"), Title: v.Title, URL: p.base + v.URL})
	}
	// Each version's text by part: the units with one key, in order.
	texts := make([]map[string]template.HTML, len(acts))
	for i, a := range acts {
		texts[i] = make(map[string]template.HTML, len(a.Units))
		for _, u := range a.Units {
			texts[i][u.Key] += template.HTML(u.HTML) // goldmark output, raw HTML off
		}
	}
	keys := alignKeys(acts)
	pv.Rows = make([]ParallelRow, len(keys))
	cells := make([]ParallelCell, len(keys)*len(acts))
	for k, key := range keys {
		row := cells[k*len(acts) : (k+1)*len(acts) : (k+1)*len(acts)]
		for i := range acts {
			row[i] = ParallelCell{Lang: versions[i].Lang, HTML: texts[i][key]}
		}
		pv.Rows[k] = ParallelRow{Key: key, Cells: row}
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
// placed after the part that precedes them there (at the start when none
// does). The order is a linked list while it is made: each part is placed
// in constant time.
func alignKeys(acts []*markdown.Act) []string {
	type node struct {
		key  string
		next int // the node after this one, -1 at the end
	}
	var nodes []node
	at := map[string]int{} // key -> its node
	head := -1
	for _, a := range acts {
		prev := -1 // the node of the last part of a seen so far, -1 before the first
		for _, u := range a.Units {
			n, seen := at[u.Key]
			if !seen {
				n = len(nodes)
				if prev < 0 {
					nodes = append(nodes, node{u.Key, head})
					head = n
				} else {
					nodes = append(nodes, node{u.Key, nodes[prev].next})
					nodes[prev].next = n
				}
				at[u.Key] = n
			}
			prev = n
			if u.Key == "" {
				prev = -1 // a part without a key places the next one first
			}
		}
	}
	keys := make([]string, 0, len(nodes))
	for n := head; n >= 0; n = nodes[n].next {
		keys = append(keys, nodes[n].key)
	}
	return keys
}
