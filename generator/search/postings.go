package search

import (
	"slices"

	"hubgen/generator/search/internal/format"
)

// posting is one document's frequencies of one stem (see freqs; the
// document's big counts are langData.big[doc]).
type posting struct {
	doc int32
	tf  freqs
}

// postingsLayout is how the postings are spread over files (see
// format.PostingsFile); the manifest tells the client.
type postingsLayout struct {
	shards int // the shared files p/<n>.json
	bigDF  int // a stem found in this many documents or more has a file of its own
}

// writePostings encodes every stem's postings on all cores and writes the
// postings files p/…json, each {stem: list, …} with the stems in UTF-16
// order. Stems found in fewer than bigDF documents share about one file
// per PostingsShardBytes of their lists; bigDF is the number of postings
// that make about PostingsShardBytes (eight bytes a posting).
func writePostings(files map[string][]byte, ld *langData, opts Options) postingsLayout {
	order := make([]int32, len(ld.stems))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return format.Compare16(ld.stems[a], ld.stems[b]) })
	encoded := make([][]byte, len(ld.stems))
	// Stems a goroutine takes at a time: few, as the first stems, met
	// first, are the most frequent.
	const chunk = 32
	scratch := make([][]byte, workers(len(ld.stems), chunk)) // per goroutine
	forChunks(len(ld.stems), chunk, func(w, lo, hi int) {
		var ends [chunk]int
		n := 0
		for s := lo; s < hi; s++ {
			n += 8 + 6*len(ld.postings[s]) // room for most lists at once
		}
		if cap(scratch[w]) < n {
			scratch[w] = make([]byte, 0, n)
		}
		b := scratch[w][:0]
		var tfs [][format.NumFields]uint16
		for s := lo; s < hi; s++ {
			tfs = tfs[:0]
			for _, p := range ld.postings[s] {
				tfs = append(tfs, p.tf.unpack(ld.big[p.doc]))
			}
			b = appendPostings(b, ld.postings[s], tfs, ld.norms)
			ends[s-lo] = len(b)
		}
		scratch[w] = b
		// One allocation for the lists of the chunk's stems.
		b = slices.Clone(b)
		start := 0
		for s := lo; s < hi; s++ {
			encoded[s] = b[start:ends[s-lo]:ends[s-lo]]
			start = ends[s-lo]
		}
	})
	bigDF := max(1, opts.PostingsShardBytes/8)
	small := 0
	for s, e := range encoded {
		if len(ld.postings[s]) < bigDF {
			small += len(e) + len(ld.stems[s]) + 6
		}
	}
	shards := max(1, (small+opts.PostingsShardBytes/2)/opts.PostingsShardBytes)
	groups := map[string][]int32{}
	var names []string
	for _, s := range order {
		name := format.PostingsFile(ld.stems[s], len(ld.postings[s]), bigDF, shards)
		if _, ok := groups[name]; !ok {
			names = append(names, name)
		}
		groups[name] = append(groups[name], s)
	}
	out := make([][]byte, len(names))
	forChunks(len(names), 16, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			list := groups[names[i]]
			size := 2
			for _, s := range list {
				size += len(ld.stems[s]) + len(encoded[s]) + 8
			}
			b := make([]byte, 1, size)
			b[0] = '{'
			for k, s := range list {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendString(b, ld.stems[s])
				// The digits of a list need no escaping.
				b = append(b, ':', '"')
				b = append(b, encoded[s]...)
				b = append(b, '"')
			}
			out[i] = append(b, '}')
		}
	})
	for i, name := range names {
		files[name] = out[i]
	}
	return postingsLayout{shards: shards, bigDF: bigDF}
}

// appendPostings writes a stem's postings, whose counts are tfs, column
// by column, which compresses better than posting by posting: the number
// of postings; each posting's gap from the previous document number (the
// first: the number itself); each posting's character of bits for the
// fields the stem occurs in; for each posting and each such field the
// frequency minus one; then, field by field, the length code (one
// character, from norms, by document) of that field in each posting that
// has it. Documents of like length being numbered together, the body's
// length codes come in long runs.
func appendPostings(b []byte, list []posting, tfs [][format.NumFields]uint16, norms [][format.NumFields]uint8) []byte {
	b = format.AppendVint(b, len(list))
	prev := int32(0)
	for i, p := range list {
		gap := p.doc - prev
		if i == 0 {
			gap = p.doc
		}
		prev = p.doc
		b = format.AppendVint(b, int(gap))
	}
	for _, tf := range tfs {
		mask := 0
		for f, n := range tf {
			if n > 0 {
				mask |= 1 << f
			}
		}
		b = append(b, format.Alphabet[mask])
	}
	for _, tf := range tfs {
		for _, n := range tf {
			if n > 0 {
				b = format.AppendVint(b, int(n)-1)
			}
		}
	}
	for f := 0; f < format.NumFields; f++ {
		for i, p := range list {
			if tfs[i][f] > 0 {
				b = append(b, format.Alphabet[norms[p.doc][f]])
			}
		}
	}
	return b
}
