package ranker

import (
	"slices"
	"sort"
	"strings"

	"hubgen/generator/search/internal/format"
)

// RuleMinStem is the shortest part of a query word a suffix rule keeps
// (UTF-16 units), and RuleTries how many candidates the rules give at most
// (each may cost a lexicon shard).
const (
	RuleMinStem = 3
	RuleTries   = 6
)

// lookup finds a folded query word in the lexicon; a word being typed
// also expands to the stems of the words it begins. A word the lexicon
// does not know tries the stems the site's suffix rules make of it
// ("frontexem" -> "frontex"); failing those, it falls back to
// the words that begin like it: it loses up to FallbackCut characters
// while at least FallbackMin remain, and the first shorter form that
// begins any word gives its stems, scored as expansions.
func (ix *Index) lookup(w string, typing bool) (Word, error) {
	word := Word{Text: w}
	entry, sh, i, err := ix.entry(w)
	if err != nil {
		return word, err
	}
	if entry != nil && len(entry) == 0 {
		// A stop word is left out, unless it is being typed and begins
		// other words ("raz" of "rażenia").
		word.Stop = true
		if typing && format.Len16(w) >= ix.M.MinPrefix {
			for _, s := range ix.expand(w, sh, i) {
				word.Stems = append(word.Stems, WordStem{Stem: s.stem, DF: s.df, Factor: ix.M.PrefixFactor})
			}
			word.Stop = len(word.Stems) == 0
		}
		return word, nil
	}
	add := func(list []stemDF, factor float64) {
		for _, s := range list {
			if !slices.ContainsFunc(word.Stems, func(x WordStem) bool { return x.Stem == s.stem }) {
				word.Stems = append(word.Stems, WordStem{Stem: s.stem, DF: s.df, Factor: factor})
			}
		}
	}
	add(pairs(entry), 1)
	if typing && format.Len16(w) >= ix.M.MinPrefix {
		add(ix.expand(w, sh, i), ix.M.PrefixFactor)
	}
	if len(word.Stems) > 0 {
		return word, nil
	}
	// A form no page uses: the site's suffix rules give the first
	// RuleTries other words to look up, whose stems all count.
	rules, err := ix.suffixRules()
	if err != nil {
		return word, err
	}
	tried := []string{w}
	for _, r := range rules {
		base, ok := strings.CutSuffix(w, r[0])
		cand := base + r[1]
		if !ok || format.Len16(base) < RuleMinStem || slices.Contains(tried, cand) {
			continue
		}
		entry, _, _, err := ix.entry(cand)
		if err != nil {
			return word, err
		}
		add(pairs(entry), 1)
		if tried = append(tried, cand); len(tried) > RuleTries {
			break
		}
	}
	if len(word.Stems) > 0 {
		return word, nil
	}
	rs := []rune(w)
	for cut := 1; cut <= ix.M.FallbackCut && len(rs)-cut >= ix.M.FallbackMin; cut++ {
		p := string(rs[:len(rs)-cut])
		entry, sh, i, err := ix.entry(p)
		if err != nil {
			return word, err
		}
		add(pairs(entry), ix.M.PrefixFactor)
		add(ix.expand(p, sh, i), ix.M.PrefixFactor)
		if len(word.Stems) > 0 {
			word.Approx = true
			break
		}
	}
	return word, nil
}

// entry reads the lexicon shard of w and w's entry in it (nil: unknown).
func (ix *Index) entry(w string) ([]any, *lexShard, int, error) {
	i := format.ShardOf(ix.M.Lexicon, w)
	sh, err := ix.lexShard(i)
	if err != nil {
		return nil, nil, i, err
	}
	return sh.W[w], sh, i, nil
}

// expand lists the stems prefix p expands to, from shard i (sh) of the
// lexicon: precomputed there when p's words run on past the shard.
func (ix *Index) expand(p string, sh *lexShard, i int) []stemDF {
	if i+1 < len(ix.M.Lexicon) && hasPrefix(ix.M.Lexicon[i+1], p) {
		return pairs(sh.T[p])
	}
	var cands []stemDF
	seen := map[string]bool{}
	for k, v := range sh.W {
		if k == p || !hasPrefix(k, p) {
			continue
		}
		for _, s := range pairs(v) {
			if !seen[s.stem] {
				seen[s.stem] = true
				cands = append(cands, s)
			}
		}
	}
	return mostFrequent(cands, ix.M.Expansions)
}

// mostFrequent sorts stems by document frequency, most frequent first,
// ties in UTF-16 order, and keeps the first n.
func mostFrequent(stems []stemDF, n int) []stemDF {
	sort.Slice(stems, func(a, b int) bool {
		if stems[a].df != stems[b].df {
			return stems[a].df > stems[b].df
		}
		return format.Compare16(stems[a].stem, stems[b].stem) < 0
	})
	if len(stems) > n {
		stems = stems[:n]
	}
	return stems
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

type stemDF struct {
	stem string
	df   int
}

// pairs reads a lexicon value [stem, df, stem, df, …].
func pairs(v []any) []stemDF {
	var out []stemDF
	for i := 0; i+1 < len(v); i += 2 {
		s, _ := v[i].(string)
		n, _ := v[i+1].(float64)
		out = append(out, stemDF{s, int(n)})
	}
	return out
}
