package search

import (
	"github.com/blevesearch/bleve/v2/analysis"

	"hubgen/generator/search/internal/format"
)

// What the external tests (package search_test) use of the analyzer, which
// they hold to bleve's own analyzer over the bundled content.

var NewAnalyzer = newAnalyzer

func (a *analyzer) Term(token string) (string, bool)        { return a.term(token) }
func (a *analyzer) Tokens(text string) analysis.TokenStream { return a.tokens(text) }

// ReferenceTokenize splits s as the tokenizer as first written did, one
// character at a time.
func ReferenceTokenize(s string) []string {
	var out []string
	referenceWords(s, func(w string) { out = append(out, w) })
	return out
}

// PassageFilter returns the filter the passage store writes for a passage
// of text (in a page of one passage), and the passage's stems.
func PassageFilter(lang, text string) (bits string, stems []string, err error) {
	st, err := NewStems(lang)
	if err != nil {
		return "", nil, err
	}
	for _, w := range Tokenize(text) {
		if t, ok := st.a.term(w); ok && Fold(t) != "" {
			stems = append(stems, Fold(t))
		}
	}
	return bloom(st.hashes(st.cache(), text, nil), passageBits(1)), stems, nil
}

// FilterHas tells whether the filter bits has both bits of stem.
func FilterHas(bits, stem string) bool {
	for _, k := range PassageBits(format.Hash16(stem), len(bits)*6) {
		if format.Digit(bits[k/6])&(1<<(k%6)) == 0 {
			return false
		}
	}
	return true
}
