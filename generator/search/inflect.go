package search

import (
	"slices"
	"strings"

	"hubgen/generator/search/internal/format"
)

// Inflections no page uses. The lexicon maps the forms that occur on the
// site to their stems; a reader's query may hold another form of such a
// word ("Frontexem" where pages say "Frontexu", "szkoleniom" where they
// say "szkolenia"). Two things let the client find those without a
// stemmer: every stem is a lexicon key of its own (a query of the stem
// itself, often the dictionary form, finds its pages), and suffix rules
// learned from the site's own words turn an unknown query word into keys
// to look up: a form into its stem ("frontexu" -> "frontex": a word
// ending in "u" may have the stem without it) and a form into another
// form of the same stem ("szkoleniach" and "szkolenia": "ach" may be "a").

// minRuleStem is the shortest part a rule leaves of a word (UTF-16 units),
// and minRuleSupport the fewest of the site's forms a rule must explain.
const (
	minRuleStem    = 3
	maxRuleSuffix  = 5
	minRuleSupport = 3
	maxRules       = 200
	maxParadigm    = 24
)

// suffixRules learns, from the surface forms of the site that have one
// stem, the suffix rules that make the stem of a form or another form of
// its stem: [from, to] turns a word ending in from into one ending in to.
// They are ordered as the client tries them: longer from first, then more
// words explained.
func (ld *langData) suffixRules() [][2]string {
	support := map[[2]string]int{}
	count := func(a, b string) {
		n := commonPrefix(a, b)
		from, to := a[n:], b[n:]
		if from == to || format.Len16(a[:n]) < minRuleStem || format.Len16(from) > maxRuleSuffix || format.Len16(to) > maxRuleSuffix {
			return
		}
		support[[2]string{from, to}]++
	}
	forms := map[int32][]string{} // stem -> its forms with that stem alone
	for w, list := range ld.surfaces {
		if len(list) != 1 {
			continue
		}
		count(w, ld.stems[list[0]])
		forms[list[0]] = append(forms[list[0]], w)
	}
	for _, fs := range forms {
		if len(fs) > maxParadigm {
			continue // a stem Stempel gives many words: no one paradigm
		}
		for _, a := range fs {
			for _, b := range fs {
				if a != b {
					count(a, b)
				}
			}
		}
	}
	rules := make([][2]string, 0, len(support))
	for r, n := range support {
		if n >= minRuleSupport {
			rules = append(rules, r)
		}
	}
	slices.SortFunc(rules, func(a, b [2]string) int {
		if d := format.Len16(b[0]) - format.Len16(a[0]); d != 0 {
			return d
		}
		if d := support[b] - support[a]; d != 0 {
			return d
		}
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	if len(rules) > maxRules {
		// The most used of them, kept in the order above.
		best := slices.Clone(rules)
		slices.SortStableFunc(best, func(a, b [2]string) int { return support[b] - support[a] })
		keep := map[[2]string]bool{}
		for _, r := range best[:maxRules] {
			keep[r] = true
		}
		rules = slices.DeleteFunc(rules, func(r [2]string) bool { return !keep[r] })
	}
	return rules
}

// writeRules writes rules.json, the suffix rules in the order the client
// tries them: [["em",""],["ach","a"],…].
func writeRules(files map[string][]byte, ld *langData) {
	b := []byte{'['}
	for i, r := range ld.rules {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStrings(b, r[:])
	}
	files[format.RulesFile] = append(b, ']', '\n')
}

// addStemKeys makes every stem that has postings a lexicon key of its own
// where no surface form is written like it.
func (ld *langData) addStemKeys() {
	for id, s := range ld.stems {
		if s == "" || ld.df[id] == 0 {
			continue
		}
		if _, ok := ld.surfaces[s]; !ok {
			ld.surfaces[s] = []int32{int32(id)}
		}
	}
}

// commonPrefix is the length in bytes of the longest common prefix of a
// and b that ends on a character boundary.
func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	for n > 0 && n < len(a) && !isStart(a[n]) {
		n--
	}
	return n
}

// isStart tells whether byte c starts a UTF-8 character.
func isStart(c byte) bool { return c&0xC0 != 0x80 }
