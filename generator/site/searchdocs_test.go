package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"hubgen/generator/search/ranker"
)

// TestListPagesSearchable: a section's list and a topic's page are found
// by their names, as kinds of their own, in both languages.
func TestListPagesSearchable(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, repoRoot, dest)
	for _, tc := range []struct {
		lang, query, want string
	}{
		{"pl", "akty prawne", "/akty-prawne/"},
		{"pl", "organizacje", "/organizacje/"},
		{"pl", "zwalczanie terroryzmu", "/tematy/zwalczanie-terroryzmu/"},
		{"en", "legal acts", "/en/decisions/"},
		{"en", "counter-terrorism", "/en/topics/counter-terrorism/"},
	} {
		ix, err := ranker.Open(os.DirFS(dest), "search/"+tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ix.Search(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, h := range r.Hits[:min(len(r.Hits), 3)] {
			d, err := ix.Doc(h.Doc)
			if err != nil {
				t.Fatal(err)
			}
			urls = append(urls, d.URL)
		}
		if !slices.Contains(urls, tc.want) {
			t.Errorf("%s %q: first results %v, want %s among them", tc.lang, tc.query, urls, tc.want)
		}
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(tc.want), "index.html")); err != nil {
			t.Errorf("%s is indexed but not a page: %v", tc.want, err)
		}
	}
}
