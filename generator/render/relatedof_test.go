package render

import (
	"fmt"
	"slices"
	"testing"

	"hubgen/generator/content"
)

// TestRelatedOf: the related pages relatedOf works out on all cores, its
// topics' lists sorted ahead, are those relatedPages finds page by page
// on a fresh plan, for every page and for a few.
func TestRelatedOf(t *testing.T) {
	pages := map[string]string{}
	tags := []string{"[cbrn]", "[cybercrime]", "[cbrn, cybercrime]", "[]"}
	for i := range 24 {
		link := ""
		if i%5 == 0 {
			link = fmt.Sprintf("[zob.](n%02d.pl.md)\n", (i+7)%24)
		}
		pages[fmt.Sprintf("content/news/n%02d.pl.md", i)] = fmt.Sprintf("---\ntitle: Wiadomość %c%d\ndate: 2025-%02d-%02d\ntags: %s\n---\nTekst.\n%s", 'Z'-i%5, i, 1+i%12, 1+i%3, tags[i%len(tags)], link)
		if i%3 == 0 {
			pages[fmt.Sprintf("content/news/n%02d.en.md", i)] = fmt.Sprintf("---\ntitle: News %d\ndate: 2025-01-%02d\ntags: %s\n---\nText.\n", i, 1+i%28, tags[(i+1)%len(tags)])
		}
		if i%4 == 0 {
			pages[fmt.Sprintf("content/organisations/o%02d.pl.md", i)] = fmt.Sprintf("---\ntitle: Organizacja %d\ntags: %s\n---\nOpis [wiadomość](../news/n%02d.pl.md).\n", i, tags[i%3], i)
		}
	}
	in := inputOf(t, pages)
	for _, tc := range []struct {
		name string
		pick func(i int) bool
	}{
		{"every page", func(int) bool { return true }},
		{"a few", func(i int) bool { return i%7 == 3 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var list []*content.Page
			for i, p := range in.Site.Pages {
				if tc.pick(i) {
					list = append(list, p)
				}
			}
			got := newEnv(in).relatedOf(list)
			lazy := newEnv(in)
			some := false
			for _, p := range list {
				want := lazy.relatedPages(p)
				some = some || len(want) > 0
				if !slices.Equal(got[p], want) {
					t.Errorf("%s: relatedOf %v, relatedPages %v", p.Path, paths(got[p]), paths(want))
				}
			}
			if !some {
				t.Error("no page has related pages: the test tests nothing")
			}
		})
	}
}
