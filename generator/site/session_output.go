package site

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"reflect"
	"sort"
	"strings"

	"hubgen/generator/assets"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/linkcheck"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// What a session renders, the static files and the search index it keeps.

// render executes the layouts of the outputs (planned again) whose
// fingerprint changed, or of all of them when all is set (the layouts
// themselves changed), and keeps what they made unless check (if not
// nil: the link check) fails on it. It returns the files that changed and
// how many it rendered.
func (s *Session) render(ctx context.Context, fresh []*render.Output, all bool, check func(*linkcheck.Table, map[string]rendered) error) ([]string, int, error) {
	s.tpl.ResetCache() // parts of pages rendered for an earlier version of the site
	table := s.links
	if all || table == nil {
		table = linkcheck.NewTable() // every page is scanned again
	}
	fps := render.Fingerprints(fresh, s.seed)
	var todo []int
	for i, o := range fresh {
		if r, ok := s.pages[o.File()]; all || !ok || r.fp != fps[i] {
			todo = append(todo, i)
		}
	}
	datas := make([][]byte, len(todo))
	scans := make([]linkcheck.Page, len(todo))
	passages := make([][]search.Passage, len(todo))
	errs := make([]error, len(todo))
	parallel.For(len(todo), func(k int) {
		if err := ctx.Err(); err != nil {
			errs[k] = err
			return
		}
		o := fresh[todo[k]]
		datas[k], errs[k] = s.tpl.Execute(o)
		if errs[k] == nil && o.Raw == nil {
			scans[k] = table.Scan(datas[k])
			passages[k] = s.stems.outputPassages(o, datas[k])
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, 0, err
		}
	}
	made := make(map[string]rendered, len(todo))
	for k, i := range todo {
		made[fresh[i].File()] = rendered{fp: fps[i], data: datas[k], scan: scans[k], html: fresh[i].Raw == nil, passages: passages[k]}
	}
	if check != nil {
		if err := check(table, made); err != nil {
			return nil, 0, err
		}
	}
	s.links = table
	var changed []string
	for i, o := range fresh {
		f := o.File()
		r := s.pages[f]
		r.fp = fps[i]
		s.pages[f] = r
	}
	for f, r := range made {
		if prev, ok := s.pages[f]; !ok || !bytes.Equal(prev.data, r.data) {
			changed = append(changed, f)
		}
		s.pages[f] = r
	}
	return changed, len(todo), nil
}

// prune drops the files no output makes any more and returns them.
func (s *Session) prune(outputs []*render.Output) []string {
	keep := make(map[string]bool, len(outputs))
	for _, o := range outputs {
		keep[o.File()] = true
	}
	var gone []string
	for f := range s.pages {
		if !keep[f] {
			gone = append(gone, f)
			delete(s.pages, f)
		}
	}
	return gone
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
	if s.minifier == nil {
		s.minifier = assets.New()
	}
	if data, err = s.minifier.Publish(f, data); err != nil {
		s.staticProblems.Errorf("static/"+f, 1, 1, "%s", err)
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

// updateBundles puts the files of page bundles into s.static, where the
// assembled site publishes them (content.Site.BundleFiles), as a new map
// (the caller compares it with the last one).
func (s *Session) updateBundles() {
	next := maps.Clone(s.static)
	for f := range s.copies {
		delete(next, f)
	}
	s.bundleProblems = diag.List{}
	_, other, _ := content.ListContent(s.tree) // its problems are the listing's
	s.copies = s.site.BundleFiles(other, &s.bundleProblems)
	for f, src := range s.copies {
		data, err := s.tree.ReadFile(src)
		if err != nil {
			var se *source.Error
			if errors.As(err, &se) {
				s.bundleProblems.Errorf(se.Path, 1, 1, "%s", se.Msg)
			} else {
				s.bundleProblems.Errorf(src, 1, 1, "cannot be read: %v", err)
			}
			continue
		}
		next[f] = data
	}
	s.static = next
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
		docs[i] = search.PageDoc(s.site.Config, p, s.bodies[p].res.Text)
		docs[i].Passages = s.pages[render.FileOf(p.URL)].passages
	}
	if s.docs != nil && reflect.DeepEqual(docs, s.docs) {
		return nil
	}
	return &SearchJob{docs: append(docs, listDocs(s.site.Config, s.bundle, s.site)...), langs: s.cfg.LanguageCodes(), opts: searchOptions(s.cfg, s.stems)}
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
