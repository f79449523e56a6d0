package search

import "github.com/blevesearch/bleve/v2/analysis"

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
