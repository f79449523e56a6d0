package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/markdown"
	"hubgen/generator/source"
	"hubgen/internal/benchcpu"
	"hubgen/internal/corpus"
)

// benchPairs is the size of the generated portal the benchmarks plan and
// render: 1,000 translation pairs (about 4,400 outputs).
const benchPairs = 1000

// benchSite is a generated portal loaded and converted as a build does.
type benchSite struct {
	in  Input
	tpl *Templates
}

// newBenchSite generates the portal in a temporary directory and loads it.
func newBenchSite() (*benchSite, error) {
	dir, err := os.MkdirTemp("", "hubgen-render-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := corpus.Generate(corpus.Options{Repo: filepath.Join("..", ".."), Dir: dir, Pairs: benchPairs, Seed: 1}); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		return nil, err
	}
	cfg, err := config.Parse("config.toml", data)
	if err != nil {
		return nil, err
	}
	bundle, err := i18n.LoadBundle(filepath.Join(dir, "i18n"), cfg.LanguageCodes())
	if err != nil {
		return nil, err
	}
	tree, err := source.Open(dir)
	if err != nil {
		return nil, err
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: fixtureNow})
	if err := ds.Err(); err != nil {
		return nil, err
	}
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath()})
	bodies := map[*content.Page]markdown.Result{}
	for _, p := range s.Pages {
		bodies[p] = conv.Convert(p, s, &diag.List{})
	}
	tpl, err := LoadTemplates(filepath.Join(dir, "layouts"), cfg.Sections())
	if err != nil {
		return nil, err
	}
	return &benchSite{in: Input{Config: cfg, Bundle: bundle, Site: s, Bodies: bodies}, tpl: tpl}, nil
}

// BenchmarkRender plans a generated portal of 1,000 translation pairs as
// a build does (no key cache kept between plans) and renders every output
// on one goroutine, with partialCached's cache emptied first: with Execute
// (a copy of each page) and with ExecuteTo into one buffer. Run:
//
//	go test ./generator/render -run '^$' -bench Render -benchmem
//
// Besides wall time it reports the CPU time of the process per operation
// (cpu-ns/op, where the system tells it): on a machine shared with other
// work, a steadier measure.
func BenchmarkRender(b *testing.B) {
	site, err := newBenchSite()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Plan", func(b *testing.B) {
		b.ReportAllocs()
		start := benchcpu.Process()
		for b.Loop() {
			if _, ds := Plan(site.in); ds.Len() > 0 {
				b.Fatal(ds.Err())
			}
		}
		benchcpu.Report(b, start)
	})
	outputs, ds := Plan(site.in)
	if ds.Len() > 0 {
		b.Fatal(ds.Err())
	}
	b.Run("Execute", func(b *testing.B) {
		b.ReportAllocs()
		start := benchcpu.Process()
		for b.Loop() {
			site.tpl.ResetCache()
			for _, o := range outputs {
				if _, err := site.tpl.Execute(o); err != nil {
					b.Fatal(err)
				}
			}
		}
		benchcpu.Report(b, start)
	})
	b.Run("ExecuteTo", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		start := benchcpu.Process()
		for b.Loop() {
			site.tpl.ResetCache()
			for _, o := range outputs {
				buf.Reset()
				if err := site.tpl.ExecuteTo(&buf, o); err != nil {
					b.Fatal(err)
				}
			}
		}
		benchcpu.Report(b, start)
	})
}
