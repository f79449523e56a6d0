package search

import (
	"slices"

	"hubgen/internal/parallel"
)

// docTerms is one document's distinct tokens with their per-field counts.
type docTerms struct {
	raw []string
	tf  [][numFields]uint16
	ids []int32 // raw interned
}

// termInfo is the analysis of one distinct token.
type termInfo struct {
	surface string // folded token
	stem    string // folded analysed term, "" for a stop word
}

// posting is one document's frequencies of one stem, with the length codes
// of the fields it occurs in.
type posting struct {
	doc  int32
	tf   [numFields]uint16
	norm [numFields]uint8
}

// langData is the analysed content of one language.
type langData struct {
	docs     []*Doc
	stems    []string           // by stem id
	postings [][]posting        // by stem id, by document number
	surfaces map[string][]int32 // folded surface -> stem ids (empty for stop words)
	norms    [][numFields]uint8 // per document, per field: length code
	avglen   [numFields]float64 // per field: mean length of the documents that have it
}

// analyse tokenizes every document on all cores, analyses every distinct
// token once, and gathers the postings of every stem.
func analyse(docs []*Doc, a *analyzer) *langData {
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
						dt.tf = append(dt.tf, [numFields]uint16{})
					}
					if dt.tf[k][f] < 0xffff {
						dt.tf[k][f]++
					}
				})
			}
		}
	})
	// Intern the distinct tokens of the language, in document order.
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
	// Each distinct token is analysed exactly once.
	infos := make([]termInfo, len(raws))
	parallel.For(len(raws), func(i int) {
		infos[i].surface = Fold(raws[i])
		infos[i].stem, _ = a.term(raws[i])
		infos[i].stem = Fold(infos[i].stem)
	})
	ld := &langData{docs: docs, surfaces: map[string][]int32{}}
	stemID := map[string]int32{}
	rawStem := make([]int32, len(raws))
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
	// A word written without its diacritics ("zadania" for "żądania") may
	// be a word in its own right: its own analysis joins its stems when
	// that stem occurs on the site and is plausibly related to it (Stempel
	// turns some words into unrelated stubs, such as "pelny" into "c").
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
	// The stop words that do not occur count as known words too, so that a
	// query containing one is not treated as asking for an unknown word.
	for w := range a.stops {
		if f := Fold(w); f != "" {
			if _, ok := ld.surfaces[f]; !ok {
				ld.surfaces[f] = []int32{}
			}
		}
	}
	// Each document's field lengths (stop words left out) and length codes.
	table := normLengths()
	norms := make([][numFields]uint8, len(docs))
	lengths := make([][numFields]int, len(docs))
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
			norms[d][f] = uint8(normCode(&table, n))
		}
	})
	var total, have [numFields]int
	for d := range lengths {
		for f, n := range lengths[d] {
			if n > 0 {
				total[f] += table[norms[d][f]]
				have[f]++
			}
		}
	}
	for f := range ld.avglen {
		ld.avglen[f] = 1
		if have[f] > 0 && total[f] > 0 {
			ld.avglen[f] = float64(total[f]) / float64(have[f])
		}
	}
	// The final numbering, then every stem's postings in that order.
	order := docOrder(docs, norms)
	ld.docs = make([]*Doc, len(docs))
	ld.norms = make([][numFields]uint8, len(docs))
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
	return ld
}

// encodePostings writes a stem's postings column by column, which
// compresses better than posting by posting: the number of postings; each
// posting's gap from the previous document number (the first: the number
// itself); each posting's character of bits for the fields the stem occurs
// in; for each posting and each such field the frequency minus one; then,
// field by field, the length code (one character) of that field in each
// posting that has it. Documents of like length being numbered together,
// the body's length codes come in long runs.
func encodePostings(list []posting) string {
	b := make([]byte, 0, len(list)*4+2)
	b = appendVint(b, len(list))
	prev := int32(0)
	for i, p := range list {
		gap := p.doc - prev
		if i == 0 {
			gap = p.doc
		}
		prev = p.doc
		b = appendVint(b, int(gap))
	}
	for _, p := range list {
		mask := 0
		for f, n := range p.tf {
			if n > 0 {
				mask |= 1 << f
			}
		}
		b = append(b, alphabet[mask])
	}
	for _, p := range list {
		for _, n := range p.tf {
			if n > 0 {
				b = appendVint(b, int(n)-1)
			}
		}
	}
	for f := 0; f < numFields; f++ {
		for _, p := range list {
			if p.tf[f] > 0 {
				b = append(b, alphabet[p.norm[f]])
			}
		}
	}
	return string(b)
}
