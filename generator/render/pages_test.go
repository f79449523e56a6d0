package render

import (
	"fmt"
	"testing"
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
