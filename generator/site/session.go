package site

import (
	"context"
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"hubgen/generator/assets"
	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/gitdates"
	"hubgen/generator/i18n"
	"hubgen/generator/linkcheck"
	"hubgen/generator/markdown"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// Session is a build kept in memory between rebuilds, for a live preview.
// It holds the parsed site and knows what depends on what: after a change
// to some content files it parses only those, converts again only the
// pages that changed or may link to them, plans the whole site (cheap) and
// executes a layout only for outputs whose render.Output.Fingerprint
// changed. A change to config.toml, layouts/ or i18n/ rebuilds everything.
// The files it holds are byte for byte what Build writes for the same tree.
// A Session is not safe for concurrent use.
type Session struct {
	opts Options
	seed maphash.Seed
	tree *source.Tree

	// Set up from config.toml, i18n/ and layouts/; nil until they load.
	cfg    *config.Config
	bundle *i18n.Bundle
	tpl    *render.Templates
	conv   *markdown.Converter

	files          map[string]*content.File // content files by path
	list           diag.List                // problems of the content listing
	bodies         map[*content.Page]*converted
	static         map[string][]byte // output path (relative to static/) -> bytes, page bundles' files included
	staticProblems diag.List
	minifier       *assets.Minifier  // what static files publish as
	stems          passageStems      // the languages' stems, for the search passages' filters
	copies         map[string]string // page bundles' files: output path -> source file
	bundleProblems diag.List
	pages          map[string]rendered // output file -> what was rendered
	links          *linkcheck.Table    // the strings of the pages' scans (links.go)
	search         map[string][]byte   // the search index's files
	docs           []search.Doc        // what the index was built from

	site *content.Site
	keys *i18n.KeyCache // collation keys of titles, kept across rebuilds

	// dates are the content files' git dates, read again by a full update.
	dates gitdates.Dates

	// good tells that the last update succeeded, so that every output
	// held is what the current files make.
	good bool
	// What the last good update planned, for the next to plan only what
	// changed: its outputs, the state of its pages (by path), and the
	// pages converted again since (by path).
	outputs []*render.Output
	states  map[string]pageState
	pending map[string]bool
	// linked are the pages that pages whose bodies changed since the last
	// good update linked to before (render.Change.Linked).
	linked map[string]bool
	// later are the outputs UpdateFirst left for Finish to render.
	later []*render.Output

	assembleDiags diag.List
}

// converted is a page's Markdown conversion, its problems, and what it
// depends on besides its own file: the names of the files its links asked
// for and the numbers of the acts its references asked for.
type converted struct {
	res   markdown.Result
	diags diag.List
	deps  []string // file names, and "act " + number
}

// recorder is the resolver a session converts a page with: it answers from
// the site and notes what the page asked for (see converted.deps).
type recorder struct {
	site *content.Site
	deps []string
}

func (r *recorder) ResolveFile(from *content.Page, target string) (*content.Page, string) {
	r.deps = append(r.deps, fileName(target))
	return r.site.ResolveFile(from, target)
}

func (r *recorder) ResolveAct(lang, number string) *content.Page {
	r.deps = append(r.deps, "act "+number)
	return r.site.ResolveAct(lang, number)
}

// fileName is the name shared by a content file's language versions:
// "../news/x.pl.md" and "content/news/x.md" are both "x".
func fileName(p string) string {
	name := strings.TrimSuffix(path.Base(p), ".md")
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	return name
}

// pageState is what a content page's outputs show of it beyond its body
// (sig: pageSig), and where else it appears: its section's lists (when
// listed), the home pages, its topics.
type pageState struct {
	sig     uint64
	section string
	listed  bool
	tags    []string
}

// pageStates returns the state of every published page of the site.
func (s *Session) pageStates() map[string]pageState {
	out := make(map[string]pageState, len(s.site.Pages))
	langs := s.cfg.LanguageCodes()
	for _, p := range s.site.Pages {
		out[p.Path] = pageState{sig: pageSig(p, langs), section: p.Section, listed: p.Kind.Listed, tags: p.Tags}
	}
	return out
}

// change works out what changed since the last good plan: the pages
// converted again since, and (when front matter may have changed) every
// page whose state differs, added or removed, with the lists it appears
// in, before and after.
func (s *Session) change(states map[string]pageState, matter bool) render.Change {
	ch := render.Change{Pages: map[string]bool{}, Sections: map[string]bool{}, Topics: map[string]bool{}, FrontMatter: matter}
	mark := func(path string, st pageState) {
		ch.Pages[path] = true
		if st.listed {
			ch.Sections[st.section] = true
			ch.Home = true
		}
		for _, t := range st.tags {
			ch.Topics[t] = true
		}
	}
	for p := range s.pending {
		ch.Pages[p] = true
	}
	ch.Linked = s.linked
	if !matter {
		return ch
	}
	for p, st := range states {
		if old, ok := s.states[p]; !ok || old.sig != st.sig {
			mark(p, st)
			if ok {
				mark(p, old)
			}
		}
	}
	for p, old := range s.states {
		if _, ok := states[p]; !ok {
			mark(p, old)
		}
	}
	return ch
}

// rendered is an output's bytes and the fingerprint they were rendered at,
// and for an HTML file (html) its links and ids (links.go).
type rendered struct {
	fp       uint64
	data     []byte
	scan     linkcheck.Page
	html     bool
	passages []search.Passage // of a page's own output: its search passages
}

// Report tells what an update did.
type Report struct {
	Diags     *diag.List
	Pages     int      // content pages published
	Planned   int      // outputs planned: the whole site, or a body change's pages
	Rewritten int      // output files whose layout was executed again
	Changed   []string // output files that differ from before, sorted
	Full      bool     // everything was rebuilt
	// Pending are the files UpdateFirst left for Finish, sorted, which may
	// change: until then they hold their previous bytes, or are missing
	// when new.
	Pending []string
}

// NewSession makes a session for opts (Dest and Check are ignored) and
// builds the site. A site that fails to build still gives a session, with
// the error: the next Update may succeed.
func NewSession(ctx context.Context, opts Options) (*Session, *Report, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Check = false
	tree, err := source.Open(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	s := &Session{opts: opts, seed: maphash.MakeSeed(), tree: tree, pages: map[string]rendered{}, search: map[string][]byte{}, keys: i18n.NewKeyCache(), pending: map[string]bool{}, linked: map[string]bool{}}
	rep, err := s.Update(ctx, nil)
	return s, rep, err
}

// Files returns every output file the session holds, keyed by slash path
// relative to the site root, as a new map the caller may keep.
func (s *Session) Files() map[string][]byte {
	out := make(map[string][]byte, len(s.static)+len(s.pages)+len(s.search))
	for p, b := range s.static {
		out[p] = b
	}
	for p, r := range s.pages {
		out[p] = r.data
	}
	for p, b := range s.search {
		out[p] = b
	}
	return out
}

// BasePath is the path of the site's base URL ("" or "/portal"), or "" when
// the configuration does not load.
func (s *Session) BasePath() string {
	if s.cfg == nil {
		return ""
	}
	return s.cfg.BasePath()
}

// Languages returns the site's language codes, default first.
func (s *Session) Languages() []string {
	if s.cfg == nil {
		return nil
	}
	return s.cfg.LanguageCodes()
}

// Update rebuilds after the files changed (slash paths relative to the
// site, as a watcher reports them; nil means everything) and returns what
// changed in the output. On an error (content problems in Report.Diags)
// the session keeps the last good output. The search index is brought up
// to date by UpdateSearch, which a preview may run after publishing pages.
func (s *Session) Update(ctx context.Context, changed []string) (*Report, error) {
	rep, err := s.UpdateFirst(ctx, changed)
	if err != nil {
		return rep, err
	}
	more, n, err := s.Finish(ctx)
	if err != nil {
		return rep, err
	}
	rep.Rewritten += n
	rep.Changed = mergeSorted(rep.Changed, more)
	rep.Pending = nil
	return rep, nil
}

// UpdateFirst is Update leaving for Finish the pages it would render again
// that a reader reaches last: the list pages after the first of each list
// (an item added at the top of a list of a thousand pages moves one item
// onto every page). A live preview reloads open pages after UpdateFirst,
// holds requests for the files in Report.Pending, and calls Finish at
// once. The session must not be updated before Finish returns; UpdateFirst
// finishes what an earlier call left.
func (s *Session) UpdateFirst(ctx context.Context, changed []string) (*Report, error) {
	if _, _, err := s.Finish(ctx); err != nil {
		return nil, err
	}
	rep := &Report{Diags: &diag.List{}}
	full := changed == nil || s.cfg == nil
	var contentPaths, staticPaths []string
	for _, c := range changed {
		switch {
		case c == "config.toml", under(c, "layouts"), under(c, "i18n"):
			full = true
		case under(c, "content"):
			contentPaths = append(contentPaths, c)
		case under(c, "static"):
			staticPaths = append(staticPaths, c)
		}
	}
	rep.Full = full
	var parsed map[string]*content.File // content files parsed already
	bodies := false
	if !full && len(staticPaths) == 0 && s.good {
		parsed, bodies = s.bodyOnly(contentPaths)
	}
	s.good = false
	prevStatic := s.static
	var converted []*content.Page
	var err error
	if bodies {
		converted, err = s.updateBodies(ctx, contentPaths, parsed)
	} else {
		converted, err = s.updateSite(ctx, rep, full, contentPaths, staticPaths, parsed)
	}
	if err != nil {
		return rep, err
	}
	for _, p := range converted {
		s.pending[p.Path] = true
	}
	rep.Pages = len(s.site.Pages)
	results := s.results(rep.Diags)
	in := render.Input{Config: s.site.Config, Bundle: s.bundle, Site: s.site, Bodies: results, Keys: s.keys, Now: s.opts.Now}
	states := s.states
	var outputs, fresh []*render.Output
	var pds *diag.List
	if bodies {
		outputs, fresh, pds = render.PlanChange(in, s.outputs, s.change(states, false))
	} else {
		states = s.pageStates()
		if s.outputs == nil {
			outputs, pds = render.Plan(in)
			fresh = outputs
		} else {
			outputs, fresh, pds = render.PlanChange(in, s.outputs, s.change(states, true))
		}
		checkPaths(outputs, sortedKeys(s.static), s.copies, pds)
	}
	rep.Diags.Merge(pds)
	rep.Planned = len(fresh)
	if err := rep.Diags.Err(); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	now, later := fresh, []*render.Output(nil)
	if !full {
		now, later = splitLater(fresh)
	}
	checkLinks := func(t *linkcheck.Table, made map[string]rendered) error {
		return s.checkLinks(t, outputs, later, made, bodies, rep.Diags) // links.go
	}
	changedOut, n, err := s.render(ctx, now, full, checkLinks)
	if err != nil {
		return rep, err
	}
	rep.Rewritten = n
	rep.Changed = append(changedOut, s.prune(outputs)...)
	rep.Changed = append(rep.Changed, diffFiles(prevStatic, s.static)...)
	sort.Strings(rep.Changed)
	for _, o := range later {
		rep.Pending = append(rep.Pending, o.File())
	}
	sort.Strings(rep.Pending)
	s.good, s.outputs, s.states, s.pending, s.later = true, outputs, states, map[string]bool{}, later
	s.linked = map[string]bool{}
	return rep, nil
}

// Finish renders what UpdateFirst left (see Report.Pending) and returns the
// files that changed, sorted, and how many it rendered. On an error the
// session plans its next update from scratch.
func (s *Session) Finish(ctx context.Context) ([]string, int, error) {
	if len(s.later) == 0 {
		return nil, 0, nil
	}
	changed, n, err := s.render(ctx, s.later, false, nil)
	s.later = nil
	if err != nil {
		s.good, s.outputs = false, nil
		return nil, 0, err
	}
	sort.Strings(changed)
	return changed, n, nil
}

// splitLater splits outputs into those to render first and the list pages
// after the first of each list.
func splitLater(outputs []*render.Output) (first, later []*render.Output) {
	for _, o := range outputs {
		if o.Data != nil && o.Data.Pager != nil && o.Data.Pager.Current > 1 {
			later = append(later, o)
		} else {
			first = append(first, o)
		}
	}
	return first, later
}

// mergeSorted merges two sorted lists of distinct names.
func mergeSorted(a, b []string) []string {
	out := append(append([]string{}, a...), b...)
	sort.Strings(out)
	return slices.Compact(out)
}

// updateSite reads what changed (everything, when full: the configuration,
// UI strings and layouts too), assembles the site again and converts the
// pages that changed or asked for what changed, which it returns.
func (s *Session) updateSite(ctx context.Context, rep *Report, full bool, contentPaths, staticPaths []string, parsed map[string]*content.File) ([]*content.Page, error) {
	var gitDates func(*diag.List) gitdates.Dates
	if full {
		cfg, bundle, tpl, err := loadSetup(s.tree, s.opts, rep.Diags)
		if err != nil {
			s.cfg, s.outputs = nil, nil
			return nil, err
		}
		stems, err := newPassageStems(cfg.LanguageCodes())
		if err != nil {
			s.cfg, s.outputs = nil, nil
			return nil, err
		}
		s.cfg, s.bundle, s.tpl, s.stems = cfg, bundle, tpl, stems
		s.conv = markdown.New(markdown.Config{BasePath: cfg.BasePath(), AnchorLabel: anchorLabel(bundle), UIText: bundle.T, ImageSize: imageSizes(s.tree, false), Typography: typesetter(cfg)})
		gitDates = startGitDates(ctx, s.opts)
		s.loadAllContent()
		s.loadAllStatic()
		s.bodies = map[*content.Page]*converted{}
		s.outputs, s.states, s.pending, s.linked = nil, nil, map[string]bool{}, map[string]bool{}
	} else {
		s.updateContent(contentPaths, parsed)
		s.updateStatic(staticPaths)
	}
	old := s.site
	site, ads := content.Assemble(s.cfg, s.sortedFiles(), s.contentOptions())
	site.Config = s.cfg.WithTopics(site.NewTopics()) // as Build does
	s.site = site
	s.assembleDiags = *ads
	s.updateBundles()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	converted, err := s.convert(ctx, old, contentPaths, nil)
	if gitDates != nil {
		s.dates = gitDates(rep.Diags) // git ran while pages loaded and converted
	}
	setGitDates(site.Pages, s.dates)
	return converted, err
}

// bodyOnly parses the changed content files again (it returns what it
// parsed, keyed by path) and tells whether the change is to bodies alone:
// every file existed, still does, and has byte for byte the same front
// matter and the same problems. Nothing but those pages' own outputs can
// then change: lists, feeds, the sitemap and other pages read only front
// matter. It changes nothing of the session.
func (s *Session) bodyOnly(paths []string) (map[string]*content.File, bool) {
	parsed := map[string]*content.File{}
	for _, p := range paths {
		old := s.files[p]
		if old == nil || old.Page == nil || !strings.HasSuffix(p, ".md") {
			return parsed, false
		}
		f := content.ParseFile(s.tree, s.cfg, p)
		parsed[p] = f
		if f.Page == nil || f.Page.MatterHash != old.Page.MatterHash || !reflect.DeepEqual(f.Diags.Items(), old.Diags.Items()) {
			return parsed, false
		}
	}
	return parsed, true
}

// updateBodies is updateSite for a change to bodies alone (see bodyOnly):
// the front matter is the same, so the site (translations, URLs, what is
// published) is too. The pages take their new bodies in place, the site is
// not assembled again, and the changed pages (and those that asked for
// them) are converted again and returned.
func (s *Session) updateBodies(ctx context.Context, paths []string, files map[string]*content.File) ([]*content.Page, error) {
	changed := map[*content.Page]bool{}
	for _, f := range files {
		p := s.files[f.Path].Page
		for path := range linkedPages(s.site, p, p.Links) {
			s.linked[path] = true // its related list may lose p
		}
		p.Body, p.BodyLine, p.SourceHash, p.Links = f.Page.Body, f.Page.BodyLine, f.Page.SourceHash, f.Page.Links
		changed[p] = true
	}
	return s.convert(ctx, s.site, paths, changed)
}

// results returns every published page's conversion and adds to ds the
// problems of the whole site: the content listing, the assembly, static/
// and each page's conversion.
func (s *Session) results(ds *diag.List) map[*content.Page]markdown.Result {
	ds.Merge(&s.list)
	ds.Merge(&s.assembleDiags)
	ds.Merge(&s.staticProblems)
	ds.Merge(&s.bundleProblems)
	bodies := make(map[*content.Page]markdown.Result, len(s.site.Pages))
	for _, p := range s.site.Pages {
		c := s.bodies[p]
		bodies[p] = c.res
		ds.Merge(&c.diags)
	}
	return bodies
}

// under reports whether the slash path p is dir or lies in it.
func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func (s *Session) contentOptions() content.Options {
	return content.Options{Drafts: s.opts.Drafts, Future: s.opts.Future, Now: s.opts.Now}
}

func (s *Session) loadAllContent() {
	paths, problems := content.ListFiles(s.tree)
	s.list = *problems
	files := make([]*content.File, len(paths))
	parallel.For(len(paths), func(i int) { files[i] = content.ParseFile(s.tree, s.cfg, paths[i]) })
	s.files = make(map[string]*content.File, len(files))
	for _, f := range files {
		s.files[f.Path] = f
	}
}

// updateContent parses again the changed content files (taking those in
// parsed as they are) and forgets the removed ones (a removed directory
// takes its files with it).
func (s *Session) updateContent(paths []string, parsed map[string]*content.File) {
	relist := false
	for _, p := range paths {
		_, err := os.Lstat(filepath.Join(s.tree.Dir(), filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			delete(s.files, p)
			for f := range s.files {
				if under(f, p) {
					delete(s.files, f)
				}
			}
			relist = relist || !strings.HasSuffix(p, ".md")
		case strings.HasSuffix(p, ".md"):
			if f := parsed[p]; f != nil {
				s.files[p] = f
			} else {
				s.files[p] = content.ParseFile(s.tree, s.cfg, p)
			}
		default:
			relist = true
		}
	}
	if relist {
		// Something other than a Markdown file: list again, so that what a
		// full build would refuse (a link out of the site, a pipe) is found.
		paths, problems := content.ListFiles(s.tree)
		s.list = *problems
		keep := map[string]bool{}
		for _, p := range paths {
			keep[p] = true
			if s.files[p] == nil {
				s.files[p] = content.ParseFile(s.tree, s.cfg, p)
			}
		}
		for p := range s.files {
			if !keep[p] {
				delete(s.files, p)
			}
		}
	}
}

func (s *Session) sortedFiles() []*content.File {
	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	files := make([]*content.File, len(paths))
	for i, p := range paths {
		files[i] = s.files[p]
	}
	return files
}

// convert converts the pages that are new (parsed again) or in force, and those whose
// conversion asked for a changed file or act: by name (a link to
// "../news/x.md" depends on every version of x, and on the pages
// translated by one of them) or by act number.
func (s *Session) convert(ctx context.Context, old *content.Site, changed []string, force map[*content.Page]bool) ([]*content.Page, error) {
	stale := map[string]bool{}
	addPage := func(p *content.Page) {
		stale[p.Name] = true
		for _, t := range p.Translations {
			stale[t.Name] = true
		}
		if p.Act != nil && p.Act.Number != "" {
			stale["act "+p.Act.Number] = true
		}
	}
	for _, c := range changed {
		stale[fileName(c)] = true
		for _, site := range []*content.Site{old, s.site} {
			if site == nil {
				continue
			}
			for _, p := range site.Pages {
				if p.Path == c {
					addPage(p)
				}
			}
		}
	}
	var todo []*content.Page
	next := make(map[*content.Page]*converted, len(s.site.Pages))
	for _, p := range s.site.Pages {
		if c := s.bodies[p]; c != nil && !force[p] && !dependsOn(c.deps, stale) {
			next[p] = c
			continue
		}
		todo = append(todo, p)
	}
	results := make([]*converted, len(todo))
	parallel.For(len(todo), func(i int) {
		if ctx.Err() != nil {
			return
		}
		r := &recorder{site: s.site}
		c := &converted{}
		c.res = s.conv.Convert(todo[i], r, &c.diags)
		c.deps = r.deps
		results[i] = c
	})
	if err := ctx.Err(); err != nil {
		return nil, err // keep the bodies as they were: none is half done
	}
	for i, p := range todo {
		next[p] = results[i]
	}
	s.bodies = next
	return todo, nil
}

func dependsOn(deps []string, stale map[string]bool) bool {
	for _, d := range deps {
		if stale[d] {
			return true
		}
	}
	return false
}
