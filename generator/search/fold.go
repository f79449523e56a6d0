package search

import (
	"strings"
	"unicode"

	"hubgen/generator/i18n"
)

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
