package render

import (
	"cmp"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"

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

	group    group             // what the output is planned with (see PlanChange)
	sitemap  []byte            // the output's entry in the sitemap, once made
	cluster  string            // outputs sharing a cluster are translations of each other
	fallback map[string]string // lang -> where the switcher leads when there is no counterpart
	origin   string            // the content file (or "") that made this output, for error messages
	body     *content.Page     // the page whose body the output shows, when it was planned without it
	cross    uint64            // what it shows of other pages besides lists (see crossDigest)
	// kept is what a restored output (Restore) was kept with; it has no
	// Data, and title and index read this instead.
	kept *Kept
}

// title is the output's title, for messages.
func (o *Output) title() string {
	if o.kept != nil {
		return o.kept.Title
	}
	if o.Data == nil {
		return ""
	}
	return o.Data.Title
}

// index returns the output's canonical URL and whether it goes into the
// sitemap: a page not marked noindex, with a canonical URL, rendered from
// a layout.
func (o *Output) index() (string, bool) {
	if k := o.kept; k != nil {
		return k.Canonical, !k.Raw && !k.NoIndex && k.Canonical != ""
	}
	d := o.Data
	if d == nil || o.Raw != nil {
		return "", false
	}
	return d.Canonical, !d.NoIndex && d.Canonical != ""
}

// Body returns the content page whose body the output shows when the plan
// had no conversion of it (see Input.Bodies), else nil.
func (o *Output) Body() *content.Page { return o.body }

// SetBody gives an output that Body names its page's conversion, before it
// is rendered.
func (o *Output) SetBody(res markdown.Result) {
	o.Data.Content = template.HTML(res.HTML) // produced by goldmark with raw HTML off
	o.Data.Headings = res.Headings
	o.body = nil
}

// File is the output's file path relative to the destination directory.
func (o *Output) File() string { return FileOf(o.Path) }

// FileOf is the file, relative to the destination directory, that serves
// a site path (without base path): "news/x/index.html" for "/news/x/".
func FileOf(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return strings.TrimPrefix(sitePath, "/") + "index.html"
	}
	return strings.TrimPrefix(sitePath, "/")
}

// Input is everything planning needs.
type Input struct {
	Config *config.Config
	Bundle *i18n.Bundle
	Site   *content.Site
	// Bodies holds the pages' conversions; an act's also holds its
	// structure and units for the parallel view. Acts must all be there;
	// the output of a page that is not (see Output.Body) is planned
	// without its body, which SetBody gives it before it is rendered.
	Bodies map[*content.Page]markdown.Result
	// Keys caches collation keys of titles (SortName) across plans (a
	// live preview keeps one, a build fills one from the build cache);
	// nil makes a cache for this plan.
	Keys *i18n.KeyCache
	// Now is the build's moment, for what the day of the build decides: an
	// act's status ("in force") and a project's. Zero: no status is shown.
	Now time.Time
}

// env is what every stage of planning shares and none changes after
// newEnv: the input, each language's site information and UI strings, the
// topics' paths. Problems go to ds.
type env struct {
	Input
	base    string
	infos   map[string]*SiteInfo
	texts   map[string]*Text
	ds      *diag.List
	topicAt map[string]string // lang + "/" + topic key -> the topic's path
	keys    *i18n.KeyCache    // collation keys of titles
	// publishers holds the JSON-LD of each language's site as a publisher
	// (see publisher).
	publishers map[string][]byte
	ld         ldArena // the objects of JSON-LD being made (see metadata)
	ldBuf      []byte  // JSON being written (see ldJS)
	// ranks holds, by language, each page's place in the order of titles
	// (see titleRanks).
	ranks map[string]map[*content.Page]int
	// fallbacks and itemOf hold what sectionFallback and item made.
	fallbacks map[string]map[string]string
	itemOf    map[*content.Page]Item
	// menuAt holds, by language + "/" + section, the URL of the menu entry
	// of a section; related is made the first time a page asks for it.
	menuAt  map[string]string
	related *relatedIndex
	orgs    map[string]*content.Page // organisation profiles by language + "/" + title or sortTitle
}

// Plan works out every output page of the site, in stages that each say
// what they read and write:
//
//  1. pages: every page a layout renders (content pages, parallel views of
//     acts, paginated lists, topics, home, search, 404), with its content,
//     lists and breadcrumbs; the versions of one page in different
//     languages share a cluster;
//  2. link: hreflang alternates and the language switcher, from the clusters;
//  3. describe: dates, Open Graph tags and JSON-LD, from what 1 and 2 set;
//  4. publishing: redirect pages at aliases, feeds, the sitemap and
//     robots.txt, as new outputs;
//  5. collisions: two outputs claiming one file (an alias on top of a
//     page, say) are errors in the returned list.
//
// No stage reads what a layout rendered: layouts run after Plan.
func Plan(in Input) ([]*Output, *diag.List) {
	e := newEnv(in)
	pages := e.planPages(nil)
	e.link(pages)
	e.describe(pages)
	out := append(pages, e.publish(pages)...)
	e.checkCollisions(out)
	return out, e.ds
}

// publish is stage 4: the outputs made from the pages of stage 1 and the
// site's front matter (redirects at aliases, feeds, the sitemap).
func (p *env) publish(pages []*Output) []*Output {
	out := p.aliases()
	out = append(out, p.feeds()...)
	out = append(out, p.sitemap(pages)...)
	for _, o := range out {
		o.group = group{groupPublish, ""}
	}
	return out
}

// newEnv prepares what the stages share.
func newEnv(in Input) *env {
	p := &env{Input: in, base: in.Config.BasePath(), infos: map[string]*SiteInfo{}, texts: map[string]*Text{}, ds: &diag.List{}, topicAt: map[string]string{}, keys: in.Keys, publishers: map[string][]byte{}, ranks: map[string]map[*content.Page]int{}, fallbacks: map[string]map[string]string{}, itemOf: map[*content.Page]Item{}, menuAt: map[string]string{}}
	if p.keys == nil {
		p.keys = i18n.NewKeyCache()
	}
	for _, l := range in.Config.Languages {
		p.texts[l.Code] = &Text{lang: l.Code, bundle: in.Bundle}
		p.infos[l.Code] = p.siteInfo(l)
		for _, t := range in.Config.Topics {
			p.topicAt[l.Code+"/"+t.Key] = in.Config.SectionPath(l.Code, "topics") + i18n.TopicSlug(t.Names[l.Code]) + "/"
		}
	}
	return p
}

func (p *env) siteInfo(l *config.Language) *SiteInfo {
	si := &SiteInfo{Title: l.Title, Description: l.Description, Lang: l.Code, Home: p.base + p.Config.HomePath(l.Code), TopicsURL: p.base + p.Config.SectionPath(l.Code, "topics"), SearchURL: p.base + p.Config.SectionPath(l.Code, "search"), BasePath: p.base, Languages: p.Config.Languages, Homes: map[string]string{}}
	for _, other := range p.Config.Languages {
		si.Homes[other.Code] = p.base + p.Config.HomePath(other.Code)
	}
	p.footerLinks(si)
	for _, m := range l.Menu {
		link := Link{Name: m.Name}
		if m.Section != "" {
			link.URL = p.base + p.Config.SectionPath(l.Code, m.Section)
			p.menuAt[l.Code+"/"+m.Section] = link.URL
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

func (p *env) findPage(ref, lang string) *content.Page {
	for _, pg := range p.Site.Pages {
		if pg.Lang == lang && pg.Section+"/"+pg.Name == ref {
			return pg
		}
	}
	return nil
}

func (p *env) newData(lang, layout, title string) *Data {
	return &Data{Site: p.infos[lang], Lang: lang, L: p.texts[lang], Layout: layout, Title: title}
}

// newOutput makes the output of a page at path (a site path without the
// base path) with its URLs set.
func (p *env) newOutput(path, cluster, origin string, d *Data, fallback map[string]string) *Output {
	d.URL = p.base + path
	d.Canonical = p.Config.AbsURL(path)
	for _, m := range d.Site.Menu {
		if m.URL == d.URL {
			d.MenuURL = d.URL
		}
	}
	if d.MenuURL == "" {
		d.MenuSection = p.menuAt[d.Lang+"/"+menuSection(d)]
	}
	return &Output{Path: path, Layout: d.Layout, Data: d, cluster: cluster, fallback: fallback, origin: origin}
}

// sectionFallback sends the switcher to a section's list page in each
// language. The outputs of a section share one map: it is not changed.
func (p *env) sectionFallback(section string) map[string]string {
	if fb, ok := p.fallbacks[section]; ok {
		return fb
	}
	fb := map[string]string{}
	for _, l := range p.Config.Languages {
		fb[l.Code] = p.Config.SectionPath(l.Code, section)
	}
	p.fallbacks[section] = fb
	return fb
}

// item is a page as lists show it, made once per plan: the lists a page
// is in share its item's topics.
func (p *env) item(pg *content.Page) Item {
	if it, ok := p.itemOf[pg]; ok {
		return it
	}
	t := p.texts[pg.Lang]
	it := Item{Title: pg.Title, URL: p.base + pg.URL, Date: pg.Date, Summary: pg.Summary, Kind: pg.Section, Lang: pg.Lang, Topics: p.topicLinks(pg.Lang, pg.Tags), Page: pg, KindName: t.T("kind." + pg.Section)}
	if !pg.Date.IsZero() {
		it.DateText, it.DateISO = t.Date(pg.Date), t.ISO(pg.Date)
	}
	p.itemOf[pg] = it
	return it
}

func (p *env) items(pages []*content.Page) []Item {
	out := make([]Item, len(pages))
	for i, pg := range pages {
		out[i] = p.item(pg)
	}
	return out
}

// sortPages orders news and acts newest first and everything else A–Ż in the
// language's collation; ties fall back to title, then to the input order
// (pages arrive sorted by path: every list is in the order of Site.Pages).
// The titles are put in order once per language (titleRanks), and each
// list by their places in it.
func (p *env) sortPages(lang string, pages []*content.Page, byDate bool) {
	ranks := p.titleRanks(lang)
	type entry struct {
		date time.Time
		rank int
		page *content.Page
	}
	entries := make([]entry, len(pages))
	for i, pg := range pages {
		rank, ok := ranks[pg]
		if !ok { // not a page of lang: sort this list on its own
			i18n.SortCached(p.keys, lang, pages, SortName)
			if byDate {
				sort.SliceStable(pages, func(i, j int) bool { return pages[i].Date.After(pages[j].Date) })
			}
			return
		}
		entries[i] = entry{pg.Date, rank, pg}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if byDate {
			if c := b.date.Compare(a.date); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.rank, b.rank)
	})
	for i, e := range entries {
		pages[i] = e.page
	}
}

// SortName is what A–Z lists sort a page under: its sortTitle, else its
// title (Input.Keys caches the collation keys of these names).
func SortName(p *content.Page) string {
	if p.SortTitle != "" {
		return p.SortTitle
	}
	return p.Title
}

// titleRanks returns the place of each page of lang in the language's
// order of names (SortName), ties in the order of Site.Pages, made the first time a
// plan asks for it.
func (p *env) titleRanks(lang string) map[*content.Page]int {
	if ranks, ok := p.ranks[lang]; ok {
		return ranks
	}
	var pages []*content.Page
	for _, pg := range p.Site.Pages {
		if pg.Lang == lang {
			pages = append(pages, pg)
		}
	}
	if p.Keys != nil {
		i18n.SortCached(p.keys, lang, pages, SortName) // a live preview's keys, kept across plans
	} else {
		i18n.SortFunc(i18n.NewCollator(lang), pages, SortName) // one buffer for every key
	}
	ranks := make(map[*content.Page]int, len(pages))
	for i, pg := range pages {
		ranks[pg] = i
	}
	p.ranks[lang] = ranks
	return ranks
}

// newest returns the n pages of list that come first in sortPages' order
// for dated lists, in that order, sorting only the pages dated at least as
// late as the n-th newest (a home page or a feed needs a few of thousands).
// list is not changed.
func (p *env) newest(lang string, list []*content.Page, n int) []*content.Page {
	if len(list) > n {
		dates := make([]time.Time, len(list))
		for i, pg := range list {
			dates[i] = pg.Date
		}
		slices.SortFunc(dates, time.Time.Compare)
		cut := dates[len(dates)-n]
		var top []*content.Page
		for _, pg := range list {
			if !pg.Date.Before(cut) {
				top = append(top, pg)
			}
		}
		list = top
	} else {
		list = slices.Clone(list)
	}
	p.sortPages(lang, list, true)
	if len(list) > n {
		list = list[:n]
	}
	return list
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

func (p *env) topicPath(lang, key string) string {
	return p.topicAt[lang+"/"+key]
}

func (p *env) topicLinks(lang string, tags []string) []Link {
	var out []Link
	for _, k := range tags {
		if t := p.Config.Topic(k); t != nil {
			out = append(out, Link{Name: t.Names[lang], URL: p.base + p.topicPath(lang, k)})
		}
	}
	return out
}
