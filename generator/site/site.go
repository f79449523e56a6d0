// Package site orchestrates a build: configuration, UI strings, content,
// Markdown, layouts, then every output page rendered in parallel into a
// fresh directory beside the destination, swapped in only when the whole
// build succeeded.
package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"hubgen/generator/buildcache"
	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/markdown"
	"hubgen/generator/output"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// Options configure a build.
type Options struct {
	Source  string    // the site's directory (config.toml, content/, layouts/, static/, i18n/)
	Dest    string    // output directory; default <Source>/public
	BaseURL string    // overrides config.toml's baseURL when set
	Drafts  bool      // publish drafts
	Future  bool      // publish pages dated in the future
	Force   bool      // replace a non-empty Dest that is not a previous output
	Now     time.Time // when "the future" starts; zero means time.Now()
	Check   bool      // validate only: write nothing, warn about missing translations
	// Ignore are kinds of warnings and notes (diag.Kinds) left out of
	// Result.Diags, besides those config.toml's [warnings] ignore names.
	Ignore []string
	// Progress, when set, is told the name of each stage as it starts
	// (load, convert, plan, render, search, publish), for a progress line.
	Progress func(stage string)
	// OnFull, when set, is called once the build knows it builds in full
	// (not from the build cache), before it loads the site: the command
	// tunes the garbage collector for the larger heap then.
	OnFull func()
	// Full writes every file into a fresh directory swapped in place of the
	// destination, even when the destination holds a previous output that
	// could be updated in place (only the files that changed).
	Full bool
	// NoGitDates leaves pages without the dates of their files' last
	// commits (package gitdates): only lastmod in front matter dates them.
	NoGitDates bool
	// Cache is the directory of the build cache (package buildcache);
	// default: beside Dest (buildcache.DefaultDir). NoCache neither reads
	// nor writes it. Full builds in full and writes a new cache.
	Cache   string
	NoCache bool
	// KeepMarkdown is how many bytes of Markdown a full build holds from
	// loading to converting (0: 256 MB); a larger site has each page's
	// file read again when the page converts, as its output renders.
	KeepMarkdown int
}

// Result tells what a build did.
type Result struct {
	Diags   *diag.List
	Pages   int  // content pages published
	Parses  int  // Markdown documents parsed: one per page, acts included
	Outputs int  // HTML files written (or that would be)
	Files   int  // all files of the output, static files included
	Written int  // files written: all of them, or when a previous output was updated in place those that changed
	Removed int  // files of the previous output that this one lacks
	Updated bool // the previous output was updated in place
	// NewTopics are the topics made of tags that are not in config.toml's
	// [topics] (each named with its tag in every language), for `check` to
	// print the entries to add.
	NewTopics []config.Topic
	// Languages counts the published pages per language, in the order
	// of the configuration's languages.
	Languages []LangPages
	// Silenced counts the warnings and notes left out of Diags (Ignore).
	Silenced int
	// Incremental tells that the build started from the build cache: it
	// converted and rendered only what changed (Parses, Rendered).
	// Otherwise FullReason says why it built in full, when it had a cache.
	Incremental bool
	Rendered    int
	FullReason  string
	// IndexUpdated are the languages whose search index an incremental
	// build updated from the last build's (search.Update) rather than
	// made again from every document.
	IndexUpdated []string
	// Phases are the build's stages in order with their wall times (see
	// Phase), for `build --timings` and the benchmarks.
	Phases []Phase
}

// LangPages is how many pages a language has.
type LangPages struct {
	Lang  string
	Pages int
}

// Phase is a stage of a build and how long it took: setup (config.toml,
// UI strings, layouts), load (listing, reading and parsing content files),
// convert (Markdown), plan (with any wait for the files' git dates, which
// git reads meanwhile: package gitdates), render (executing layouts and
// writing pages and static files), search (analysing and writing the search
// index), publish (checking the output's links, links.go, then swapping the
// new output in). "writes" is not a stage: it is the time spent writing
// page files, summed over the threads that wrote them.
type Phase struct {
	Name string
	Took time.Duration
}

// phases records a build's stages as they end, and tells progress (if
// not nil) the stage that starts.
type phases struct {
	list     []Phase
	last     time.Time
	progress func(string)
}

func newPhases(progress func(string)) *phases {
	return &phases{last: time.Now(), progress: progress}
}

// stageAfter names the stage that follows a stage.
func stageAfter(name string) string {
	stages := []string{"setup", "load", "convert", "plan", "render", "search", "publish"}
	if i := slices.Index(stages, name); i >= 0 && i+1 < len(stages) {
		return stages[i+1]
	}
	return ""
}

// done ends the current stage under name.
func (p *phases) done(name string) {
	now := time.Now()
	p.list = append(p.list, Phase{name, now.Sub(p.last)})
	p.last = now
	if next := stageAfter(name); next != "" && p.progress != nil {
		p.progress(next)
	}
}

// Build runs a build. Content problems are in Result.Diags; the returned
// error is non-nil when the build failed for any reason, and then the
// destination is untouched. A destination the build refuses is an
// *output.DestError; a cancelled ctx stops the build, publishing nothing,
// and returns ctx's error.
func Build(ctx context.Context, opts Options) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	ph := newPhases(opts.Progress)
	start := ph.last
	var ignore []string
	defer func() {
		res.Phases = ph.list
		silence(res, append(ignore, opts.Ignore...))
	}()
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	tree, err := source.Open(opts.Source)
	if err != nil {
		return res, err
	}
	if opts.Cache == "" {
		opts.Cache = buildcache.DefaultDir(opts.Dest)
	} else if !opts.Check && !opts.NoCache {
		if err := output.CheckCache(opts.Source, opts.Dest, opts.Cache); err != nil {
			return res, err
		}
	}
	var prev *buildcache.State
	if !opts.Check && !opts.NoCache && !opts.Full {
		prev, _ = buildcache.Read(opts.Cache) // none, or unreadable: build in full
	}
	var target *output.Target
	if !opts.Check && prev == nil {
		if target, err = output.Check(opts.Source, opts.Dest, opts.Force); err != nil {
			return res, err
		}
	}
	// The cache's key (hashing the program, layouts, i18n and static
	// files) is worked out while the configuration and layouts load.
	keyc := make(chan string, 1)
	if !opts.Check && !opts.NoCache {
		// A copy of the tree: loadSetup sets the original's MaxSize from
		// config.toml meanwhile. Past the default limit, a file makes no
		// key (no cache), never a wrong one.
		keyTree := *tree
		go func() { keyc <- cacheKey(&keyTree, opts) }()
	} else {
		keyc <- ""
	}
	cfg, bundle, tpl, err := loadSetup(tree, opts, res.Diags)
	key := <-keyc
	if err != nil {
		return res, err
	}
	ignore = cfg.IgnoreWarnings
	if prev != nil {
		inc := &incremental{ctx: ctx, opts: opts, tree: tree, cfg: cfg, bundle: bundle, tpl: tpl, st: prev, key: key}
		reason, err := inc.build(res, ph)
		if reason == "" || err != nil {
			return res, err
		}
		// Nothing was touched: build in full, the attempt counted in setup.
		*res = Result{Diags: &diag.List{}, FullReason: reason}
		ph.list, ph.last = nil, start
		if target, err = output.Check(opts.Source, opts.Dest, opts.Force); err != nil {
			return res, err
		}
	}
	ph.done("setup")
	if opts.OnFull != nil {
		opts.OnFull()
	}
	langs := cfg.LanguageCodes()
	gitDates := startGitDates(ctx, opts)
	readAt := time.Now()
	var dirs []buildcache.Dir
	if key != "" {
		dirs = contentDirs(tree) // before the files: a change meanwhile shows
	}
	files, other, ds := content.LoadFiles(tree, cfg)
	s, ads := content.Assemble(cfg, files, content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	ds.Merge(ads)
	res.Diags.Merge(ds)
	// Tags that are not in [topics] build as topics of their own.
	res.NewTopics = s.NewTopics()
	cfg = cfg.WithTopics(res.NewTopics)
	s.Config = cfg
	ph.done("load")
	res.Pages = len(s.Pages)
	res.Languages = countLanguages(s)
	copies := s.BundleFiles(other, res.Diags)
	static := withCopies(staticFiles(tree, res.Diags), copies)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath(), Strict: opts.Check, AnchorLabel: anchorLabel(bundle), UIText: bundle.T, ImageSize: imageSizes(tree, true), Typography: typesetter(cfg)})
	// Acts now; the other pages as their outputs render (stream.go).
	pb := newPageBodies(ctx, tree, s, files, conv, opts.KeepMarkdown, !opts.Check)
	bodies := pb.acts()
	ph.done("convert")
	if opts.Check {
		compareActs(s, bodies, res.Diags)
		checkTranslations(s, tree, res.Diags)
	}
	setGitDates(s.Pages, gitDates(res.Diags)) // git ran while pages loaded and converted
	// The titles' collation keys go into the build cache (fullCache).
	keys := i18n.NewKeyCache()
	in := render.Input{Config: cfg, Bundle: bundle, Site: s, Bodies: bodies, Keys: keys, Now: opts.Now}
	outputs, pds := render.Plan(in)
	res.Diags.Merge(pds)
	res.Outputs = len(outputs)
	checkPaths(outputs, static, copies, res.Diags)
	ph.done("plan")
	if err := ctx.Err(); err != nil {
		return res, err
	}
	// reported adds the pages' problems (all of them: those not converted
	// yet are) and returns the build's error.
	reported := func() error {
		pb.rest()
		res.Parses = int(conv.Parses())
		if err := pb.report(res.Diags); err != nil {
			return err
		}
		return res.Diags.Err()
	}
	if res.Diags.HasErrors() {
		return res, fileError(reported(), res.Diags)
	}
	var kept []render.Kept
	if key != "" {
		kept = make([]render.Kept, len(outputs))
		for i, o := range outputs {
			kept[i] = o.Keep() // before rendering drops the outputs
		}
	}
	links := newLinkCheck(cfg.BasePath(), outputs, bodies) // the link check (links.go)
	// The outputs hold what they render of the acts: each act's HTML can
	// go with its last output (at 100,000 pairs the acts' conversions
	// were 0.85 GB held through the whole render).
	pb.release(bodies)
	// stems are the words render analyses, which the index reuses.
	var stems passageStems
	if !opts.Check {
		if stems, err = newPassageStems(langs); err != nil {
			return res, err
		}
		links.withPassages(stems)
	}
	if opts.Check {
		// Render too, without writing, so that template errors and broken
		// links surface in check.
		err := renderAll(ctx, outputs, tpl, nil, links, pb.fill)
		ph.done("render")
		if err == nil {
			if err = reported(); err == nil {
				pb.addSources(links)
				links.run(s, static, nil, res.Diags)
				err = res.Diags.Err()
			}
		}
		return res, fileError(err, res.Diags)
	}
	if opts.Full {
		target.Full()
	}
	res.Updated = target.Incremental()
	var docs []search.Doc
	// The build cache's state is made while the search index is
	// (prepare), and stored once the build is published.
	var cache *fullCache
	var prepared func() preparedCache
	st, err := output.Publish(ctx, target, func(w *output.Writer) error {
		if err := copyStatic(ctx, tree, static, copies, w); err != nil {
			return err
		}
		if err := renderAll(ctx, outputs, tpl, w, links, pb.fill); err != nil {
			return err
		}
		ph.done("render")
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := reported(); err != nil {
			return err
		}
		pb.addSources(links)
		docs = pb.docs(cfg, links.pagePassages())
		if key != "" {
			cache = &fullCache{tree: tree, readAt: readAt, dirs: dirs, key: key, files: files, other: other, site: s, convs: pb.results, docs: docs, kept: kept, digest: render.SiteDigest(in), keys: keys}
			prepared = cache.prepare(opts)
		}
		all := append(slices.Clip(docs), listDocs(cfg, bundle, s)...)
		files, err := buildIndex(langs, all, searchOptions(cfg, stems), key != "", opts.Cache)
		for _, name := range sortedKeys(files) {
			w.Write(name, files[name])
		}
		ph.done("search")
		if err != nil {
			return err
		}
		links.run(s, static, files, res.Diags) // before anything is published
		return res.Diags.Err()
	})
	ph.done("publish")
	ph.list = append(ph.list, Phase{"writes", st.Busy})
	res.Files, res.Written, res.Removed = st.Files, st.Written, st.Removed
	res.Rendered = res.Outputs
	err = fileError(err, res.Diags)
	if err == nil && cache != nil {
		cache.write(opts, target, prepared())
	}
	return res, err
}

// fileError turns err, when a file changed between listing and reading,
// into a problem at the file in ds and the build's error.
func fileError(err error, ds *diag.List) error {
	var se *source.Error
	if errors.As(err, &se) {
		ds.Errorf(se.Path, 1, 1, "%s", se.Msg)
		return ds.Err()
	}
	return err
}

// silence leaves the warnings and notes of the kinds ignored out of
// res.Diags and counts them.
func silence(res *Result, ignore []string) {
	if len(ignore) == 0 {
		return
	}
	kinds := map[string]bool{}
	for _, k := range ignore {
		kinds[k] = true
	}
	n := res.Diags.Len()
	res.Diags = res.Diags.Without(kinds)
	res.Silenced = n - res.Diags.Len()
}

// checkTranslations notes every page left out (drafts, pages dated in the
// future) and warns about pages without a version in another language,
// saying so when that version exists but is left out.
func checkTranslations(s *content.Site, tree *source.Tree, ds *diag.List) {
	twins := map[string]content.Unpublished{} // by "<lang> <section>/<name>" and "<lang> key <translationKey>"
	for _, u := range s.Unpublished() {
		ds.Notef(diag.KindUnpublished, u.Page.Path, u.Line, 1, "%s", u.Message())
		q := u.Page
		twins[q.Lang+" "+q.Section+"/"+q.Name] = u
		if q.TranslationKey != "" {
			twins[q.Lang+" key "+q.TranslationKey] = u
		}
	}
	missing := s.Missing()
	for _, p := range s.Pages {
		var none []string
		for _, l := range missing[p] {
			u, ok := twins[l+" "+p.Section+"/"+p.Name]
			if !ok && p.TranslationKey != "" {
				u, ok = twins[l+" key "+p.TranslationKey]
			}
			if ok {
				what := "a draft"
				switch u.Reason {
				case "future":
					what = "dated " + u.At.Format("2006-01-02") + ", in the future"
				case "expired":
					what = "expired on " + u.At.Format("2006-01-02")
				}
				ds.Warnf(diag.KindNoTranslation, p.Path, 1, 1, "the %s version, %s, is not published: it is %s", l, u.Page.Path, what)
				continue
			}
			if name := twinNames(s, p, []string{l}); fileExists(filepath.Join(tree.Dir(), filepath.FromSlash(name))) {
				ds.Warnf(diag.KindNoTranslation, p.Path, 1, 1, "the %s version, %s, is not published: fix its errors", l, name)
				continue
			}
			none = append(none, l)
		}
		if len(none) > 0 {
			ds.Warnf(diag.KindNoTranslation, p.Path, 1, 1, "no translation in %s: add %s", strings.Join(none, ", "), twinNames(s, p, none))
		}
	}
}

// fileExists reports whether p names a file.
func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// twinNames names the files that would be p's versions in langs.
func twinNames(s *content.Site, p *content.Page, langs []string) string {
	var names []string
	for _, l := range langs {
		names = append(names, "content/"+p.Section+"/"+p.Name+"."+l+".md")
	}
	return strings.Join(names, " and ")
}

// loadSetup reads config.toml, the UI strings and the layouts through the
// tree's checks. Files the tree refuses become diagnostics in ds.
func loadSetup(tree *source.Tree, opts Options, ds *diag.List) (*config.Config, *i18n.Bundle, *render.Templates, error) {
	fail := func(err error) (*config.Config, *i18n.Bundle, *render.Templates, error) {
		var se *source.Error
		if errors.As(err, &se) {
			ds.Errorf(se.Path, 1, 1, "%s", se.Msg)
			return nil, nil, nil, ds.Err()
		}
		return nil, nil, nil, err
	}
	data, err := tree.ReadFile("config.toml")
	if err != nil {
		return fail(err)
	}
	cfg, err := config.Parse(filepath.ToSlash(filepath.Join(opts.Source, "config.toml")), data)
	if err != nil {
		return fail(err)
	}
	tree.MaxSize = cfg.MaxFileSize
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return fail(fmt.Errorf("--base-url: %w", err))
		}
	}
	bundle, err := i18n.LoadBundleFS(tree.Sub("i18n"), filepath.Join(opts.Source, "i18n"), cfg.LanguageCodes())
	if err != nil {
		return fail(err)
	}
	tpl, err := render.LoadTemplatesFS(tree.Sub("layouts"), filepath.Join(opts.Source, "layouts"), cfg.Sections())
	if err != nil {
		return fail(err)
	}
	return cfg, bundle, tpl, nil
}

// compareActs warns when the language versions of an act do not have the
// same recitals, articles, paragraphs and points.
func compareActs(s *content.Site, bodies map[*content.Page]markdown.Result, ds *diag.List) {
	for _, p := range s.Pages {
		act := bodies[p].Act
		if act == nil {
			continue
		}
		for _, tr := range sortedTranslations(p) {
			other := bodies[tr].Act
			if other == nil {
				continue
			}
			var lacking []string
			for _, id := range other.IDs() {
				if !act.Has(id) {
					lacking = append(lacking, id)
				}
			}
			if len(lacking) > 0 {
				ds.Warnf(diag.KindActParts, p.Path, 0, 0, "this version lacks %s, which the %s version (%s) has", strings.Join(lacking, ", "), tr.Lang, tr.Path)
			}
		}
	}
}

func sortedTranslations(p *content.Page) []*content.Page {
	var out []*content.Page
	for _, tr := range p.Translations {
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lang < out[j].Lang })
	return out
}

// renderAll executes every output's layout on all cores; w (if not nil)
// writes each result, under the output's file path, and lc (if not nil)
// scans it for the link check. Pages render into buffers of a pool that w
// hands back once it has written them; fill (if not nil) is called with
// each output first, to give a page planned without its body its body
// (stream.go). renderAll empties outputs as it goes, so that what an
// output holds (a page's HTML, a list's items) can go as soon as it is
// rendered: a build's memory then peaks before rendering, not at the end.
func renderAll(ctx context.Context, outputs []*render.Output, tpl *render.Templates, w *output.Writer, lc *linkCheck, fill func(*render.Output)) error {
	var buffers sync.Pool
	errs := make([]error, len(outputs))
	parallel.For(len(outputs), func(i int) {
		o := outputs[i]
		outputs[i] = nil
		if err := ctx.Err(); err != nil {
			errs[i] = err
			return
		}
		if o.Raw != nil {
			if w != nil {
				w.Write(o.File(), o.Raw)
			}
			return
		}
		if fill != nil {
			fill(o) // a page planned without its body converts now
		}
		buf, _ := buffers.Get().(*bytes.Buffer)
		if buf == nil {
			buf = new(bytes.Buffer)
		}
		buf.Reset()
		err := tpl.ExecuteTo(buf, o)
		if err == nil && lc != nil {
			lc.scan(i, o, buf.Bytes())
		}
		if err != nil || w == nil {
			buffers.Put(buf)
			errs[i] = err
			return
		}
		w.WriteBuffer(o.File(), buf, func() { buffers.Put(buf) })
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// anchorLabel names the anchor links of acts' parts from the UI strings
// ("act.anchor_rct" = "Link do motywu {n}").
func anchorLabel(b *i18n.Bundle) func(lang, kind, num string) string {
	return func(lang, kind, num string) string {
		return strings.ReplaceAll(b.T(lang, "act.anchor_"+kind), "{n}", num)
	}
}
