package ranker

import (
	"slices"
	"strings"
	"testing"

	"hubgen/generator/search"
)

// TestLongWordsAreNotIndexed: a run of characters longer than
// search.MaxWordRunes
// (a pasted blob without spaces) is no word: it stays out of the lexicon
// and the postings, so the index stays small, and the page's ordinary
// words are still found. Queries drop such a run the same way.
func TestLongWordsAreNotIndexed(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	atCap := strings.Repeat("ż", search.MaxWordRunes) // 64 characters, 128 bytes
	overCap := atCap + "b"
	tests := []struct {
		name, body string
		found      []string // queries that must find the page
		notFound   []string // queries that must not
	}{
		{"1 MB word", "Terroryzm jądrowy " + long + " i współpraca z Europolem.",
			[]string{"terroryzm", "europolem", "współpraca"}, []string{long[:100]}},
		{"1 MB word with marks", "Broń " + strings.Repeat("e\u0301", 1<<19) + " masowego rażenia.",
			[]string{"broń", "masowego rażenia"}, nil},
		{"1 MB word joined by periods", "Szkolenie " + strings.Repeat("ab.", 1<<18) + "c CEPOL.",
			[]string{"szkolenie", "cepol"}, nil},
		{"at and over the cap", "Siedziba " + atCap + " " + overCap + " Haga.",
			[]string{"siedziba", "haga", atCap}, []string{overCap}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs := []search.Doc{
				{URL: "/a/", Lang: "pl", Kind: "news", Title: "Strona", Body: tc.body},
				{URL: "/b/", Lang: "pl", Kind: "news", Title: "Inna", Body: "Zupełnie inny tekst."},
			}
			fsys := buildFS(t, []string{"pl"}, docs, search.Options{})
			var lexicon, postings, total, postingFiles int
			for name, f := range fsys {
				data := f.Data
				total += len(data)
				switch {
				case strings.HasPrefix(name, "search/pl/l/"):
					lexicon += len(data)
					for _, q := range tc.notFound {
						if strings.Contains(string(data), search.Fold(q)) {
							t.Errorf("%s holds %.40q…", name, search.Fold(q))
						}
					}
				case strings.HasPrefix(name, "search/pl/p/"):
					postings += len(data)
					postingFiles++
				}
			}
			// Two short pages: a few hundred bytes of lexicon and postings.
			if lexicon > 4<<10 || postings > 4<<10 || postingFiles > 4 || total > 16<<10 {
				t.Errorf("lexicon %d bytes, postings %d bytes in %d files, %d bytes in all; want a few KB", lexicon, postings, postingFiles, total)
			}
			ix, err := Open(fsys, "search/pl")
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range tc.found {
				res, err := ix.Search(q + " ")
				if err != nil {
					t.Fatal(err)
				}
				if got := hitURLs(t, ix, res, len(res.Hits)); !res.All || !slices.Equal(got, []string{"/a/"}) {
					t.Errorf("Search(%.40q) found %q (all words: %v), want the page alone", q, got, res.All)
				}
			}
			for _, q := range tc.notFound {
				if words, _ := search.QueryWords(q); len(words) != 0 {
					t.Errorf("QueryWords(%.40q…) = %.40q, want no words", q, words)
				}
			}
		})
	}
}
