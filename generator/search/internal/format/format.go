// Package format holds what the index writer (package search) and the
// reference ranker (package search/ranker) agree on besides the JSON they
// exchange: the format version, the names of the index's files, the order
// of the indexed fields, how numbers and impact codes are written, and the
// UTF-16 order and hash the browser client uses. The client
// (static/js/search-core.js) has its own copy of each definition.
package format

import (
	"fmt"
	"sort"
)

// Version is written to every manifest; the client and the reference
// ranker refuse an index of another version.
const Version = 4

// The files of a language's index, relative to its directory search/<lang>/.
const (
	ManifestFile = "manifest.json"
	FacetsFile   = "facets.json"
	// RulesFile holds the suffix rules for forms no page uses, read only
	// when a query has such a word: [[from, to], …].
	RulesFile = "rules.json"
)

// LexiconFile is the name of lexicon shard n.
func LexiconFile(n int) string { return fmt.Sprintf("l/%d.json", n) }

// PassagesFile is the name of passage-store file n: the lines of
// documents n·P … n·P+P-1 (P the manifest's docsPerPassageFile), read with
// range requests.
func PassagesFile(n int) string { return fmt.Sprintf("passages/%d.jsonl", n) }

// DocsFile is the name of document-store shard n.
func DocsFile(n int) string { return fmt.Sprintf("d/%d.json", n) }

// PostingsFile is the file that holds a stem's postings: a stem found in
// bigDF documents or more has a file of its own, p/x<hash>.json (stems
// whose hashes collide share it); the others are spread over shards
// p/<hash mod shards>.json. The client knows a stem's document frequency
// from the lexicon, so it needs no table of where stems are.
func PostingsFile(stem string, df, bigDF, shards int) string {
	h := Hash16(stem)
	if df >= bigDF {
		return fmt.Sprintf("p/x%08x.json", h)
	}
	return fmt.Sprintf("p/%d.json", h%uint32(shards))
}

// ShardOf is the lexicon shard whose range holds word, given the first word
// of every shard (the manifest's "lexicon"): the last whose first word is
// not after it.
func ShardOf(firsts []string, word string) int {
	i := sort.Search(len(firsts), func(i int) bool { return Compare16(firsts[i], word) > 0 })
	return max(i-1, 0)
}

// The indexed fields, in the order of Params.Weights and of a document's
// counts and lengths.
const (
	FieldTitle = iota
	FieldSummary
	FieldBody
	FieldTopics
	FieldAct
	NumFields
)
