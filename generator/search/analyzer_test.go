package search_test

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// TestTokenizeMatchesBleve: the query tokenizer splits the whole bundled
// content exactly as bleve's tokenizer does, so a query word is written as
// the index writes it.
func TestTokenizeMatchesBleve(t *testing.T) {
	for _, lang := range []string{"pl", "en"} {
		a, err := search.NewAnalyzer(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range searchtest.ContentTexts(t, repoRoot, lang) {
			var want []string
			for _, tok := range a.Tokens(text) {
				want = append(want, string(tok.Term))
			}
			got := search.Tokenize(text)
			for i := range max(len(want), len(got)) {
				if i >= len(want) || i >= len(got) || want[i] != got[i] {
					t.Errorf("%s: token %d: Tokenize %q, bleve %q", lang, i, at(got, i), at(want, i))
					break
				}
			}
		}
	}
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "<end>"
}

// TestTermMatchesBleveAnalyzer: analysing each distinct token alone gives
// the terms bleve's whole analyzer gives for the text (except where the
// stemmer leaves nothing, where the index keeps the word).
func TestTermMatchesBleveAnalyzer(t *testing.T) {
	cache := registry.NewCache()
	for _, lang := range []string{"pl", "en"} {
		a, err := search.NewAnalyzer(lang)
		if err != nil {
			t.Fatal(err)
		}
		full, err := cache.AnalyzerNamed(search.AnalyzerName(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range searchtest.ContentTexts(t, repoRoot, lang) {
			var want, got []string
			for _, tok := range full.Analyze([]byte(text)) {
				want = append(want, string(tok.Term))
			}
			for _, tok := range a.Tokens(text) {
				if term, ok := a.Term(string(tok.Term)); ok {
					got = append(got, term)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %d terms one token at a time, %d from the analyzer", lang, len(got), len(want))
			}
			for i := range want {
				if want[i] != got[i] && want[i] != "" {
					t.Errorf("%s: term %d: %q one token at a time, %q from the analyzer", lang, i, got[i], want[i])
					break
				}
			}
		}
	}
}

func TestPlausible(t *testing.T) {
	tests := []struct {
		word, stem string
		want       bool
	}{
		{"zadania", "zadanie", true},
		{"pelny", "c", false},
		{"eu", "", false},
		{"ue", "ue", true},
		{"rade", "rad", true},
		{"mając", "mieć", false},
	}
	for _, tc := range tests {
		if got := search.Plausible(tc.word, tc.stem); got != tc.want {
			t.Errorf("Plausible(%q, %q) = %v, want %v", tc.word, tc.stem, got, tc.want)
		}
	}
}

func TestStopWordsAndEmptyStems(t *testing.T) {
	a, err := search.NewAnalyzer("pl")
	if err != nil {
		t.Fatal(err)
	}
	for token, want := range map[string]string{"i": "", "oraz": "", "EU": "eu", "Terroryzmu": "terroryzm"} {
		got, ok := a.Term(token)
		if got != want || ok != (want != "") {
			t.Errorf("term(%q) = %q, %v; want %q", token, got, ok, want)
		}
	}
	if !strings.Contains(search.AnalyzerName("de"), "simple") {
		t.Errorf("a language without a bleve analyzer should get the simple one, got %q", search.AnalyzerName("de"))
	}
	if _, err := search.NewAnalyzer("de"); err != nil {
		t.Error(err)
	}
}
