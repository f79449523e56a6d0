package search

import (
	"testing"
	"unicode/utf8"
)

// referenceWords is the tokenizer as first written, one character at a
// time through charClass: the tests hold nextWord's fast paths to it.
func referenceWords(s string, fn func(string)) {
	start := -1        // where the current word began
	last := classOther // class of its last letter, digit or connector
	flush := func(end int) {
		if start >= 0 {
			if w := s[start:end]; utf8.RuneCountInString(w) <= MaxWordRunes {
				fn(w)
			}
			start, last = -1, classOther
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch class := charClass(r); class {
		case classLetter, classDigit, classConnector:
			if start < 0 {
				start = i
			}
			last = class
		case classMark, classFormat:
		case classIdeo:
			flush(i)
			fn(s[i : i+size])
		default:
			if start < 0 || !joins(r, last, referenceClassAt(s, i+size)) {
				flush(i)
			}
		}
		i += size
	}
	flush(len(s))
}

// referenceClassAt is classAt through charClass alone.
func referenceClassAt(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if c := charClass(r); c != classMark && c != classFormat {
			return c
		}
		i += size
	}
	return classOther
}

// TestClassFastPaths: the table of byte classes and the two-byte Latin
// shortcut give every character the class charClass gives it, and the
// length of its encoding.
func TestClassFastPaths(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := charClass(r)
		if r < utf8.RuneSelf {
			if got := int(byteClasses[r]); got != want {
				t.Errorf("byteClasses[%q] = %d, charClass = %d", r, got, want)
			}
			continue
		}
		s := string(r) + "a"
		if got, size := multiByteClass(s, 0); got != want || size != utf8.RuneLen(r) {
			t.Errorf("multiByteClass(%q) = %d, %d; charClass = %d, length %d", r, got, size, want, utf8.RuneLen(r))
		}
		if got, _ := multiByteClass(s[:len(s)-1], 0); got != want {
			t.Errorf("multiByteClass(%q) at the end of the text = %d, charClass = %d", r, got, want)
		}
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		if byteClasses[c] != classMulti {
			t.Errorf("byteClasses[%#x] = %d, want classMulti", c, byteClasses[c])
		}
	}
	if len(byteClasses) != 256 {
		t.Errorf("byteClasses has %d entries, want 256", len(byteClasses))
	}
	// Broken encodings are no letters: a lead byte alone, or before ASCII.
	for _, s := range []string{"\xc4", "\xc4a", "\xc3\xc3", "\xc9"} {
		if got, size := multiByteClass(s, 0); got != classOther || size != 1 {
			t.Errorf("multiByteClass(%q) = %d, %d; want classOther, 1", s, got, size)
		}
	}
}
