package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hubgen/internal/browsertest"
)

// searchState is what TestSearchPageStateInBrowser reads of the search page.
type searchState struct {
	URL, Query, Status string
	Results            int
	Checked            []string // the data-key of every checked filter
	Switch             []string // the language switcher's links
	Landmarks          []string // the accessible name of every search landmark
	HelpShown          bool
	Dates              []string // the result dates as shown
	Missing            int      // results that say "Brak: ludźmi"
}

const searchProbe = `(() => {
	const name = (e) => e.getAttribute('aria-label') || (document.getElementById(e.getAttribute('aria-labelledby') || '') || {}).textContent || '';
	return {
		URL: location.pathname + location.search,
		Query: (document.querySelector('#q') || {}).value || '',
		Status: (document.querySelector('.search-status') || {}).textContent || '',
		Results: document.querySelectorAll('.search-results > li').length,
		Checked: [...document.querySelectorAll('.search-facets input:checked')].map((c) => c.dataset.key),
		Switch: [...document.querySelectorAll('.lang-switch a[hreflang]')].map((a) => a.getAttribute('href')),
		Landmarks: [...document.querySelectorAll('[role=search], search')].map(name),
		HelpShown: !!document.querySelector('#search-help')?.checkVisibility(),
		Dates: [...document.querySelectorAll('.search-results time')].map((t) => t.textContent),
		Missing: [...document.querySelectorAll('.result-missing')].filter((p) => p.textContent === 'Brak: ludźmi').length,
	};
})()`

// TestSearchPageStateInBrowser: the search page keeps the query, the
// filters and the number of results shown in its address, so that reload,
// back and forward restore them; the language switcher carries the query;
// English dates read as the pages write them; the page has one named
// search landmark; without JavaScript it says that search needs it, shows
// no help that is not true, and links the sections and topics instead.
func TestSearchPageStateInBrowser(t *testing.T) {
	base := serveBundled(t)
	ctx := browsertest.New(t, 1280, 900)
	read := func() searchState {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[searchState](searchProbe))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	wait := func(what string, cond func(searchState) bool) searchState {
		t.Helper()
		return browsertest.WaitFor(t, what, read, cond)
	}
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}

	do(chromedp.Navigate(base + "/szukaj/?q=terroryzm"))
	s := wait("results for ?q=terroryzm", func(s searchState) bool { return s.Results > 1 })
	if !s.HelpShown {
		t.Error("with JavaScript the help text is hidden")
	}
	if len(s.Landmarks) != 1 || strings.TrimSpace(s.Landmarks[0]) != "Szukaj" {
		t.Errorf("search landmarks %q, want one named Szukaj", s.Landmarks)
	}
	if len(s.Switch) != 1 || s.Switch[0] != "/en/search/?q=terroryzm" {
		t.Errorf("language switcher %q, want /en/search/?q=terroryzm", s.Switch)
	}

	// A filter goes into the address as a new history entry.
	do(chromedp.Click(chromedp.CSS(`.facet-kind input`)))
	s = wait("a kind filter", func(s searchState) bool { return len(s.Checked) == 1 && strings.Contains(s.URL, "kind=") })
	filtered, key := s.URL, s.Checked[0]
	if s.Results == 0 {
		t.Errorf("no results with the filter %s", key)
	}
	do(chromedp.Reload())
	s = wait("the filter after reload", func(s searchState) bool { return s.Results > 0 })
	if s.URL != filtered || s.Query != "terroryzm" || len(s.Checked) != 1 || s.Checked[0] != key {
		t.Errorf("after reload: %+v, want %s with %s checked", s, filtered, key)
	}
	do(chromedp.NavigateBack())
	s = wait("back", func(s searchState) bool { return len(s.Checked) == 0 && s.Results > 1 })
	if s.URL != "/szukaj/?q=terroryzm" || s.Query != "terroryzm" {
		t.Errorf("back: %+v", s)
	}
	do(chromedp.NavigateForward())
	wait("forward", func(s searchState) bool { return len(s.Checked) == 1 && s.Checked[0] == key })

	// A filter on a topic: by its name in the address.
	do(chromedp.Navigate(base + "/szukaj/?q=terroryzm&topic=Zwalczanie+terroryzmu"))
	s = wait("a topic filter from the address", func(s searchState) bool { return len(s.Checked) == 1 })
	if !strings.HasPrefix(s.Checked[0], "topic:") {
		t.Errorf("checked %q, want the topic", s.Checked)
	}

	// Honest matching: a word no page has is named, and a result that
	// lacks a word says so.
	do(chromedp.Navigate(base + "/szukaj/?q=handel+ludźmi"))
	s = wait("results for handel ludźmi", func(s searchState) bool { return s.Results > 0 })
	if !strings.Contains(s.Status, "Żadna strona nie zawiera słów: „ludźmi”") {
		t.Errorf("status %q does not name the word no page has", s.Status)
	}
	if s.Missing == 0 || s.Missing != s.Results {
		t.Errorf("%d of %d results say what they lack (Brak: ludźmi)", s.Missing, s.Results)
	}

	// English dates as the English pages write them.
	do(chromedp.Navigate(base + "/en/search/?q=europol"))
	s = wait("English results", func(s searchState) bool { return len(s.Dates) > 0 })
	for _, d := range s.Dates {
		if !regexp.MustCompile(`^\d{1,2} [A-Z][a-z]+ \d{4}$`).MatchString(d) {
			t.Errorf("English date %q, want such as 27 November 2025", d)
		}
	}

	// Other pages: one search landmark, named.
	do(chromedp.Navigate(base + "/aktualnosci/"))
	if s := read(); len(s.Landmarks) != 1 || s.Landmarks[0] != "Szukaj w portalu" {
		t.Errorf("landmarks of a list page %q, want one named", s.Landmarks)
	}

	// Without JavaScript.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(chromedp.Navigate(base + "/szukaj/?q=terroryzmu"))
	type noJS struct {
		HelpShown bool
		Notice    string
		Links     []string
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[noJS](`(() => ({
		HelpShown: document.querySelector('#search-help').checkVisibility(),
		Notice: (document.querySelector('.search-noscript') || {}).textContent || '',
		Links: [...document.querySelectorAll('.search-noscript a')].map((a) => a.getAttribute('href')),
	}))()`))
	if err != nil {
		t.Fatal(err)
	}
	if n.HelpShown {
		t.Error("without JavaScript the page shows help that is not true (results as you type)")
	}
	if !strings.Contains(n.Notice, "wymaga włączonego JavaScriptu") {
		t.Errorf("without JavaScript the page says %q", n.Notice)
	}
	if want := []string{"/aktualnosci/", "/tematy/"}; !containsAll(strings.Join(n.Links, " "), want) {
		t.Errorf("without JavaScript the page links %q, want the sections and topics %q", n.Links, want)
	}
}

func containsAll(s string, subs []string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
