package site

import (
	"bytes"
	"context"
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
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
	static         map[string][]byte // output path (relative to static/) -> bytes
	staticProblems diag.List
	pages          map[string]rendered // output file -> what was rendered
	search         map[string][]byte   // the search index's files
	docs           []search.Doc        // what the index was built from

	site *content.Site
	keys *i18n.KeyCache // collation keys of titles, kept across rebuilds

	// good tells that the last update succeeded, so that every output
	// held is what the current files make; planDiags are the warnings of
	// its plan (an update that changes only bodies plans only their pages).
	good          bool
	planDiags     diag.List
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

// rendered is an output's bytes and the fingerprint they were rendered at.
type rendered struct {
	fp   uint64
	data []byte
}

// Report tells what an update did.
type Report struct {
	Diags     *diag.List
	Pages     int      // content pages published
	Planned   int      // outputs planned: the whole site, or a body change's pages
	Rewritten int      // output files whose layout was executed again
	Changed   []string // output files that differ from before, sorted
	Full      bool     // everything was rebuilt
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
	s := &Session{opts: opts, seed: maphash.MakeSeed(), tree: tree, pages: map[string]rendered{}, search: map[string][]byte{}, keys: i18n.NewKeyCache()}
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
	if !full && len(staticPaths) == 0 && s.good {
		var bodies bool
		if parsed, bodies = s.bodyOnly(contentPaths); bodies {
			return s.updateBodies(ctx, rep, contentPaths, parsed)
		}
	}
	s.good = false
	prevStatic := s.static
	if full {
		cfg, bundle, tpl, err := loadSetup(s.tree, s.opts, rep.Diags)
		if err != nil {
			s.cfg = nil
			return rep, err
		}
		s.cfg, s.bundle, s.tpl = cfg, bundle, tpl
		s.conv = markdown.New(markdown.Config{BasePath: cfg.BasePath(), AnchorLabel: anchorLabel(bundle)})
		s.loadAllContent()
		s.loadAllStatic()
		s.bodies = map[*content.Page]*converted{}
	} else {
		s.updateContent(contentPaths, parsed)
		s.updateStatic(staticPaths)
	}
	old := s.site
	site, ads := content.Assemble(s.cfg, s.sortedFiles(), s.contentOptions())
	s.site = site
	s.assembleDiags = *ads
	rep.Pages = len(site.Pages)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if _, err := s.convert(ctx, old, contentPaths, nil); err != nil {
		return rep, err
	}
	bodies := s.results(rep.Diags)
	outputs, pds := render.Plan(render.Input{Config: s.cfg, Bundle: s.bundle, Site: site, Bodies: bodies, Keys: s.keys})
	checkPaths(outputs, sortedKeys(s.static), pds)
	rep.Diags.Merge(pds)
	rep.Planned = len(outputs)
	if err := rep.Diags.Err(); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	changedOut, n, err := s.render(ctx, outputs, full, false)
	if err != nil {
		return rep, err
	}
	rep.Rewritten = n
	rep.Changed = append(changedOut, diffFiles(prevStatic, s.static)...)
	sort.Strings(rep.Changed)
	s.good, s.planDiags = true, *pds
	return rep, nil
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

// updateBodies is Update for a change to bodies alone (see bodyOnly): it
// converts the changed pages (and those that asked for them) and plans and
// renders only their outputs and their translations'.
func (s *Session) updateBodies(ctx context.Context, rep *Report, paths []string, files map[string]*content.File) (*Report, error) {
	// The front matter is the same, so the site (translations, URLs, what
	// is published) is too: the pages take their new bodies in place, and
	// the site is not assembled again.
	changed := map[*content.Page]bool{}
	for _, f := range files {
		p := s.files[f.Path].Page
		p.Body, p.BodyLine, p.SourceHash = f.Page.Body, f.Page.BodyLine, f.Page.SourceHash
		changed[p] = true
	}
	s.good = false
	site := s.site
	rep.Pages = len(site.Pages)
	converted, err := s.convert(ctx, site, paths, changed)
	if err != nil {
		return rep, err
	}
	bodies := s.results(rep.Diags)
	rep.Diags.Merge(&s.planDiags)
	if err := rep.Diags.Err(); err != nil {
		return rep, err
	}
	seen := map[*content.Page]bool{}
	var pages []*content.Page
	for _, p := range converted {
		for _, q := range append([]*content.Page{p}, sortedTranslations(p)...) {
			if !seen[q] {
				seen[q] = true
				pages = append(pages, q)
			}
		}
	}
	outputs := render.PlanPages(render.Input{Config: s.cfg, Bundle: s.bundle, Site: site, Bodies: bodies, Keys: s.keys}, pages)
	rep.Planned = len(outputs)
	out, n, err := s.render(ctx, outputs, false, true)
	if err != nil {
		return rep, err
	}
	rep.Rewritten, rep.Changed = n, out
	sort.Strings(rep.Changed)
	s.good = true
	return rep, nil
}

// results returns every published page's conversion and adds to ds the
// problems of the whole site: the content listing, the assembly, static/
// and each page's conversion.
func (s *Session) results(ds *diag.List) map[*content.Page]markdown.Result {
	ds.Merge(&s.list)
	ds.Merge(&s.assembleDiags)
	ds.Merge(&s.staticProblems)
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

// render executes the layouts of the outputs whose fingerprint changed (of
// all, when all is set: the layouts themselves changed) and, unless only
// some outputs are given (some), drops the files no output makes any more.
// It returns the changed files and how many it rendered.
func (s *Session) render(ctx context.Context, outputs []*render.Output, all, some bool) ([]string, int, error) {
	fps := render.Fingerprints(outputs, s.seed)
	var todo []int
	for i, o := range outputs {
		if r, ok := s.pages[o.File()]; all || !ok || r.fp != fps[i] {
			todo = append(todo, i)
		}
	}
	datas := make([][]byte, len(todo))
	errs := make([]error, len(todo))
	parallel.For(len(todo), func(k int) {
		if err := ctx.Err(); err != nil {
			errs[k] = err
			return
		}
		datas[k], errs[k] = s.tpl.Execute(outputs[todo[k]])
	})
	for _, err := range errs {
		if err != nil {
			return nil, 0, err
		}
	}
	var changed []string
	next := make(map[string]rendered, len(outputs))
	if some {
		next = s.pages
	}
	for _, o := range outputs {
		next[o.File()] = s.pages[o.File()]
	}
	for k, i := range todo {
		f := outputs[i].File()
		if prev, ok := s.pages[f]; !ok || !bytes.Equal(prev.data, datas[k]) {
			changed = append(changed, f)
		}
		next[f] = rendered{fp: fps[i], data: datas[k]}
	}
	if !some {
		for f := range s.pages {
			if _, ok := next[f]; !ok {
				changed = append(changed, f)
			}
		}
	}
	s.pages = next
	return changed, len(todo), nil
}

// loadAllStatic reads static/.
func (s *Session) loadAllStatic() {
	s.staticProblems = diag.List{}
	s.static = map[string][]byte{}
	for _, f := range staticFiles(s.tree, &s.staticProblems) {
		s.readStatic(f)
	}
}

func (s *Session) readStatic(f string) {
	data, err := s.tree.ReadFile("static/" + f)
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			s.staticProblems.Errorf(se.Path, 1, 1, "%s", se.Msg)
		}
		return
	}
	s.static[f] = data
}

// updateStatic lists static/ again (cheap; it finds what a full build
// would refuse) and reads the changed files.
func (s *Session) updateStatic(paths []string) {
	if len(paths) == 0 {
		return
	}
	prev := s.static
	s.staticProblems = diag.List{}
	s.static = map[string][]byte{}
	changed := map[string]bool{}
	for _, p := range paths {
		changed[strings.TrimPrefix(p, "static/")] = true
	}
	for _, f := range staticFiles(s.tree, &s.staticProblems) {
		if b, ok := prev[f]; ok && !changed[f] {
			s.static[f] = b
			continue
		}
		s.readStatic(f)
	}
}

// diffFiles lists the files that differ between two versions of a map.
func diffFiles(prev, next map[string][]byte) []string {
	var out []string
	for f, b := range next {
		if pb, ok := prev[f]; !ok || !bytes.Equal(pb, b) {
			out = append(out, f)
		}
	}
	for f := range prev {
		if _, ok := next[f]; !ok {
			out = append(out, f)
		}
	}
	return out
}

// UpdateSearch rebuilds the search index when a searchable field of any
// page changed since it was built, and returns the index files that
// changed.
func (s *Session) UpdateSearch() ([]string, error) {
	job := s.SearchJob()
	if job == nil {
		return nil, nil
	}
	files, err := job.Run()
	if err != nil {
		return nil, err
	}
	return s.SetSearch(job, files), nil
}

// SearchJob is a rebuild of the search index from a snapshot of the
// session's pages: it may run on another goroutine while the session
// updates again (Run touches nothing of the session).
type SearchJob struct {
	docs  []search.Doc
	langs []string
	opts  search.Options
}

// SearchJob returns the job that brings the search index up to date, or
// nil when it is.
func (s *Session) SearchJob() *SearchJob {
	if s.site == nil || s.cfg == nil {
		return nil
	}
	docs := make([]search.Doc, len(s.site.Pages))
	for i, p := range s.site.Pages {
		docs[i] = search.PageDoc(s.cfg, p, s.bodies[p].res.Text)
	}
	if s.docs != nil && reflect.DeepEqual(docs, s.docs) {
		return nil
	}
	return &SearchJob{docs: docs, langs: s.cfg.LanguageCodes(), opts: search.Options{Kinds: s.cfg.Sections()}}
}

// Run builds the index's files.
func (j *SearchJob) Run() (map[string][]byte, error) {
	return search.Build(j.langs, j.docs, j.opts)
}

// SetSearch installs the files a job built and returns those that changed.
// A caller that ran the job in the background must only install the result
// of the newest job.
func (s *Session) SetSearch(j *SearchJob, files map[string][]byte) []string {
	changed := diffFiles(s.search, files)
	sort.Strings(changed)
	s.search, s.docs = files, j.docs
	return changed
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
