package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Plural category names as used by CLDR and as keys of plural entries in bundles.
const (
	CategoryZero  = "zero"
	CategoryOne   = "one"
	CategoryTwo   = "two"
	CategoryFew   = "few"
	CategoryMany  = "many"
	CategoryOther = "other"
)

// categories lists every CLDR plural category name.
var categories = []string{CategoryZero, CategoryOne, CategoryTwo, CategoryFew, CategoryMany, CategoryOther}

// isCategory reports whether name is a CLDR plural category name.
func isCategory(name string) bool {
	for _, c := range categories {
		if c == name {
			return true
		}
	}
	return false
}

// isPluralTable reports whether every key of a non-empty table is a plural category name.
func isPluralTable(t map[string]any) bool {
	if len(t) == 0 {
		return false
	}
	for k := range t {
		if !isCategory(k) {
			return false
		}
	}
	return true
}

// pickForm returns the form for category cat, falling back to "other", then "many".
func pickForm(forms map[string]string, cat string) (string, bool) {
	for _, c := range [...]string{cat, CategoryOther, CategoryMany} {
		if f, ok := forms[c]; ok {
			return f, true
		}
	}
	return "", false
}

// parseTag parses a BCP 47 tag leniently: an unparsable tag becomes language.Und,
// whose rules are those of the CLDR root locale.
func parseTag(lang string) language.Tag {
	tag, err := language.Parse(lang)
	if err != nil {
		return language.Und
	}
	return tag
}

// PluralCategory returns the CLDR cardinal plural category of integer n in language lang
// ("pl" or "en", or any BCP 47 tag): one of "zero","one","two","few","many","other".
// Negative numbers take the category of their absolute value, as CLDR rules do.
func PluralCategory(lang string, n int) string {
	return pluralCategory(parseTag(lang), n)
}

// pluralCategory is PluralCategory for an already parsed tag.
func pluralCategory(tag language.Tag, n int) string {
	if n < 0 {
		n = -n
		if n < 0 { // math.MinInt has no positive counterpart; any large number will do.
			n = int(^uint(0) >> 1)
		}
	}
	switch plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		return CategoryZero
	case plural.One:
		return CategoryOne
	case plural.Two:
		return CategoryTwo
	case plural.Few:
		return CategoryFew
	case plural.Many:
		return CategoryMany
	default:
		return CategoryOther
	}
}

// usedCategories returns, with one example each, the categories that integers
// take in tag, probing 0..1000 (enough for every CLDR integer rule in practice).
func usedCategories(tag language.Tag) map[string]int {
	used := make(map[string]int)
	for n := 0; n <= 1000; n++ {
		c := pluralCategory(tag, n)
		if _, ok := used[c]; !ok {
			used[c] = n
		}
	}
	return used
}
