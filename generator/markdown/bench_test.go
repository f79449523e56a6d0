package markdown

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/internal/benchcpu"
	"hubgen/internal/corpus"
	"hubgen/internal/sitetest"
)

// BenchmarkConvertCorpus converts every page of a generated portal of
// 1,000 translation pairs (or of the site in HUBGEN_BENCH_SITE) on one
// goroutine, as the build does on each core. Run:
//
//	go test ./generator/markdown -run '^$' -bench ConvertCorpus -benchmem
func BenchmarkConvertCorpus(b *testing.B) {
	dir := corpus.BenchSite(b, filepath.Join("..", ".."), 1000)
	s := loadCorpus(b, dir)
	conv := New(Config{})
	var bytes int64
	for _, p := range s.Pages {
		bytes += int64(len(p.Body))
	}
	b.SetBytes(bytes)
	runtime.GC()
	b.ResetTimer()
	cpu := benchcpu.Process()
	for i := 0; i < b.N; i++ {
		for _, p := range s.Pages {
			var ds diag.List
			conv.Convert(p, s, &ds)
		}
	}
	benchcpu.Report(b, cpu)
	b.ReportMetric(float64(len(s.Pages)), "pages")
}

// loadCorpus loads the content of the site in dir.
func loadCorpus(tb testing.TB, dir string) *content.Site {
	tb.Helper()
	_, s, _ := sitetest.Load(tb, dir, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	return s
}
