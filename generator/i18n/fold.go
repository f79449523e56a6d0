package i18n

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial maps lower-case letters that have no canonical decomposition, so
// dropping combining marks alone would leave them untouched. ok is false for
// every other rune.
func foldSpecial(r rune) (rep string, ok bool) {
	switch r {
	case 'ł':
		return "l", true
	case 'đ':
		return "d", true
	case 'ø':
		return "o", true
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	}
	return "", false
}

// Fold returns s lower-cased with diacritics removed (Unicode NFD, drop combining marks, NFC) and
// the letters that have no decomposition mapped too: ł/Ł -> l, also đ->d, ø->o, ß->ss, æ->ae, œ->oe.
// Other characters (digits, punctuation, spaces) are kept. Used by slugs and by search.
func Fold(s string) string {
	if s == "" {
		return ""
	}
	decomposed := norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(decomposed))
	for _, r := range decomposed {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := foldSpecial(r); ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// TopicSlug is the URL segment of a topic named s: Slugify's, with "#"
// read as "sharp" and "+" as "plus", so that topics such as "c", "c#" and
// "c++" get distinct URLs ("c", "c-sharp", "c-plus-plus"). A name with
// no letter or digit has none ("").
func TopicSlug(s string) string {
	slug := Slugify(s)
	if slug != "" && strings.ContainsAny(s, "#+") {
		slug = Slugify(strings.NewReplacer("#", " sharp ", "+", " plus ").Replace(s))
	}
	return slug
}

// Slugify folds s and turns every run of characters that are not a-z or 0-9 into one '-',
// trimming '-' at both ends. "Łódź – 2023/1187" -> "lodz-2023-1187"; "Zażółć gęślą jaźń" -> "zazolc-gesla-jazn".
func Slugify(s string) string {
	folded := Fold(s)
	var b strings.Builder
	b.Grow(len(folded))
	pendingDash := false
	for _, r := range folded {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			b.WriteRune(r)
			continue
		}
		pendingDash = true
	}
	return b.String()
}
