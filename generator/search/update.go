package search

import (
	"errors"
	"slices"

	"hubgen/generator/search/internal/format"
)

// ErrNoUpdate reports that Update cannot make the index from the last
// build's state: the documents were added, removed or renumbered, the
// averages or the postings files' layout moved, or the state does not fit
// the options. BuildState then makes it whole.
var ErrNoUpdate = errors.New("search index: the last build's state does not fit")

// Update returns the index files and the new state of language lang, as
// BuildState would make them from docs (lang's documents), from prev, the
// state of the last build's index, without analysing again the documents
// that did not change. A document may differ from the last build only if
// changed[URL] is set, and old[URL] is then its version in the last build
// (with its Bag); the others need no Bag nor Body. Documents that were
// indexed without a Bag (the index's own lists) are compared with the
// state's copies. The new state shares memory with prev: prev must not
// change until the state is written.
//
// Only the postings lists of the stems of the changed documents are
// encoded again; the lexicon, the document and passage stores, the facets
// and the manifest are written whole, from docs. It returns ErrNoUpdate
// when the documents' numbering, the field averages or the number of
// postings files would change, or prev does not fit opts.
func Update(prev []byte, lang string, docs []Doc, changed map[string]bool, old map[string]*Doc, opts Options) (files map[string][]byte, state *State, err error) {
	opts = opts.withDefaults()
	st, err := opts.stems(lang)
	if err != nil {
		return nil, nil, err
	}
	ps, err := decodeState(prev)
	if err != nil {
		return nil, nil, err
	}
	if ps.fingerprint != fingerprint(lang, opts) || len(docs) != len(ps.urls) {
		return nil, nil, ErrNoUpdate
	}
	u := &update{ps: ps, v: ps.vocabulary(st)}
	ptrs := make([]*Doc, len(docs))
	for i := range docs {
		ptrs[i] = &docs[i]
	}
	sorted := sortDocs(ptrs, opts)
	number := make(map[string]int32, len(ps.urls))
	for n, url := range ps.urls {
		number[url] = int32(n)
	}
	lengths := slices.Clone(ps.lengths)
	big := slices.Clone(ps.big)
	plainNow := map[string]bool{}
	for _, d := range sorted {
		n, ok := number[d.URL]
		if !ok {
			return nil, nil, ErrNoUpdate
		}
		// The document's last version: the state's copy of one indexed
		// from its text, or the caller's.
		was, plain := ps.plain[d.URL]
		if d.Bag.Words == nil && (plain || changed[d.URL]) {
			plainNow[d.URL] = true
		}
		switch {
		case plain && d.Bag.Words == nil:
			if sameText(was, d) {
				continue
			}
		case !changed[d.URL]:
			continue // its bag may be left unread
		case !plain:
			if was = old[d.URL]; was == nil {
				return nil, nil, ErrNoUpdate
			}
		}
		if l, b, moved := u.recount(n, was, d); moved {
			lengths[n], big[n] = l, b
		}
	}
	// The same numbering: the same documents in the same order.
	byDoc := make([][format.NumFields]int32, len(sorted))
	for i, d := range sorted {
		byDoc[i] = lengths[number[d.URL]]
	}
	order := docOrder(sorted, byDoc)
	ld := &langData{docs: make([]*Doc, len(sorted)), lengths: lengths, big: big, plain: make([]bool, len(sorted))}
	for n, i := range order {
		if sorted[i].URL != ps.urls[n] {
			return nil, nil, ErrNoUpdate
		}
		ld.docs[n], ld.plain[n] = sorted[i], plainNow[sorted[i].URL]
	}
	if ld.avglen = averageLengths(lengths); ld.avglen != ps.avglen {
		return nil, nil, ErrNoUpdate
	}
	u.finish(ld)
	ld.lexicon(st.a, u.v.stemID, ps.alt)
	files = map[string][]byte{}
	layout := ld.write(files, lang, opts)
	if layout.shards != ps.shards {
		return nil, nil, ErrNoUpdate
	}
	return files, &State{ld: ld, lang: lang, opts: opts, layout: layout}, nil
}

// update is what Update gathers of the changed documents.
type update struct {
	ps *prevState
	v  *vocabulary
	c  stemCounter
	// By stem id (the state's, then new stems): the changed postings.
	lists map[int32][]posting
	// By word (index in v.list): how its document frequency moved.
	wordDF map[int32]int32
}

// vocabulary returns the state's words as a vocabulary that analyses
// only new words, with st.
func (ps *prevState) vocabulary(st *Stems) *vocabulary {
	v := &vocabulary{st: st, words: make(map[string]*vocabWord, len(ps.words)), list: slices.Clone(ps.words), stemID: make(map[string]int32, len(ps.stems)), stems: slices.Clone(ps.stems)}
	for _, w := range ps.words {
		v.words[w.word] = w
	}
	for s, stem := range ps.stems {
		v.stemID[stem] = int32(s)
	}
	return v
}

// recount counts the previous (was) and the new version (d) of document n
// and moves its postings and its words' document frequencies. It returns
// d's field lengths and big counts and whether anything moved.
func (u *update) recount(n int32, was, d *Doc) (lengths [format.NumFields]int32, big [][format.NumFields]uint16, moved bool) {
	if u.c.v == nil {
		u.c.v = u.v
		u.lists = map[int32][]posting{}
		u.wordDF = map[int32]int32{}
	}
	oldTerms, oldLen := u.c.count(was)
	oldWords := u.docWords()
	newTerms, newLen := u.c.count(d)
	newWords := u.docWords()
	if oldLen == newLen && sameTerms(oldTerms, newTerms) && slices.Equal(oldWords, newWords) {
		return newLen, nil, false
	}
	for _, w := range oldWords {
		u.wordDF[w]--
	}
	for _, w := range newWords {
		u.wordDF[w]++
	}
	for _, s := range oldTerms.ids {
		l := u.list(s)
		i, _ := slices.BinarySearchFunc(l, n, func(p posting, n int32) int { return int(p.doc - n) })
		if i < len(l) && l[i].doc == n {
			l = slices.Delete(l, i, i+1)
		}
		u.lists[s] = l
	}
	for k, s := range newTerms.ids {
		l := u.list(s)
		i, _ := slices.BinarySearchFunc(l, n, func(p posting, n int32) int { return int(p.doc - n) })
		u.lists[s] = slices.Insert(l, i, posting{doc: n, tf: newTerms.tf[k]})
	}
	return newLen, newTerms.big, true
}

// list returns the postings of stem s as changed so far.
func (u *update) list(s int32) []posting {
	if l, ok := u.lists[s]; ok {
		return l
	}
	if int(s) < len(u.ps.stems) {
		return u.ps.list(int(s))
	}
	return nil
}

// docWords returns the words (indexes in the vocabulary) of the document
// the counter counted last, sorted.
func (u *update) docWords() []int32 {
	out := make([]int32, len(u.c.ids))
	for k, id := range u.c.ids {
		out[k] = u.c.vocab[id].index
	}
	slices.Sort(out)
	return out
}

// sameTerms reports whether two documents' stems and counts are alike
// (their big counts are compared through the counts themselves).
func sameTerms(a, b docTerms) bool {
	if len(a.ids) != len(b.ids) {
		return false
	}
	for k := range a.ids {
		if a.ids[k] != b.ids[k] || a.tf[k].unpack(a.big) != b.tf[k].unpack(b.big) {
			return false
		}
	}
	return true
}

// finish gives ld the stems, postings and words of the update: the
// state's, with the changed lists in place and the stems and words no
// document has any longer left out.
func (u *update) finish(ld *langData) {
	ps, v := u.ps, u.v
	df := make([]int, len(v.stems))
	copy(df, ps.df)
	for s, l := range u.lists {
		df[s] = len(l)
	}
	wordDF := make([]int32, len(v.list))
	copy(wordDF, ps.wordDF)
	for w, d := range u.wordDF {
		wordDF[w] += d
	}
	// Stem ids without the stems gone.
	newID := make([]int32, len(v.stems))
	for s := range v.stems {
		if df[s] == 0 {
			newID[s] = -1
			continue
		}
		newID[s] = int32(len(ld.stems))
		ld.stems = append(ld.stems, v.stems[s])
		ld.df = append(ld.df, df[s])
		var enc, kept []byte
		if _, moved := u.lists[int32(s)]; !moved && s < len(ps.encoded) {
			enc, kept = ps.encoded[s], ps.postings[s]
		}
		ld.encoded = append(ld.encoded, enc)
		ld.kept = append(ld.kept, kept)
		ld.postings = append(ld.postings, u.lists[int32(s)])
	}
	for i, w := range v.list {
		if wordDF[i] == 0 {
			continue
		}
		c := &vocabWord{index: int32(len(ld.words)), word: w.word, surface: w.surface, stem: w.stem}
		if c.stem >= 0 {
			c.stem = newID[c.stem]
		}
		ld.words = append(ld.words, c)
		ld.wordDF = append(ld.wordDF, wordDF[i])
	}
	for stem, id := range v.stemID {
		if newID[id] < 0 {
			delete(v.stemID, stem)
		} else {
			v.stemID[stem] = newID[id]
		}
	}
}
