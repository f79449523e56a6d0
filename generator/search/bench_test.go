package search_test

import (
	"testing"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
	"hubgen/internal/corpus"
)

// BenchmarkIndex builds the search index of a generated portal of 10,000
// translation pairs (20,000 pages), analysis and layout, without writing:
//
//	go test ./generator/search -run '^$' -bench Index -benchtime 3x
func BenchmarkIndex(b *testing.B) {
	src := b.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: src, Pairs: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	docs := searchtest.Docs(b, src, "")
	text := 0
	for _, d := range docs {
		text += len(d.Title) + len(d.Summary) + len(d.Body)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		files, err := search.Build([]string{"pl", "en"}, docs, search.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(files)), "files")
	}
	b.ReportMetric(float64(len(docs)), "pages")
	b.ReportMetric(float64(text)/1e6, "MB-text")
}
