package search

import (
	"slices"
	"sort"
	"strings"

	"hubgen/generator/search/internal/format"
	"hubgen/internal/parallel"
)

// langData is the analysed content of one language: what its index files
// are written from.
type langData struct {
	docs     []*Doc
	stems    []string                  // by stem id
	postings [][]posting               // by stem id, by document number
	surfaces map[string][]int32        // folded surface -> stem ids (empty for stop words)
	norms    [][format.NumFields]uint8 // per document, per field: length code
	avglen   [format.NumFields]float64 // per field: mean length of the documents that have it
}

// docTerms is one document's distinct tokens with their per-field counts.
type docTerms struct {
	raw []string
	tf  [][format.NumFields]uint16
	ids []int32 // raw interned
}

// termInfo is the analysis of one distinct token.
type termInfo struct {
	surface string // folded token
	stem    string // folded analysed term, "" for a stop word
}

// analyse turns one language's documents, sorted by kind and date, into
// the data its index is written from: it splits every field into words,
// analyses every distinct word once, collects the surface forms the
// lexicon maps to stems, computes the length codes, numbers the documents
// and gathers the postings of every stem. The heavy steps run on all cores.
func analyse(docs []*Doc, a *analyzer) *langData {
	terms := countTokens(docs)
	raws := internTokens(terms)
	ld := &langData{docs: docs, surfaces: map[string][]int32{}}
	stemID, rawStem := ld.collectSurfaces(stemTokens(raws, a))
	ld.addUnaccented(a, stemID)
	ld.addStopWords(a)
	norms, avglen := fieldNorms(terms, rawStem)
	ld.avglen = avglen
	ld.gatherPostings(docs, docOrder(docs, norms), terms, rawStem, norms)
	return ld
}

// fieldTexts are the texts of a document's indexed fields.
func fieldTexts(d *Doc) [format.NumFields]string {
	act := strings.TrimSpace(d.ActType + " " + d.ActNumber)
	return [format.NumFields]string{d.Title, d.Summary, d.Body, strings.Join(d.Topics, ". "), act}
}

// countTokens splits every indexed field of every document into words (see
// Tokenize), on all cores, and counts each document's distinct words per
// field.
func countTokens(docs []*Doc) []docTerms {
	terms := make([]docTerms, len(docs))
	const chunk = 32 // documents per task, sharing one map
	parallel.For((len(docs)+chunk-1)/chunk, func(c int) {
		idx := map[string]int{}
		for i := c * chunk; i < len(docs) && i < (c+1)*chunk; i++ {
			clear(idx)
			dt := &terms[i]
			for f, text := range fieldTexts(docs[i]) {
				words(text, func(w string) {
					k, ok := idx[w]
					if !ok {
						k = len(dt.raw)
						idx[w] = k
						dt.raw = append(dt.raw, w)
						dt.tf = append(dt.tf, [format.NumFields]uint16{})
					}
					if dt.tf[k][f] < 0xffff {
						dt.tf[k][f]++
					}
				})
			}
		}
	})
	return terms
}

// internTokens numbers the distinct words of the language in document
// order, replaces each document's words by their numbers (ids) and returns
// the words by number.
func internTokens(terms []docTerms) []string {
	rawID := map[string]int32{}
	var raws []string
	for i := range terms {
		dt := &terms[i]
		dt.ids = make([]int32, len(dt.raw))
		for k, r := range dt.raw {
			id, ok := rawID[r]
			if !ok {
				id = int32(len(raws))
				rawID[r] = id
				raws = append(raws, r)
			}
			dt.ids[k] = id
		}
		dt.raw = nil
	}
	return raws
}

// stemTokens analyses each distinct word exactly once, on all cores: its
// folded surface form and its folded stem ("" for a stop word).
func stemTokens(raws []string, a *analyzer) []termInfo {
	infos := make([]termInfo, len(raws))
	parallel.For(len(raws), func(i int) {
		infos[i].surface = Fold(raws[i])
		infos[i].stem, _ = a.term(raws[i])
		infos[i].stem = Fold(infos[i].stem)
	})
	return infos
}

// collectSurfaces numbers the stems in the order of the words they come
// from and maps every folded surface form to its stems (none for a stop
// word). It returns the stems' numbers and each word's stem (-1 for a stop
// word).
func (ld *langData) collectSurfaces(infos []termInfo) (stemID map[string]int32, rawStem []int32) {
	stemID = map[string]int32{}
	rawStem = make([]int32, len(infos))
	for i, in := range infos {
		rawStem[i] = -1
		if in.stem != "" {
			id, ok := stemID[in.stem]
			if !ok {
				id = int32(len(ld.stems))
				stemID[in.stem] = id
				ld.stems = append(ld.stems, in.stem)
			}
			rawStem[i] = id
		}
		list, seen := ld.surfaces[in.surface]
		if !seen {
			list = []int32{}
		}
		if rawStem[i] >= 0 && !slices.Contains(list, rawStem[i]) {
			list = append(list, rawStem[i])
		}
		ld.surfaces[in.surface] = list
	}
	return stemID, rawStem
}

// addUnaccented gives a surface form the stem of its own analysis too: a
// word written without its diacritics ("zadania" for "żądania") may be a
// word in its own right, whose stem joins when it occurs on the site and
// is plausibly related to the word (Stempel turns some words into
// unrelated stubs, such as "pelny" into "c").
func (ld *langData) addUnaccented(a *analyzer, stemID map[string]int32) {
	folded := make([]string, 0, len(ld.surfaces))
	for f, list := range ld.surfaces {
		if len(list) > 0 {
			folded = append(folded, f)
		}
	}
	alt := make([]string, len(folded))
	parallel.For(len(folded), func(i int) {
		if t, ok := a.term(folded[i]); ok && Plausible(folded[i], Fold(t)) {
			alt[i] = Fold(t)
		}
	})
	for i, f := range folded {
		if id, ok := stemID[alt[i]]; ok && alt[i] != "" && !slices.Contains(ld.surfaces[f], id) {
			ld.surfaces[f] = append(ld.surfaces[f], id)
		}
	}
}

// addStopWords adds the stop words that do not occur as known words without
// stems, so that a query containing one is not treated as asking for an
// unknown word.
func (ld *langData) addStopWords(a *analyzer) {
	for w := range a.stops {
		if f := Fold(w); f != "" {
			if _, ok := ld.surfaces[f]; !ok {
				ld.surfaces[f] = []int32{}
			}
		}
	}
}

// fieldNorms computes each document's field lengths (stop words left out)
// as length codes, and each field's average length (of the lengths the
// codes stand for) over the documents that have the field; 1 where none
// has it.
func fieldNorms(terms []docTerms, rawStem []int32) (norms [][format.NumFields]uint8, avglen [format.NumFields]float64) {
	table := format.NormLengths()
	norms = make([][format.NumFields]uint8, len(terms))
	lengths := make([][format.NumFields]int, len(terms))
	parallel.For(len(terms), func(d int) {
		dt := &terms[d]
		for k, rid := range dt.ids {
			if rawStem[rid] >= 0 {
				for f, n := range dt.tf[k] {
					lengths[d][f] += int(n)
				}
			}
		}
		for f, n := range lengths[d] {
			norms[d][f] = uint8(format.NormCode(&table, n))
		}
	})
	var total, have [format.NumFields]int
	for d := range lengths {
		for f, n := range lengths[d] {
			if n > 0 {
				total[f] += table[norms[d][f]]
				have[f]++
			}
		}
	}
	for f := range avglen {
		avglen[f] = 1
		if have[f] > 0 && total[f] > 0 {
			avglen[f] = float64(total[f]) / float64(have[f])
		}
	}
	return norms, avglen
}

// docOrder numbers the documents (given sorted by kind, then year, newest
// first, then date and URL): within a kind and year, shorter bodies first.
// Kinds and years stay ranges of document numbers, and documents of like
// length sit together, so that the length codes in postings come in runs
// that compress well. order[n] is the index in docs of document n.
func docOrder(docs []*Doc, norms [][format.NumFields]uint8) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		da, db := docs[a], docs[b]
		if da.Kind != db.Kind || year(da) != year(db) {
			return a < b // the given order already sorts by these
		}
		if na, nb := norms[a][format.FieldBody], norms[b][format.FieldBody]; na != nb {
			return na < nb
		}
		return a < b
	})
	return order
}

// gatherPostings puts the documents in their final numbering (order[n] is
// the index in docs of document n) and gathers every stem's postings in
// that order, dropping the per-document counts as it goes.
func (ld *langData) gatherPostings(docs []*Doc, order []int, terms []docTerms, rawStem []int32, norms [][format.NumFields]uint8) {
	ld.docs = make([]*Doc, len(docs))
	ld.norms = make([][format.NumFields]uint8, len(docs))
	ld.postings = make([][]posting, len(ld.stems))
	local := map[int32]int{}
	var buf []posting
	for id, d := range order {
		ld.docs[id], ld.norms[id] = docs[d], norms[d]
		dt := &terms[d]
		clear(local)
		buf = buf[:0]
		for k, rid := range dt.ids {
			s := rawStem[rid]
			if s < 0 {
				continue
			}
			j, ok := local[s]
			if !ok {
				j = len(buf)
				local[s] = j
				buf = append(buf, posting{doc: int32(id), norm: norms[d]})
			}
			for f, n := range dt.tf[k] {
				buf[j].tf[f] = uint16(min(int(buf[j].tf[f])+int(n), 0xffff))
			}
		}
		for s, j := range local {
			ld.postings[s] = append(ld.postings[s], buf[j])
		}
		terms[d] = docTerms{}
	}
}
