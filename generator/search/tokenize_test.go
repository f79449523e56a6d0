package search_test

import (
	"slices"
	"strings"
	"testing"

	"hubgen/generator/search"
)

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
		if got := search.Tokenize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTokenizeCap: runs of up to MaxWordRunes characters are words, longer
// ones are left out, wherever they are.
func TestTokenizeCap(t *testing.T) {
	w64 := strings.Repeat("ą", search.MaxWordRunes)
	w65 := w64 + "x"
	tests := []struct {
		in   string
		want []string
	}{
		{w64, []string{w64}},
		{w65, nil},
		{"a " + w65 + " b", []string{"a", "b"}},
		{w65 + ",x " + w64 + "." + w64 + " 東" + w65 + "京", []string{"x", "東", "京"}},
		{strings.Repeat("1", 60) + ",1234", nil}, // 65 characters with the comma
		{strings.Repeat("1", 59) + ",1234", []string{strings.Repeat("1", 59) + ",1234"}},
	}
	for _, tc := range tests {
		if got := search.Tokenize(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokenize(%.50q) = %.50q, want %.50q", tc.in, got, tc.want)
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
		if got := search.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTokenizeMatchesReference: the tokenizer's fast paths split text as
// the plain character-by-character tokenizer does.
func TestTokenizeMatchesReference(t *testing.T) {
	tests := []string{
		"Zażółć gęślą jaźń, Łódź × 3 ÷ 4",
		"a.b a..b a.1 1.a 1,5 1;5 a;b a:b 1:2 a'b 1'2 a_.b _a _._ a__b",
		"a.\u0301b a\u0301.b 1.\u00ad2 a\u00ad a.\u00ad",
		"word. Word, word; word: word' 'word .word",
		"東京a東 aé東 ·a·b· U.S.A. e.g.",
		"a\u2019s a\u2019 \u2019s 1\u20442 a\u2044b a\u2024b",
		"\xc4 \xc4a a\xc4 a\xc3\x97b a\xc3\xb7b \xff\xfe ą\xc4\x85",
		"\u0301\u0301a \u00ada \u200ba\u200b",
		strings.Repeat("ż", 64) + " " + strings.Repeat("ż", 65) + " " + strings.Repeat("a", 64) + "." + strings.Repeat("b", 10),
		"",
	}
	for _, s := range tests {
		if got, want := search.Tokenize(s), search.ReferenceTokenize(s); !slices.Equal(got, want) {
			t.Errorf("Tokenize(%q) = %q, reference %q", s, got, want)
		}
	}
}
