package content

import (
	"os"
	"path/filepath"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/source"
)

// BenchmarkLoad loads a whole site: /tmp/c2k (2,000 pairs) by default, or
// the site in HUBGEN_BENCH_SITE. It is skipped when the site is absent.
//
//	go test ./generator/content -run '^$' -bench '^BenchmarkLoad$' -benchmem -cpuprofile /tmp/load.prof
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("HUBGEN_BENCH_SITE")
	if dir == "" {
		dir = "/tmp/c2k"
	}
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err != nil {
		b.Skipf("no site to load: %v", err)
	}
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
