package search

import (
	"math"
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
// that make about PostingsShardBytes (three bytes a posting).
func writePostings(files map[string][]byte, ld *langData, params Params, opts Options) postingsLayout {
	sc := newScoring(ld, params)
	order := make([]int32, len(ld.stems))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return format.Compare16(ld.stems[a], ld.stems[b]) })
	encoded := make([][]byte, len(ld.stems))
	if ld.encoded != nil {
		copy(encoded, ld.encoded) // kept by Update
	}
	// Stems a goroutine takes at a time: few, as the first stems, met
	// first, are the most frequent.
	const chunk = 32
	scratch := make([][]byte, workers(len(ld.stems), chunk)) // per goroutine
	forChunks(len(ld.stems), chunk, func(w, lo, hi int) {
		var ends [chunk]int
		n := 0
		for s := lo; s < hi; s++ {
			n += 8 + 3*len(ld.postings[s]) // room for most lists at once
		}
		if ld.encoded != nil {
			// Update: encode only the stems it has no list of.
			for s := lo; s < hi; s++ {
				if encoded[s] == nil {
					list := ld.postings[s]
					encoded[s] = appendPostings(make([]byte, 0, 8+3*len(list)), list, ld.unpack(list), sc, opts.ImpactHead)
				}
			}
			return
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
			b = appendPostings(b, ld.postings[s], tfs, sc, opts.ImpactHead)
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
	bigDF := max(1, opts.PostingsShardBytes/3)
	small := 0
	for s, e := range encoded {
		if ld.df[s] < bigDF {
			small += len(e) + len(ld.stems[s]) + 6
		}
	}
	shards := shardCount(small, opts.PostingsShardBytes)
	groups := map[string][]int32{}
	var names []string
	for _, s := range order {
		name := format.PostingsFile(ld.stems[s], ld.df[s], bigDF, shards)
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
			at := make([]int, len(list))
			for k, s := range list {
				if k > 0 {
					b = append(b, ',')
				}
				b = appendString(b, ld.stems[s])
				// The digits of a list need no escaping.
				b = append(b, ':', '"')
				at[k] = len(b)
				b = append(b, encoded[s]...)
				b = append(b, '"')
			}
			out[i] = append(b, '}')
			// The lists the state keeps (ld.encoded) are the file's
			// bytes, not a second copy of them.
			for k, s := range list {
				end := at[k] + len(encoded[s])
				encoded[s] = out[i][at[k]:end:end]
			}
		}
	})
	for i, name := range names {
		files[name] = out[i]
	}
	ld.encoded = encoded // for the next build's Update
	return postingsLayout{shards: shards, bigDF: bigDF}
}

// unpack returns the counts of the postings of list.
func (ld *langData) unpack(list []posting) [][format.NumFields]uint16 {
	tfs := make([][format.NumFields]uint16, len(list))
	for i, p := range list {
		tfs[i] = p.tf.unpack(ld.big[p.doc])
	}
	return tfs
}

// shardCount is how many shared postings files hold small bytes of lists
// at about per bytes a file: small/per rounded to a power of 2^(1/4), so
// that one page edited, which moves small by a few bytes, almost never
// changes the count (every stem's file would change with it); files are
// then within about 10 % of per bytes on average.
func shardCount(small, per int) int {
	if small <= per {
		return 1
	}
	return int(math.Round(math.Exp2(math.Round(4*math.Log2(float64(small)/float64(per))) / 4)))
}

// appendPostings writes a stem's postings, whose counts are tfs, column
// by column, which compresses better than posting by posting: the number
// of postings; each posting's gap from the previous document number (the
// first: the number itself); then each posting's impact code
// (format.Impacts), the character of its BM25F pseudo-frequency
// Σ weight·tf / ((1-b) + b·length/average length) over the fields the stem
// occurs in.
// The query-side factors (the stem's document frequency, k1, a prefix's
// factor) are the client's. Storing the field counts and lengths instead
// made a common word's list two and a half times the bytes (gzip).
//
// A list longer than head keeps the codes of its head only, the postings
// of the highest codes (see headCut), and writes code 0 for the others,
// its tail, which all stand for one code, written once before the column:
// the median of theirs. A word found in most of the portal's pages is
// then a column of gaps of 1 and of zeros, a tenth of its bytes, while
// the pages it matters most in rank exactly; the tail ranks below them by
// that word, still found, counted and filtered.
func appendPostings(b []byte, list []posting, tfs [][format.NumFields]uint16, sc *scoring, head int) []byte {
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
	codes := make([]uint8, len(list))
	var count [64]int
	for i, p := range list {
		codes[i] = uint8(sc.code(p.doc, &tfs[i]))
		count[codes[i]]++
	}
	cut, tail := headCut(&count, len(list), head)
	if cut > 1 {
		b = append(b, format.Alphabet[tail])
	}
	for _, c := range codes {
		if int(c) < cut {
			c = 0
		}
		b = append(b, format.Alphabet[c])
	}
	return b
}

// headCut chooses, from the number of postings of each code (codes 1…63),
// the lowest code a list of n keeps as its own (1 when the whole list
// keeps its codes) and the code of the postings below it (their median,
// rounded down). The head is the postings of the head highest codes and
// of those tied with the last of them, unless the tie would more than
// double it; it is never empty.
func headCut(count *[64]int, n, head int) (cut, tail int) {
	if n <= head {
		return 1, 0
	}
	above := 0 // postings of codes above c
	for c := 63; c >= 1; c-- {
		if above+count[c] < head {
			above += count[c]
			continue
		}
		cut = c
		if above+count[c] > 2*head && above > 0 {
			cut = c + 1
		}
		break
	}
	if cut <= 1 {
		return 1, 0
	}
	below, half := 0, 0
	for c := 1; c < cut; c++ {
		below += count[c]
	}
	if below == 0 {
		return 1, 0
	}
	for c := 1; c < cut; c++ {
		half += count[c]
		if 2*half >= below {
			return cut, c
		}
	}
	return cut, cut - 1
}

// scoring is what a posting's impact code is worked out from.
type scoring struct {
	params  Params
	avglen  [format.NumFields]float64
	lengths [][format.NumFields]int32 // per document, per field
	impacts [64]int                   // format.Impacts
}

func newScoring(ld *langData, params Params) *scoring {
	return &scoring{params: params, avglen: ld.avglen, lengths: ld.lengths, impacts: format.Impacts()}
}

// code is the impact code of a posting in document doc with counts tf.
func (sc *scoring) code(doc int32, tf *[format.NumFields]uint16) int {
	b := sc.params.B
	t := 0.0
	for f, n := range tf {
		if n == 0 || f >= len(sc.params.Weights) {
			continue
		}
		norm := (1 - b) + b*float64(sc.lengths[doc][f])/sc.avglen[f]
		t += float64(sc.params.Weights[f]*int(n)) / norm
	}
	return max(1, format.ImpactCode(&sc.impacts, t)) // 0 marks a list's tail
}
