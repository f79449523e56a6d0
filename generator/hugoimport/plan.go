package hugoimport

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"hubgen/generator/config"
	"hubgen/generator/i18n"
)

// importer holds one import's state.
type importer struct {
	src, dest string
	opts      Options
	cfg       *hugoConfig
	sections  map[string]string
	now       time.Time
	rep       *Report

	hub     *config.Config // hubgen's configuration as written (without menus), for URL segments
	hubLang string         // hubgen's default language
	langs   []string       // hubgen's languages, default first
	scan    *scan
	pages   []*page           // the pages imported, sorted by source path
	bySrc   map[string]*page  // source path -> page
	byURL   map[string]*page  // Hugo URL -> page
	lists   map[string]string // Hugo URL of a home or section list -> hubgen's page for it
	taken   map[string]string // URLs the hubgen site has -> what has it
	under   []string          // URL prefixes hubgen writes under (topics, pagination, search index)
	static  map[string]bool   // Hugo's static files, as site paths
	theme   map[string]bool   // hubgen's own static files, as site paths

	tagSpelling map[string]string // tag as written -> as the hubgen site has it (canonicalTags)
	redirects   map[string]string // old list URL -> hubgen's, for [redirects] (addRedirects)
}

// run imports the site.
func (im *importer) run() error {
	if err := im.languages(); err != nil {
		return err
	}
	s, err := scanContent(im.src, im.cfg)
	if err != nil {
		return err
	}
	im.scan = s
	if err := im.readPages(); err != nil {
		return err
	}
	if err := im.listStatic(); err != nil {
		return err
	}
	im.assign()
	im.reserve()
	im.tagSpelling = im.canonicalTags()
	im.termRedirects()
	im.addRedirects()
	im.addAliases()
	for _, p := range im.pages {
		hs := headings(p.m.body, codeSpans(p.m.body))
		p.ids = headingIDs(hs)
	}
	return im.write()
}

// languages picks hubgen's languages: pl and en, those the Hugo site has.
func (im *importer) languages() error {
	c := im.cfg
	for _, code := range c.unknownLangs {
		im.rep.notConverted(c.files[0], 0, "language %q: hubgen publishes pl and en only; its pages are not imported", code)
	}
	for _, l := range c.langs {
		if supported(l.code) {
			im.langs = append(im.langs, l.code)
		}
	}
	if len(im.langs) == 0 {
		return fmt.Errorf("reading the Hugo site: %s: no language hubgen publishes (pl, en) among %v", c.files[0], langCodes(c.langs))
	}
	im.hubLang = im.langs[0]
	if supported(c.defaultLang) && slices.Contains(im.langs, c.defaultLang) {
		im.hubLang = c.defaultLang
	}
	slices.SortStableFunc(im.langs, func(a, b string) int {
		switch {
		case a == im.hubLang:
			return -1
		case b == im.hubLang:
			return 1
		}
		return 0
	})
	if im.hubLang != c.defaultLang {
		im.rep.decide(c.files[0], 0, "default language %s: hubgen's default language is %s", c.defaultLang, im.hubLang)
	}
	hub, err := config.Parse("config.toml", []byte(im.configTOML(nil)))
	if err != nil {
		return fmt.Errorf("making config.toml: %w", err)
	}
	im.hub = hub
	return nil
}

func langCodes(ls []*hugoLang) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.code)
	}
	return out
}

// readPages reads every page's front matter and computes its Hugo URL;
// pages hubgen has no place for are reported and left out.
func (im *importer) readPages() error {
	im.bySrc, im.byURL, im.lists = map[string]*page{}, map[string]*page{}, map[string]string{}
	for _, f := range im.scan.other {
		im.rep.notConverted(f, 0, "content in a format other than Markdown is not imported")
	}
	for _, l := range im.langs {
		im.lists[im.cfg.prefix(l)+"/"] = im.hub.HomePath(l)
	}
	for _, p := range im.scan.pages {
		if !supported(p.lang) {
			im.rep.notConverted(p.src, 0, "page in %s: hubgen publishes pl and en only; not imported", p.lang)
			continue
		}
		data, err := os.ReadFile(filepath.Join(im.src, filepath.FromSlash(p.src)))
		if err != nil {
			return fmt.Errorf("reading the Hugo site: %w", err)
		}
		m, err := splitMatter(data)
		if err != nil {
			im.rep.notConverted(p.src, 1, "%v: the page is not imported", err)
			continue
		}
		p.m = m
		im.readMatter(p)
		p.hugoURL = im.cfg.pageURL(p)
		if section := im.sections[strings.ToLower(p.hugoSection())]; p.kind == branchPage && section != "" && section != "pages" {
			if _, dir := p.pathParts(); dir == "" {
				im.lists[p.hugoURL] = im.hub.SectionPath(p.lang, section)
			}
		}
		if to := im.specialPage(p); to != "" {
			im.lists[p.hugoURL] = to
			im.rep.decide(p.src, p.m.line("layout"), "layout %q: not imported, hubgen's own page %s takes its place", p.m.getStr("layout"), to)
			continue
		}
		if p.kind == branchPage {
			empty := strings.TrimSpace(stripComments(m.body)) == ""
			switch {
			case p.rel == "_index.md" || strings.HasPrefix(p.rel, "_index."):
				if !empty {
					im.rep.notConverted(p.src, m.bodyLine, "the home page's text is not imported: hubgen's home page is made by its layout")
				} else {
					im.rep.decide(p.src, 0, "home page: hubgen makes its own")
				}
				continue
			case empty:
				im.rep.decide(p.src, 0, "section page %s without text: not imported (hubgen lists its sections itself)", p.hugoURL)
				if to, ok := im.lists[p.hugoURL]; ok {
					for _, a := range strList(m.values["aliases"]) {
						if clean, err := config.CleanPath("alias", resolveAlias(p.hugoURL, strings.TrimSpace(a))); err == nil {
							im.lists[clean] = to
						}
					}
				}
				continue
			}
		}
		im.pages = append(im.pages, p)
		im.bySrc[p.src] = p
		if _, dup := im.byURL[p.hugoURL]; !dup {
			im.byURL[p.hugoURL] = p
		}
	}
	// Section lists without _index.md.
	for _, p := range im.pages {
		sec := p.hugoSection()
		if section := im.sections[strings.ToLower(sec)]; sec != "" && section != "" && section != "pages" {
			u := im.cfg.prefix(p.lang) + im.cfg.branchURL(sec)
			if _, ok := im.lists[u]; !ok {
				im.lists[u] = im.hub.SectionPath(p.lang, section)
			}
		}
	}
	return nil
}

// stripComments removes HTML comments (<!--more--> among them).
func stripComments(s string) string {
	for {
		i := strings.Index(s, "<!--")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "-->")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+3:]
	}
}

// readMatter reads the keys that decide where and whether Hugo publishes
// a page: dates, draft, title.
func (im *importer) readMatter(p *page) {
	date := func(keys ...string) *hugoDate {
		for _, k := range keys {
			v, ok := p.m.get(k)
			if !ok {
				continue
			}
			d, err := parseDate(v, im.cfg.loc)
			if err != nil {
				im.rep.notConverted(p.src, p.m.line(k), "%s: %v; dropped", k, err)
				continue
			}
			return &d
		}
		return nil
	}
	p.date = date("date", "publishdate", "pubdate", "published", "lastmod", "modified")
	p.publishDate = date("publishdate", "pubdate", "published")
	p.lastmod = date("lastmod", "modified")
	p.expiryDate = date("expirydate", "unpublishdate")
	p.draft = truthy(p.m.values["draft"])
	p.title = p.m.getStr("title")
	if p.title == "" {
		dir, base := p.pathParts()
		if p.kind == branchPage {
			base = path.Base(dir)
		}
		p.title = humanize(base)
		im.rep.decide(p.src, 0, "no title: %q made from the file name", p.title)
	}
	pub := p.publishDate
	if pub == nil {
		pub = p.date
	}
	p.published = !p.draft && (pub == nil || !pub.t.After(im.now)) && (p.expiryDate == nil || p.expiryDate.t.After(im.now))
}

// humanize makes a title of a file name: "my-first_post" -> "My first post".
func humanize(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// listStatic lists Hugo's static files and hubgen's own, as site paths.
func (im *importer) listStatic() error {
	im.static, im.theme = map[string]bool{}, map[string]bool{}
	root := filepath.Join(im.src, "static")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == root {
				return fs.SkipAll
			}
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			im.static["/"+filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the Hugo site's static files: %w", err)
	}
	if im.opts.Theme != nil {
		err := fs.WalkDir(im.opts.Theme, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" {
					return fs.SkipAll
				}
				return err
			}
			if !d.IsDir() {
				im.theme[strings.TrimPrefix(p, "static")] = true
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading hubgen's theme: %w", err)
		}
	}
	return nil
}

// section is the hubgen section of a page's group.
func (im *importer) section(p *page) string {
	if p.kind == branchPage || p.hugoSection() == "" {
		return "pages"
	}
	if s := im.sections[strings.ToLower(p.hugoSection())]; s != "" {
		return s
	}
	return "pages"
}

// groups gathers the pages into translation groups: one path without
// language suffix, or one translationKey; sorted by their first file.
func (im *importer) groups() [][]*page {
	var order []string
	byKey := map[string][]*page{}
	tkGroup := map[string]string{}
	for _, p := range im.pages {
		key := p.group // content/<lang>/ folders share their paths
		if tk := p.m.getStr("translationkey"); tk != "" {
			if g, ok := tkGroup[tk]; ok {
				key = g
			} else {
				tkGroup[tk] = key
			}
		}
		if _, ok := byKey[key]; !ok {
			order = append(order, key)
		}
		byKey[key] = append(byKey[key], p)
	}
	var out [][]*page
	for _, k := range order {
		g := byKey[k]
		// A language twice in a group: the later file is a group of its own.
		seen := map[string]bool{}
		var rest []*page
		var first []*page
		for _, p := range g {
			if seen[p.lang] {
				rest = append(rest, p)
				continue
			}
			seen[p.lang] = true
			first = append(first, p)
		}
		// The default language's file names the group.
		slices.SortStableFunc(first, func(a, b *page) int {
			switch {
			case a.lang == im.hubLang && b.lang != im.hubLang:
				return -1
			case b.lang == im.hubLang && a.lang != im.hubLang:
				return 1
			}
			return 0
		})
		out = append(out, first)
		for _, p := range rest {
			out = append(out, []*page{p})
		}
	}
	// Groups with a page in the default language name themselves first.
	slices.SortStableFunc(out, func(a, b []*page) int {
		da, db := a[0].lang == im.hubLang, b[0].lang == im.hubLang
		if da != db {
			if da {
				return -1
			}
			return 1
		}
		return strings.Compare(a[0].src, b[0].src)
	})
	return out
}

// assign gives every page its hubgen section, name, slug and URL.
func (im *importer) assign() {
	names := map[string]bool{} // section/name
	slugs := map[string]bool{} // section/lang/slug
	for _, l := range im.langs {
		for _, seg := range im.hub.Language(l).Segments {
			slugs["pages/"+l+"/"+seg] = true
		}
		for _, other := range []string{"pl", "en", "search", "feed", "sitemap", "robots", "404"} {
			slugs["pages/"+l+"/"+other] = true
		}
	}
	urls := map[string]bool{}
	for _, g := range im.groups() {
		section := im.section(g[0])
		if section == "news" {
			for _, p := range g {
				if p.date == nil {
					section = "pages"
					im.rep.decide(p.src, 0, "moved to pages: a news item needs a date and this page has none")
				}
			}
		}
		base := g[0].group
		if g[0].kind == branchPage {
			base = path.Dir(base)
		}
		if section != "pages" {
			if _, rest, ok := strings.Cut(base, "/"); ok {
				base = rest
			}
		}
		name := i18n.Slugify(strings.ReplaceAll(base, "/", "-"))
		if name == "" {
			name = "page"
		}
		name = unique(name, func(n string) bool { return names[section+"/"+n] })
		names[section+"/"+name] = true
		for _, p := range g {
			p.section, p.name = section, name
			im.assignPage(p, g[0], slugs, urls)
		}
	}
}

// assignPage gives a page its slug, file and URL.
func (im *importer) assignPage(p, first *page, slugs, urls map[string]bool) {
	slug := p.name
	if _, base := p.pathParts(); p.group != first.group && i18n.Slugify(base) != "" {
		slug = i18n.Slugify(base) // a translation of another name (translationKey)
	}
	if s := p.m.getStr("slug"); s != "" {
		slug = i18n.Slugify(s)
		if slug == "" {
			slug = p.name
		}
		if slug != s {
			im.rep.decide(p.src, p.m.line("slug"), "slug %q written as %q (hubgen's slugs are a-z, 0-9 and hyphens)", s, slug)
		}
	}
	slug = unique(slug, func(s string) bool { return slugs[p.section+"/"+p.lang+"/"+s] })
	slugs[p.section+"/"+p.lang+"/"+slug] = true
	p.slug = slug
	p.target = "content/" + p.section + "/" + p.name + "." + p.lang + ".md"
	if p.kind == bundlePage {
		p.target = "content/" + p.section + "/" + p.name + "/index." + p.lang + ".md"
	}
	if p.section == "pages" {
		p.hubURL = im.hub.HomePath(p.lang) + slug + "/"
	} else {
		p.hubURL = im.hub.SectionPath(p.lang, p.section) + slug + "/"
	}
	im.rep.decide(p.src, 0, "-> %s (Hugo section %q -> %s)", p.target, p.hugoSection(), p.section)
	if p.m.getStr("url") == "" && p.kind != branchPage {
		return
	}
	want := p.hugoURL
	clean, err := config.CleanPath("url", want)
	why := ""
	switch {
	case err != nil:
		why = err.Error()
	case !strings.HasSuffix(clean, "/") && !strings.HasSuffix(clean, ".html"):
		why = "it does not end in / or .html"
	case urls[clean]:
		why = "another page has it"
	default:
		why = im.generated(clean)
	}
	if why != "" {
		im.rep.notConverted(p.src, p.m.line("url"), "URL %s cannot be kept (%s): the page is at %s", want, why, p.hubURL)
		return
	}
	urls[clean] = true
	p.url, p.hubURL = clean, clean
	if clean != want {
		im.rep.decide(p.src, p.m.line("url"), "url %q written as %q", want, clean)
	}
}

// unique returns s, or s-2, s-3 … when taken says s is taken.
func unique(s string, taken func(string) bool) string {
	if !taken(s) {
		return s
	}
	for i := 2; ; i++ {
		if c := fmt.Sprintf("%s-%d", s, i); !taken(c) {
			return c
		}
	}
}
