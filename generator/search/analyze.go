package search

import (
	"math"
	"slices"
	"sort"
	"sync"

	"hubgen/generator/search/internal/format"
)

// langData is the analysed content of one language: what its index files
// are written from.
type langData struct {
	docs     []*Doc
	stems    []string                     // by stem id
	postings [][]posting                  // by stem id, by document number
	surfaces map[string][]int32           // folded surface -> stem ids (empty for stop words); stems are keys too (addStemKeys)
	rules    [][2]string                  // suffix rules for forms no page uses (suffixRules)
	lengths  [][format.NumFields]int32    // per document, per field: its length in words
	big      [][][format.NumFields]uint16 // per document: the counts its postings' freqs do not hold
	avglen   [format.NumFields]float64    // per field: mean length of the documents that have it
	df       []int                        // by stem id: its document frequency (len(postings[s]) once gathered)
	// encoded holds, by stem id, the postings lists an update (Update)
	// kept as the last build wrote them (nil: encode postings[s]).
	encoded [][]byte
	kept    [][]byte // by stem id: the postings of those lists, as the last state has them
	// plain tells, by document number, the documents indexed from their
	// text, not a Bag, which the state keeps a copy of (nil: those
	// without a Bag; Update's documents may have had their bags left
	// unread).
	plain []bool
	// words are the distinct words of the documents with their analysis
	// and their document frequencies (wordDF), and alt each folded surface
	// form's own stem as addUnaccented found it ("" for none): what the
	// next build's Update starts from.
	words  []*vocabWord
	wordDF []int32
	alt    map[string]string
}

// docTerms is one document's distinct stems with their per-field counts:
// stem ids[k] occurs tf[k].unpack(big)[f] times in field f, counts
// stopping at 0xffff.
type docTerms struct {
	ids []int32
	tf  []freqs
	big [][format.NumFields]uint16
}

// analyse turns one language's documents, sorted by kind and date, into
// the data its index is written from: it splits every field into words,
// analyses every distinct word once, counts each document's stems and
// computes its fields' lengths (all on all cores, in one pass over the
// documents), collects the surface forms the lexicon maps to stems,
// numbers the documents and gathers the postings of every stem.
//
// Stems are numbered in the order the goroutines happen to meet them: no
// file depends on their numbers, only on the stems themselves.
func analyse(docs []*Doc, st *Stems) *langData {
	v := newVocabulary(st)
	terms, lengths, df := countStems(docs, v)
	ld := &langData{docs: docs, stems: v.stems, words: v.list, wordDF: v.df}
	ld.avglen = averageLengths(lengths)
	ld.gatherPostings(docs, docOrder(docs, lengths), terms, lengths, df)
	ld.lexicon(st.a, v.stemID, nil)
	return ld
}

// lexicon maps the words' folded surface forms to stems (the lexicon's
// keys), after the postings are gathered, and learns the suffix rules.
// known holds the own stems of surface forms analysed by an earlier
// build (langData.alt), which are not analysed again.
func (ld *langData) lexicon(a *analyzer, stemID map[string]int32, known map[string]string) {
	ld.surfaces = map[string][]int32{}
	own := ld.collectSurfaces(ld.words)
	ld.addUnaccented(a, stemID, own, known)
	ld.addStopWords(a)
	ld.rules = ld.suffixRules() // from the forms of the site alone
	ld.addStemKeys()
}

// vocabulary is the distinct words of one language, shared by the
// goroutines that count them: a goroutine asks for the stem of each word
// it has not met before, and the first to ask analyses the word, once for
// the whole build.
type vocabulary struct {
	st     *Stems     // each word's analysis
	mu     sync.Mutex // guards what follows
	words  map[string]*vocabWord
	list   []*vocabWord     // in the order they were met
	stemID map[string]int32 // folded stem -> stem id
	stems  []string         // by stem id
	df     []int32          // by index in list: in how many documents the word occurs (countStems)
}

// vocabWord is one distinct word and its analysis.
type vocabWord struct {
	once    sync.Once
	index   int32 // in vocabulary.list
	word    string
	surface string // folded
	stem    int32  // stem id, -1 for a stop word
}

func newVocabulary(st *Stems) *vocabulary {
	return &vocabulary{st: st, words: map[string]*vocabWord{}, stemID: map[string]int32{}}
}

// word is w with its stem id (-1 for a stop word), analysing w if no one
// has.
func (v *vocabulary) word(w string) *vocabWord {
	v.mu.Lock()
	e := v.words[w]
	if e == nil {
		e = &vocabWord{word: w, index: int32(len(v.list))}
		v.words[w] = e
		v.list = append(v.list, e)
	}
	v.mu.Unlock()
	e.once.Do(func() {
		e.surface = Fold(w)
		e.stem = v.stemNumber(v.st.of(w).stem)
	})
	return e
}

// stemNumber numbers the folded stem s, -1 for "" (a stop word).
func (v *vocabulary) stemNumber(s string) int32 {
	if s == "" {
		return -1
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	id, ok := v.stemID[s]
	if !ok {
		id = int32(len(v.stems))
		v.stemID[s] = id
		v.stems = append(v.stems, s)
	}
	return id
}

// fieldParts calls fn with each field of d and the texts it is made of.
// The topics and the act's type and number are split into words one by
// one: as they would be joined by separators, without joining them.
func fieldParts(d *Doc, fn func(field int, text string)) {
	fn(format.FieldTitle, d.Title)
	fn(format.FieldSummary, d.Summary)
	fn(format.FieldBody, d.Body)
	for _, t := range d.Topics {
		fn(format.FieldTopics, t)
	}
	fn(format.FieldAct, d.ActType)
	fn(format.FieldAct, d.ActNumber)
}

// stemCounter counts the stems of the documents one goroutine of
// countStems handles. Its words are numbered in the order it meets them
// (local ids), and each is looked up in the shared vocabulary once.
type stemCounter struct {
	v      *vocabulary
	words  wordIDs      // the words met, numbered
	inDoc  []inDoc      // by local id: where the word is in the current document's lists
	stemOf []int32      // by local id: its stem id, -1 for a stop word
	vocab  []*vocabWord // by local id: the word in the vocabulary
	wordDF []int32      // by local id: in how many of the documents counted it occurs
	doc    int32        // the current document, counted from 1
	// The current document's words (local ids) and their counts.
	ids []int32
	tf  [][format.NumFields]uint16
	// By stem id: the last document (doc) it occurred in and its place in
	// that document's stems; in how many of this goroutine's documents it
	// occurs.
	stemIn []inDoc
	df     []int
	// The current document's stems and their counts.
	stems []int32
	sums  [][format.NumFields]uint16
	// By table of the bags met: the local number of each of its words
	// (-1 before it is met), and its words.
	fromBag map[*Words][]int32
	tables  map[*Words][]string
}

// inDoc is where a word or stem is in the lists of the document
// stemCounter.doc.
type inDoc struct {
	doc  int32 // the last document it occurred in
	slot int32 // its place in that document's lists
}

// added looks up the stem of the word c has just numbered id.
func (c *stemCounter) added(id int32) {
	w := c.v.word(c.words.words[id])
	c.inDoc = append(c.inDoc, inDoc{})
	c.stemOf = append(c.stemOf, w.stem)
	c.vocab = append(c.vocab, w)
	c.wordDF = append(c.wordDF, 0)
}

// add counts n occurrences of word id in field f of the current document.
func (c *stemCounter) add(f int, id int32, n uint16) {
	in := &c.inDoc[id]
	if in.doc != c.doc {
		in.doc, in.slot = c.doc, int32(len(c.ids))
		c.ids = append(c.ids, id)
		c.tf = append(c.tf, [format.NumFields]uint16{})
	}
	t := &c.tf[in.slot][f]
	*t = uint16(min(int(*t)+int(n), 0xffff))
}

// bagWords returns, by number in t, the local number of each word of t
// met so far (-1 for the others), and keeps t's words in c.tables.
func (c *stemCounter) bagWords(t *Words) []int32 {
	if c.fromBag == nil {
		c.fromBag, c.tables = map[*Words][]int32{}, map[*Words][]string{}
	}
	local := c.fromBag[t]
	if words := t.List(); len(words) > len(local) {
		for len(local) < len(words) {
			local = append(local, -1)
		}
		c.fromBag[t], c.tables[t] = local, words
	}
	return local
}

// count returns the distinct stems of d with their counts per field (its
// body's from its Bag when it has one), and d's fields' lengths.
func (c *stemCounter) count(d *Doc) (docTerms, [format.NumFields]int32) {
	c.doc++
	c.ids, c.tf = c.ids[:0], c.tf[:0]
	fieldParts(d, func(f int, text string) {
		for i := 0; ; {
			start, end := nextWord(text, i)
			if start < 0 {
				break
			}
			i = end
			id, added := c.words.id(text[start:end])
			if added {
				c.added(id)
			}
			c.add(f, id, 1)
		}
	})
	if b := &d.Bag; b.Words != nil {
		local := c.bagWords(b.Words)
		for k, g := range b.IDs {
			if local[g] < 0 {
				id, added := c.words.id(c.tables[b.Words][g])
				if added {
					c.added(id)
				}
				local[g] = id
			}
			c.add(format.FieldBody, local[g], b.Counts[k])
		}
	}
	// The words' counts, added up by stem (stop words left out), and the
	// fields' lengths: the words' counts added up.
	var lengths [format.NumFields]int
	c.stems, c.sums = c.stems[:0], c.sums[:0]
	for k, id := range c.ids {
		c.wordDF[id]++
		s := c.stemOf[id]
		if s < 0 {
			continue
		}
		tf := &c.tf[k]
		for f, n := range tf {
			lengths[f] += int(n)
		}
		if int(s) >= len(c.stemIn) {
			c.stemIn = append(c.stemIn, make([]inDoc, int(s)+1-len(c.stemIn))...)
			c.df = append(c.df, make([]int, int(s)+1-len(c.df))...)
		}
		in := &c.stemIn[s]
		if in.doc == c.doc {
			sum := &c.sums[in.slot]
			for f, n := range tf {
				sum[f] = uint16(min(int(sum[f])+int(n), 0xffff))
			}
			continue
		}
		in.doc, in.slot = c.doc, int32(len(c.stems))
		c.stems = append(c.stems, s)
		c.sums = append(c.sums, *tf)
		c.df[s]++
	}
	dt := docTerms{ids: slices.Clone(c.stems), tf: make([]freqs, len(c.sums))}
	for k := range c.sums {
		dt.tf[k] = packFreqs(&c.sums[k], &dt.big)
	}
	var out [format.NumFields]int32
	for f, n := range lengths {
		out[f] = int32(min(n, math.MaxInt32))
	}
	return dt, out
}

// countStems splits every indexed field of every document into words (see
// Tokenize) and counts each document's distinct stems per field, on all
// cores. It returns each document's stems and fields' lengths, and each
// stem's document frequency.
func countStems(docs []*Doc, v *vocabulary) (terms []docTerms, lengths [][format.NumFields]int32, df []int) {
	const chunk = 16 // documents a goroutine takes at a time
	terms = make([]docTerms, len(docs))
	lengths = make([][format.NumFields]int32, len(docs))
	counters := make([]stemCounter, workers(len(docs), chunk))
	for w := range counters {
		counters[w].v = v
	}
	forChunks(len(docs), chunk, func(w, lo, hi int) {
		c := &counters[w]
		for i := lo; i < hi; i++ {
			terms[i], lengths[i] = c.count(docs[i])
		}
	})
	df = make([]int, len(v.stems))
	v.df = make([]int32, len(v.list))
	for _, c := range counters {
		for s, n := range c.df {
			df[s] += n
		}
		for id, n := range c.wordDF {
			v.df[c.vocab[id].index] += n
		}
	}
	return terms, lengths, df
}

// collectSurfaces maps every folded surface form of the words to their
// stems (none for a stop word). It returns the folded stems of the words
// that are their own folded surface form (most words in lower case), so
// that addUnaccented need not analyse them again.
func (ld *langData) collectSurfaces(words []*vocabWord) (own map[string]string) {
	own = map[string]string{}
	for _, w := range words {
		list, seen := ld.surfaces[w.surface]
		if !seen {
			list = []int32{}
		}
		if w.stem >= 0 && !slices.Contains(list, w.stem) {
			list = append(list, w.stem)
		}
		ld.surfaces[w.surface] = list
		if w.surface == w.word {
			own[w.surface] = ""
			if w.stem >= 0 {
				own[w.surface] = ld.stems[w.stem]
			}
		}
	}
	return own
}

// addUnaccented gives a surface form the stem of its own analysis too: a
// word written without its diacritics ("zadania" for "żądania") may be a
// word in its own right, whose stem joins when it occurs on the site and
// is plausibly related to the word (Stempel turns some words into
// unrelated stubs, such as "pelny" into "c"). own holds the folded stems
// ("" for a stop word) of the surface forms that occur as words, already
// analysed.
func (ld *langData) addUnaccented(a *analyzer, stemID map[string]int32, own, known map[string]string) {
	folded := make([]string, 0, len(ld.surfaces))
	for f, list := range ld.surfaces {
		if len(list) > 0 {
			folded = append(folded, f)
		}
	}
	alt := make([]string, len(folded))
	forChunks(len(folded), 256, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			if t, ok := known[folded[i]]; ok {
				alt[i] = t
				continue
			}
			t, isOwn := own[folded[i]]
			if !isOwn {
				t, _ = a.term(folded[i])
				t = Fold(t)
			}
			if t != "" && Plausible(folded[i], t) {
				alt[i] = t
			}
		}
	})
	ld.alt = make(map[string]string, len(folded))
	for i, f := range folded {
		ld.alt[f] = alt[i]
	}
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

// averageLengths is each field's average length over the documents that
// have the field, rounded to a power of 2^(1/32) (roundLength); 1 where
// none has it.
func averageLengths(lengths [][format.NumFields]int32) (avglen [format.NumFields]float64) {
	var total, have [format.NumFields]int
	for d := range lengths {
		for f, n := range lengths[d] {
			if n > 0 {
				total[f] += int(n)
				have[f]++
			}
		}
	}
	for f := range avglen {
		avglen[f] = 1
		if have[f] > 0 && total[f] > 0 {
			avglen[f] = roundLength(float64(total[f]) / float64(have[f]))
		}
	}
	return avglen
}

// roundLength rounds an average length to the nearest power of 2^(1/32),
// steps 2.2 % apart, so that an edit of one page, which moves an average
// over thousands by a few millionths, leaves it, and with it every other
// page's impact codes, as it was: a rebuild then rewrites the postings
// files of that page's words only. Scores move by at most 1.1 % of the
// length normalisation, far below an impact code's 12.5 % step.
func roundLength(avg float64) float64 {
	if avg <= 0 {
		return avg
	}
	return math.Exp2(math.Round(32*math.Log2(avg)) / 32)
}

// docOrder numbers the documents (given sorted by kind, then year, newest
// first, then date and URL): within a kind and year, shorter bodies first,
// by lengthClass. Kinds and years stay ranges of document numbers, and
// documents of like length sit together, so that the impact codes in
// postings (which a document's length sets as much as its counts) come in
// runs that compress well. order[n] is the index in docs of document n.
func docOrder(docs []*Doc, lengths [][format.NumFields]int32) []int {
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
		if na, nb := lengthClass(lengths[a][format.FieldBody]), lengthClass(lengths[b][format.FieldBody]); na != nb {
			return na < nb
		}
		return a < b
	})
	return order
}

// lengthClass is the class of a body of n words that documents are
// numbered by: n rounded to a power of 2^(1/8), steps 9 % apart, within
// the 12.5 % of an impact code. Ordering by the exact length moved a page
// a sentence longer past its neighbours, and every list holding one of
// them changed, which made a rebuild after one edit rewrite hundreds of
// postings files; a page now changes class, and number, only when its
// length moves by a step's worth.
func lengthClass(n int32) int {
	return int(math.Round(8 * math.Log2(float64(n)+1)))
}

// gatherPostings puts the documents in their final numbering (order[n] is
// the index in docs of document n) and gathers every stem's postings (df
// of them) in that order into one array, on all cores, and lets the
// documents' stems (terms) go.
func (ld *langData) gatherPostings(docs []*Doc, order []int, terms []docTerms, lengths [][format.NumFields]int32, df []int) {
	ld.docs = make([]*Doc, len(docs))
	ld.lengths = make([][format.NumFields]int32, len(docs))
	ld.big = make([][][format.NumFields]uint16, len(docs))
	for id, d := range order {
		ld.docs[id], ld.lengths[id], ld.big[id] = docs[d], lengths[d], terms[d].big
	}
	start := make([]int, len(ld.stems)+1) // where each stem's postings start
	for s, n := range df {
		start[s+1] = start[s] + n
	}
	total := start[len(ld.stems)]
	all := make([]posting, total)
	// Each task reads all the documents and writes the postings of a range
	// of stems, about as many postings for each: fewer places to write to
	// at a time, which stay in the core's cache.
	ranges := workers(len(ld.stems), 1)
	bounds := make([]int32, ranges+1)
	for r, s := 1, 0; r <= ranges; r++ {
		for s < len(ld.stems) && start[s] < total*r/ranges {
			s++
		}
		bounds[r] = int32(s)
	}
	bounds[ranges] = int32(len(ld.stems))
	forChunks(ranges, 1, func(_, r, _ int) {
		lo, hi := bounds[r], bounds[r+1]
		next := slices.Clone(start[lo:hi])
		for id, d := range order {
			dt := &terms[d]
			for k, s := range dt.ids {
				if s >= lo && s < hi {
					all[next[s-lo]] = posting{doc: int32(id), tf: dt.tf[k]}
					next[s-lo]++
				}
			}
		}
	})
	clear(terms)
	ld.df = df
	ld.postings = make([][]posting, len(ld.stems))
	for s := range ld.postings {
		ld.postings[s] = all[start[s]:start[s+1]:start[s+1]]
	}
}
