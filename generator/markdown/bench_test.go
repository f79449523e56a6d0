package markdown

import (
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/source"
)

// BenchmarkConvertCorpus converts every page of a generated portal on one
// goroutine, as the build does on each core. The portal is the directory in
// HUBGEN_MARKDOWN_CORPUS, or /tmp/c2k; the benchmark skips when it is
// absent. Run:
//
//	HUBGEN_MARKDOWN_CORPUS=/path/to/site go test ./generator/markdown -run '^$' -bench ConvertCorpus -benchmem -benchtime 1x
func BenchmarkConvertCorpus(b *testing.B) {
	dir := os.Getenv("HUBGEN_MARKDOWN_CORPUS")
	if dir == "" {
		dir = "/tmp/c2k"
	}
	s := loadCorpus(b, dir)
	conv := New(Config{})
	var bytes int64
	for _, p := range s.Pages {
		bytes += int64(len(p.Body))
	}
	b.SetBytes(bytes)
	runtime.GC()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		for _, p := range s.Pages {
			var ds diag.List
			conv.Convert(p, s, &ds)
		}
	}
	if cpu >= 0 {
		// CPU time, with the garbage collector's, is steadier than wall
		// time on a shared machine.
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	}
	b.ReportMetric(float64(len(s.Pages)), "pages")
}

// loadCorpus loads the content of the site in dir, or skips b when there is
// none.
func loadCorpus(tb testing.TB, dir string) *content.Site {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err != nil {
		tb.Skipf("no corpus at %s", dir)
	}
	tree, err := source.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := tree.ReadFile("config.toml")
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(dir, "config.toml"), data)
	if err != nil {
		tb.Fatal(err)
	}
	s, _ := content.Load(tree, cfg, content.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	return s
}

// processCPU returns the CPU time the process has used, user and system,
// or -1.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
