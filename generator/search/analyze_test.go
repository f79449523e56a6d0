package search

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// contentTexts returns the text of every bundled content file of lang.
func contentTexts(t *testing.T, lang string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "content", "*", "*."+lang+".md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s content: %v", lang, err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Terroryzmu jądrowego", []string{"Terroryzmu", "jądrowego"}},
		{"Decyzja Rady (WPZiB) 2023/1187.", []string{"Decyzja", "Rady", "WPZiB", "2023", "1187"}},
		{"the EU's U.S.A. don't", []string{"the", "EU's", "U.S.A", "don't"}},
		{"Hub’s 1,5 mln 3.14 e-mail", []string{"Hub’s", "1,5", "mln", "3.14", "e", "mail"}},
		{"CELEX:32023D1187 a:b x_y covid19", []string{"CELEX", "32023D1187", "a:b", "x_y", "covid19"}},
		{"東京 Полиция", []string{"東", "京", "Полиция"}},
		{"współ\u00adpraca, ja\u0328drowy", []string{"współ\u00adpraca", "ja\u0328drowy"}},
		{" … – „cytat” ", []string{"cytat"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := Tokenize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTokenizeMatchesBleve: the query tokenizer splits the whole bundled
// content exactly as bleve's tokenizer does, so a query word is written as
// the index writes it.
func TestTokenizeMatchesBleve(t *testing.T) {
	for _, lang := range []string{"pl", "en"} {
		a, err := newAnalyzer(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range contentTexts(t, lang) {
			var want []string
			for _, tok := range a.tokens(text) {
				want = append(want, string(tok.Term))
			}
			got := Tokenize(text)
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
		a, err := newAnalyzer(lang)
		if err != nil {
			t.Fatal(err)
		}
		full, err := cache.AnalyzerNamed(AnalyzerName(lang))
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range contentTexts(t, lang) {
			var want, got []string
			for _, tok := range full.Analyze([]byte(text)) {
				want = append(want, string(tok.Term))
			}
			for _, tok := range a.tokens(text) {
				if term, ok := a.term(string(tok.Term)); ok {
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

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Zażółć GĘŚLĄ jaźń": "zazolc gesla jazn",
		"Łódź":              "lodz",
		"ja\u0328drowy":     "jadrowy",
		"współ\u00adpraca":  "wspolpraca",
		"Straße Ærø":        "strasse aero",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
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
		if got := Plausible(tc.word, tc.stem); got != tc.want {
			t.Errorf("Plausible(%q, %q) = %v, want %v", tc.word, tc.stem, got, tc.want)
		}
	}
}

func TestStopWordsAndEmptyStems(t *testing.T) {
	a, err := newAnalyzer("pl")
	if err != nil {
		t.Fatal(err)
	}
	for token, want := range map[string]string{"i": "", "oraz": "", "EU": "eu", "Terroryzmu": "terroryzm"} {
		got, ok := a.term(token)
		if got != want || ok != (want != "") {
			t.Errorf("term(%q) = %q, %v; want %q", token, got, ok, want)
		}
	}
	if !strings.Contains(AnalyzerName("de"), "simple") {
		t.Errorf("a language without a bleve analyzer should get the simple one, got %q", AnalyzerName("de"))
	}
	if _, err := newAnalyzer("de"); err != nil {
		t.Error(err)
	}
}
