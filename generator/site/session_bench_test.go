package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"hubgen/internal/corpus"
)

// BenchmarkSessionUpdate times a session's update on a generated portal
// of 1,000 translation pairs (HUBGEN_BENCH_PAIRS changes the size; the
// watcher, the server and the search index are left out: see cli's
// BenchmarkServeReload): "body" adds a sentence to one news item, "new"
// adds a news item (lists, topics, home pages, feeds and the sitemap
// change; ms-first is the time until a preview reloads, see
// Session.UpdateFirst).
//
//	go test ./generator/site -run '^$' -bench SessionUpdate -benchtime 20x
func BenchmarkSessionUpdate(b *testing.B) {
	pairs := 1000
	if n, err := strconv.Atoi(os.Getenv("HUBGEN_BENCH_PAIRS")); err == nil && n > 0 {
		pairs = n
	}
	dir := b.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: dir, Pairs: pairs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		b.Fatal(err)
	}
	rel := "content/news/gen-000000.pl.md"
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		entries, _ := os.ReadDir(filepath.Join(dir, "content", "news"))
		rel = "content/news/" + entries[0].Name()
	}
	orig, _ := os.ReadFile(filepath.Join(dir, rel))
	b.Run("body", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			os.WriteFile(filepath.Join(dir, rel), append(append([]byte{}, orig...), fmt.Sprintf("\nZdanie %d.\n", i)...), 0o644)
			rep, err := s.Update(ctx, []string{rel})
			if err != nil {
				b.Fatal(err)
			}
			if rep.Rewritten > 3 {
				b.Fatalf("rendered %d files", rep.Rewritten)
			}
		}
	})
	b.Run("new", func(b *testing.B) {
		var first time.Duration // until the reload: UpdateFirst
		for i := 0; i < b.N; i++ {
			rel := fmt.Sprintf("content/news/bench-%d.pl.md", i)
			os.WriteFile(filepath.Join(dir, rel), fmt.Appendf(nil, "---\ntitle: \"Nowa %d\"\nslug: bench-%d\ndate: 2026-01-%02d\ntags: [cbrn]\n---\nTekst.\n", i, i, 1+i%28), 0o644)
			start := time.Now()
			rep, err := s.UpdateFirst(ctx, []string{rel})
			if err != nil {
				b.Fatal(err)
			}
			first += time.Since(start)
			_, n, err := s.Finish(ctx)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(rep.Rewritten+n), "rendered/op")
		}
		b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms-first/op")
	})
}
