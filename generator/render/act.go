package render

import (
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"

	"hubgen/generator/content"
	"hubgen/generator/markdown"
)

// ActView is what an act's layout needs besides its text.
type ActView struct {
	TOC         []TOCEntry
	Versions    []Link // the act in every language, this one marked Current
	ParallelURL string // the parallel view, "" when the act has no translation
	ELI         *ELIMeta
	// Title is the act's short title, the page's H1 ("Decyzja Rady
	// (WPZiB) 2023/1187"); the page's title, the act's full title, goes
	// under it.
	Title string
	// Status is the act's status on the build's day, in words ("w
	// mocy"), and StatusKey the same as a key for styles ("in_force",
	// "expired", "pending"); both "" when it cannot be told.
	Status, StatusKey string
	// EURLex and PDF are the act's pages on EUR-Lex in the page's
	// language, "" without a CELEX number.
	EURLex, PDF string
	// Cited are the acts its footnotes cite: their pages on the portal,
	// or else on EUR-Lex.
	Cited []CitedLink
	// Unofficial marks the portal's own translation (act.unofficialTranslation).
	Unofficial bool
}

// CitedLink is an act cited in an act's footnotes: its number and page.
type CitedLink struct {
	Name, URL string
	External  bool // on EUR-Lex, not on the portal
}

// TOCEntry is a line of an act's table of contents.
type TOCEntry struct {
	Name     string
	URL      string // a fragment, "#art_1"
	Children []TOCEntry
}

// eurLex returns an act's page on EUR-Lex in lang ("" without a CELEX
// number), or with pdf its PDF.
func eurLex(lang, celex string, pdf bool) string {
	if celex == "" {
		return ""
	}
	kind := "TXT/"
	if pdf {
		kind = "TXT/PDF/"
	}
	return "https://eur-lex.europa.eu/legal-content/" + strings.ToUpper(lang) + "/" + kind + "?uri=CELEX:" + url.QueryEscape(celex)
}

// shortSection is the short name of an annex section in the table of
// contents: "Rezultat 1" of "Rezultat 1: Zwiększenie …", "Output 1.1" of
// "Output 1.1: The importance …"; other headings as they are.
var shortSection = regexp.MustCompile(`^(\p{L}+\s+\d+(?:\.\d+)*)\.?\s*:\s`)

// tocDepth is how many levels of an annex's sections its table of
// contents shows ("Rezultat 1", "Produkt 1.1" under the sections'
// heading; not "Działanie 1.1.1").
const tocDepth = 3

// actTOC makes an act's table of contents, its fragments with prefix
// ("pl-" in the parallel view): recitals, articles, the final part, each
// annex with two levels of its sections, the footnotes.
func actTOC(t *Text, act *markdown.Act, prefix string) []TOCEntry {
	var toc []TOCEntry
	if len(act.Recitals) > 0 {
		toc = append(toc, TOCEntry{Name: t.T("act.recitals"), URL: "#" + prefix + act.Recitals[0]})
	}
	for _, a := range act.Articles {
		toc = append(toc, TOCEntry{Name: articleName(a), URL: "#" + prefix + a.ID})
	}
	if act.Final {
		toc = append(toc, TOCEntry{Name: t.T("act.final"), URL: "#" + prefix + "fnp"})
	}
	for _, a := range act.Annexes {
		e := TOCEntry{Name: a.Label, URL: "#" + prefix + a.ID}
		// The annex's top levels of sections, with short names: the
		// contents stay short.
		top := 0
		for _, s := range a.Sections {
			if top == 0 || s.Level < top {
				top = s.Level
			}
		}
		for _, s := range a.Sections {
			if s.Level > top+tocDepth-1 {
				continue
			}
			name := s.Text
			if m := shortSection.FindStringSubmatch(name); m != nil {
				name = m[1]
			}
			// The entry goes under the last entry of the level above.
			list := &e.Children
			for l := top; l < s.Level && len(*list) > 0; l++ {
				list = &(*list)[len(*list)-1].Children
			}
			*list = append(*list, TOCEntry{Name: name, URL: "#" + prefix + s.ID})
		}
		toc = append(toc, e)
	}
	if act.Notes {
		toc = append(toc, TOCEntry{Name: t.T("act.notes.heading"), URL: "#" + prefix + markdown.NotesID})
	}
	return toc
}

// ELIMeta feeds the ELI RDFa meta tags of an act's head.
type ELIMeta struct {
	Work       string // the ELI URI of the act
	Expression string // this language version's URL
	LocalID    string // CELEX
	Date       string // adoption date, YYYY-MM-DD
	// Published, InForce and NoLonger are the dates of publication in
	// the Official Journal, of entry into force and the last day in force
	// (YYYY-MM-DD), "" when not known.
	Published, InForce, NoLonger string
	Title                        string
	Lang                         string
	LangURI                      string // EU language authority URI
}

// ParallelView aligns two language versions of an act.
type ParallelView struct {
	Langs []ParallelLang
	Rows  []ParallelRow
	TOC   []TOCEntry // the contents of the page's own version, to its column
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
	v := &ActView{TOC: actTOC(t, act, "")}
	if a := pg.Act; a != nil {
		v.Title = a.Title()
		v.EURLex, v.PDF = eurLex(pg.Lang, a.CELEX, false), eurLex(pg.Lang, a.CELEX, true)
		v.Unofficial = a.UnofficialTranslation
		if !p.Now.IsZero() {
			if st := a.Status(p.Now); st != content.StatusUnknown {
				v.StatusKey, v.Status = string(st), t.T("act.status."+string(st))
			}
		}
	}
	for _, c := range act.Cited {
		l := CitedLink{Name: c.Number, URL: eurLex(pg.Lang, c.CELEX(), false), External: true}
		if c.URL != "" {
			l.URL, l.External = p.base+c.URL, false
		}
		v.Cited = append(v.Cited, l)
	}
	for _, l := range p.Config.Languages {
		if tr := pg.Translation(l.Code); tr != nil {
			v.Versions = append(v.Versions, Link{Name: p.Bundle.T(l.Code, "lang.name"), URL: p.base + tr.URL, Current: tr == pg})
		}
	}
	if pg.Act != nil && pg.Act.ELI != "" {
		v.ELI = &ELIMeta{Work: pg.Act.ELI, Expression: p.Config.AbsURL(pg.URL), LocalID: pg.Act.CELEX, Title: pg.Title, Lang: pg.Lang, LangURI: "http://publications.europa.eu/resource/authority/language/" + euLanguages[pg.Lang]}
		day := func(d time.Time) string {
			if d.IsZero() {
				return ""
			}
			return d.Format("2006-01-02")
		}
		v.ELI.Date, v.ELI.Published, v.ELI.InForce, v.ELI.NoLonger = day(pg.Act.Adopted), day(pg.Act.Published), day(pg.Act.InForce), day(pg.Act.ValidUntil)
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
	pv := &ParallelView{Langs: make([]ParallelLang, 0, len(versions)), TOC: actTOC(t, own, pg.Lang+"-")}
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
