package search_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// Fuzz targets for the analysis: Fold and Tokenize (the reference ranker's
// FuzzQuery is in package ranker). The seeds (searchtest.FuzzTexts) and the
// files in testdata/fuzz/<FuzzName>/ run as ordinary tests; run a target
// for longer with, e.g.,
//
//	go test ./generator/search -run '^$' -fuzz '^FuzzTokenize$' -fuzztime 5m -parallel 1

// fuzzJoiners are the characters Tokenize lets join two letters or two digits.
const fuzzJoiners = ".'’‘:·\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a,;\u037e\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b"

func FuzzFold(f *testing.F) {
	for _, s := range searchtest.FuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := search.Fold(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", s, got)
		}
		if again := search.Fold(got); again != got {
			t.Errorf("Fold is not idempotent: Fold(%q) = %q, Fold(%q) = %q", s, got, got, again)
		}
		for _, r := range got {
			if unicode.Is(unicode.Cf, r) || r == 'ς' {
				t.Errorf("Fold(%q) = %q keeps %U", s, got, r)
				break
			}
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range searchtest.FuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := search.Tokenize(s)
		rest := s // tokens are substrings of s, in order, not overlapping
		for _, tok := range toks {
			if tok == "" {
				t.Fatalf("Tokenize(%q) = %q: an empty token", s, toks)
			}
			if !utf8.ValidString(tok) {
				t.Errorf("Tokenize(%q): token %q is not valid UTF-8", s, tok)
			}
			if n := utf8.RuneCountInString(tok); n > search.MaxWordRunes {
				t.Errorf("Tokenize(%q): token %q has %d characters, more than %d", s, tok, n, search.MaxWordRunes)
			}
			i := strings.Index(rest, tok)
			if i < 0 {
				t.Fatalf("Tokenize(%q) = %q: %q is not the next part of the text", s, toks, tok)
			}
			rest = rest[i+len(tok):]
			for _, r := range tok {
				if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) {
					// Ideographs are words on their own.
					if utf8.RuneCountInString(tok) != 1 {
						t.Errorf("Tokenize(%q): token %q holds the ideograph %U and more", s, tok, r)
					}
					continue
				}
				ok := unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.IsMark(r) ||
					unicode.Is(unicode.Pc, r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(fuzzJoiners, r)
				if !ok {
					t.Errorf("Tokenize(%q): token %q holds %U, which is no part of a word", s, tok, r)
				}
			}
			// A joining character stands between two letters or digits.
			trimmed := strings.TrimRightFunc(tok, func(r rune) bool { return unicode.IsMark(r) || unicode.Is(unicode.Cf, r) })
			first, _ := utf8.DecodeRuneInString(tok)
			last, _ := utf8.DecodeLastRuneInString(trimmed)
			if strings.ContainsRune(fuzzJoiners, first) || (trimmed != "" && strings.ContainsRune(fuzzJoiners, last)) {
				t.Errorf("Tokenize(%q): token %q begins or ends with a joining character", s, tok)
			}
			folded := search.Fold(tok)
			if strings.IndexFunc(folded, unicode.IsSpace) >= 0 || strings.IndexFunc(tok, unicode.IsSpace) >= 0 {
				t.Errorf("Tokenize(%q): token %q (folded %q) contains white space", s, tok, folded)
			}
		}
	})
}

// FuzzTokenizeReference holds the tokenizer's fast paths to the plain
// character-by-character tokenizer.
func FuzzTokenizeReference(f *testing.F) {
	for _, s := range searchtest.FuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := search.Tokenize(s), search.ReferenceTokenize(s); !slices.Equal(got, want) {
			t.Errorf("Tokenize(%q) = %q, reference %q", s, got, want)
		}
	})
}
