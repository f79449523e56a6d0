// Command search is the search benchmark: it generates a portal of
// 10,000 translation pairs, builds it, and prints the static index's size
// per language (on disk and gzipped), the bytes a first query downloads
// (gzipped, the client script included), and the median query time in
// headless Chromium once the shards are cached. With Pagefind installed
// (npm install --no-save pagefind@1.6.0; it is not a devDependency, so that CI does not fetch it) it indexes the same pages with it and
// prints its figures beside ours. Run from the repository root:
//
//	go run ./bench/search                 # 10,000 pairs
//	go run ./bench/search -pairs 1000     # quicker
//	go run ./bench/search -sweep          # also try other shard sizes
//
// It is a benchmark, not a test: it prints figures and judges nothing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"hubgen/generator/site"
	"hubgen/internal/corpus"
)

// now is when the benchmark's builds run: a fixed day, so that the same
// pages are published whenever it runs.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// queries are typical first queries: common and rare words, inflected and
// without diacritics, two words, half-typed last words, a number.
var queries = map[string][]string{
	"pl": {
		"terroryzm jądrowy", "współpraca", "przestępczość zorganizowana", "ochrona dzieci", "Europol",
		"radykalizacji", "bezpieczenstwo wewnetrzne", "konwencja", "szkolenia", "granic",
		"decyzja rady", "terroryzm jąd", "wspolp", "Knowledge Hub", "cyberprzestępczość",
	},
	"en": {
		"nuclear terrorism", "cooperation", "organised crime", "child protection", "Europol",
		"radicalisation", "internal security", "convention", "training", "border",
		"council decision", "nuclear terr", "coop", "Knowledge Hub", "cybercrime",
	},
}

func main() {
	pairs := flag.Int("pairs", 10000, "translation pairs to generate")
	seed := flag.Uint64("seed", 1, "corpus seed")
	repo := flag.String("repo", ".", "the repository root")
	keep := flag.String("keep", "", "keep the generated site and build here instead of a temporary directory")
	sweep := flag.Bool("sweep", false, "also measure other shard sizes (reference ranker only)")
	noBrowser := flag.Bool("no-browser", false, "skip the Chromium measurements")
	flag.Parse()
	if err := run(*repo, *pairs, *seed, *keep, *sweep, !*noBrowser); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(repo string, pairs int, seed uint64, keep string, sweep, browser bool) error {
	work := keep
	if work == "" {
		dir, err := os.MkdirTemp("", "hubgen-search-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	src, dest := filepath.Join(work, "src"), filepath.Join(work, "public")
	fmt.Printf("Generating %d translation pairs…\n", pairs)
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	if err := corpus.Generate(corpus.Options{Repo: repo, Dir: src, Pairs: pairs, Seed: seed}); err != nil {
		return err
	}
	start := time.Now()
	res, err := site.Build(context.Background(), site.Options{Source: src, Dest: dest, Now: now})
	if err != nil {
		return err
	}
	fmt.Printf("Built %d pages into %d files in %v (search index included).\n\n", res.Pages, res.Files, time.Since(start).Round(time.Millisecond))

	script, err := scriptBytes(filepath.Join(dest, "js")) // as published (minified)
	if err != nil {
		return err
	}
	fmt.Printf("Client script as published (search.js + search-core.js, minified): %s raw, %s gzipped\n\n", kb(script.raw), kb(script.gz))

	fmt.Println("Static index per language")
	fmt.Printf("  %-4s %7s %10s %10s\n", "lang", "files", "on disk", "gzipped")
	for _, lang := range []string{"pl", "en"} {
		sz, err := dirBytes(filepath.Join(dest, "search", lang))
		if err != nil {
			return err
		}
		fmt.Printf("  %-4s %7d %10s %10s\n", lang, sz.files, kb(sz.raw), kb(sz.gz))
	}
	fmt.Println()

	fmt.Println("First query, reference ranker (files the client would fetch, gzipped, script included)")
	fq, err := firstQueries(os.DirFS(dest), queries, script.gz)
	if err != nil {
		return err
	}
	printFirst(fq)

	if sweep {
		if err := sweepShards(src, script.gz); err != nil {
			return err
		}
	}
	if !browser {
		return nil
	}
	chromium := findChromium()
	if chromium == "" {
		fmt.Println("Chromium not found: no browser figures.")
		return nil
	}
	ours, err := browseOurs(chromium, dest, queries)
	if err != nil {
		return err
	}
	fmt.Println("Headless Chromium, hubgen search (bytes over the wire, gzip; time once shards are cached)")
	printBrowser(ours)

	pagefind := filepath.Join(repo, "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(pagefind); err != nil {
		fmt.Println("Pagefind not installed (npm install --no-save pagefind@1.6.0): no comparison.")
		return nil
	}
	pf, err := runPagefind(pagefind, dest)
	if err != nil {
		return err
	}
	fmt.Printf("Pagefind %s: indexed %s in %v\n", pf.version, pf.indexed, pf.took.Round(time.Millisecond))
	fmt.Printf("  %-4s %7s %10s %10s\n", "lang", "files", "on disk", "gzipped")
	for _, lang := range []string{"pl", "en"} {
		sz := pf.sizes[lang]
		fmt.Printf("  %-4s %7d %10s %10s\n", lang, sz.files, kb(sz.raw), kb(sz.gz))
	}
	fmt.Printf("  shared (pagefind.js, wasm, …): %d files, %s on disk, %s gzipped\n\n", pf.shared.files, kb(pf.shared.raw), kb(pf.shared.gz))
	theirs, err := browsePagefind(chromium, dest, queries)
	if err != nil {
		return err
	}
	fmt.Println("Headless Chromium, Pagefind (search and the top 10 results' data; bytes over the wire)")
	printBrowser(theirs)
	fmt.Println("Side by side (median over the queries)")
	fmt.Printf("  %-10s %18s %18s %16s\n", "", "first query (gz)", "largest first q.", "query (cached)")
	for _, row := range []struct {
		name string
		b    []browserResult
	}{{"hubgen", ours}, {"Pagefind", theirs}} {
		bytes, times := collect(row.b)
		fmt.Printf("  %-10s %18s %18s %13.1f ms\n", row.name, kb(median(bytes)), kb(maxOf(bytes)), medianF(times))
	}
	return nil
}

func findChromium() string {
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

func median(v []int) int {
	if len(v) == 0 {
		return 0
	}
	s := append([]int(nil), v...)
	sort.Ints(s)
	return s[len(s)/2]
}

func maxOf(v []int) int {
	m := 0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

func medianF(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func printFirst(rows []firstQuery) {
	fmt.Printf("  %-4s %-30s %6s %6s %10s\n", "lang", "query", "hits", "files", "bytes (gz)")
	var all []int
	for _, r := range rows {
		fmt.Printf("  %-4s %-30s %6d %6d %10s\n", r.lang, quote(r.query), r.hits, r.files, kb(r.gz))
		all = append(all, r.gz)
	}
	fmt.Printf("  median %s, largest %s\n\n", kb(median(all)), kb(maxOf(all)))
}

func printBrowser(rows []browserResult) {
	fmt.Printf("  %-4s %-30s %6s %12s %12s %12s %12s %10s %10s\n", "lang", "query", "hits", "first (gz)", "pass. store", "pass. text", "next q (gz)", "query ms", "shown ms")
	var store, text, further, pageStore, pageText []int
	for _, r := range rows {
		pageStore, pageText = append(pageStore, r.scrolled[0]), append(pageText, r.scrolled[1])
		fmt.Printf("  %-4s %-30s %6d %12s %12s %12s %12s %10.1f %10s\n", r.lang, quote(r.query), r.hits, kb(r.bytes), kb(r.passages[0]), kb(r.passages[1]), kb(r.further), medianF(r.times), msOrDash(r.shown))
		store, text, further = append(store, r.passages[0]), append(text, r.passages[1]), append(further, r.further)
	}
	bytes, times := collect(rows)
	var shown []float64
	for _, r := range rows {
		shown = append(shown, r.shown...)
	}
	fmt.Printf("  first query: median %s, largest %s; cached query (ranking and the top ten's data): median %.1f ms over %d runs", kb(median(bytes)), kb(maxOf(bytes)), medianF(times), len(times))
	if len(shown) > 0 {
		fmt.Printf("; until the results show: median %.1f ms", medianF(shown))
	}
	fmt.Println()
	fmt.Printf("  the next query on the same page: median %s, largest %s\n", kb(median(further)), kb(maxOf(further)))
	fmt.Printf("  passages read for the results in view at first (headless window 800×600; range requests, not compressed): store lines median %s (largest %s), passage text median %s (largest %s)\n", kb(median(store)), kb(maxOf(store)), kb(median(text)), kb(maxOf(text)))
	fmt.Printf("  passages read for the whole first page of results, scrolled through: store lines median %s (largest %s), passage text median %s (largest %s)\n\n", kb(median(pageStore)), kb(maxOf(pageStore)), kb(median(pageText)), kb(maxOf(pageText)))
}

// msOrDash is the median of v in ms, or a dash when v is empty.
func msOrDash(v []float64) string {
	if len(v) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", medianF(v))
}

func collect(rows []browserResult) (bytes []int, times []float64) {
	for _, r := range rows {
		bytes = append(bytes, r.bytes)
		times = append(times, r.times...)
	}
	return bytes, times
}

func quote(s string) string {
	if len(s) > 28 {
		s = s[:28]
	}
	return `"` + strings.TrimSpace(s) + `"`
}
