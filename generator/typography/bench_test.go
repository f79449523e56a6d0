package typography

import (
	"path/filepath"
	"testing"

	"hubgen/internal/corpus"
)

// benchPages are the pages BenchmarkApply sets: those of a generated
// portal of 100 translation pairs with the bundled content (or of the
// site in HUBGEN_BENCH_SITE), as package markdown writes them.
func benchPages(b *testing.B) (pages []page, size int64) {
	pages = sitePages(b, corpus.BenchSite(b, filepath.Join("..", ".."), 100))
	for _, p := range pages {
		size += int64(len(p.html))
	}
	return pages, size
}

// BenchmarkApply sets every page of a generated portal once an
// iteration, as the build does; BenchmarkApplyReference does the same
// with the implementation Apply replaced (reference_test.go), for
// comparison. Run:
//
//	go test ./generator/typography -run '^$' -bench Apply -benchmem
func BenchmarkApply(b *testing.B) { benchApply(b, Apply) }

func BenchmarkApplyReference(b *testing.B) { benchApply(b, refApply) }

func benchApply(b *testing.B, apply func(Rules, string) string) {
	pages, size := benchPages(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			apply(p.rules, p.html)
		}
	}
}
