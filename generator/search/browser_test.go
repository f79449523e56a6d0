package search_test

import (
	"bytes"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubgen/generator/i18n"
	"hubgen/generator/search/searchtest"
	"hubgen/internal/browsertest"
	"hubgen/internal/corpus"
)

// copyPortal copies the bundled portal's inputs to a temp directory.
func copyPortal(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := corpus.CopySite(repoRoot, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// evilPage is a news item whose text tries to run script if a client ever
// treated indexed text as HTML.
const evilPage = `---
title: "Terroryzm <img src=x onerror=\"window.pwned=1\"> & <b>pogrubienie</b>"
date: 2026-01-05
summary: "Streszczenie o terroryzmie <script>window.pwned=2</script> i <svg onload=\"window.pwned=3\">"
tags: [counter-terrorism]
---

Tekst o terroryzmie, &lt;iframe src=javascript:window.pwned=4&gt; i nic więcej.
`

// servePortal serves what the search page of the portal in src needs,
// under the base path /portal/: its static files, its search index and
// its search pages (the main block of layouts/search.html with the
// portal's UI strings, in a plain document). It returns the server's URL
// with the base path.
func servePortal(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	srv := httptest.NewServer(http.StripPrefix("/portal", http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(src, "static"))); err != nil {
		t.Fatal(err)
	}
	cfg := searchtest.WriteIndex(t, dir, src, srv.URL+"/portal/")
	bundle, err := i18n.LoadBundle(filepath.Join(src, "i18n"), cfg.LanguageCodes())
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.New("page").Parse(searchPageShell)
	if err == nil {
		_, err = tpl.ParseFiles(filepath.Join(src, "layouts", "search.html"))
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range cfg.LanguageCodes() {
		p := cfg.SectionPath(lang, "search")
		page := searchPage{Lang: lang, Title: bundle.T(lang, "search.title"), URL: cfg.BasePath() + p, L: uiText{bundle, lang}}
		page.Site.BasePath = cfg.BasePath()
		var b bytes.Buffer
		if err := tpl.ExecuteTemplate(&b, "page", page); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, filepath.FromSlash(p), "index.html")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return srv.URL + "/portal"
}

// searchPageShell is the document around the search page's main block
// (the site's header, footer and breadcrumbs are render's concern).
const searchPageShell = `{{define "breadcrumbs"}}{{end}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{.Site.BasePath}}/css/site.css">
</head>
<body>
<main id="main" tabindex="-1">
{{template "main" .}}
</main>
</body>
</html>
`

// searchPage is what layouts/search.html reads of a page.
type searchPage struct {
	Lang, Title, URL string
	L                uiText
	Site             struct {
		BasePath string
		Menu     []struct{ Name, URL string } // none: the shell has no menu
	}
}

// uiText gives the layout the UI strings of one language.
type uiText struct {
	bundle *i18n.Bundle
	lang   string
}

func (u uiText) T(key string) string        { return u.bundle.T(u.lang, key) }
func (u uiText) N(key string, n int) string { return u.bundle.N(u.lang, key, n) }

// pageState is what the browser test reads off the search page.
type pageState struct {
	Status    string
	Links     []string
	Titles    []string
	Marks     int
	Query     string
	URL       string
	Fetches   []string
	Pwned     any
	Injected  int
	Active    string
	Facets    []string
	Suggested []string
}

const probe = `(() => {
	const root = document.querySelector('[data-search-results]');
	const links = [...root.querySelectorAll('ol > li a[href]')];
	return {
		Status: root.querySelector('[role=status]')?.textContent || '',
		Links: links.map(a => a.getAttribute('href')),
		Titles: links.map(a => a.textContent),
		Marks: root.querySelectorAll('ol mark').length,
		Query: document.querySelector('#q').value,
		URL: location.pathname + location.search,
		Fetches: performance.getEntriesByType('resource').map(e => new URL(e.name).pathname),
		Pwned: window.pwned ?? null,
		Injected: root.querySelectorAll('img, script, svg, iframe, b').length,
		Active: document.activeElement?.getAttribute('href') || document.activeElement?.id || '',
		Facets: [...root.querySelectorAll('.search-facets label')].map(l => l.textContent.trim()),
		Suggested: [...root.querySelectorAll('.search-suggest a')].map(a => a.textContent),
	};
})()`

// TestSearchPageInBrowser drives the search page in headless Chromium on a
// site built under a base path: ?q= on load, results as the reader types,
// highlighted words, plural forms, keyboard, facets, suggestions, and
// indexed text that never becomes HTML.
func TestSearchPageInBrowser(t *testing.T) {
	src := copyPortal(t)
	if err := os.WriteFile(filepath.Join(src, "content", "news", "evil.pl.md"), []byte(evilPage), 0o644); err != nil {
		t.Fatal(err)
	}
	base := servePortal(t, src)
	ctx := browsertest.New(t, 1280, 900)
	read := func() pageState {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](probe))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// Screenshots land in $HUBGEN_SHOTS if set.
	shoot := func(name string) {
		if dir := os.Getenv("HUBGEN_SHOTS"); dir != "" {
			if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
				os.WriteFile(filepath.Join(dir, "search-"+name+".png"), shot, 0o644)
			}
		}
	}
	has := func(n int) func(pageState) bool { return func(s pageState) bool { return len(s.Links) >= n } }

	// ?q= on load, inflected and without diacritics.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/szukaj/?q=terroryzmu+jadrowego")); err != nil {
		t.Fatal(err)
	}
	s := browsertest.WaitFor(t, "results for ?q=", read, has(1))
	shoot("load")
	if s.Query != "terroryzmu jadrowego" || s.Links[0] != "/portal/akty-prawne/2023-1187/" {
		t.Errorf("?q=terroryzmu+jadrowego: field %q, first result %v; want the act first", s.Query, s.Links)
	}
	if want := "3 wyniki"; len(s.Links) == 3 && !strings.HasPrefix(s.Status, want) {
		t.Errorf("status %q, want %q (Polish plural)", s.Status, want)
	}
	if s.Marks == 0 {
		t.Error("no highlighted words in the results")
	}
	for _, f := range s.Fetches {
		if strings.HasPrefix(f, "/search/") || strings.Contains(f, "/search/") && !strings.HasPrefix(f, "/portal/search/pl/") {
			t.Errorf("index fetched without the base path: %s", f)
		}
	}

	// Typing replaces the results and the URL; the last word is a prefix.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void]("document.querySelector('#q').value = ''"), chromedp.SendKeys(chromedp.CSS("#q"), "nadużyć fin")); err != nil {
		t.Fatal(err)
	}
	s = browsertest.WaitFor(t, "typing", read, func(s pageState) bool { return len(s.Links) > 0 && s.Links[0] == "/portal/organizacje/olaf/" })
	if !strings.Contains(s.URL, "q=nadu") {
		t.Errorf("the address does not follow the query: %s", s.URL)
	}
	if len(s.Links) == 1 && !strings.HasPrefix(s.Status, "1 wynik") {
		t.Errorf("status %q, want 1 wynik", s.Status)
	}

	// Keyboard: down from the field into the results, Escape back.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#q")), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	if s = read(); s.Active != "/portal/organizacje/olaf/" {
		t.Errorf("ArrowDown in the field focuses %q, want the first result", s.Active)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s = read(); s.Active != "q" {
		t.Errorf("Escape in the results focuses %q, want the search field", s.Active)
	}

	// Indexed text is shown as text, never run or parsed as HTML.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/szukaj/?q=terroryzm")); err != nil {
		t.Fatal(err)
	}
	s = browsertest.WaitFor(t, "results for terroryzm", read, has(2))
	shoot("facets")
	evil := -1
	for i, title := range s.Titles {
		if strings.Contains(title, "<img src=x") {
			evil = i
		}
	}
	if evil < 0 || s.Pwned != nil || s.Injected > 0 {
		t.Errorf("the page with markup in its title: shown as text at %d (want ≥ 0), window.pwned=%v, %d elements injected", evil, s.Pwned, s.Injected)
	}

	// Facets: choosing a kind keeps only results of that kind.
	if len(s.Facets) == 0 {
		t.Fatal("no facet filters")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`input[data-key="kind:organisations"]`))); err != nil {
		t.Fatal(err)
	}
	s = browsertest.WaitFor(t, "kind facet", read, func(s pageState) bool {
		for _, l := range s.Links {
			if !strings.Contains(l, "/organizacje/") {
				return false
			}
		}
		return len(s.Links) > 0
	})

	// Topics load when their filter is opened, and filter too.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".facet-topic summary")), chromedp.WaitVisible(chromedp.CSS(`.facet-topic input[type=checkbox]`))); err != nil {
		t.Fatal(err)
	}
	s = read()
	topic := ""
	for _, f := range s.Facets {
		if strings.HasPrefix(f, "Terroryzm jądrowy") {
			topic = f
		}
	}
	if topic == "" {
		t.Fatalf("no topic filter for the CBRN topic among %q", s.Facets)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('.facet-topic label')].find(l => l.textContent.startsWith('Terroryzm jądrowy')).querySelector('input').click()`)); err != nil {
		t.Fatal(err)
	}
	want := strings.Trim(topic[strings.LastIndex(topic, "(")+1:], ")") + " "
	s = browsertest.WaitFor(t, "topic facet", read, func(s pageState) bool { return strings.HasPrefix(s.Status, want) })
	for _, l := range s.Links {
		if !strings.Contains("/portal/akty-prawne/2023-1187/ /portal/organizacje/unoct/ /portal/organizacje/unodc/", l) {
			t.Errorf("topic filter: %s is not about nuclear terrorism", l)
		}
	}

	// A misspelt word finds nothing and gets a suggestion.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/szukaj/?q=terorryzm+")); err != nil {
		t.Fatal(err)
	}
	s = browsertest.WaitFor(t, "suggestions", read, func(s pageState) bool { return len(s.Suggested) > 0 })
	shoot("suggest")
	if !strings.HasPrefix(s.Status, "Brak wyników") || s.Suggested[0] != "terroryzm" {
		t.Errorf("misspelt query: status %q, suggestions %v; want none found and terroryzm suggested", s.Status, s.Suggested)
	}

	// On a phone the page does not scroll sideways; axe-core (npm ci) finds
	// no WCAG 2.1 AA problem with results, filters and topics open.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/szukaj/?q=terroryzm")); err != nil {
		t.Fatal(err)
	}
	browsertest.WaitFor(t, "phone results", read, has(2))
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".facet-topic summary")), chromedp.WaitVisible(chromedp.CSS(`.facet-topic input[type=checkbox]`))); err != nil {
		t.Fatal(err)
	}
	shoot("phone")
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`)); err != nil || wide {
		t.Errorf("the search page scrolls sideways on a phone (%v)", err)
	}
	if axe, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js")); err == nil {
		type violation struct{ ID, Help string }
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(axe)+";0")); err != nil {
			t.Fatal(err)
		}
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("axe: %s: %s", v.ID, v.Help)
		}
	} else if os.Getenv("CI") == "true" {
		t.Errorf("axe-core is not installed (npm ci): %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	// English, with its own plural.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/en/search/?q=nuclear")); err != nil {
		t.Fatal(err)
	}
	s = browsertest.WaitFor(t, "English results", read, has(2))
	if !strings.HasPrefix(strings.Fields(s.Status)[1], "results") || !strings.Contains(strings.Join(s.Links, " "), "/portal/en/decisions/2023-1187/") {
		t.Errorf("English search: status %q, results %v", s.Status, s.Links)
	}
}
