package render

import (
	"html/template"
	"sort"
	"strconv"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
)

// pageSet collects the outputs of stage 1 (see Plan), each in the group
// it is being planned for.
type pageSet struct {
	*env
	outputs []*Output
	group   group
	related map[*content.Page][]*content.Page // the related pages of the pages planned (relatedOf)
}

// planPages is stage 1: every page a layout renders, or with a change only
// the groups it makes dirty (see PlanChange).
func (p *env) planPages(ch *Change) []*Output {
	ps := &pageSet{env: p}
	byLang := map[string][]*content.Page{}
	var planned []*content.Page
	for _, pg := range p.Site.Pages {
		byLang[pg.Lang] = append(byLang[pg.Lang], pg)
		if ch == nil || ch.Pages[pg.Path] {
			planned = append(planned, pg)
		}
	}
	ps.related = p.relatedOf(planned)
	for _, pg := range planned {
		ps.group = group{groupPage, pg.Path}
		ps.single(pg)
	}
	for _, l := range p.Config.Languages {
		pages := byLang[l.Code]
		for _, k := range p.Config.Kinds() {
			if k.Listed && (ch == nil || ch.Sections[k.Section]) {
				ps.group = group{groupSection, k.Section}
				ps.section(l.Code, &k, pages)
			}
		}
		if ch == nil || len(ch.Topics) > 0 {
			ps.topics(l.Code, p.Site.Pages, ch)
		}
		if ch == nil || ch.Home {
			ps.group = group{groupHome, ""}
			ps.home(l.Code, pages)
		}
		if ch == nil {
			ps.group = group{groupFixed, ""}
			ps.search(l.Code)
		}
	}
	if ch == nil {
		ps.group = group{groupFixed, ""}
		ps.notFound()
	}
	return ps.outputs
}

// add makes an output (see newOutput) in the current group and keeps it.
func (p *pageSet) add(path, cluster, origin string, d *Data, fallback map[string]string) *Output {
	o := p.newOutput(path, cluster, origin, d, fallback)
	o.group = p.group
	p.outputs = append(p.outputs, o)
	return o
}

func (p *pageSet) single(pg *content.Page) {
	t := p.texts[pg.Lang]
	d := p.newData(pg.Lang, pg.Section, pg.Title)
	d.Kind = pg.Section
	d.Page = pg
	d.Description = pg.Summary
	body := p.Bodies[pg]
	d.Content = template.HTML(body.HTML) // produced by goldmark with raw HTML off
	d.Headings = body.Headings
	d.Source = pg.Source
	d.Topics = p.item(pg).Topics
	d.Breadcrumbs = []Link{{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(pg.Lang)}}
	if pg.Kind.Listed {
		d.Breadcrumbs = append(d.Breadcrumbs, Link{Name: t.T("section." + pg.Section), URL: p.base + p.Config.SectionPath(pg.Lang, pg.Section)})
	}
	crumb := pg.Title
	if pg.Act != nil && pg.Act.Number != "" {
		crumb = pg.Act.Number // an act's full title is a paragraph, not a breadcrumb
	}
	d.Breadcrumbs = append(d.Breadcrumbs, Link{Name: crumb, URL: p.base + pg.URL, Current: true})
	related, ok := p.related[pg]
	if !ok {
		related = p.relatedPages(pg)
	}
	if len(related) > 0 {
		d.Related = p.items(related)
	}
	d.Project = p.projectView(pg)
	key := pg.Path
	for _, tr := range pg.Translations {
		if tr.Path < key {
			key = tr.Path
		}
	}
	o := p.add(pg.URL, "page:"+key, pg.Path, d, p.sectionFallback(pg.Section))
	o.cross = crossDigest(related, d.Project)
	if _, ok := p.Bodies[pg]; !ok && !pg.Kind.Act {
		o.body = pg
	}
	if body.Act != nil {
		p.act(pg, d, body.Act, key)
	}
}

func (p *pageSet) section(lang string, kind *config.Kind, pages []*content.Page) {
	section := kind.Section
	list := bySection(pages, section)
	p.sortPages(lang, list, kind.Dated)
	t := p.texts[lang]
	root := p.Config.SectionPath(lang, section)
	home := Link{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(lang)}
	p.paginate(lang, root, "section:"+section, list, p.sectionFallback(section), func() *Data {
		d := p.newData(lang, "list", t.T("section."+section))
		d.Kind = section
		d.Description = t.T("section." + section + "_description")
		d.Breadcrumbs = []Link{home, {Name: d.Title, URL: p.base + root, Current: true}}
		return d
	})
}

// paginate writes list pages of PageSize items each: the first at root, the
// others at root/<page segment>/N/. newData makes each page's Data; the
// outputs of page N in every language form one cluster.
func (p *pageSet) paginate(lang, root, cluster string, list []*content.Page, fallback map[string]string, newData func() *Data) {
	size := p.Config.PageSize
	total := (len(list) + size - 1) / size
	if total == 0 {
		total = 1
	}
	pagePath := func(n int) string {
		if n == 1 {
			return root
		}
		return root + p.Config.Language(lang).Segments["page"] + "/" + strconv.Itoa(n) + "/"
	}
	for n := 1; n <= total; n++ {
		lo, hi := (n-1)*size, n*size
		if hi > len(list) {
			hi = len(list)
		}
		d := newData()
		d.Items = p.items(list[lo:hi])
		pager := &Pager{Current: n, Total: total}
		for _, k := range pagerWindow(n, total) {
			if k == 0 {
				pager.Pages = append(pager.Pages, Link{Name: "…"})
				continue
			}
			pager.Pages = append(pager.Pages, Link{Name: strconv.Itoa(k), URL: p.base + pagePath(k), Current: k == n})
		}
		if n > 1 {
			pager.Prev = p.base + pagePath(n-1)
		}
		if n < total {
			pager.Next = p.base + pagePath(n+1)
		}
		d.Pager = pager
		p.add(pagePath(n), cluster+":"+strconv.Itoa(n), "", d, fallback)
	}
}

// pagerWindow lists the page numbers a pager links: the first and last
// pages and two either side of the current one, with 0 marking a gap. A
// fixed-size window keeps long lists linear in size, not quadratic.
func pagerWindow(current, total int) []int {
	var out []int
	last := 0
	for k := 1; k <= total; k++ {
		if k == 1 || k == total || (k >= current-2 && k <= current+2) {
			if k > last+1 {
				out = append(out, 0)
			}
			out = append(out, k)
			last = k
		}
	}
	return out
}

// topics writes the topic index and, for every topic used anywhere on the
// site, its list in every language (so that each has its counterpart):
// newest first, undated pages after them A–Ż, paginated like sections.
// With a change, only the lists of its topics are written (and the index).
func (p *pageSet) topics(lang string, all []*content.Page, ch *Change) {
	t := p.texts[lang]
	tagged := map[string][]*content.Page{}
	for _, pg := range all {
		for _, k := range pg.Tags {
			if pg.Lang == lang {
				tagged[k] = append(tagged[k], pg)
			} else if tagged[k] == nil {
				tagged[k] = []*content.Page{}
			}
		}
	}
	indexPath := p.Config.SectionPath(lang, "topics")
	home := Link{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(lang)}
	index := p.newData(lang, "topics", t.T("section.topics"))
	index.Kind = "topics"
	index.Breadcrumbs = []Link{home, {Name: index.Title, URL: p.base + indexPath, Current: true}}
	for _, topic := range p.Config.Topics {
		list, used := tagged[topic.Key]
		if !used {
			continue
		}
		path := p.topicPath(lang, topic.Key)
		name := topic.Names[lang]
		index.Groups = append(index.Groups, Group{Title: name, URL: p.base + path, Count: len(list)})
		if ch != nil && !ch.Topics[topic.Key] {
			continue
		}
		p.sortPages(lang, list, true)
		p.group = group{groupTopic, topic.Key}
		related := p.relatedTopicLinks(lang, topic.Key)
		p.paginate(lang, path, "topic:"+topic.Key, list, p.sectionFallback("topics"), func() *Data {
			d := p.newData(lang, "topic", name)
			d.RelatedTopics = related
			d.Kind = "topic"
			d.Description = t.N("topic.count", len(list))
			d.Breadcrumbs = []Link{home, {Name: index.Title, URL: p.base + indexPath}, {Name: name, URL: p.base + path, Current: true}}
			return d
		})
	}
	col := i18n.NewCollator(lang)
	sort.SliceStable(index.Groups, func(i, j int) bool { return col.Compare(index.Groups[i].Title, index.Groups[j].Title) < 0 })
	p.group = group{groupTopics, ""}
	p.add(indexPath, "topics", "", index, p.sectionFallback("topics"))
}

// homeLatest is how many news items and acts the home page shows.
const homeLatest = 5

func (p *pageSet) home(lang string, pages []*content.Page) {
	t := p.texts[lang]
	d := p.newData(lang, "home", p.infos[lang].Title)
	d.Kind = "home"
	d.Description = p.infos[lang].Description
	for _, k := range p.Config.Kinds() {
		if !k.Listed {
			continue
		}
		s := k.Section
		list := bySection(pages, s)
		g := Group{Key: s, Title: t.T("section." + s), URL: p.base + p.Config.SectionPath(lang, s), Count: len(list)}
		if k.Dated {
			g.Items = p.items(p.newest(lang, list, homeLatest))
			g.Heading = t.T("home.latest_" + s)
		}
		d.Sections = append(d.Sections, g)
	}
	p.add(p.Config.HomePath(lang), "home", "", d, nil)
}

// search is the search page of a language (/szukaj/, /en/search/); the
// client script in static/js does the searching.
func (p *pageSet) search(lang string) {
	t := p.texts[lang]
	d := p.newData(lang, "search", t.T("search.title"))
	d.Kind = "search"
	d.NoIndex = true
	d.Breadcrumbs = []Link{{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(lang)}, {Name: d.Title, URL: p.base + p.Config.SectionPath(lang, "search"), Current: true}}
	p.add(p.Config.SectionPath(lang, "search"), "search", "", d, nil)
}

// notFound is the 404 page of each language: the default language's at
// the root (/404.html, what static hosts serve), the others' under their
// prefix (/en/404.html, for a preview server or a host that can choose by
// path). Each leads to both home pages.
func (p *pageSet) notFound() {
	for _, l := range p.Config.Languages {
		d := p.newData(l.Code, "404", p.texts[l.Code].T("notfound.title"))
		d.Kind = "404"
		d.NoIndex = true
		// One cluster: the switcher leads to the other languages' 404
		// pages (the link stage gives them no alternates: no canonical).
		o := p.add(p.Config.Prefix(l.Code)+"/404.html", "404", "", d, nil)
		o.Data.Canonical = ""
	}
}
