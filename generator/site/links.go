package site

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/linkcheck"
	"hubgen/generator/markdown"
	"hubgen/generator/render"
	"hubgen/generator/search"
)

// The link check (package linkcheck) of a build and of a session: every
// HTML output is scanned as it is rendered, and once everything is
// rendered, before anything is published, every internal link must lead
// to a file of the output and every fragment to an id of its page. A
// broken link is an error at the Markdown line that wrote it, or, when no
// page's Markdown did, at the layout of the output that has it.

// outputInfo is what the link check keeps of an output, to say where a
// broken link of it comes from.
type outputInfo struct {
	file   string // the output's file, relative to the output's root
	layout string // "" for an output not rendered from a layout (a feed)
	// page is the content page whose Markdown the output shows, or nil;
	// parallel tells that it is the parallel view of an act, which shows
	// the Markdown of the page's translations too.
	page     *content.Page
	parallel bool
}

func infoOf(o *render.Output) outputInfo {
	oi := outputInfo{file: o.File(), layout: o.Layout}
	if o.Raw != nil {
		oi.layout = ""
	}
	if d := o.Data; d != nil && d.Page != nil && o.Layout != "redirect" {
		oi.page, oi.parallel = d.Page, d.Parallel != nil
	}
	return oi
}

// linkCheck is the link check of a build: what it needs of every output,
// taken before renderAll empties them, and what the scan of each HTML
// output found.
type linkCheck struct {
	table   *linkcheck.Table
	base    string
	outputs []outputInfo
	pages   []linkcheck.Page // by output, filled by scan
	sources map[*content.Page][]markdown.LinkSource
	// passages, by output, are the search passages of the pages' own
	// outputs, filled by scan when the build makes a search index; stems
	// makes their filters.
	passages [][]search.Passage
	stems    passageStems
}

// newLinkCheck prepares the link check of the outputs of a plan, whose
// pages' conversions are bodies.
func newLinkCheck(base string, outputs []*render.Output, bodies map[*content.Page]markdown.Result) *linkCheck {
	lc := &linkCheck{table: linkcheck.NewTable(), base: base, outputs: make([]outputInfo, len(outputs)), pages: make([]linkcheck.Page, len(outputs)), sources: map[*content.Page][]markdown.LinkSource{}}
	for i, o := range outputs {
		lc.outputs[i] = infoOf(o)
	}
	for p, res := range bodies {
		if len(res.Sources) > 0 {
			lc.sources[p] = res.Sources
		}
	}
	return lc
}

// scan reads the rendered HTML of output i. It may run concurrently for
// different outputs.
func (lc *linkCheck) scan(i int, o *render.Output, html []byte) {
	lc.pages[i] = lc.table.Scan(html)
	if lc.passages != nil {
		lc.passages[i] = lc.stems.outputPassages(o, html)
	}
}

// withPassages makes scan keep the search passages of the pages.
func (lc *linkCheck) withPassages(stems passageStems) *linkCheck {
	lc.passages = make([][]search.Passage, len(lc.outputs))
	lc.stems = stems
	return lc
}

// pagePassages returns the passages scan found, by page.
func (lc *linkCheck) pagePassages() map[*content.Page][]search.Passage {
	out := map[*content.Page][]search.Passage{}
	for i, ps := range lc.passages {
		if ps != nil {
			out[lc.outputs[i].page] = ps
		}
	}
	return out
}

// passageStems are the stems of each language's words, for the filters
// of the passages render finds in the pages (search.Passages).
type passageStems map[string]*search.Stems

// newPassageStems returns the stems of the languages.
func newPassageStems(langs []string) (passageStems, error) {
	ps := passageStems{}
	for _, l := range langs {
		st, err := search.NewStems(l)
		if err != nil {
			return nil, err
		}
		ps[l] = st
	}
	return ps, nil
}

// outputPassages returns the search passages of an output that is a
// page's own (not its parallel view, an alias or a list), not nil even
// when it has none; nil for another output.
func (ps passageStems) outputPassages(o *render.Output, html []byte) []search.Passage {
	d := o.Data
	if o.Raw != nil || d == nil || d.Page == nil || d.Parallel != nil || o.Layout == "redirect" || o.Path != d.Page.URL || ps[d.Lang] == nil {
		return nil
	}
	if p := search.Passages(html, string(d.Content), ps[d.Lang]); p != nil {
		return p
	}
	return []search.Passage{}
}

// run checks the links of every HTML output and adds an error to ds for
// each broken one. The output's other files are the static files and the
// search index's; search is nil in `check`, which does not make the index:
// links into its directory are then not checked.
func (lc *linkCheck) run(s *content.Site, static []string, search map[string][]byte, ds *diag.List) {
	// The files of the output: an HTML output's index, -1 for the others.
	files := make(map[string]int, len(lc.outputs)+len(static)+len(search))
	for i, o := range lc.outputs {
		files[o.file] = i
		if o.layout == "" {
			files[o.file] = -1
		}
	}
	for _, f := range static {
		files[f] = -1
	}
	for f := range search {
		files[f] = -1
	}
	broken := lc.table.Check(linkcheck.Site{
		BasePath: lc.base,
		Pages: func(yield func(string, linkcheck.Page) bool) {
			for i, o := range lc.outputs {
				if o.layout != "" && !yield(o.file, lc.pages[i]) {
					return
				}
			}
		},
		Has: func(f string) bool {
			_, ok := files[f]
			return ok || search == nil && inSearchIndex(f)
		},
		Page: func(f string) (linkcheck.Page, bool) {
			if i, ok := files[f]; ok && i >= 0 {
				return lc.pages[i], true
			}
			return linkcheck.Page{}, false
		},
	})
	if len(broken) == 0 {
		return
	}
	byFile := make(map[string]outputInfo, len(lc.outputs))
	for _, o := range lc.outputs {
		byFile[o.file] = o
	}
	reportLinks(broken, byFile, func(p *content.Page) []markdown.LinkSource { return lc.sources[p] }, s, lc.base, ds)
}

// reportLinks adds to ds an error for every broken link: at the line of
// the Markdown that wrote it, with what to write instead, or, when no
// page's Markdown wrote it, at the layout of the output, once for every
// link and layout.
func reportLinks(broken []linkcheck.Broken, outputs map[string]outputInfo, sources func(*content.Page) []markdown.LinkSource, s *content.Site, base string, ds *diag.List) {
	type place struct {
		path      string
		line, col int
	}
	seen := map[place]bool{}
	// Links no Markdown wrote, by link: the first page that has each, and
	// the layouts of the pages that do.
	var order []string
	first := map[string]linkcheck.Broken{}
	count := map[string]int{}
	layouts := map[string][]string{}
	for _, b := range broken {
		oi := outputs[b.File]
		found := false
		for _, p := range markdownOf(oi) {
			for _, src := range sources(p) {
				if src.Dest != b.Href {
					continue
				}
				found = true
				at := place{p.Path, src.Line, src.Col}
				if !seen[at] {
					seen[at] = true
					ds.Errorf(p.Path, src.Line, src.Col, "%s", markdownProblem(b, src, p, oi, s, base))
				}
			}
		}
		if found {
			continue
		}
		if oi.layout == "redirect" && len(markdownOf(oi)) == 0 {
			from := "/" + strings.TrimSuffix(b.File, "index.html")
			ds.Errorf("config.toml", 0, 0, "[redirects]: %s redirects to %s, which is no page or file of the site", from, b.Href)
			continue
		}
		if count[b.Href] == 0 {
			order = append(order, b.Href)
			first[b.Href] = b
		}
		count[b.Href]++
		if !slices.Contains(layouts[b.Href], oi.layout) {
			layouts[b.Href] = append(layouts[b.Href], oi.layout)
		}
	}
	for _, href := range order {
		b := first[href]
		oi := outputs[b.File]
		msg := fmt.Sprintf("link %q on the page %s (file %s of the output", b.Href, pageURL(base, b.File), b.File)
		if oi.page != nil {
			msg += ", made from " + oi.page.Path
		}
		msg += ")" + problemText(b)
		if n := count[href] - 1; n > 0 {
			msg += fmt.Sprintf("; %d more pages have it", n)
		}
		file := "layouts/" + oi.layout + ".html"
		if ls := layouts[href]; len(ls) == 1 {
			msg += fmt.Sprintf("; the layout writes it: %s, baseof.html or a partial", file)
		} else {
			slices.Sort(ls)
			file = "layouts"
			msg += fmt.Sprintf("; the layouts of these pages (%s.html) write it, in what they share: baseof.html or a partial", strings.Join(ls, ".html, "))
		}
		ds.Errorf(file, 0, 0, "%s", msg)
	}
}

// markdownOf returns the content pages whose Markdown an output shows.
func markdownOf(oi outputInfo) []*content.Page {
	if oi.page == nil {
		return nil
	}
	pages := []*content.Page{oi.page}
	if oi.parallel {
		pages = append(pages, sortedTranslations(oi.page)...)
	}
	return pages
}

// problemText is what is wrong with a broken link, to follow the link in
// a sentence: " leads to no page…" or ": page … has no part …".
func problemText(b linkcheck.Broken) string {
	if b.Reason == linkcheck.NoFragment {
		return ": " + b.Problem
	}
	return " " + b.Problem
}

// markdownProblem says what is wrong with a broken link that page p's
// Markdown wrote (src), on the output oi, and what to write instead.
func markdownProblem(b linkcheck.Broken, src markdown.LinkSource, p *content.Page, oi outputInfo, s *content.Site, base string) string {
	link := fmt.Sprintf("link %q", src.Written)
	if oi.file != render.FileOf(p.URL) {
		link += " on the page " + pageURL(base, oi.file) // the parallel view
	}
	if b.Reason == linkcheck.NoFragment {
		return link + problemText(b)
	}
	target, rest := splitLink(src.Written)
	switch {
	case target == "":
		return link + problemText(b)
	case target[0] != '/':
		if to := resolveBare(s, p, target); to != nil {
			return fmt.Sprintf("link %q has no .md: write [text](%s)", src.Written, relativeFile(p, to)+rest)
		}
		return link + problemText(b) + ": link to a content file, e.g. [text](../news/name.md), which the build turns into the page's address"
	}
	if to := pageNamed(s, p, target); to != nil {
		return link + problemText(b) + fmt.Sprintf(": link to the content file instead, e.g. [text](%s)", relativeFile(p, to)+rest)
	}
	if name := path.Base(target); !strings.HasSuffix(target, "/") && strings.Contains(name, ".") {
		return link + problemText(b) + fmt.Sprintf(": put the file in static/ (static%s) or correct the link", target)
	}
	return link + problemText(b) + ": link to the page's content file instead, e.g. [text](../news/name.md), which the build turns into the page's address"
}

// splitLink splits a link's destination into its path and the rest (a
// query, a fragment).
func splitLink(dest string) (target, rest string) {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i], dest[i:]
	}
	return dest, ""
}

// resolveBare finds the published page a relative link without .md
// ("x", "../news/x", "x/") means, if there is one.
func resolveBare(s *content.Site, from *content.Page, target string) *content.Page {
	target = strings.TrimSuffix(target, "/")
	if target == "" || strings.HasSuffix(target, ".md") {
		return nil
	}
	if to, problem := s.ResolveFile(from, target+".md"); problem == "" {
		return to
	}
	return nil
}

// pageNamed finds the published page a broken site path most likely
// means: one whose file name or address ends in the path's last segment,
// in from's language if there is one.
func pageNamed(s *content.Site, from *content.Page, target string) *content.Page {
	name := path.Base(strings.TrimSuffix(target, "/"))
	if name == "" || name == "/" || name == "." {
		return nil
	}
	var other *content.Page
	for _, p := range s.Pages {
		if p.Name != name && path.Base(strings.TrimSuffix(p.URL, "/")) != name {
			continue
		}
		if p.Lang == from.Lang {
			return p
		}
		if other == nil {
			other = p
		}
	}
	return other
}

// relativeFile is the link from the content file of from to the content
// file of to, as editors write it: "x.pl.md", "../news/x.pl.md".
func relativeFile(from, to *content.Page) string {
	if path.Dir(from.Path) == path.Dir(to.Path) {
		return path.Base(to.Path)
	}
	return "../" + path.Base(path.Dir(to.Path)) + "/" + path.Base(to.Path)
}

// pageURL is the address path of an output file: "/portal/news/x/" for
// news/x/index.html.
func pageURL(base, file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		file = strings.TrimSuffix(file, "index.html")
	}
	return base + "/" + file
}

// checkLinks is the link check of a session's update, before it keeps
// what it rendered: the pages of the plan (outputs) are those made now
// (made, scanned with table) or kept from before. A change to bodies alone
// (body) that leaves every page it rendered again with the ids it had
// changes no other page's links, nor where they lead: only the pages made
// now are checked. Otherwise every page is, less the list pages left for
// Finish (later), whose links are still those of before the update. Links
// into the search index's directory are not checked: the index is rebuilt
// after the pages.
func (s *Session) checkLinks(table *linkcheck.Table, outputs, later []*render.Output, made map[string]rendered, body bool, ds *diag.List) error {
	page := func(f string) rendered {
		if r, ok := made[f]; ok {
			return r
		}
		return s.pages[f]
	}
	site := linkcheck.Site{BasePath: s.cfg.BasePath()}
	if body && table == s.links && s.sameIDs(made) {
		site.Pages = func(yield func(string, linkcheck.Page) bool) {
			for f, r := range made {
				if r.html && !yield(f, r.scan) {
					return
				}
			}
		}
		site.Has = func(f string) bool {
			_, ok := s.pages[f] // the files are those of before
			if !ok {
				_, ok = s.static[f]
			}
			return ok || inSearchIndex(f)
		}
		site.Page = func(f string) (linkcheck.Page, bool) {
			r := page(f)
			return r.scan, r.html
		}
	} else {
		plan := make(map[string]*render.Output, len(outputs))
		for _, o := range outputs {
			plan[o.File()] = o
		}
		for _, o := range later {
			plan[o.File()] = nil // in the output, not rendered yet
		}
		site.Pages = func(yield func(string, linkcheck.Page) bool) {
			for f, o := range plan {
				if r := page(f); o != nil && r.html && !yield(f, r.scan) {
					return
				}
			}
		}
		site.Has = func(f string) bool {
			_, ok := plan[f]
			if !ok {
				_, ok = s.static[f]
			}
			return ok || inSearchIndex(f)
		}
		site.Page = func(f string) (linkcheck.Page, bool) {
			if o := plan[f]; o != nil {
				r := page(f)
				return r.scan, r.html
			}
			return linkcheck.Page{}, false
		}
	}
	broken := table.Check(site)
	if len(broken) == 0 {
		return nil
	}
	infos := make(map[string]outputInfo, len(outputs))
	for _, o := range outputs {
		infos[o.File()] = infoOf(o)
	}
	sources := func(p *content.Page) []markdown.LinkSource {
		if c := s.bodies[p]; c != nil {
			return c.res.Sources
		}
		return nil
	}
	reportLinks(broken, infos, sources, s.site, s.cfg.BasePath(), ds)
	return ds.Err()
}

// sameIDs reports whether every page in made was held before, with the
// same ids.
func (s *Session) sameIDs(made map[string]rendered) bool {
	for f, r := range made {
		prev, ok := s.pages[f]
		if !ok || prev.html != r.html || !prev.scan.SameIDs(r.scan) {
			return false
		}
	}
	return true
}
