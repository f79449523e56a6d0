package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"hubgen/generator/server"
	"hubgen/internal/browsertest"
)

// shownResult is a search result as the page shows it once its passages
// are read.
type shownResult struct {
	Title   string
	Snippet string   // the result's own snippet
	Marked  []string // the marked words of the snippet and the sub-results
	Subs    []shownSub
}

// shownSub is a sub-result: a link into the page and its marked excerpt.
type shownSub struct {
	Href, Label, Text string
	Marked            []string
}

const passagesProbe = `(async () => {
	await document.querySelector('[data-index]').hubgenSearch.passages();
	return [...document.querySelectorAll('.search-results > li')].map((li) => ({
		Title: li.querySelector('.item-title').textContent,
		Snippet: li.querySelector('.snippet').textContent,
		Marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
		Subs: [...li.querySelectorAll('.sub-results > li')].map((s) => ({
			Href: s.querySelector('a').getAttribute('href'),
			Label: s.querySelector('a').textContent,
			Text: s.querySelector('.snippet')?.textContent || '',
			Marked: [...s.querySelectorAll('mark')].map((m) => m.textContent),
		})),
	}));
})()`

// TestSearchPassagesInBrowser: a result shows where in its page the
// query's words are. The act found for "kwota odniesienia" (among the
// first three) lists the
// paragraphs that hold the words as links straight to them (Art. 3 ust. 1
// first, both words marked); a news item found through its fourth
// paragraph shows that paragraph with the word marked, not its summary.
// A passage the filter wrongly promises is read but not shown.
// The passages are read with range requests, and still when the server
// ignores them and sends whole pages; a result's passages are read once it
// comes into view.
func TestSearchPassagesInBrowser(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	files := server.Handler(dest)
	var ranges, lines atomic.Int64 // range requests: all, and those for a result's line of passages
	var ignore atomic.Bool
	passageStore := func(r *http.Request) bool {
		return strings.Contains(r.URL.Path, "/passages/") && strings.HasSuffix(r.URL.Path, ".jsonl")
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if passageStore(r) {
			// Every line read must reach the server to be counted: Chromium
			// keeps ranges of a file it has read in its cache.
			w.Header().Set("Cache-Control", "no-store")
		}
		if r.Header.Get("Range") != "" {
			ranges.Add(1)
			if passageStore(r) {
				lines.Add(1)
			}
			if ignore.Load() {
				r.Header.Del("Range")
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	if _, err := Build(context.Background(), Options{Source: repoRoot, Dest: dest, BaseURL: srv.URL + "/", Now: testNow}); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, 1280, 900)
	search := func(path string) []shownResult {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitFor(t, "results for "+path, func() int {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.search-results > li').length`))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}, func(n int) bool { return n > 0 })
		res, err := chromedp.Run(ctx, chromedp.Evaluate[[]shownResult](passagesProbe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	for _, ignoreRanges := range []bool{false, true} {
		ignore.Store(ignoreRanges)
		before := ranges.Load()
		tests := []struct {
			path, title, href, label string
			marked                   []string
		}{
			{"/szukaj/?q=kwota+odniesienia", "Decyzja Rady (WPZiB) 2023/1187", "#art_3__par_1", "Art. 3 ust. 1", []string{"kwota", "odniesienia"}},
			{"/en/search/?q=reference+amount", "Council Decision (CFSP) 2023/1187", "#art_3__par_1", "Article 3(1)", []string{"reference", "amount"}},
		}
		for _, tc := range tests {
			res := search(tc.path)
			act := -1
			for i := 0; i < len(res) && i < 3 && act < 0; i++ {
				if strings.Contains(res[i].Title, "2023/1187") {
					act = i
				}
			}
			if act < 0 {
				t.Fatalf("%s (ranges ignored: %v): results %+v, want the act %s among the first three", tc.path, ignoreRanges, res, tc.title)
			}
			if res[act].Title != tc.title {
				t.Errorf("%s: the act's result is titled %q, want its short title %q", tc.path, res[act].Title, tc.title)
			}
			subs := res[act].Subs
			if len(subs) == 0 || len(subs) > 3 {
				t.Fatalf("%s: sub-results %+v, want 1 to 3", tc.path, subs)
			}
			first := subs[0]
			if !strings.HasSuffix(first.Href, tc.href) || first.Label != tc.label {
				t.Errorf("%s: first sub-result %q → %q, want %q → …%s", tc.path, first.Label, first.Href, tc.label, tc.href)
			}
			for _, w := range tc.marked {
				if !containsFold(first.Marked, w) {
					t.Errorf("%s: sub-result %q marks %q, want %q marked", tc.path, first.Text, first.Marked, w)
				}
			}
			for _, s := range subs[1:] {
				if !strings.HasPrefix(s.Href, "/") || !strings.Contains(s.Href, "#") || s.Label == "" || s.Href == first.Href {
					t.Errorf("%s: further sub-result %q → %q, want a label and another place in the page", tc.path, s.Label, s.Href)
				}
			}
		}
		// The EMPACT item has "Europol" in its fourth paragraph, not in its
		// summary: for "Europolu" its snippet is that paragraph, the word
		// marked.
		res := search("/szukaj/?q=Europolu")
		found := false
		for _, r := range res {
			if strings.Contains(r.Title, "EMPACT") {
				found = true
				if !containsFold(r.Marked, "Europol") || !strings.Contains(r.Snippet, "przez Europol, Frontex") {
					t.Errorf("EMPACT result for Europolu: snippet %q marks %q, want the fourth paragraph with Europol marked", r.Snippet, r.Marked)
				}
			}
		}
		if !found {
			t.Errorf("Europolu: no EMPACT result in %+v", res)
		}
		if ranges.Load() == before {
			t.Errorf("ranges ignored: %v: the client made no range request", ignoreRanges)
		}
	}

	// A result's passages are read when it comes into view: a long list
	// reads those of the first screen, and the others as the reader
	// scrolls down to them.
	ignore.Store(false)
	before := lines.Load()
	search("/szukaj/?q=terroryzm")
	read := lines.Load() - before
	type lazy struct{ Results, Shown int }
	count := func() lazy {
		l, err := chromedp.Run(ctx, chromedp.Evaluate[lazy](`({Results: document.querySelectorAll('.search-results > li').length,
			Shown: [...document.querySelectorAll('.search-results > li')].filter((li) => li.querySelector('.sub-results, .snippet mark')).length})`))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	first := count()
	if first.Results < 8 || first.Shown == 0 || first.Shown >= first.Results || read == 0 || read >= int64(first.Results) {
		t.Fatalf("terroryzm at first: %d results, %d with passages, %d lines of passages read; want many results, the first screen's passages read, not all", first.Results, first.Shown, read)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, document.body.scrollHeight), true`)); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, "passages of the results scrolled to", count, func(l lazy) bool { return l.Shown > first.Shown })
	if lines.Load()-before <= read {
		t.Errorf("scrolled down: %d lines of passages read in all, no more than the first screen's %d", lines.Load()-before, read)
	}
}

// containsFold reports whether the marked texts in list hold the word s,
// ignoring case (neighbouring marked words share a mark).
func containsFold(list []string, s string) bool {
	for _, x := range list {
		for _, w := range strings.Fields(x) {
			if strings.EqualFold(w, s) {
				return true
			}
		}
	}
	return false
}
