package search

import (
	"slices"
	"strings"
	"testing"
)

// TestLongWordsAreNotIndexed: a run of characters longer than MaxWordRunes
// (a pasted blob without spaces) is no word: it stays out of the lexicon
// and the postings, so the index stays small, and the page's ordinary
// words are still found. Queries drop such a run the same way.
func TestLongWordsAreNotIndexed(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	atCap := strings.Repeat("ż", MaxWordRunes) // 64 characters, 128 bytes
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
			docs := []Doc{
				{URL: "/a/", Lang: "pl", Kind: "news", Title: "Strona", Body: tc.body},
				{URL: "/b/", Lang: "pl", Kind: "news", Title: "Inna", Body: "Zupełnie inny tekst."},
			}
			files, err := Build([]string{"pl"}, docs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var lexicon, postings, total, postingFiles int
			for name, data := range files {
				total += len(data)
				switch {
				case strings.HasPrefix(name, "search/pl/l/"):
					lexicon += len(data)
					for _, q := range tc.notFound {
						if strings.Contains(string(data), Fold(q)) {
							t.Errorf("%s holds %.40q…", name, Fold(q))
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
			ix, err := Open(mapFS(files), "search/pl")
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range tc.found {
				res, err := ix.Search(q + " ")
				if err != nil {
					t.Fatal(err)
				}
				if got := pageURLs(t, ix, res); !res.All || !slices.Equal(got, []string{"/a/"}) {
					t.Errorf("Search(%.40q) found %q (all words: %v), want the page alone", q, got, res.All)
				}
			}
			for _, q := range tc.notFound {
				if words, _ := QueryWords(q); len(words) != 0 {
					t.Errorf("QueryWords(%.40q…) = %.40q, want no words", q, words)
				}
			}
		})
	}
}

// TestTokenizeCap: runs of up to MaxWordRunes characters are words, longer
// ones are left out, wherever they are.
func TestTokenizeCap(t *testing.T) {
	w64 := strings.Repeat("ą", MaxWordRunes)
	w65 := w64 + "x"
	tests := []struct {
		in   string
		want []string
	}{
		{w64, []string{w64}},
		{w65, nil},
		{"a " + w65 + " b", []string{"a", "b"}},
		{w65 + ",x " + w64 + "." + w64 + " 東" + w65 + "京", []string{"x", "東", "京"}},
		{strings.Repeat("1", 60) + ",1234", nil}, // 65 characters with the comma
		{strings.Repeat("1", 59) + ",1234", []string{strings.Repeat("1", 59) + ",1234"}},
	}
	for _, tc := range tests {
		if got := Tokenize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokenize(%.50q) = %.50q, want %.50q", tc.in, got, tc.want)
		}
	}
}

func pageURLs(t *testing.T, ix *Index, res *Result) []string {
	t.Helper()
	var out []string
	for _, h := range res.Hits {
		d, err := ix.Doc(h.Doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.URL)
	}
	return out
}
