package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"hubgen/generator/buildcache"
	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/linkcheck"
	"hubgen/generator/markdown"
	"hubgen/generator/output"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// The incremental build. When the build cache (package buildcache) holds
// the state of the last build into the destination, the program, options,
// config.toml, layouts/, i18n/ and static/ are unchanged, the destination
// is as that build left it and content files changed in their bodies alone
// (the same files, each with the same front matter), a build
//
//   - takes each file's parse from the cache (content.FromParsed), reading
//     only the files whose size or time changed (a file with the same
//     bytes is unchanged);
//   - converts only the pages whose body changed, the pages whose links or
//     references asked for them (as a live preview does, see Session), and
//     their translations;
//   - plans and renders only those pages' own outputs (render.PlanPages):
//     lists, feeds, the sitemap and other pages show front matter only;
//   - checks the links of the pages it rendered, and builds in full
//     instead when one of them lost an id another page may link to;
//   - makes the search index of a language again only when one of its
//     documents changed, from the documents in the cache;
//   - keeps every other file of the destination as it is (Writer.Keep).
//
// Its problems are the last build's, with those of the pages converted
// again in place of theirs. Anything else (a changed front matter, a file
// added or removed, a page whose git date changed, a page dated in the
// future that is due) builds in full, which writes a new cache.

// incremental is a build that starts from the build cache.
type incremental struct {
	ctx    context.Context
	opts   Options
	tree   *source.Tree
	cfg    *config.Config
	bundle *i18n.Bundle
	tpl    *render.Templates
	st     *buildcache.State
	key    string
	stems  passageStems          // the words render analyses, which the index reuses
	states map[string]indexState // the search index states of the languages indexed again
	// partial gives, for a language indexed again by search.Update, its
	// documents with every bag, which the search read only in part.
	partial map[string]func() ([]buildcache.Doc, error)
	updated []string // the languages whose index search.Update made
}

// settledCheck is the outcome of output.CheckSettled: ok when target is
// the destination as the last build left it.
type settledCheck struct {
	target *output.Target
	ok     bool
	err    error
}

// fullError stops the publishing of an incremental build that finds it
// cannot finish: nothing is published and the build goes on in full.
type fullError struct{ reason string }

func (e *fullError) Error() string { return "incremental build: " + e.reason }

// build makes the incremental build into res. It returns a reason, having
// written nothing, when the build must be made in full instead; otherwise
// the build's error, as Build returns it.
func (b *incremental) build(res *Result, ph *phases) (string, error) {
	opts, st := b.opts, b.st
	switch {
	case b.key == "" || st.Key != b.key:
		return "the program, its options, config.toml, layouts/, i18n/ or static/ changed", nil
	case !st.Horizon.IsZero() && !opts.Now.Before(st.Horizon):
		return "a page dated in the future, an expiryDate or a date that changes an act's status is due", nil
	case len(st.Outputs) == 0:
		return "the cache holds no plan", nil
	}
	// The destination is checked while the sources load, convert and plan
	// (the check is a stat call for every file and directory of the
	// output); nothing is written before it passed.
	settled := make(chan settledCheck, 1)
	go func() {
		t, ok, err := output.CheckSettled(opts.Source, opts.Dest, output.Settled{Manifest: st.Manifest, At: st.Settled})
		settled <- settledCheck{t, ok && t.Dir == st.Dest, err}
	}()
	check := sync.OnceValue(func() settledCheck { return <-settled })
	defer check() // a build in full starts after the check
	// full returns what makes the build go on in full when reason would:
	// the check's outcome first, as when the check came before reason.
	full := func(reason string) (string, error) {
		if c := check(); c.err != nil || !c.ok {
			return settledReason(c)
		}
		return reason, nil
	}
	ph.done("setup")
	gitDates := startGitDates(b.ctx, opts)
	readAt := time.Now()
	dirs, listed := b.st.Dirs, sameDirs(b.tree, b.st.Dirs)
	if !listed {
		dirs = contentDirs(b.tree) // before the files: a change meanwhile shows
	}
	files, changed, reason := b.load(listed)
	var late diag.List
	dates := gitDates(&late)
	if reason != "" {
		return reason, nil
	}
	s, early := content.Assemble(b.cfg, files, content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	res.NewTopics = s.NewTopics()
	s.Config = b.cfg.WithTopics(res.NewTopics)
	setGitDates(s.Pages, dates)
	other, reason := b.assets(listed)
	if reason != "" {
		return reason, nil
	}
	copies := s.BundleFiles(other, early)
	static := withCopies(staticFiles(b.tree, early), copies)
	if early.HasErrors() {
		return "content files have errors", nil // reported as a full build reports them
	}
	entries := make(map[string]*buildcache.File, len(st.Files))
	for i := range st.Files {
		entries[st.Files[i].Path] = &st.Files[i]
	}
	ch, sigs := b.change(s, changed, entries)
	keys := cachedKeys(s, entries)
	prevPlan := render.Restore(st.Outputs)
	replan := render.NewReplan(render.Input{Config: s.Config, Bundle: b.bundle, Site: s, Keys: keys, Now: opts.Now})
	b.crossChanged(s, entries, replan, prevPlan, &ch) // related content other pages' change reached
	ph.done("load")
	todo, reason := b.toConvert(s, changed, ch, entries)
	if reason != "" {
		return full(reason)
	}
	conv := markdown.New(markdown.Config{BasePath: s.Config.BasePath(), AnchorLabel: anchorLabel(b.bundle), UIText: b.bundle.T, ImageSize: imageSizes(b.tree, true), Typography: typesetter(s.Config)})
	convs := make([]converted, len(todo))
	parallel.For(len(todo), func(i int) {
		r := &recorder{site: s}
		convs[i].res = conv.Convert(todo[i], r, &convs[i].diags)
		convs[i].deps = r.deps
	})
	bodies := make(map[*content.Page]markdown.Result, len(todo))
	redone := map[string]*converted{}
	dirty := map[string]bool{} // languages whose search index changes
	for i, p := range todo {
		bodies[p] = convs[i].res
		redone[p.Path] = &convs[i]
	}
	if len(ch.Topics) > 0 {
		// A topic's pages changed: it may be used now, or no longer, and
		// every language indexes the topic pages (listDocs).
		for _, l := range s.Config.LanguageCodes() {
			dirty[l] = true
		}
	}
	res.Parses = int(conv.Parses())
	ph.done("convert")
	in := render.Input{Config: s.Config, Bundle: b.bundle, Site: s, Bodies: bodies, Keys: keys, Now: opts.Now}
	if render.SiteDigest(in) != st.Site {
		return full("what every page shows of the site (menus, languages) changed")
	}
	all, fresh, pds := replan.PlanChange(bodies, prevPlan, ch)
	checkPaths(all, static, copies, pds)
	if pds.Len() > 0 {
		return full("planning the change reports problems")
	}
	c := check()
	if c.err != nil || !c.ok {
		return settledReason(c)
	}
	target := c.target
	prev := target.Previous()
	if reason := removesFiles(prev, all, static); reason != "" {
		return reason, nil
	}
	for f := range copies {
		// The build keeps, never copies: a bundle's file at a new place
		// (its page's URL changed) needs a full build. A changed one
		// changed the cache's key.
		if _, ok := prev[f]; !ok {
			return "a page bundle's file is published at a new place: " + f, nil
		}
	}
	res.Diags.Merge(early)
	for _, p := range s.Pages {
		if c := redone[p.Path]; c != nil {
			res.Diags.Merge(&c.diags)
		} else {
			res.Diags.Add(entries[p.Path].Diags...)
		}
	}
	res.Diags.Merge(&late)
	if err := res.Diags.Err(); err != nil {
		res.Incremental = true // an error in a page converted again
		return "", err
	}
	kept := make([]render.Kept, len(all))
	for i, o := range all {
		kept[i] = o.Keep() // before rendering drops the outputs
	}
	ph.done("plan")
	res.Pages, res.Languages, res.Outputs = len(s.Pages), countLanguages(s), len(all)
	res.Rendered = len(fresh)
	stems, err := newPassageStems(s.Config.LanguageCodes())
	if err != nil {
		return "", err
	}
	b.stems = stems
	lc := newLinkCheck(s.Config.BasePath(), fresh, bodies).withPassages(b.stems)
	var docs map[string][]buildcache.Doc
	newDocs := map[string]search.Doc{} // by content file
	stats, err := output.Publish(b.ctx, target, func(w *output.Writer) error {
		made := map[string]bool{}
		for _, o := range fresh {
			made[o.File()] = true
		}
		if err := renderAll(b.ctx, fresh, b.tpl, w, lc, nil); err != nil {
			return err
		}
		ph.done("render")
		var err error
		// The pages' documents, with the passages of their pages as
		// rendered now: those converted again, and those rendered again
		// only (their passages may have moved).
		passages := lc.pagePassages()
		repassed := map[string][]search.Passage{} // rendered again only, their passages changed
		cached := map[string]bool{}               // converted again, not rendered again: passages as cached
		bags := newBagger(s.Config.LanguageCodes())
		for _, p := range todo {
			d := search.PageDoc(s.Config, p, "")
			d.Bag = bags.bag(p.Lang, redone[p.Path].res.Text)
			e := entries[p.Path]
			ps, rendered := passages[p]
			if e == nil || !e.Published || docHash(&d) != e.DocHash || rendered && passHash(ps) != e.PassHash {
				dirty[p.Lang] = true
				d.Passages = ps
				cached[p.Path] = !rendered
				newDocs[p.Path] = d
			}
		}
		for p, ps := range passages {
			if e := entries[p.Path]; redone[p.Path] == nil && e != nil && passHash(ps) != e.PassHash {
				dirty[p.Lang] = true
				repassed[p.Path] = ps
			}
		}
		docs, err = b.search(w, prev, made, dirty, newDocs, repassed, cached, listDocs(s.Config, b.bundle, s))
		if err != nil {
			return err
		}
		ph.done("search")
		for f := range prev {
			if !made[f] && !dirtySearch(f, dirty) {
				if err := w.Keep(f); err != nil {
					return err
				}
			}
		}
		return b.checkLinks(lc, target.Dir, made, prev, static, s, res.Diags)
	})
	var fe *fullError
	if errors.As(err, &fe) {
		return fe.reason, nil
	}
	ph.done("publish")
	ph.list = append(ph.list, Phase{"writes", stats.Busy})
	res.Files, res.Written, res.Removed = stats.Files, stats.Written, stats.Removed
	res.Incremental, res.Updated, res.IndexUpdated = true, true, b.updated
	var se *source.Error
	if errors.As(err, &se) {
		res.Diags.Errorf(se.Path, 1, 1, "%s", se.Msg) // a file changed between listing and reading
		err = res.Diags.Err()
	}
	if err != nil {
		return "", err
	}
	b.save(target, cacheUpdate{readAt: readAt, dirs: dirs, files: files, site: s, sigs: sigs, redone: redone, newDocs: newDocs, docs: docs, kept: kept, digest: st.Site, keys: keys})
	return "", nil
}

// assets returns content/'s files other than Markdown, which must be
// the last build's (State.Assets) with the same sizes and times, or else a
// reason to build in full: only a full build copies them. Unless listed,
// it lists content/ again.
func (b *incremental) assets(listed bool) ([]string, string) {
	paths := make([]string, len(b.st.Assets))
	for i, a := range b.st.Assets {
		paths[i] = a.Path
	}
	if !listed {
		_, other, problems := content.ListContent(b.tree)
		if problems.Len() > 0 {
			return nil, "content/ has entries the build refuses"
		}
		if !slices.Equal(other, paths) {
			return nil, "files of content/ other than Markdown (page bundles') were added, removed or renamed"
		}
	}
	for _, a := range b.st.Assets {
		info, err := b.tree.Stat(a.Path)
		if err == nil && info.Size() == a.Size && info.ModTime().UnixNano() == a.ModTime && !b.st.Racy(a.ModTime) {
			continue
		}
		// A new time, or one too close to the last build's reading to
		// tell: the bytes decide.
		if now, err := readAsset(b.tree, a.Path); err != nil || now.Hash != a.Hash || now.Size != a.Size {
			return nil, "a file of a page bundle changed: " + a.Path
		}
	}
	return paths, ""
}

// removesFiles returns why the plan all cannot update the previous output
// prev in place, or "": every page, list and other generated file of prev
// must still be made (the search index and static files aside, which the
// build makes or keeps). A file no longer made may be the target of a link
// on a page that is kept, which only a full build checks.
func removesFiles(prev map[string]string, all []*render.Output, static []string) string {
	made := make(map[string]bool, len(all)+len(static))
	for _, o := range all {
		made[o.File()] = true
	}
	for _, f := range static {
		made[f] = true
	}
	for f := range prev {
		if !made[f] && !inSearchIndex(f) {
			return "the change removes " + f + " from the output"
		}
	}
	return ""
}

// checkLinks checks the links of the pages rendered again. A page whose ids
// changed may break another page's link to one of them, which only a full
// build checks: then the build goes on in full. The other pages of the
// output, for links with a fragment, are read from the destination.
func (b *incremental) checkLinks(lc *linkCheck, dir string, made map[string]bool, prev map[string]string, staticFiles []string, s *content.Site, ds *diag.List) error {
	read := func(f string) (linkcheck.Page, bool) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return linkcheck.Page{}, false
		}
		return lc.table.Scan(data), true
	}
	rendered := map[string]int{}
	for i, o := range lc.outputs {
		if o.layout == "" {
			continue
		}
		rendered[o.file] = i
		if _, ok := prev[o.file]; !ok {
			continue // a new file: no kept page links to it
		}
		if old, ok := read(o.file); !ok || !old.SameIDs(lc.pages[i]) {
			return &fullError{"the ids of " + o.file + " changed"}
		}
	}
	static := make(map[string]bool, len(staticFiles))
	for _, f := range staticFiles {
		static[f] = true
	}
	others := map[string]linkcheck.Page{}
	broken := lc.table.Check(linkcheck.Site{
		BasePath: s.Config.BasePath(),
		Pages: func(yield func(string, linkcheck.Page) bool) {
			for f, i := range rendered {
				if !yield(f, lc.pages[i]) {
					return
				}
			}
		},
		Has: func(f string) bool {
			_, ok := prev[f]
			return made[f] || ok && !inSearchIndex(f)
		},
		Page: func(f string) (linkcheck.Page, bool) {
			if i, ok := rendered[f]; ok {
				return lc.pages[i], true
			}
			if _, ok := prev[f]; !ok || static[f] || !strings.HasSuffix(f, ".html") {
				return linkcheck.Page{}, false
			}
			p, ok := others[f]
			if !ok {
				p, _ = read(f)
				others[f] = p
			}
			return p, true
		},
	})
	if len(broken) == 0 {
		return nil
	}
	byFile := make(map[string]outputInfo, len(lc.outputs))
	for _, o := range lc.outputs {
		byFile[o.file] = o
	}
	reportLinks(broken, byFile, func(p *content.Page) []markdown.LinkSource { return lc.sources[p] }, s, lc.base, ds)
	return ds.Err()
}

// countLanguages counts the published pages of each language.
func countLanguages(s *content.Site) []LangPages {
	var out []LangPages
	for _, l := range s.Config.LanguageCodes() {
		n := 0
		for _, p := range s.Pages {
			if p.Lang == l {
				n++
			}
		}
		out = append(out, LangPages{l, n})
	}
	return out
}

// settledReason is why a build goes on in full when the destination check
// c failed: its error, or the destination changed since the last build.
func settledReason(c settledCheck) (string, error) {
	if c.err != nil {
		return "", c.err
	}
	return "the destination is not as the last build left it", nil
}
