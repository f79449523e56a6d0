package search

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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
	slices.SortFunc(words, compare16)
	df := func(s int32) int { return len(ld.postings[s]) }
	entry := func(b []byte, w string) []byte {
		b = appendString(b, w)
		b = append(b, ':', '[')
		stems := slices.Clone(ld.surfaces[w])
		slices.SortFunc(stems, func(a, b int32) int { return compare16(ld.stems[a], ld.stems[b]) })
		for i, s := range stems {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, ld.stems[s])
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(df(s)), 10)
		}
		return append(b, ']')
	}

	// Cut the sorted words into shards of about LexiconShardBytes.
	entries := make([][]byte, len(words))
	parallel.For(len(words), func(i int) { entries[i] = entry(nil, words[i]) })
	var firsts []string
	var bounds []int // bounds[i] is the index in words where shard i starts
	size := 0
	for i, w := range words {
		if i == 0 || size >= opts.LexiconShardBytes {
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
	bounds = append(bounds, len(words))

	// Prefixes whose words span shards get their expansions precomputed in
	// the shard where the prefix itself would be.
	tops := make([]map[string][]int32, len(firsts))
	for i := 1; i < len(firsts); i++ {
		f := firsts[i]
		for end := 1; end <= len(f); end++ {
			if end < len(f) && !utf8.RuneStart(f[end]) {
				continue
			}
			p := f[:end]
			if len16(p) < params.MinPrefix {
				continue
			}
			i0 := shardOf(firsts, p)
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
		slices.SortFunc(prefixes, compare16)
		for k, p := range prefixes {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendString(b, p)
			b = append(b, ':', '[')
			for j, s := range tops[i][p] {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, ld.stems[s])
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(df(s)), 10)
			}
			b = append(b, ']')
		}
		b = append(b, "}}"...)
		files[fmt.Sprintf("l/%d.json", i)] = b
	}
	return firsts
}

// shardOf is the shard whose range holds word: the last whose first word
// is not after it.
func shardOf(firsts []string, word string) int {
	i := sort.Search(len(firsts), func(i int) bool { return compare16(firsts[i], word) > 0 })
	return max(i-1, 0)
}

// expansions are the stems the prefix p expands to: those of the words
// that start with p (p itself excluded), the n most frequent, ties in
// UTF-16 order.
func expansions(words []string, ld *langData, p string, n int) []int32 {
	start := sort.Search(len(words), func(i int) bool { return compare16(words[i], p) >= 0 })
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
		if da, db := len(ld.postings[a]), len(ld.postings[b]); da != db {
			return db - da
		}
		return compare16(ld.stems[a], ld.stems[b])
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// writeDocs writes the document store d/<n>.json: documents n·D to n·D+D-1,
// each [title, url, date, [topic numbers], summary, text], date as
// YYYY-MM-DD or "", text the start of the body for snippets.
func writeDocs(files map[string][]byte, ld *langData, opts Options) {
	topicNo := map[string]int{}
	for i, t := range topicNames(ld.docs) {
		topicNo[t] = i
	}
	for start := 0; start < len(ld.docs); start += opts.DocsPerShard {
		b := []byte{'['}
		for i := start; i < len(ld.docs) && i < start+opts.DocsPerShard; i++ {
			d := ld.docs[i]
			if i > start {
				b = append(b, ',', '\n')
			}
			b = append(b, '[')
			b = appendString(b, d.Title)
			b = append(b, ',')
			b = appendString(b, d.URL)
			b = append(b, ',')
			date := ""
			if !d.Date.IsZero() {
				date = d.Date.Format("2006-01-02")
			}
			b = appendString(b, date)
			b = append(b, ',')
			b = appendInts(b, docTopics(d, topicNo))
			b = append(b, ',')
			b = appendString(b, d.Summary)
			b = append(b, ',')
			b = appendString(b, truncateWords(d.Body, opts.SnippetBytes))
			b = append(b, ']')
		}
		b = append(b, ']', '\n')
		files[fmt.Sprintf("d/%d.json", start/opts.DocsPerShard)] = b
	}
}

func docTopics(d *Doc, topicNo map[string]int) []int {
	out := []int{}
	for _, t := range d.Topics {
		if n, ok := topicNo[t]; ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// writeFacets writes facets.json: {"topics":"…"}, for every document in
// order its topics as a bit set of ⌈topics/6⌉ characters of six bits.
// (A document's kind and year follow from its number and the manifest.)
func writeFacets(files map[string][]byte, ld *langData, topics []string) {
	topicNo := map[string]int{}
	for i, t := range topics {
		topicNo[t] = i
	}
	width := (len(topics) + 5) / 6
	masks := make([]byte, 0, width*len(ld.docs))
	for _, d := range ld.docs {
		masks = appendMask(masks, docTopics(d, topicNo), width)
	}
	b := []byte(`{"width":`)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, `,"topics":`...)
	b = appendString(b, string(masks))
	b = append(b, '}', '\n')
	files["facets.json"] = b
}
