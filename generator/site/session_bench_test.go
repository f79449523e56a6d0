package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"hubgen/internal/corpus"
)

// BenchmarkSessionUpdate times a session's update after a sentence is
// added to one news item of a generated portal of 1,000 translation pairs
// (HUBGEN_BENCH_PAIRS changes the size; the watcher and the server are
// left out: see cli's BenchmarkServeReload).
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
	b.ResetTimer()
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
}
