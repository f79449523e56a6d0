package render

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"hubgen/generator/content"
	"hubgen/generator/i18n"
)

func TestPagerWindow(t *testing.T) {
	tests := []struct {
		current, total int
		want           string
	}{
		{1, 1, "[1]"},
		{1, 3, "[1 2 3]"},
		{1, 10, "[1 2 3 0 10]"},
		{5, 10, "[1 0 3 4 5 6 7 0 10]"},
		{4, 10, "[1 2 3 4 5 6 0 10]"},
		{10, 10, "[1 0 8 9 10]"},
		{500, 1000, "[1 0 498 499 500 501 502 0 1000]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprint(pagerWindow(tc.current, tc.total)); got != tc.want {
			t.Errorf("pagerWindow(%d, %d) = %s, want %s", tc.current, tc.total, got, tc.want)
		}
	}
}

// TestPlanPages: stage 1 makes every page a layout renders, at its path,
// with lists paginated and sorted, and nothing the later stages add.
func TestPlanPages(t *testing.T) {
	e := newEnv(fixtureInput(t))
	pages := e.planPages(nil)
	m := byPath(t, pages)
	tests := []struct {
		path, layout, title string
		items               []string // titles of the listed items, in order
	}{
		{"/aktualnosci/alfa/", "news", "Alfa", nil},
		{"/en/news/alpha/", "news", "Alpha", nil},
		{"/organizacje/europol/", "organisations", "Europol", nil},
		{"/o-portalu/", "pages", "O portalu", nil},
		{"/aktualnosci/", "list", "Aktualności", []string{"Alfa", "Beta"}},
		{"/aktualnosci/strona/2/", "list", "Aktualności", []string{"Gamma"}},
		{"/en/news/", "list", "News", []string{"Alpha"}},
		{"/tematy/cbrn/", "topic", "CBRN", []string{"Alfa"}},
		{"/en/topics/cbrn/", "topic", "CBRN", []string{"Alpha"}},
		{"/", "home", "Portal", nil},
		{"/en/", "home", "Portal EN", nil},
		{"/szukaj/", "search", "", nil},
		{"/404.html", "404", "", nil},
	}
	for _, tc := range tests {
		o := need(t, m, tc.path)
		if o.Layout != tc.layout || (tc.title != "" && o.Data.Title != tc.title) {
			t.Errorf("%s: layout %q title %q, want %q %q", tc.path, o.Layout, o.Data.Title, tc.layout, tc.title)
		}
		var items []string
		for _, it := range o.Data.Items {
			items = append(items, it.Title)
		}
		if fmt.Sprint(items) != fmt.Sprint(tc.items) {
			t.Errorf("%s: items %v, want %v", tc.path, items, tc.items)
		}
		if o.Data.URL != "/portal"+tc.path {
			t.Errorf("%s: URL %q lacks the base path", tc.path, o.Data.URL)
		}
	}
	if _, ok := m["/tematy/cyberprzestepczosc/"]; ok {
		t.Error("a topic no page uses has a page")
	}
	if p := need(t, m, "/aktualnosci/strona/2/").Data.Pager; p == nil || p.Prev != "/portal/aktualnosci/" || p.Next != "" || p.Total != 2 {
		t.Errorf("pager of page 2: %+v", p)
	}
	for _, o := range pages {
		if o.Data.Switch != nil || o.Data.JSONLD != nil || o.Raw != nil || o.Layout == "redirect" {
			t.Errorf("%s: stage 1 did the work of a later stage", o.Path)
		}
	}
}

// TestSortPages: lists sorted by their pages' places in the language's
// order of titles come out as sorting each list on its own did: by date
// (newest first) when dated, then by title in the language's collation,
// then in the order of Site.Pages; a list with a page of another language
// is sorted on its own.
func TestSortPages(t *testing.T) {
	day := func(n int) time.Time { return time.Date(2025, 1, n, 0, 0, 0, 0, time.UTC) }
	titles := []string{"Żółw", "zebra", "Zebra", "Ąb", "Ab", "ab", "Łódź", "Lody", "", "Ćma", "Cma", "Ala", "Ala", "Ala", "Éclair", "Eclair", "10 lat", "9 lat"}
	var pages []*content.Page
	for i, title := range titles {
		lang := "pl"
		if i%5 == 4 {
			lang = "en"
		}
		var date time.Time
		if i%4 != 0 {
			date = day(1 + i%3)
		}
		pages = append(pages, &content.Page{Path: fmt.Sprintf("content/news/%02d.%s.md", i, lang), Title: title, Lang: lang, Date: date})
	}
	// reference sorts a list on its own, as sortPages did before it ranked
	// titles once per language.
	reference := func(lang string, list []*content.Page, byDate bool) {
		i18n.SortFunc(i18n.NewCollator(lang), list, func(p *content.Page) string { return p.Title })
		if byDate {
			sort.SliceStable(list, func(i, j int) bool { return list[i].Date.After(list[j].Date) })
		}
	}
	of := func(lang string) []*content.Page {
		var out []*content.Page
		for _, pg := range pages {
			if pg.Lang == lang {
				out = append(out, pg)
			}
		}
		return out
	}
	everyThird := func(list []*content.Page) []*content.Page {
		var out []*content.Page
		for i, pg := range list {
			if i%3 != 1 {
				out = append(out, pg)
			}
		}
		return out
	}
	tests := []struct {
		name string
		lang string
		list []*content.Page
	}{
		{"every Polish page", "pl", of("pl")},
		{"every English page", "en", of("en")},
		{"some Polish pages", "pl", everyThird(of("pl"))},
		{"one page", "pl", of("pl")[:1]},
		{"none", "pl", nil},
		{"pages of both languages", "pl", pages},
		{"pages of both languages in English order", "en", pages},
	}
	for _, cache := range []*i18n.KeyCache{nil, i18n.NewKeyCache()} { // a build's plan, a live preview's
		for _, byDate := range []bool{false, true} {
			e := &env{Input: Input{Site: &content.Site{Pages: pages}, Keys: cache}, keys: i18n.NewKeyCache(), ranks: map[string]map[*content.Page]int{}}
			for _, tc := range tests {
				got, want := slices.Clone(tc.list), slices.Clone(tc.list)
				e.sortPages(tc.lang, got, byDate)
				reference(tc.lang, want, byDate)
				if !slices.Equal(got, want) {
					t.Errorf("%s, by date %v, key cache %v:\n got %v\nwant %v", tc.name, byDate, cache != nil, paths(got), paths(want))
				}
			}
		}
	}
}

func paths(pages []*content.Page) []string {
	var out []string
	for _, pg := range pages {
		out = append(out, pg.Path)
	}
	return out
}
