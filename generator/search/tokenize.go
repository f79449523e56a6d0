package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
