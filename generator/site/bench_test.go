package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"hubgen/internal/corpus"
)

// BenchmarkBuild builds generated portals of 1,000 and 10,000 translation
// pairs (2,000 and 20,000 pages). Run:
//
//	go test ./generator/site -run '^$' -bench Build -benchtime 3x
//
// Output goes to /dev/shm (tmpfs) unless HUBGEN_BENCH_DISK is set.
func BenchmarkBuild(b *testing.B) {
	for _, pairs := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pairs=%d", pairs), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: dir, Pairs: pairs, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			// The output goes to tmpfs when there is one: this machine's disk
			// takes about 0.5 ms to create a file, which would swamp the engine.
			out := b.TempDir()
			if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() && os.Getenv("HUBGEN_BENCH_DISK") == "" {
				out, _ = os.MkdirTemp("/dev/shm", "hubgen-bench-")
				defer os.RemoveAll(out)
			}
			dest := filepath.Join(out, "public")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := Build(context.Background(), Options{Source: dir, Dest: dest, Now: testNow})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Pages), "pages")
			}
		})
	}
}
