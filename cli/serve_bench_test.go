package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubgen/internal/corpus"
)

// BenchmarkServeReload measures the live preview on a generated portal of
// 10,000 translation pairs (HUBGEN_BENCH_PAIRS changes the size): the time
// from saving a file to the reload event, for a sentence added to a news
// item's body and for a new news item (which changes lists, topics and the
// home page), each save made once the previous change's search index is
// done, and the heap serve holds. Run:
//
//	go test ./cli -run '^$' -bench ServeReload -benchtime 20x
func BenchmarkServeReload(b *testing.B) {
	pairs := 10000
	if n, err := strconv.Atoi(os.Getenv("HUBGEN_BENCH_PAIRS")); err == nil && n > 0 {
		pairs = n
	}
	dir := b.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: "..", Dir: dir, Pairs: pairs, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	port := freePort(b)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- RunContext(ctx, []string{"serve", "--source", dir, "--port", port}, &out, &errb)
	}()
	defer func() { cancel(); <-done }()
	for !strings.Contains(out.String(), "serving") {
		time.Sleep(50 * time.Millisecond)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	es := openEvents(b, "http://127.0.0.1:"+port+"/__hubgen/events")
	// settle waits until the search index, rebuilt in the background after
	// each change, is done, as it would be after an editor's pause: the
	// next save is then measured without a rebuild competing for the cores.
	indexed := 0
	settle := func() {
		deadline := time.Now().Add(2 * time.Minute)
		for strings.Count(out.String(), "hubgen: search index:") <= indexed && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		indexed = strings.Count(out.String(), "hubgen: search index:")
		time.Sleep(100 * time.Millisecond)
	}
	settle()
	news := filepath.Join(dir, "content", "news")
	entries, _ := os.ReadDir(news)
	var item string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pl.md") {
			item = filepath.Join(news, e.Name())
			break
		}
	}
	orig, _ := os.ReadFile(item)
	var body, added []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		os.WriteFile(item, append(append([]byte{}, orig...), fmt.Sprintf("\nZdanie %d.\n", i)...), 0o644)
		es.next(b, "reload")
		body = append(body, time.Since(start))
		settle()

		start = time.Now()
		os.WriteFile(filepath.Join(news, fmt.Sprintf("bench-%d.pl.md", i)), []byte(fmt.Sprintf("---\ntitle: \"Nowa %d\"\nslug: bench-%d\ndate: 2026-01-%02d\ntags: [cbrn]\n---\nTekst.\n", i, i, 1+i%28)), 0o644)
		es.next(b, "reload")
		added = append(added, time.Since(start))
		settle()
	}
	b.StopTimer()
	if os.Getenv("HUBGEN_BENCH_LOG") != "" {
		b.Log(out.String())
	}
	b.ReportMetric(median(body), "ms-body-edit")
	b.ReportMetric(median(added), "ms-new-item")
	b.ReportMetric(float64(ms.HeapInuse)/1e6, "MB-heap")
	b.ReportMetric(float64(pairs*2), "pages")
}

func median(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return float64(s[len(s)/2].Microseconds()) / 1000
}
