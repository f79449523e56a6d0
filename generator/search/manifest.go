package search

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"

	"hubgen/generator/search/internal/format"
)

// Params are the ranking parameters. K1 and those of prefixes and
// fallbacks are the manifest's, which the client and the reference ranker
// read; B and Weights (in format's field order) make the postings' impact
// codes at build time.
type Params struct {
	K1, B        float64
	Weights      []int   // per field, multiplying its term frequency
	MinPrefix    int     // the last query word is also a prefix when at least this long (UTF-16 units)
	Expansions   int     // at most this many stems a prefix expands to
	PrefixFactor float64 // scores of expanded stems are multiplied by this
	FallbackCut  int     // an unknown word is retried without up to this many last characters…
	FallbackMin  int     // …keeping at least this many
}

// DefaultParams are the ranking parameters of every index Build writes.
func DefaultParams() Params {
	return Params{
		K1: 1.2, B: 0.75,
		Weights:   []int{6, 2, 1, 3, 4},
		MinPrefix: 3, Expansions: 5, PrefixFactor: 0.5,
		FallbackCut: 3, FallbackMin: 4,
	}
}

// manifest is what a language's manifest.json says besides its version.
type manifest struct {
	lang     string
	ld       *langData
	params   Params
	opts     Options
	topics   []string // the topic names the document store and facets number
	lexicon  []string // the first word of each lexicon shard
	postings postingsLayout
}

// writeManifest writes manifest.json once every other file of the
// language is in files: its version is a hash of them all, which the
// client adds to shard URLs so that a browser never mixes shards of two
// builds.
func writeManifest(files map[string][]byte, m manifest) {
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

	ld, params := m.ld, m.params
	b := []byte{'{'}
	b = appendKey(b, "format", true)
	b = strconv.AppendInt(b, format.Version, 10)
	b = appendKey(b, "lang", false)
	b = appendString(b, m.lang)
	b = appendKey(b, "version", false)
	b = appendString(b, version)
	b = appendKey(b, "docs", false)
	b = strconv.AppendInt(b, int64(len(ld.docs)), 10)
	b = appendKey(b, "k1", false)
	b = appendFloat(b, params.K1)
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
	b = strconv.AppendInt(b, int64(m.opts.DocsPerShard), 10)
	b = appendKey(b, "docsPerPassageFile", false)
	b = strconv.AppendInt(b, int64(m.opts.DocsPerPassageFile), 10)
	b = appendKey(b, "kinds", false)
	b = appendKinds(b, ld.docs)
	b = appendKey(b, "topics", false)
	b = appendStrings(b, m.topics)
	b = appendKey(b, "lexicon", false)
	b = appendStrings(b, m.lexicon)
	b = appendKey(b, "postingShards", false)
	b = strconv.AppendInt(b, int64(m.postings.shards), 10)
	b = appendKey(b, "bigDF", false)
	b = strconv.AppendInt(b, int64(m.postings.bigDF), 10)
	b = append(b, '}', '\n')
	files[format.ManifestFile] = b
}

// appendKinds writes the document ranges of each kind and, within a kind,
// of each year (documents are numbered by kind, then year, newest first; 0 is
// the year of undated documents): [["<kind>",120,[[2025,40],[2024,80]]],…].
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
