package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// AnalyzerName is the bleve analyzer a language's pages are analysed with:
// "pl" (Stempel stemmer) and "en" (Porter) for Polish and English, a
// lower-casing analyzer without stemming for any other language.
func AnalyzerName(lang string) string {
	switch lang {
	case "pl":
		return pl.AnalyzerName
	case "en":
		return en.AnalyzerName
	}
	return "hubgen_simple"
}

// analyzer applies a bleve analyzer one token at a time. Every filter of the
// pl and en analyzers (possessive, lower case, stop words, stemmer) looks at
// one token alone, so analysing each distinct token once and reusing the
// result gives exactly the terms the whole analyzer would.
type analyzer struct {
	tokenizer analysis.Tokenizer
	filters   []analysis.TokenFilter
	stops     analysis.TokenMap // the stop words, nil for none
}

// newAnalyzer builds the analyzer of lang from bleve's registry.
func newAnalyzer(lang string) (*analyzer, error) {
	cache := registry.NewCache()
	name := AnalyzerName(lang)
	if name == "hubgen_simple" {
		lower, err := cache.TokenFilterNamed(lowercase.Name)
		if err != nil {
			return nil, fmt.Errorf("search analyzer for %s: %w", lang, err)
		}
		return &analyzer{tokenizer: bleveunicode.NewUnicodeTokenizer(), filters: []analysis.TokenFilter{lower}}, nil
	}
	a, err := cache.AnalyzerNamed(name)
	if err != nil {
		return nil, fmt.Errorf("search analyzer %q: %w", name, err)
	}
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || da.CharFilters != nil {
		return nil, fmt.Errorf("search analyzer %q: unexpected analyzer type %T", name, a)
	}
	stopName := pl.StopName
	if lang == "en" {
		stopName = en.StopName
	}
	stops, err := cache.TokenMapNamed(stopName)
	if err != nil {
		return nil, fmt.Errorf("search analyzer %q: stop words: %w", name, err)
	}
	return &analyzer{tokenizer: da.Tokenizer, filters: da.TokenFilters, stops: stops}, nil
}

// term analyses one token as bleve would; ok is false when the analyzer
// drops it (a stop word), and then term is "". Where the stemmer leaves
// nothing of a word (Stempel turns "EU" and "1" into ""), the word is its
// own term: bleve would index the empty term, and a query for any such word
// would find the pages with all the others.
func (a *analyzer) term(token string) (term string, ok bool) {
	stream := analysis.TokenStream{&analysis.Token{Term: []byte(token), Position: 1, Type: analysis.AlphaNumeric}}
	for i, f := range a.filters {
		stream = f.Filter(stream)
		if len(stream) == 0 {
			return "", false
		}
		if len(stream[0].Term) == 0 && i > 0 {
			// Re-run the filters before this one: the word as analysed so far.
			s := analysis.TokenStream{&analysis.Token{Term: []byte(token), Position: 1, Type: analysis.AlphaNumeric}}
			for _, g := range a.filters[:i] {
				s = g.Filter(s)
			}
			return string(s[0].Term), true
		}
	}
	if len(stream[0].Term) == 0 {
		return token, true
	}
	return string(stream[0].Term), true
}

// tokens splits text into words the way the analyzer's tokenizer does.
func (a *analyzer) tokens(text string) analysis.TokenStream {
	return a.tokenizer.Tokenize([]byte(text))
}

// Plausible tells whether stem can be the stem of word: it begins with
// the word's first three characters (or is the word's beginning). Stempel
// turns a few words into unrelated stubs ("pelny" into "c").
func Plausible(word, stem string) bool {
	w, s := []rune(word), []rune(stem)
	n := 0
	for n < len(w) && n < len(s) && w[n] == s[n] {
		n++
	}
	return n >= 3 || n == len(s) && n > 0
}
