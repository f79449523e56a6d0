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
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start < 0 {
			return
		}
		fn(s[start:end])
		i = end
	}
}

// nextWord finds the first word (see Tokenize) of s at or after byte i,
// where a word may begin (the start of s or the end of the previous
// word): s[start:end], start < 0 when there is none. Scanning goes on
// from end.
//
// It is the tokenizer's hot loop, run over every byte of every page: runs
// of ASCII bytes take one look-up in byteClasses each, two-byte Latin
// letters (ą, ł, ó…) a test of their bytes, and only other characters are
// decoded and classified by charClass.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) {
		// Between words: skip to the first letter, digit, connector or
		// ideograph. Marks, formatting and punctuation start no word.
		for i < len(s) && byteClasses[s[i]] == classOther {
			i++
		}
		if i == len(s) {
			break
		}
		start = i
		var last int // the class of the word's first character
		if c := s[i]; c < utf8.RuneSelf {
			last = int(byteClasses[c])
			i++
		} else if latinLetter(s, i) {
			last = classLetter
			i += 2
		} else {
			class, size := multiByteClass(s, i)
			switch class {
			case classLetter, classDigit, classConnector:
				last = class
				i += size
			case classIdeo:
				return i, i + size
			default:
				i += size
				continue
			}
		}
		i = wordEnd(s, i, last)
		// Bytes bound characters from above: count only when needed.
		if i-start <= MaxWordRunes || utf8.RuneCountInString(s[start:i]) <= MaxWordRunes {
			return start, i
		}
	}
	return -1, len(s)
}

// wordEnd is where the word of s that runs at least to byte i ends, last
// being the class of its last letter, digit or connector before i: before
// the first character that is neither a letter, digit, connector, mark or
// formatting character nor punctuation that joins two letters or two
// digits (see joins), or before an ideograph.
func wordEnd(s string, i, last int) int {
	for {
		// A run of ASCII letters, digits and connectors: classes 1 to 3
		// (classOther, 0, wraps round to 255).
		j := i
		for j < len(s) && byteClasses[s[j]]-1 < classConnector {
			j++
		}
		if j > i {
			last, i = int(byteClasses[s[j-1]]), j
		}
		if i == len(s) {
			return i
		}
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII punctuation joins two letters (.':) or two digits (.',;).
			switch {
			case last == classLetter && (c == '.' || c == '\'' || c == ':'),
				last == classDigit && (c == '.' || c == '\'' || c == ',' || c == ';'):
				if classAt(s, i+1) == last {
					i++
					continue
				}
			}
			return i
		}
		if latinLetter(s, i) {
			last = classLetter
			i += 2
			continue
		}
		class, size := multiByteClass(s, i)
		switch class {
		case classLetter, classDigit, classConnector:
			last = class
		case classMark, classFormat:
			// Marks and formatting characters belong to the word they are in.
		case classIdeo:
			return i
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if !joins(r, last, classAt(s, i+size)) {
				return i
			}
		}
		i += size
	}
}

// byteClasses is the class (classOther, classLetter, classDigit or
// classConnector) of each ASCII character: letters and digits, '_' a
// connector, the rest separators; and classMulti for the bytes of longer
// UTF-8 sequences.
const byteClasses = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + // control characters
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" + //  !"#$%&'()*+,-./
	"\x02\x02\x02\x02\x02\x02\x02\x02\x02\x02\x00\x00\x00\x00\x00\x00" + // 0-9 :;<=>?
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" + // @ A-O
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x03" + // P-Z [\]^ _
	"\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" + // ` a-o
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00" + //   p-z {|}~ DEL
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" + // 0x80-0xff
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07" +
	"\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07\x07"

// latinLetter tells whether a character of U+00C0 to U+027F other than ×
// and ÷ starts at byte i of s: Latin-1 letters, Latin Extended-A and -B,
// IPA extensions, all letters, recognised by their two bytes.
func latinLetter(s string, i int) bool {
	c := s[i]
	if c < 0xc3 || c > 0xc9 || i+1 >= len(s) {
		return false
	}
	c2 := s[i+1]
	return c2&0xc0 == 0x80 && (c != 0xc3 || c2 != 0x97 && c2 != 0xb7)
}

// multiByteClass is the class of the character that starts at byte i of s
// (not ASCII) and its length in bytes.
func multiByteClass(s string, i int) (class, size int) {
	if latinLetter(s, i) {
		return classLetter, 2
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return charClass(r), size
}

// classAt is the class of the first character at or after byte i of s
// that is not a mark or formatting.
func classAt(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			return int(byteClasses[c])
		}
		class, size := multiByteClass(s, i)
		if class != classMark && class != classFormat {
			return class
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
	classMulti // in byteClasses: a byte of a character longer than one byte
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
