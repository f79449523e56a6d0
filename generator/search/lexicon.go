package search

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"hubgen/generator/search/internal/format"
	"hubgen/internal/parallel"
)

// writeLexicon writes the lexicon shards l/<n>.json and returns the first
// word of each shard (the first is ""). A shard is
//
//	{"w":{"terroryzmu":["terroryzm",12],"i":[],…},"t":{"terr":["terroryzm",12,…],…}}
//
// "w" maps each folded word of the shard to its stems and their document
// frequencies (no stems: a stop word). "t" holds, for each prefix whose
// words run on past the shard, the stems a prefix search expands to, so
// that looking up a prefix never takes more than one shard.
func writeLexicon(files map[string][]byte, ld *langData, params Params, opts Options) []string {
	words := make([]string, 0, len(ld.surfaces))
	for w := range ld.surfaces {
		words = append(words, w)
	}
	slices.SortFunc(words, format.Compare16)
	entries := make([][]byte, len(words))
	parallel.For(len(words), func(i int) {
		stems := slices.Clone(ld.surfaces[words[i]])
		slices.SortFunc(stems, func(a, b int32) int { return format.Compare16(ld.stems[a], ld.stems[b]) })
		entries[i] = ld.appendStems(nil, words[i], stems)
	})
	firsts, bounds := cutLexicon(words, entries, opts.LexiconShardBytes)
	tops := spanningPrefixes(words, firsts, ld, params)
	for i := range firsts {
		b := []byte(`{"w":{`)
		for k := bounds[i]; k < bounds[i+1]; k++ {
			if k > bounds[i] {
				b = append(b, ',')
			}
			b = append(b, entries[k]...)
		}
		b = append(b, `},"t":{`...)
		prefixes := make([]string, 0, len(tops[i]))
		for p := range tops[i] {
			prefixes = append(prefixes, p)
		}
		slices.SortFunc(prefixes, format.Compare16)
		for k, p := range prefixes {
			if k > 0 {
				b = append(b, ',')
			}
			b = ld.appendStems(b, p, tops[i][p])
		}
		b = append(b, "}}"...)
		files[format.LexiconFile(i)] = b
	}
	return firsts
}

// appendStems appends a lexicon entry, "key":[stem,df,…], with the stems
// in the given order and their document frequencies.
func (ld *langData) appendStems(b []byte, key string, stems []int32) []byte {
	b = appendString(b, key)
	b = append(b, ':', '[')
	for i, s := range stems {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, ld.stems[s])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(ld.df[s]), 10)
	}
	return append(b, ']')
}

// cutLexicon cuts the sorted words, whose entries are given, into shards
// of about shardBytes. It returns the first word of each shard (the first
// is "", so that every word has a shard) and the index in words where
// each shard starts, with len(words) after the last.
func cutLexicon(words []string, entries [][]byte, shardBytes int) (firsts []string, bounds []int) {
	size := 0
	for i, w := range words {
		if i == 0 || size >= shardBytes {
			firsts = append(firsts, w)
			bounds = append(bounds, i)
			size = 0
		}
		size += len(entries[i]) + 1
	}
	if len(firsts) == 0 {
		firsts = []string{""}
		bounds = []int{0}
	}
	firsts[0] = ""
	return firsts, append(bounds, len(words))
}

// spanningPrefixes finds the prefixes (at least MinPrefix long) whose words
// run across a shard boundary and computes their expansions, kept in the
// shard where the prefix itself would be: tops[i] maps such prefixes of
// shard i to their stems.
func spanningPrefixes(words, firsts []string, ld *langData, params Params) []map[string][]int32 {
	tops := make([]map[string][]int32, len(firsts))
	for i := 1; i < len(firsts); i++ {
		f := firsts[i]
		for end := 1; end <= len(f); end++ {
			if end < len(f) && !utf8.RuneStart(f[end]) {
				continue
			}
			p := f[:end]
			if format.Len16(p) < params.MinPrefix {
				continue
			}
			i0 := format.ShardOf(firsts, p)
			if i0 == i && (i+1 >= len(firsts) || !strings.HasPrefix(firsts[i+1], p)) {
				continue
			}
			if tops[i0] == nil {
				tops[i0] = map[string][]int32{}
			}
			if _, done := tops[i0][p]; !done {
				tops[i0][p] = expansions(words, ld, p, params.Expansions)
			}
		}
	}
	return tops
}

// expansions are the stems the prefix p expands to: those of the words
// that start with p (p itself excluded), the n most frequent, ties in
// UTF-16 order.
func expansions(words []string, ld *langData, p string, n int) []int32 {
	start := sort.Search(len(words), func(i int) bool { return format.Compare16(words[i], p) >= 0 })
	seen := map[int32]bool{}
	var out []int32
	for _, w := range words[start:] {
		if !strings.HasPrefix(w, p) {
			break
		}
		if w == p {
			continue
		}
		for _, s := range ld.surfaces[w] {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	slices.SortFunc(out, func(a, b int32) int {
		if da, db := ld.df[a], ld.df[b]; da != db {
			return db - da
		}
		return format.Compare16(ld.stems[a], ld.stems[b])
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
