package search

// MaxQueryWords is how many distinct words of a query count; the rest are
// ignored (the client does the same).
const MaxQueryWords = 12

// QueryWords splits a query into distinct folded words, at most
// MaxQueryWords, and tells whether the last one is being typed (the query
// does not end in a space or punctuation) and so is also a prefix. The
// client splits queries the same way, and so does the reference ranker
// (package search/ranker).
func QueryWords(query string) (words []string, prefix string) {
	toks := Tokenize(query)
	seen := map[string]bool{}
	for _, t := range toks {
		w := Fold(t)
		if w == "" || seen[w] || len(words) == MaxQueryWords {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	if n := len(toks); n > 0 {
		r := []rune(query)
		if c := charClass(r[len(r)-1]); c != classOther {
			prefix = Fold(toks[n-1])
		}
	}
	return words, prefix
}
