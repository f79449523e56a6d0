// Package site orchestrates a build: configuration, UI strings, content,
// Markdown, layouts, then every output page rendered in parallel into a
// fresh directory beside the destination, swapped in only when the whole
// build succeeded.
package site

import (
	"fmt"
	"os"
	"path/filepath"
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
	"hubgen/internal/parallel"
)

// Options configure a build.
type Options struct {
	Source  string    // the site's directory (config.toml, content/, layouts/, static/, i18n/)
	Dest    string    // output directory; default <Source>/public
	BaseURL string    // overrides config.toml's baseURL when set
	Drafts  bool      // publish drafts
	Future  bool      // publish pages dated in the future
	Now     time.Time // when "the future" starts; zero means time.Now()
	Check   bool      // validate only: write nothing, warn about missing translations
}

// Result tells what a build did.
type Result struct {
	Diags   *diag.List
	Pages   int // content pages published
	Outputs int // HTML files written (or that would be)
	Files   int // all files written, static files included
}

// Build runs a build. Content problems are in Result.Diags; the returned
// error is non-nil when the build failed for any reason, and then the
// destination is untouched.
func Build(opts Options) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	cfgPath := filepath.Join(opts.Source, "config.toml")
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return res, err
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return res, fmt.Errorf("--base-url: %w", err)
		}
	}
	var langs []string
	for _, l := range cfg.Languages {
		langs = append(langs, l.Code)
	}
	bundle, err := i18n.LoadBundle(filepath.Join(opts.Source, "i18n"), langs)
	if err != nil {
		return res, err
	}
	tpl, err := render.LoadTemplates(filepath.Join(opts.Source, "layouts"))
	if err != nil {
		return res, err
	}
	s, ds := content.Load(opts.Source, cfg, content.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	res.Diags.Merge(ds)
	res.Pages = len(s.Pages)
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath(), Strict: opts.Check, AnchorLabel: anchorLabel(bundle)})
	bodies := convertAll(s, conv, res.Diags)
	if opts.Check {
		compareActs(s, bodies, res.Diags)
		missing := s.Missing()
		for _, p := range s.Pages {
			if langs := missing[p]; len(langs) > 0 {
				res.Diags.Warnf(p.Path, 0, 0, "no translation in %s", strings.Join(langs, ", "))
			}
		}
	}
	parallelActs := convertParallel(s, conv)
	outputs, pds := render.Plan(render.Input{Config: cfg, Bundle: bundle, Site: s, Bodies: bodies, Parallel: parallelActs})
	res.Diags.Merge(pds)
	res.Outputs = len(outputs)
	if err := res.Diags.Err(); err != nil {
		return res, err
	}
	if opts.Check {
		// Render too, without writing, so that template errors surface in check.
		_, err := renderAll(outputs, tpl, nil)
		return res, err
	}
	n, err := writeAtomically(opts.Dest, func(dir string) (int, error) {
		files, err := copyStatic(filepath.Join(opts.Source, "static"), dir, outputs)
		if err != nil {
			return 0, err
		}
		written, err := renderAll(outputs, tpl, func(o *render.Output, b []byte) error {
			return writeFile(filepath.Join(dir, filepath.FromSlash(o.File())), b)
		})
		// ---- search index (generator/search; README "Search") ----
		if err == nil {
			docs := make([]search.Doc, len(s.Pages))
			for i, p := range s.Pages {
				d := search.Doc{URL: cfg.BasePath() + p.URL, Lang: p.Lang, Kind: p.Section, Title: p.Title, Summary: p.Summary, Body: bodies[p].Text, Date: p.Date}
				for _, k := range p.Tags {
					if t := cfg.Topic(k); t != nil {
						d.Topics = append(d.Topics, t.Names[p.Lang])
					}
				}
				if p.Act != nil {
					d.ActType, d.ActNumber = p.Act.Type, p.Act.Number
				}
				docs[i] = d
			}
			var n int
			n, err = search.Write(dir, langs, docs, search.Options{})
			written += n
		}
		// ---- end search index ----
		return files + written, err
	})
	res.Files = n
	return res, err
}

// convertAll renders every page's Markdown on all cores.
func convertAll(s *content.Site, conv *markdown.Converter, ds *diag.List) map[*content.Page]markdown.Result {
	results := make([]markdown.Result, len(s.Pages))
	lists := make([]diag.List, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		results[i] = conv.Convert(s.Pages[i], s, &lists[i])
	})
	out := make(map[*content.Page]markdown.Result, len(s.Pages))
	for i, p := range s.Pages {
		out[p] = results[i]
		ds.Merge(&lists[i])
	}
	return out
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
				ds.Warnf(p.Path, 0, 0, "this version lacks %s, which the %s version (%s) has", strings.Join(lacking, ", "), tr.Lang, tr.Path)
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

// convertParallel converts the acts that have translations once more for
// their parallel view.
func convertParallel(s *content.Site, conv *markdown.Converter) map[*content.Page]markdown.Result {
	var acts []*content.Page
	for _, p := range s.Pages {
		if p.Section == "decisions" && len(p.Translations) > 0 {
			acts = append(acts, p)
		}
	}
	results := make([]markdown.Result, len(acts))
	parallel.For(len(acts), func(i int) { results[i] = conv.ConvertParallel(acts[i], s) })
	out := make(map[*content.Page]markdown.Result, len(acts))
	for i, p := range acts {
		out[p] = results[i]
	}
	return out
}

// renderAll executes every output's layout on all cores; write (if not nil)
// stores each result. It returns the number of files written.
func renderAll(outputs []*render.Output, tpl *render.Templates, write func(*render.Output, []byte) error) (int, error) {
	errs := make([]error, len(outputs))
	parallel.For(len(outputs), func(i int) {
		b, err := tpl.Execute(outputs[i])
		if err == nil && write != nil {
			err = write(outputs[i], b)
		}
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	if write == nil {
		return 0, nil
	}
	return len(outputs), nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// copyStatic copies static/ verbatim into dir. A static file where a page
// goes is an error.
func copyStatic(src, dir string, outputs []*render.Output) (int, error) {
	taken := map[string]bool{}
	for _, o := range outputs {
		taken[o.File()] = true
	}
	var files []string
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == src {
				return filepath.SkipDir
			}
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reading static files: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		rel, _ := filepath.Rel(src, f)
		if taken[filepath.ToSlash(rel)] {
			return 0, fmt.Errorf("static/%s: a page is written to the same place", filepath.ToSlash(rel))
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, fmt.Errorf("reading static file: %w", err)
		}
		if err := writeFile(filepath.Join(dir, rel), data); err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

// anchorLabel names the anchor links of acts' parts from the UI strings
// ("act.anchor_rct" = "Link do motywu {n}").
func anchorLabel(b *i18n.Bundle) func(lang, kind, num string) string {
	return func(lang, kind, num string) string {
		return strings.ReplaceAll(b.T(lang, "act.anchor_"+kind), "{n}", num)
	}
}
