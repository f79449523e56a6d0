package render

import (
	"html/template"
	"sort"
	"strconv"
	"strings"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/markdown"
)

// Output is one file to write.
type Output struct {
	Path   string // site path without base path: "/en/news/" (a directory) or "/404.html"
	Layout string
	Data   *Data
	Raw    []byte // the file's bytes when it is not rendered from a layout (feeds, sitemap)

	cluster  string            // outputs sharing a cluster are translations of each other
	fallback map[string]string // lang -> where the switcher leads when there is no counterpart
	origin   string            // the content file (or "") that made this output, for error messages
}

// File is the output's file path relative to the destination directory.
func (o *Output) File() string {
	if strings.HasSuffix(o.Path, "/") {
		return strings.TrimPrefix(o.Path, "/") + "index.html"
	}
	return strings.TrimPrefix(o.Path, "/")
}

// Input is everything planning needs.
type Input struct {
	Config *config.Config
	Bundle *i18n.Bundle
	Site   *content.Site
	// Bodies holds every page's conversion; an act's also holds its
	// structure and units for the parallel view.
	Bodies map[*content.Page]markdown.Result
}

type planner struct {
	Input
	base    string
	infos   map[string]*SiteInfo
	texts   map[string]*Text
	outputs []*Output
	ds      *diag.List
	topicAt map[string]string // lang + "/" + topic key -> the topic's path
}

// Plan works out every output page of the site. Two outputs claiming one file
// (an alias on top of a page, say) are errors in ds.
func Plan(in Input) ([]*Output, *diag.List) {
	p := &planner{Input: in, base: in.Config.BasePath(), infos: map[string]*SiteInfo{}, texts: map[string]*Text{}, ds: &diag.List{}, topicAt: map[string]string{}}
	for _, l := range in.Config.Languages {
		p.texts[l.Code] = &Text{lang: l.Code, bundle: in.Bundle}
		p.infos[l.Code] = p.siteInfo(l)
		for _, t := range in.Config.Topics {
			p.topicAt[l.Code+"/"+t.Key] = in.Config.SectionPath(l.Code, "topics") + i18n.Slugify(t.Names[l.Code]) + "/"
		}
	}
	byLang := map[string][]*content.Page{}
	for _, pg := range in.Site.Pages {
		byLang[pg.Lang] = append(byLang[pg.Lang], pg)
		p.single(pg)
	}
	for _, l := range in.Config.Languages {
		pages := byLang[l.Code]
		for _, k := range in.Config.Kinds() {
			if k.Listed {
				p.section(l.Code, &k, pages)
			}
		}
		p.topics(l.Code, in.Site.Pages)
		p.home(l.Code, pages)
		p.search(l.Code)
	}
	p.notFound()
	p.link()
	p.lastmods()
	p.metadata()
	p.aliases()
	p.feeds(byLang)
	p.sitemap()
	p.checkCollisions()
	return p.outputs, p.ds
}

func (p *planner) siteInfo(l *config.Language) *SiteInfo {
	si := &SiteInfo{Title: l.Title, Description: l.Description, Lang: l.Code, Home: p.base + p.Config.HomePath(l.Code), TopicsURL: p.base + p.Config.SectionPath(l.Code, "topics"), SearchURL: p.base + p.Config.SectionPath(l.Code, "search"), BasePath: p.base, Languages: p.Config.Languages}
	for _, m := range l.Menu {
		link := Link{Name: m.Name}
		if m.Section != "" {
			link.URL = p.base + p.Config.SectionPath(l.Code, m.Section)
		} else if pg := p.findPage(m.Page, l.Code); pg != nil {
			link.URL = p.base + pg.URL
		} else {
			p.ds.Errorf("config.toml", 0, 0, "menu entry %q (%s): no published page %s in %s", m.Name, l.Code, m.Page, l.Code)
			continue
		}
		si.Menu = append(si.Menu, link)
	}
	return si
}

func (p *planner) findPage(ref, lang string) *content.Page {
	for _, pg := range p.Site.Pages {
		if pg.Lang == lang && pg.Section+"/"+pg.Name == ref {
			return pg
		}
	}
	return nil
}

func (p *planner) newData(lang, layout, title string) *Data {
	return &Data{Site: p.infos[lang], Lang: lang, L: p.texts[lang], Layout: layout, Title: title}
}

func (p *planner) add(path, cluster, origin string, d *Data, fallback map[string]string) *Output {
	d.URL = p.base + path
	d.Canonical = p.Config.AbsURL(path)
	o := &Output{Path: path, Layout: d.Layout, Data: d, cluster: cluster, fallback: fallback, origin: origin}
	p.outputs = append(p.outputs, o)
	return o
}

// sectionFallback sends the switcher to a section's list page in each language.
func (p *planner) sectionFallback(section string) map[string]string {
	fb := map[string]string{}
	for _, l := range p.Config.Languages {
		fb[l.Code] = p.Config.SectionPath(l.Code, section)
	}
	return fb
}

func (p *planner) single(pg *content.Page) {
	t := p.texts[pg.Lang]
	d := p.newData(pg.Lang, pg.Section, pg.Title)
	d.Kind = pg.Section
	d.Page = pg
	d.Description = pg.Summary
	body := p.Bodies[pg]
	d.Content = template.HTML(body.HTML) // produced by goldmark with raw HTML off
	d.Headings = body.Headings
	d.Source = pg.Source
	d.Topics = p.topicLinks(pg.Lang, pg.Tags)
	d.Breadcrumbs = []Link{{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(pg.Lang)}}
	if pg.Kind.Listed {
		d.Breadcrumbs = append(d.Breadcrumbs, Link{Name: t.T("section." + pg.Section), URL: p.base + p.Config.SectionPath(pg.Lang, pg.Section)})
	}
	crumb := pg.Title
	if pg.Act != nil && pg.Act.Number != "" {
		crumb = pg.Act.Number // an act's full title is a paragraph, not a breadcrumb
	}
	d.Breadcrumbs = append(d.Breadcrumbs, Link{Name: crumb, URL: p.base + pg.URL, Current: true})
	key := pg.Path
	for _, tr := range pg.Translations {
		if tr.Path < key {
			key = tr.Path
		}
	}
	p.add(pg.URL, "page:"+key, pg.Path, d, p.sectionFallback(pg.Section))
	if body.Act != nil {
		p.act(pg, d, body.Act, key)
	}
}

func (p *planner) item(pg *content.Page) Item {
	return Item{Title: pg.Title, URL: p.base + pg.URL, Date: pg.Date, Summary: pg.Summary, Kind: pg.Section, Lang: pg.Lang, Topics: p.topicLinks(pg.Lang, pg.Tags), Page: pg}
}

func (p *planner) items(pages []*content.Page) []Item {
	out := make([]Item, len(pages))
	for i, pg := range pages {
		out[i] = p.item(pg)
	}
	return out
}

// sortPages orders news and acts newest first and everything else A–Ż in the
// language's collation; ties fall back to title, then to the input order
// (pages arrive sorted by path).
func sortPages(lang string, pages []*content.Page, byDate bool) {
	i18n.SortFunc(i18n.NewCollator(lang), pages, func(p *content.Page) string { return p.Title })
	if byDate {
		sort.SliceStable(pages, func(i, j int) bool { return pages[i].Date.After(pages[j].Date) })
	}
}

func bySection(pages []*content.Page, section string) []*content.Page {
	var out []*content.Page
	for _, pg := range pages {
		if pg.Section == section {
			out = append(out, pg)
		}
	}
	return out
}

func (p *planner) section(lang string, kind *config.Kind, pages []*content.Page) {
	section := kind.Section
	list := bySection(pages, section)
	sortPages(lang, list, kind.Dated)
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
func (p *planner) paginate(lang, root, cluster string, list []*content.Page, fallback map[string]string, newData func() *Data) {
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

func (p *planner) topicPath(lang, key string) string {
	return p.topicAt[lang+"/"+key]
}

func (p *planner) topicLinks(lang string, tags []string) []Link {
	var out []Link
	for _, k := range tags {
		if t := p.Config.Topic(k); t != nil {
			out = append(out, Link{Name: t.Names[lang], URL: p.base + p.topicPath(lang, k)})
		}
	}
	return out
}

// topics writes the topic index and, for every topic used anywhere on the
// site, its list in every language (so that each has its counterpart):
// newest first, undated pages after them A–Ż, paginated like sections.
func (p *planner) topics(lang string, all []*content.Page) {
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
		sortPages(lang, list, true)
		path := p.topicPath(lang, topic.Key)
		name := topic.Names[lang]
		p.paginate(lang, path, "topic:"+topic.Key, list, p.sectionFallback("topics"), func() *Data {
			d := p.newData(lang, "topic", name)
			d.Kind = "topic"
			d.Description = t.N("topic.count", len(list))
			d.Breadcrumbs = []Link{home, {Name: index.Title, URL: p.base + indexPath}, {Name: name, URL: p.base + path, Current: true}}
			return d
		})
		index.Groups = append(index.Groups, Group{Title: name, URL: p.base + path, Count: len(list)})
	}
	col := i18n.NewCollator(lang)
	sort.SliceStable(index.Groups, func(i, j int) bool { return col.Compare(index.Groups[i].Title, index.Groups[j].Title) < 0 })
	p.add(indexPath, "topics", "", index, p.sectionFallback("topics"))
}

// homeLatest is how many news items and acts the home page shows.
const homeLatest = 5

func (p *planner) home(lang string, pages []*content.Page) {
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
		sortPages(lang, list, k.Dated)
		g := Group{Title: t.T("section." + s), URL: p.base + p.Config.SectionPath(lang, s), Count: len(list)}
		if k.Dated {
			if len(list) > homeLatest {
				list = list[:homeLatest]
			}
			g.Items = p.items(list)
			g.Heading = t.T("home.latest_" + s)
		}
		d.Sections = append(d.Sections, g)
	}
	p.add(p.Config.HomePath(lang), "home", "", d, nil)
}

// search is the search page of a language (/szukaj/, /en/search/); the
// client script in static/js does the searching.
func (p *planner) search(lang string) {
	t := p.texts[lang]
	d := p.newData(lang, "search", t.T("search.title"))
	d.Kind = "search"
	d.NoIndex = true
	d.Breadcrumbs = []Link{{Name: t.T("nav.home"), URL: p.base + p.Config.HomePath(lang)}, {Name: d.Title, URL: p.base + p.Config.SectionPath(lang, "search"), Current: true}}
	p.add(p.Config.SectionPath(lang, "search"), "search", "", d, nil)
}

// notFound is the one 404 page at the root, for readers of every language.
func (p *planner) notFound() {
	def := p.Config.DefaultLanguage
	d := p.newData(def, "404", p.texts[def].T("notfound.title"))
	d.Kind = "404"
	d.NoIndex = true
	o := p.add("/404.html", "", "", d, nil)
	o.Data.Canonical = ""
}

// link fills in alternates and the language switcher from the clusters.
func (p *planner) link() {
	clusters := map[string]map[string]*Output{}
	for _, o := range p.outputs {
		if o.cluster == "" {
			continue
		}
		if clusters[o.cluster] == nil {
			clusters[o.cluster] = map[string]*Output{}
		}
		clusters[o.cluster][o.Data.Lang] = o
	}
	for _, o := range p.outputs {
		if o.cluster == "" {
			continue
		}
		members := clusters[o.cluster]
		d := o.Data
		for _, l := range p.Config.Languages {
			m := members[l.Code]
			if m != nil {
				d.Alternates = append(d.Alternates, Alternate{Lang: l.Code, Href: m.Data.Canonical})
			}
			if l.Code == d.Lang {
				continue
			}
			sw := Switch{Lang: l.Code, Label: p.Bundle.T(l.Code, "lang.name")}
			switch {
			case m != nil:
				sw.URL = m.Data.URL
			case o.fallback != nil:
				sw.URL, sw.Missing = p.base+o.fallback[l.Code], true
				sw.Note, sw.Goto = p.Bundle.T(l.Code, "missing.note"), p.Bundle.T(l.Code, "missing.goto")
			default:
				sw.URL, sw.Missing = p.base+p.Config.HomePath(l.Code), true
			}
			d.Switch = append(d.Switch, sw)
			if sw.Missing && d.Page != nil {
				d.NoTranslation = append(d.NoTranslation, sw)
			}
		}
		if m := members[p.Config.DefaultLanguage]; m != nil {
			d.XDefault = m.Data.Canonical
		} else {
			d.XDefault = d.Alternates[0].Href
		}
	}
}

// aliases adds a redirect page at each old URL of a page.
func (p *planner) aliases() {
	for _, pg := range p.Site.Pages {
		for _, a := range pg.Aliases {
			d := p.newData(pg.Lang, "redirect", pg.Title)
			d.Kind = "redirect"
			d.NoIndex = true
			d.Page = pg
			d.Redirect = p.base + pg.URL
			path := a
			if !strings.HasSuffix(path, "/") && !strings.HasSuffix(path, ".html") {
				path += "/"
			}
			o := p.add(path, "", pg.Path, d, nil)
			o.Data.Canonical = p.Config.AbsURL(pg.URL)
		}
	}
}

// checkCollisions reports two outputs claiming one file: an alias on top of
// a page or of another alias, or two pages.
func (p *planner) checkCollisions() {
	seen := map[string]*Output{}
	for _, o := range p.outputs {
		f := o.File()
		prev := seen[f]
		if prev == nil {
			seen[f] = o
			continue
		}
		path, line := "config.toml", 0
		for _, x := range []*Output{o, prev} {
			if _, xp, xl := x.Source(); xp != "config.toml" {
				path, line = xp, xl
				if x.Layout == "redirect" {
					break
				}
			}
		}
		who, _, _ := o.Source()
		prevWho, _, _ := prev.Source()
		p.ds.Errorf(path, line, 1, "%s collides with %s: both would be %s", who, prevWho, o.Path)
	}
}

// Source tells where an output comes from, for messages: who made it ("an
// alias of content/news/x.pl.md", "content/news/x.pl.md", "the list page")
// and the file and line to point an editor at (config.toml, line 0, for
// pages the site generates by itself).
func (o *Output) Source() (who, path string, line int) {
	switch {
	case o.Layout == "redirect" && o.Data != nil && o.Data.Page != nil:
		return "an alias of " + o.origin, o.Data.Page.Path, o.Data.Page.AliasesLine
	case o.origin != "":
		return o.origin, o.origin, 1
	case o.Layout != "":
		return "the " + o.Layout + " page", "config.toml", 0
	}
	return "the generated " + o.Path, "config.toml", 0
}
