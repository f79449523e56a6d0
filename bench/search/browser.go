package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// meter serves a built site like a static host that gzips text, and counts
// the body bytes it sends for the search's files.
type meter struct {
	dir    string
	mu     sync.Mutex
	bytes  int
	ranges [2]int // bytes answering range requests: the passage store's, the pages' (passage text)
}

// countingWriter counts the bytes of a response's body.
type countingWriter struct {
	http.ResponseWriter
	n int
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += n
	return n, err
}

func (m *meter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	full := filepath.Join(m.dir, filepath.FromSlash(p))
	if st, err := os.Stat(full); err == nil && st.IsDir() {
		full = filepath.Join(full, "index.html")
	}
	data, err := os.ReadFile(full)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(full)
	ctype := mime.TypeByExtension(ext)
	if ext == ".js" || ext == ".mjs" {
		ctype = "text/javascript"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	if r.Header.Get("Range") != "" {
		// The search reading passages: the bytes asked for, as sent
		// (range responses are not compressed).
		cw := &countingWriter{ResponseWriter: w}
		http.ServeContent(cw, r, "", time.Time{}, bytes.NewReader(data))
		m.mu.Lock()
		if strings.HasPrefix(p, "/search/") {
			m.ranges[0] += cw.n
		} else {
			m.ranges[1] += cw.n
		}
		m.mu.Unlock()
		return
	}
	body := data
	if text := strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "json") || strings.Contains(ctype, "javascript"); text &&
		strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		zw.Write(data)
		zw.Close()
		body = b.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.Write(body)
	if strings.HasPrefix(p, "/js/") || strings.HasPrefix(p, "/search/") || strings.HasPrefix(p, "/pagefind/") {
		m.mu.Lock()
		m.bytes += len(body)
		m.mu.Unlock()
	}
}

func (m *meter) take() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := m.bytes
	m.bytes = 0
	return n
}

// takeRanges returns the bytes of range responses since the last call:
// of the passage store and of the pages.
func (m *meter) takeRanges() [2]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := m.ranges
	m.ranges = [2]int{}
	return n
}

// browserResult is one query in the browser.
type browserResult struct {
	lang, query string
	hits        int
	bytes       int       // downloaded by the first query of a fresh page, cache off
	passages    [2]int    // then read for the passages of the results in view: the store's lines, the pages' text
	scrolled    [2]int    // the same for the whole first page of results, scrolled through
	further     int       // then downloaded by the next query of the list on the same page (its passages left out)
	times       []float64 // ms per query once its shards are cached: the ranking and the top ten's data, as Pagefind's is timed
	shown       []float64 // hubgen: ms until the page shows the results (ranking, data and the results' HTML)
}

// browser starts headless Chromium with a fresh profile.
func browser(chromium string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "hubgen-bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile))
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() { cancel(); cancelAlloc(); os.RemoveAll(profile) }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting chromium: %w", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		stop()
		return nil, nil, err
	}
	return ctx, stop, nil
}

func setCache(ctx context.Context, disabled bool) error {
	_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: disabled})
	return err
}

// timedRuns is the number of timed repetitions of each cached query.
const timedRuns = 7

// serveAndBrowse serves dest through a byte meter and starts chromium; stop
// ends both.
func serveAndBrowse(chromium, dest string) (*meter, *httptest.Server, context.Context, func(), error) {
	m := &meter{dir: dest}
	srv := httptest.NewServer(m)
	ctx, stopBrowser, err := browser(chromium)
	if err != nil {
		srv.Close()
		return nil, nil, nil, nil, err
	}
	return m, srv, ctx, func() { stopBrowser(); srv.Close() }, nil
}

// browseOurs opens the search page with each query (cache off: a first
// visit) and counts the bytes of the script and the index it fetched, then
// times the query again and again on that page, its shards cached.
func browseOurs(chromium, dest string, qs map[string][]string) ([]browserResult, error) {
	m, srv, ctx, stop, err := serveAndBrowse(chromium, dest)
	if err != nil {
		return nil, err
	}
	defer stop()
	var out []browserResult
	for _, lang := range []string{"pl", "en"} {
		page := map[string]string{"pl": "/szukaj/", "en": "/en/search/"}[lang]
		for _, q := range qs[lang] {
			if err := setCache(ctx, true); err != nil {
				return nil, err
			}
			m.take()
			m.takeRanges()
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+page+"?q="+url.QueryEscape(q))); err != nil {
				return nil, err
			}
			if err := waitJS(ctx, `document.querySelector('[data-search-results] [role=status]')?.textContent !== ''`); err != nil {
				return nil, fmt.Errorf("%q: %w", q, err)
			}
			r := browserResult{lang: lang, query: q, bytes: m.take()}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('[data-search-results]').hubgenSearch.passages().then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
				return nil, fmt.Errorf("%q: passages: %w", q, err)
			}
			r.passages = m.takeRanges()
			// The whole first page of results, scrolled through.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => { window.scrollTo(0, document.body.scrollHeight); await new Promise((r) => setTimeout(r, 300)); await document.querySelector('[data-search-results]').hubgenSearch.loaded(); return true; })()`, chromedp.EvalAwaitPromise)); err != nil {
				return nil, fmt.Errorf("%q: passages when scrolled: %w", q, err)
			}
			more := m.takeRanges()
			r.scrolled = [2]int{r.passages[0] + more[0], r.passages[1] + more[1]}
			// A further query on the same page: the next one of the list.
			list := qs[lang]
			next := list[(slices.Index(list, q)+1)%len(list)]
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector('[data-search-results]').hubgenSearch.run(%q).then(() => true)`, next), chromedp.EvalAwaitPromise)); err != nil {
				return nil, fmt.Errorf("%q then %q: %w", q, next, err)
			}
			r.further = m.take()
			m.takeRanges()
			if err := setCache(ctx, false); err != nil {
				return nil, err
			}
			script := fmt.Sprintf(`(async () => {
				const h = document.querySelector('[data-search-results]').hubgenSearch, q = %[1]q;
				const hits = (await h.searcher.search(q)).hits.length;
				await h.run(q);
				const times = [];
				// The query as Pagefind's is timed: ranking, then the top
				// ten's documents.
				for (let i = 0; i < %[2]d; i++) { const t = performance.now(); const r = await h.searcher.search(q); await h.searcher.docs(Array.from(r.hits.subarray(0, 10))); times.push(performance.now() - t); }
				// Until its results show: the passages the previous run
				// asked for finish first, untimed.
				const shown = [];
				for (let i = 0; i < %[2]d; i++) { await h.loaded(); const t = performance.now(); await h.run(q); shown.push(performance.now() - t); }
				return {hits, times, shown};
			})()`, q, timedRuns)
			res, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Hits         int
				Times, Shown []float64
			}](script, chromedp.EvalAwaitPromise))
			if err != nil {
				return nil, fmt.Errorf("%q: %w", q, err)
			}
			r.hits, r.times, r.shown = res.Hits, res.Times, res.Shown
			out = append(out, r)
		}
	}
	return out, nil
}

func waitJS(ctx context.Context, cond string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("timed out waiting for %s", cond)
}

// pagefindRun is Pagefind's indexing of the same pages.
type pagefindRun struct {
	version, indexed string
	took             time.Duration
	sizes            map[string]size
	shared           size
}

// runPagefind indexes the content pages of the built site (the same pages
// our index holds; main content only) with Pagefind, into dest/pagefind.
func runPagefind(bin, dest string) (*pagefindRun, error) {
	v, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("pagefind --version: %w", err)
	}
	pf := &pagefindRun{version: strings.TrimSpace(strings.TrimPrefix(string(v), "pagefind")), sizes: map[string]size{}}
	glob := "{aktualnosci/*,akty-prawne/*,organizacje/*,projekty/*,o-portalu,deklaracja-dostepnosci,en/news/*,en/decisions/*,en/organisations/*,en/projects/*,en/about,en/accessibility-statement}/index.html"
	start := time.Now()
	out, err := exec.Command(bin, "--site", dest, "--glob", glob, "--root-selector", "main").CombinedOutput()
	pf.took = time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("pagefind: %w\n%s", err, out)
	}
	if m := regexp.MustCompile(`Indexed (\d+) pages?`).FindSubmatch(out); m != nil {
		pf.indexed = string(m[1]) + " pages"
	}
	err = filepathWalk(filepath.Join(dest, "pagefind"), func(rel string, data []byte) {
		s := &pf.shared
		for _, lang := range []string{"pl", "en"} {
			if strings.Contains(rel, lang+"_") || strings.Contains(rel, "."+lang+".") || strings.Contains(rel, "/"+lang+"/") {
				x := pf.sizes[lang]
				s = &x
				defer func() { pf.sizes[lang] = x }()
				break
			}
		}
		s.add(data)
	})
	if err != nil {
		return nil, err
	}
	for _, lang := range []string{"pl", "en"} {
		page := fmt.Sprintf(`<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>Pagefind</title></head><body><script>
window.pfRun = async (q) => {
  const pf = await import("/pagefind/pagefind.js");
  const r = await pf.search(q);
  await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  return r.results.length;
};
</script></body></html>`, lang)
		if err := os.WriteFile(filepath.Join(dest, "pf-bench-"+lang+".html"), []byte(page), 0o644); err != nil {
			return nil, err
		}
	}
	return pf, nil
}

func filepathWalk(dir string, fn func(rel string, data []byte)) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fn(filepath.ToSlash(rel), data)
		return nil
	})
}

// browsePagefind runs each query with Pagefind's own API on a fresh page
// (cache off) and loads the first ten results' data, as a results page
// would, counting the bytes; then times it again with everything cached.
func browsePagefind(chromium, dest string, qs map[string][]string) ([]browserResult, error) {
	m, srv, ctx, stop, err := serveAndBrowse(chromium, dest)
	if err != nil {
		return nil, err
	}
	defer stop()
	var out []browserResult
	for _, lang := range []string{"pl", "en"} {
		for _, q := range qs[lang] {
			if err := setCache(ctx, true); err != nil {
				return nil, err
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/pf-bench-"+lang+".html")); err != nil {
				return nil, err
			}
			m.take()
			hits, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("pfRun(%q)", q), chromedp.EvalAwaitPromise))
			if err != nil {
				return nil, fmt.Errorf("pagefind %q: %w", q, err)
			}
			r := browserResult{lang: lang, query: q, hits: hits, bytes: m.take()}
			if err := setCache(ctx, false); err != nil {
				return nil, err
			}
			times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(async () => {
				const times = [];
				for (let i = 0; i < %d; i++) { const t = performance.now(); await pfRun(%q); times.push(performance.now() - t); }
				return times;
			})()`, timedRuns, q), chromedp.EvalAwaitPromise))
			if err != nil {
				return nil, err
			}
			r.times = times
			out = append(out, r)
		}
	}
	return out, nil
}
