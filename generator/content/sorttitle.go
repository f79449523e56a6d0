package content

import (
	"strings"
	"unicode/utf8"

	"hubgen/generator/diag"
)

// maxSortTitle is the longest sortTitle accepted, in characters: it is a
// name, not a sentence.
const maxSortTitle = 120

// sortTitle reads the front matter's sortTitle, the name readers know a
// page by (its short name or acronym: "Europol", "CEPOL"), under which
// A–Z lists sort it; without it the page sorts under title. Empty,
// multi-line or over-long values are errors at the key.
func sortTitle(f fields, m *matter, title, rel string, ds *diag.List) string {
	raw, ok := m.Values["sortTitle"]
	if !ok {
		return title
	}
	v := f.str("sortTitle", false)
	switch raw.(type) {
	case string, int, int64, float64, bool:
	default:
		return title // f.str has said it must be text
	}
	l, c := m.keyPos("sortTitle")
	switch {
	case v == "":
		ds.Errorf(rel, l, c, "sortTitle is empty: write the name readers know the page by (\"Europol\"), or leave the key out to sort by title")
		return title
	case strings.ContainsAny(v, "\n\r"):
		ds.Errorf(rel, l, c, "sortTitle must be one line")
		return title
	case utf8.RuneCountInString(v) > maxSortTitle:
		ds.Errorf(rel, l, c, "sortTitle is %d characters long: keep it under %d (a name, not a sentence)", utf8.RuneCountInString(v), maxSortTitle)
		return title
	}
	return v
}
