package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"hubgen/internal/parallel"
)

// postingsFile is the file that holds a stem's postings: a stem found in
// bigDF documents or more has a file of its own, p/x<hash>.json (stems
// whose hashes collide share it); the others are spread over shards
// p/<hash mod shards>.json. The client knows a stem's document frequency
// from the lexicon, so it needs no table of where stems are.
func postingsFile(stem string, df, bigDF, shards int) string {
	h := hash16(stem)
	if df >= bigDF {
		return fmt.Sprintf("p/x%08x.json", h)
	}
	return fmt.Sprintf("p/%d.json", h%uint32(shards))
}

// writeLang lays out one language's index files.
func writeLang(lang string, ld *langData, opts Options) map[string][]byte {
	files := map[string][]byte{}
	params := DefaultParams()

	// Stems in UTF-16 order, their postings encoded on all cores.
	order := make([]int32, len(ld.stems))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compare16(ld.stems[a], ld.stems[b]) })
	encoded := make([]string, len(ld.stems))
	parallel.For(len(order), func(i int) { encoded[order[i]] = encodePostings(ld.postings[order[i]]) })
	bigDF := max(1, opts.PostingsShardBytes/8)
	small := 0
	for s, e := range encoded {
		if len(ld.postings[s]) < bigDF {
			small += len(e) + len(ld.stems[s]) + 6
		}
	}
	shards := max(1, (small+opts.PostingsShardBytes/2)/opts.PostingsShardBytes)
	groups := map[string][]int32{}
	for _, s := range order {
		name := postingsFile(ld.stems[s], len(ld.postings[s]), bigDF, shards)
		groups[name] = append(groups[name], s)
	}
	for name, list := range groups {
		b := []byte{'{'}
		for i, s := range list {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, ld.stems[s])
			b = append(b, ':')
			b = appendString(b, encoded[s])
		}
		files[name] = append(b, '}')
	}

	lexFirst := writeLexicon(files, ld, params, opts)
	writeDocs(files, ld, opts)
	topics := topicNames(ld.docs)
	writeFacets(files, ld, topics)

	// The version is a hash of every other file: the client adds it to
	// shard URLs so that a browser never mixes shards of two builds.
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
		h.Write([]byte{0})
	}
	version := hex.EncodeToString(h.Sum(nil))[:12]

	b := []byte{'{'}
	b = appendKey(b, "format", true)
	b = strconv.AppendInt(b, FormatVersion, 10)
	b = appendKey(b, "lang", false)
	b = appendString(b, lang)
	b = appendKey(b, "version", false)
	b = appendString(b, version)
	b = appendKey(b, "docs", false)
	b = strconv.AppendInt(b, int64(len(ld.docs)), 10)
	b = appendKey(b, "avglen", false)
	b = append(b, '[')
	for f, v := range ld.avglen {
		if f > 0 {
			b = append(b, ',')
		}
		b = appendFloat(b, v)
	}
	b = append(b, ']')
	b = appendKey(b, "k1", false)
	b = appendFloat(b, params.K1)
	b = appendKey(b, "b", false)
	b = appendFloat(b, params.B)
	b = appendKey(b, "fields", false)
	b = appendStrings(b, params.Fields)
	b = appendKey(b, "weights", false)
	b = appendInts(b, params.Weights)
	b = appendKey(b, "minPrefix", false)
	b = strconv.AppendInt(b, int64(params.MinPrefix), 10)
	b = appendKey(b, "expansions", false)
	b = strconv.AppendInt(b, int64(params.Expansions), 10)
	b = appendKey(b, "prefixFactor", false)
	b = appendFloat(b, params.PrefixFactor)
	b = appendKey(b, "fallbackCut", false)
	b = strconv.AppendInt(b, int64(params.FallbackCut), 10)
	b = appendKey(b, "fallbackMin", false)
	b = strconv.AppendInt(b, int64(params.FallbackMin), 10)
	b = appendKey(b, "docsPerShard", false)
	b = strconv.AppendInt(b, int64(opts.DocsPerShard), 10)
	b = appendKey(b, "kinds", false)
	b = appendKinds(b, ld.docs)
	b = appendKey(b, "topics", false)
	b = appendStrings(b, topics)
	b = appendKey(b, "lexicon", false)
	b = appendStrings(b, lexFirst)
	b = appendKey(b, "postingShards", false)
	b = strconv.AppendInt(b, int64(shards), 10)
	b = appendKey(b, "bigDF", false)
	b = strconv.AppendInt(b, int64(bigDF), 10)
	b = append(b, '}', '\n')
	files["manifest.json"] = b
	return files
}

// appendKinds writes the document ranges of each kind and, within a kind,
// of each year (documents are numbered by kind, then year, newest first; 0 is
// the year of undated documents): [["news",120,[[2025,40],[2024,80]]],…].
func appendKinds(b []byte, docs []*Doc) []byte {
	b = append(b, '[')
	for i := 0; i < len(docs); {
		j := i
		for j < len(docs) && docs[j].Kind == docs[i].Kind {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, docs[i].Kind)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(j-i), 10)
		b = append(b, ",["...)
		for k := i; k < j; {
			y := year(docs[k])
			m := k
			for m < j && year(docs[m]) == y {
				m++
			}
			if k > i {
				b = append(b, ',')
			}
			b = appendInts(b, []int{y, m - k})
			k = m
		}
		b = append(b, "]]"...)
		i = j
	}
	return append(b, ']')
}

func year(d *Doc) int {
	if d.Date.IsZero() {
		return 0
	}
	return d.Date.Year()
}

// topicNames lists the distinct topic names of docs, sorted.
func topicNames(docs []*Doc) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		for _, t := range d.Topics {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	slices.SortFunc(out, compare16)
	return out
}
