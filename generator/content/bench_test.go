package content

import (
	"path/filepath"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/source"
	"hubgen/internal/corpus"
)

// BenchmarkLoad loads a generated portal of 2,000 translation pairs, or the
// site in HUBGEN_BENCH_SITE. Run:
//
//	go test ./generator/content -run '^$' -bench '^BenchmarkLoad$' -benchmem -cpuprofile /tmp/load.prof
func BenchmarkLoad(b *testing.B) {
	dir := corpus.BenchSite(b, filepath.Join("..", ".."), 2000)
	cfg, err := config.Load(filepath.Join(dir, "config.toml"))
	if err != nil {
		b.Fatal(err)
	}
	tree, err := source.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Now: now}
	for b.Loop() {
		s, ds := Load(tree, cfg, opts)
		if ds.HasErrors() || len(s.Pages) == 0 {
			b.Fatalf("load of %s: %d pages, errors %v", dir, len(s.Pages), errorsOf(ds))
		}
	}
}
