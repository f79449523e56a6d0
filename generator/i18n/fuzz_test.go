package i18n

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Fuzz targets for folding and slugs. The seeds below and the files in
// testdata/fuzz/<FuzzName>/ run as ordinary tests; run a target for longer
// with, e.g.,
//
//	go test ./generator/i18n -run '^$' -fuzz '^FuzzSlugify$' -fuzztime 5m -parallel 1

var fuzzSlugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// fuzzTexts are titles and words from the portal and the corners of Unicode
// that folding meets: decomposed and precomposed letters, letters without
// a decomposition, case mappings that change length, other scripts,
// invisible characters and bytes that are not UTF-8.
var fuzzTexts = []string{
	"",
	" ",
	"Łódź – 2023/1187",
	"Zażółć gęślą jaźń",
	"ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
	"Ło\u0301dz\u0301",
	"Đakovo Ørsted Straße Æsir Œuvre Café naïve",
	"ẞ İstanbul ǅ ﬁ Å Ω K",
	"Decyzja Rady (WPZiB) 2023/1187 z dnia 19 czerwca 2023 r.",
	"  --«Decyzja (WPZiB) 2024/123»--  ",
	"../../etc/passwd",
	"a/b\\c..d",
	"Ελλάδα Ὀδυσσεύς ΣΊΣΥΦΟΣ",
	"Полиция Україна",
	"東京 ひらがな 한국어 \u1100\u1161\u11a8",
	"\u0bca\u0b48\u0b47\u0b56 \u0e33",
	"\u0301\u0328abc\u0301",
	"współ\u00adpraca\u200b\u200d\ufeff",
	"ǰ\u0323 ᾳ\u0345 ΐ",
	"\xff\xfe\xc3",
	"a\x00b\tc\nd",
	"１２３ ＡＢＣ ⅫⅢ ²³",
	"ŉ ǈ ǋ ǲ ϓ ϔ",
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q, not valid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Errorf("Fold is not idempotent: Fold(%q) = %q, Fold(%q) = %q", s, got, got, again)
		}
		for _, r := range got {
			if unicode.Is(unicode.Mn, r) {
				t.Errorf("Fold(%q) = %q keeps the combining mark %U", s, got, r)
				break
			}
		}
		if isASCII(s) && got != strings.ToLower(s) {
			t.Errorf("Fold(%q) = %q, want %q (ASCII is only lower-cased)", s, got, strings.ToLower(s))
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func FuzzSlugify(f *testing.F) {
	for _, s := range fuzzTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if got != "" && !fuzzSlugRE.MatchString(got) {
			t.Fatalf("Slugify(%q) = %q, not lower-case words joined by single hyphens", s, got)
		}
		if strings.Contains(got, "..") || strings.ContainsAny(got, "/\\") {
			t.Fatalf("Slugify(%q) = %q, not one URL segment", s, got)
		}
		if again := Slugify(got); again != got {
			t.Errorf("Slugify is not idempotent: Slugify(%q) = %q, Slugify(%q) = %q", s, got, got, again)
		}
		// Every ASCII letter and digit of the input stays, lower-cased, in order.
		var want strings.Builder
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
				want.WriteByte(c)
			}
		}
		if !isSubsequence(want.String(), strings.ReplaceAll(got, "-", "")) {
			t.Errorf("Slugify(%q) = %q lost some of the ASCII letters and digits %q", s, got, want.String())
		}
	})
}

// isSubsequence reports whether the bytes of sub appear in s in order.
func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; i < len(sub) && j < len(s); j++ {
		if sub[i] == s[j] {
			i++
		}
	}
	return i == len(sub)
}
