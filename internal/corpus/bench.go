package corpus

import (
	"os"
	"testing"
)

// BenchSite is the site a package's benchmark works on: the directory in
// HUBGEN_BENCH_SITE when set (a corpus kept from bench/build, say), else a
// portal of pairs translation pairs generated from the repository at repo
// into a temporary directory of tb.
func BenchSite(tb testing.TB, repo string, pairs int) string {
	tb.Helper()
	if dir := os.Getenv("HUBGEN_BENCH_SITE"); dir != "" {
		return dir
	}
	dir := tb.TempDir()
	if err := Generate(Options{Repo: repo, Dir: dir, Pairs: pairs, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	return dir
}
