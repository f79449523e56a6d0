package ranker

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// FuzzQuery fuzzes the reference ranker (Index.Search) over a small site.
// The seeds (searchtest.FuzzTexts and the queries below) and the files in
// testdata/fuzz/FuzzQuery/ run as ordinary tests; run it for longer with
//
//	go test ./generator/search/ranker -run '^$' -fuzz '^FuzzQuery$' -fuzztime 5m -parallel 1

// fuzzDocs is a small site in both languages.
func fuzzDocs() []search.Doc {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	return []search.Doc{
		{URL: "/aktualnosci/spotkanie-empact/", Lang: "pl", Kind: "news", Date: day(2025, 11, 27),
			Title: "Spotkanie ekspertów EMPACT", Summary: "Inauguracja cyklu EMPACT 2026–2029 w Brukseli.",
			Body: "Eksperci omówili przeciwdziałanie radykalizacji, terroryzmowi i przestępczości zorganizowanej. Współ\u00adpraca z Europolem.", Topics: []string{"Przestępczość zorganizowana"}},
		{URL: "/aktualnosci/szkolenie/", Lang: "pl", Kind: "news", Date: day(2024, 3, 1),
			Title: "Szkolenie CEPOL w Łodzi", Summary: "Szkolenia w dziedzinie ścigania.",
			Body: "Szkolenia, szkoleniach, szkoleniami; funkcjonariusze straży granicznej i policji. 1,5 mln euro.", Topics: []string{"Współpraca UE"}},
		{URL: "/akty-prawne/2023-1187/", Lang: "pl", Kind: "decisions", Date: day(2023, 6, 19), ActType: "Decyzja Rady (WPZiB)", ActNumber: "2023/1187",
			Title: "Decyzja Rady (WPZiB) 2023/1187", Summary: "Wsparcie konwencji o przeciwdziałaniu aktom terroryzmu jądrowego.",
			Body: "Art. 1 ust. 2 lit. a) Broń masowego rażenia, terroryzm jądrowy, terroryzmu jądrowego. Zob. decyzję (WPZiB) 2018/1939.", Topics: []string{"CBRN"}},
		{URL: "/organizacje/europol/", Lang: "pl", Kind: "organisations",
			Title: "Europol", Summary: "Agencja Unii Europejskiej ds. Współpracy Organów Ścigania.",
			Body: "Europol wspiera państwa członkowskie w zwalczaniu poważnej przestępczości i terroryzmu. Siedziba: Haga.", Topics: []string{"Współpraca UE", "Przestępczość zorganizowana"}},
		{URL: "/projekty/2ps/", Lang: "pl", Kind: "projects",
			Title: "Projekt 2PS", Summary: "Przeciwdziałanie wykorzystywaniu seksualnemu dzieci.",
			Body: "Wykorzystywanie seksualne dzieci w internecie; partnerzy z Polski i Niemiec. 東京 Полиция", Topics: nil},
		{URL: "/deklaracja-dostepnosci/", Lang: "pl", Kind: "pages",
			Title: "Deklaracja dostępności", Body: "Raz na rok sprawdzamy dostępność serwisu, i oraz lub ale."},
		{URL: "/en/news/expert-meeting/", Lang: "en", Kind: "news", Date: day(2025, 11, 27),
			Title: "Expert meeting opens EMPACT 2026-2029", Summary: "Launch in Brussels.",
			Body: "Experts discussed the prevention of radicalisation, terrorism and organised crime. The EU's U.S.A. don't.", Topics: []string{"Organised crime"}},
		{URL: "/en/decisions/2023-1187/", Lang: "en", Kind: "decisions", Date: day(2023, 6, 19), ActType: "Council Decision (CFSP)", ActNumber: "2023/1187",
			Title: "Council Decision (CFSP) 2023/1187", Summary: "Support for the convention on nuclear terrorism.",
			Body: "Article 1(2)(a) weapons of mass destruction, nuclear terrorism, terrorists.", Topics: []string{"CBRN"}},
		{URL: "/en/organisations/cepol/", Lang: "en", Kind: "organisations",
			Title: "CEPOL", Summary: "EU Agency for Law Enforcement Training.",
			Body: "Training, trainings and trained officers of border and coast guard.", Topics: []string{"EU cooperation"}},
		{URL: "/en/accessibility-statement/", Lang: "en", Kind: "pages",
			Title: "Accessibility statement", Body: "We check the accessibility of the site once a year."},
	}
}

// fuzzIndex builds the index of fuzzDocs, with small lexicon shards so
// that prefixes run across shards.
func fuzzIndex(tb testing.TB) fstest.MapFS {
	tb.Helper()
	return buildFS(tb, []string{"pl", "en"}, fuzzDocs(), search.Options{LexiconShardBytes: 200, PostingsShardBytes: 300})
}

// TestFuzzQueryIndex: the index FuzzQuery searches has several lexicon
// shards and finds its pages, so that the fuzzer's queries reach postings.
func TestFuzzQueryIndex(t *testing.T) {
	fsys := fuzzIndex(t)
	for _, tc := range []struct{ lang, query, want string }{
		{"pl", "terroryzm jadrowy", "/akty-prawne/2023-1187/"},
		{"pl", "szkoleniami cep", "/aktualnosci/szkolenie/"},
		{"en", "nuclear terr", "/en/decisions/2023-1187/"},
	} {
		ix, err := Open(fsys, "search/"+tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		if len(ix.M.Lexicon) < 3 {
			t.Errorf("%s: %d lexicon shards, want several", tc.lang, len(ix.M.Lexicon))
		}
		res, err := ix.Search(tc.query)
		if err != nil || len(res.Hits) == 0 {
			t.Fatalf("%s: Search(%q) = %v, %v", tc.lang, tc.query, res, err)
		}
		if d, err := ix.Doc(res.Hits[0].Doc); err != nil || d.URL != tc.want {
			t.Errorf("%s: Search(%q) first finds %q (%v), want %q", tc.lang, tc.query, d.URL, err, tc.want)
		}
	}
}

func FuzzQuery(f *testing.F) {
	for _, s := range searchtest.FuzzTexts {
		f.Add(s)
	}
	for _, s := range []string{"spotkanie ekspertów EMPACT", "terroryzm jądrowy", "terroryzmu jądr", "szkol", "i oraz lub", "raz",
		"Decyzja Rady (WPZiB) 2023/1187", "nuclear terr", "trainings", "the of and", "acc", "a b c d e f g h i j k l m n o",
		"europ", "Europolem", "zzzzzz", "ab", "東", "wspolpraca", "wykorzystywania seksualn"} {
		f.Add(s)
	}
	fsys := fuzzIndex(f) // read only; each input opens its own Index
	urls := map[string]map[string]bool{}
	for _, d := range fuzzDocs() {
		if urls[d.Lang] == nil {
			urls[d.Lang] = map[string]bool{}
		}
		urls[d.Lang][d.URL] = true
	}
	f.Fuzz(func(t *testing.T, query string) {
		for _, lang := range []string{"pl", "en"} {
			ix, err := Open(fsys, "search/"+lang)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.Search(query)
			if err != nil {
				t.Fatalf("%s: Search(%q): %v", lang, query, err)
			}
			if len(res.Words) > search.MaxQueryWords {
				t.Errorf("%s: Search(%q): %d words, more than %d", lang, query, len(res.Words), search.MaxQueryWords)
			}
			counted := 0
			seenWord := map[string]bool{}
			for _, w := range res.Words {
				if w.Text == "" || seenWord[w.Text] || search.Fold(w.Text) != w.Text {
					t.Errorf("%s: Search(%q): word %q is empty, repeated or not folded", lang, query, w.Text)
				}
				seenWord[w.Text] = true
				if !w.Stop {
					counted++
				}
			}
			seenDoc, seenURL := map[int]bool{}, map[string]bool{}
			for i, h := range res.Hits {
				if h.Doc < 0 || h.Doc >= ix.M.Docs {
					t.Fatalf("%s: Search(%q): hit %d is document %d of %d", lang, query, i, h.Doc, ix.M.Docs)
				}
				if seenDoc[h.Doc] {
					t.Errorf("%s: Search(%q): document %d found twice", lang, query, h.Doc)
				}
				seenDoc[h.Doc] = true
				d, err := ix.Doc(h.Doc)
				if err != nil {
					t.Fatalf("%s: Search(%q): hit %d: %v", lang, query, i, err)
				}
				if !urls[lang][d.URL] || seenURL[d.URL] {
					t.Errorf("%s: Search(%q): hit %d has an unknown or repeated URL %q", lang, query, i, d.URL)
				}
				seenURL[d.URL] = true
				if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) || h.Score <= 0 {
					t.Errorf("%s: Search(%q): document %d scores %v", lang, query, h.Doc, h.Score)
				}
				if h.Matched+h.Near < 1 || h.Matched+h.Near > counted || (res.All && h.Matched != counted) {
					t.Errorf("%s: Search(%q): document %d matches %d of %d words and %d approximately (all: %v)", lang, query, h.Doc, h.Matched, counted, h.Near, res.All)
				}
			}
			// The ranking depends on the query alone, not on what the
			// ranker read before.
			ix2, err := Open(fsys, "search/"+lang)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ix2.Search("terroryzm europ nuclear"); err != nil {
				t.Fatal(err)
			}
			res2, err := ix2.Search(query)
			if err != nil {
				t.Fatalf("%s: Search(%q) after another query: %v", lang, query, err)
			}
			if a, b := fmt.Sprint(res.Hits), fmt.Sprint(res2.Hits); a != b || res.All != res2.All || !slices.EqualFunc(res.Words, res2.Words, sameWord) {
				t.Errorf("%s: Search(%q) differs after another query:\n%s\n%s", lang, query, a, b)
			}
		}
	})
}

func sameWord(a, b Word) bool {
	return a.Text == b.Text && a.Stop == b.Stop && slices.Equal(a.Stems, b.Stems)
}
