package ranker

import (
	"fmt"
	"slices"
	"sort"
	"strconv"

	"hubgen/generator/search"
)

// Word is a query word as the ranker understood it.
type Word struct {
	Text  string     // folded
	Stop  bool       // a stop word: left out of the query
	Stems []WordStem // what it matches; none for an unknown word
	// Approx tells that no page has the word: its stems are those of the
	// words that begin like it (the fallback of lookup), so a page
	// matched through them does not contain it.
	Approx bool
}

// WordStem is a stem a query word matches, with the factor its scores get
// (1, or the manifest's prefixFactor for a prefix expansion).
type WordStem struct {
	Stem   string
	DF     int // documents it occurs in, as the lexicon says
	Factor float64
}

// Hit is a matching document.
type Hit struct {
	Doc     int
	Score   float64
	Matched int // how many of the query's words it contains
	Near    int // how many it matches only through a word like them (Word.Approx)
}

// Result is the outcome of a query: the words and every matching
// document, best first. When some document contains every word, only such
// documents are listed (All is true); otherwise every document that
// contains any word or a word like one, those with more words first, then
// those with more words like the others. A word no page has (Approx)
// never counts as contained.
type Result struct {
	Words []Word
	All   bool
	Hits  []Hit
}

// Search runs a query.
func (ix *Index) Search(query string) (*Result, error) {
	texts, prefix := search.QueryWords(query)
	res := &Result{}
	for _, w := range texts {
		word, err := ix.lookup(w, w == prefix)
		if err != nil {
			return nil, err
		}
		res.Words = append(res.Words, word)
	}
	type acc struct {
		score         float64
		matched, near int
	}
	docs := map[int]*acc{}
	k1 := ix.M.K1
	counted := 0
	for _, w := range res.Words {
		if w.Stop {
			continue
		}
		counted++
		best := map[int]float64{}
		for _, ws := range w.Stems {
			enc, err := ix.postings(ws.Stem, ws.DF)
			if err != nil {
				return nil, err
			}
			list, err := ix.decode(enc)
			if err != nil {
				return nil, fmt.Errorf("search index %s: postings of %q: %w", ix.dir, ws.Stem, err)
			}
			df := float64(len(list))
			idf := ln(1 + (float64(ix.M.Docs)-df+0.5)/(df+0.5))
			for _, p := range list {
				t := p.tf
				s := float64(ws.Factor * (float64(idf*float64(t*(k1+1))) / (t + k1)))
				if old, ok := best[p.doc]; !ok || s > old {
					best[p.doc] = s
				}
			}
		}
		for d, s := range best {
			a := docs[d]
			if a == nil {
				a = &acc{}
				docs[d] = a
			}
			a.score = a.score + s
			if w.Approx {
				a.near++
			} else {
				a.matched++
			}
		}
	}
	for d, a := range docs {
		if a.matched == counted {
			res.All = true
		}
		res.Hits = append(res.Hits, Hit{Doc: d, Score: a.score, Matched: a.matched, Near: a.near})
	}
	if res.All {
		res.Hits = slices.DeleteFunc(res.Hits, func(h Hit) bool { return h.Matched < counted })
	}
	sort.Slice(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Matched != b.Matched {
			return a.Matched > b.Matched
		}
		if a.Near != b.Near {
			return a.Near > b.Near
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Doc < b.Doc
	})
	return res, nil
}

// String renders a hit list compactly for test failures.
func (r *Result) String() string {
	b := []byte{}
	for i, h := range r.Hits {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(h.Doc), 10)
	}
	return string(b)
}

// ln2 is the natural logarithm of 2, written the same way in the client.
const ln2 = 0.6931471805599453

// ln is the natural logarithm of x ≥ 1 computed with the four basic
// operations only, in the same order as the client does it, so that Go and
// JavaScript get bit-identical results (their math libraries may differ in
// the last bit). Each product is converted explicitly so that the compiler
// does not fuse it into a multiply-add.
func ln(x float64) float64 {
	if !(x >= 1) {
		return 0
	}
	k := 0.0
	for x >= 2 {
		x = x / 2
		k = k + 1
	}
	t := (x - 1) / (x + 1)
	t2 := float64(t * t)
	term := t
	sum := 0.0
	for i := 0; i < 30; i++ {
		sum = sum + term/float64(2*i+1)
		term = float64(term * t2)
	}
	return float64(k*ln2) + float64(2*sum)
}
