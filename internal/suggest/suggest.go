// Package suggest finds the word an editor probably meant ("did you mean
// summary?") among the words a build knows: front matter keys, topics,
// file names.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the candidate nearest to word, compared without regard to
// case, when it is near enough to be a typo: at most one edit (a letter
// added, dropped, changed, or two neighbours swapped) for words up to four
// letters, two up to eight, three beyond. Ties go to the earlier candidate.
func Closest(word string, candidates []string) (string, bool) {
	w := strings.ToLower(word)
	limit := 1
	switch n := utf8.RuneCountInString(w); {
	case n > 8:
		limit = 3
	case n > 4:
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if c == word {
			continue
		}
		if d := Distance(w, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != ""
}

// Distance is the optimal string alignment distance between a and b,
// counted in characters: the edits (insertion, deletion, substitution, or
// transposition of neighbours) that turn one into the other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
