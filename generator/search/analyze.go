package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	bleveunicode "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	"hubgen/generator/i18n"
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

// Fold is how every word and stem of the index is written, and how the
// client treats what readers type: lower case, diacritics removed (ą -> a,
// ł -> l), invisible formatting characters such as soft hyphens dropped,
// and Greek final sigma written as sigma (JavaScript lower-cases Σ by
// context, Go does not).
func Fold(s string) string {
	if strings.IndexFunc(s, isFormat) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isFormat(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.ReplaceAll(i18n.Fold(s), "ς", "σ")
}

func isFormat(r rune) bool { return unicode.Is(unicode.Cf, r) }

// Tokenize splits text into words: runs of letters, digits, marks and
// connectors; an apostrophe, a period or a colon joins two letters ("EU's",
// "U.S.A"), and an apostrophe, a period, a comma or a semicolon joins two
// digits ("1,5"); ideographs are words on their own. These are the cases
// of Unicode word segmentation (UAX #29) that bleve's tokenizer applies;
// tests hold the two to the same words over the portal's content. A run
// longer than MaxWordRunes characters is no word: it is left out. Pages
// are indexed and queries split (by the client too) with these rules, so
// a query word is always written as the index writes it.
func Tokenize(s string) []string {
	var out []string
	words(s, func(w string) { out = append(out, w) })
	return out
}

// MaxWordRunes is the length in characters (code points, marks and
// invisible formatting included) of the longest word Tokenize returns;
// longer runs are not indexed, and the client drops them from queries
// (MAX_WORD_CHARS in search-core.js). The longest words of real text are
// far shorter: Polish dictionary words reach about 35 letters, English
// ones 45, the longest German statute names 63. Without a cap, one run of
// 20 MB without a space (a pasted blob, say) made a 41 MB lexicon shard,
// and its stem, counted in the size of the postings, spread them over
// more than a thousand files.
const MaxWordRunes = 64

// words calls fn with each word of s (see Tokenize), as substrings of s.
func words(s string, fn func(string)) {
	start := -1        // where the current word began
	last := classOther // class of its last letter, digit or connector
	flush := func(end int) {
		if start >= 0 {
			// Bytes bound characters from above: count only when needed.
			if w := s[start:end]; len(w) <= MaxWordRunes || utf8.RuneCountInString(w) <= MaxWordRunes {
				fn(w)
			}
			start, last = -1, classOther
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch class := charClass(r); class {
		case classLetter, classDigit, classConnector:
			if start < 0 {
				start = i
			}
			last = class
		case classMark, classFormat:
			// Marks and formatting characters belong to the word they are in.
		case classIdeo:
			flush(i)
			fn(s[i : i+size])
		default:
			if start < 0 || !joins(r, last, classAt(s, i+size)) {
				flush(i)
			}
		}
		i += size
	}
	flush(len(s))
}

// classAt is the class of the first character at or after byte i of s
// that is not a mark or formatting.
func classAt(s string, i int) int {
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if c := charClass(r); c != classMark && c != classFormat {
			return c
		}
		i += size
	}
	return classOther
}

const (
	classOther = iota
	classLetter
	classDigit
	classConnector
	classMark
	classFormat
	classIdeo
)

func charClass(r rune) int {
	switch {
	case r < 0x80:
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return classLetter
		case r >= '0' && r <= '9':
			return classDigit
		case r == '_':
			return classConnector
		}
		return classOther
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r):
		return classIdeo
	case unicode.IsLetter(r):
		return classLetter
	case unicode.Is(unicode.Nd, r):
		return classDigit
	case unicode.Is(unicode.Pc, r):
		return classConnector
	case unicode.IsMark(r):
		return classMark
	case unicode.Is(unicode.Cf, r):
		return classFormat
	}
	return classOther
}

// joins tells whether punctuation r between a character of class before and
// one of class after keeps them in one word.
func joins(r rune, before, after int) bool {
	if r < 0x80 && r != '.' && r != '\'' && r != ':' && r != ',' && r != ';' {
		return false
	}
	switch {
	case before == classLetter && after == classLetter:
		return strings.ContainsRune(".'’‘:·\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a", r)
	case before == classDigit && after == classDigit:
		return strings.ContainsRune(".'’‘,;\u037e\u2024\u2044\ufe10\ufe14\ufe50\ufe52\ufe54\uff07\uff0c\uff0e\uff1b", r)
	}
	return false
}
