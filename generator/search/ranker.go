package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
)

// MaxQueryWords is how many distinct words of a query count; the rest are
// ignored (the client does the same).
const MaxQueryWords = 12

// Manifest is a language index's manifest.json.
type Manifest struct {
	Format        int       `json:"format"`
	Lang          string    `json:"lang"`
	Version       string    `json:"version"`
	Docs          int       `json:"docs"`
	AvgLen        []float64 `json:"avglen"`
	K1            float64   `json:"k1"`
	B             float64   `json:"b"`
	Fields        []string  `json:"fields"`
	Weights       []int     `json:"weights"`
	MinPrefix     int       `json:"minPrefix"`
	Expansions    int       `json:"expansions"`
	PrefixFactor  float64   `json:"prefixFactor"`
	FallbackCut   int       `json:"fallbackCut"`
	FallbackMin   int       `json:"fallbackMin"`
	DocsPerShard  int       `json:"docsPerShard"`
	Kinds         [][]any   `json:"kinds"` // [kind, count, [[year, count], …]] in document order
	Topics        []string  `json:"topics"`
	Lexicon       []string  `json:"lexicon"`
	PostingShards int       `json:"postingShards"`
	BigDF         int       `json:"bigDF"`
}

// Index is the reference ranker: it reads a language's static index files
// the way the browser client does (manifest, then only the shards a query
// needs) and ranks exactly as the client does, so that tests can hold the
// client to it. It is not safe for concurrent use.
type Index struct {
	fsys  fs.FS
	dir   string
	M     Manifest // the index's manifest.json
	lex   map[int]*lexShard
	post  map[string]map[string]string
	docs  map[int][]StoredDoc
	norms [64]int
	// Fetched lists every file read, in order, relative to the index
	// directory: what a browser would have downloaded.
	Fetched []string
}

type lexShard struct {
	W map[string][]any `json:"w"`
	T map[string][]any `json:"t"`
}

// StoredDoc is a document as the document store holds it.
type StoredDoc struct {
	Title, URL, Date, Summary, Text string
	Topics                          []int
}

// Open reads the manifest of the index in directory dir of fsys (for
// example "search/pl").
func Open(fsys fs.FS, dir string) (*Index, error) {
	ix := &Index{fsys: fsys, dir: dir, lex: map[int]*lexShard{}, post: map[string]map[string]string{}, docs: map[int][]StoredDoc{}, norms: normLengths()}
	if err := ix.read("manifest.json", &ix.M); err != nil {
		return nil, err
	}
	if ix.M.Format != FormatVersion {
		return nil, fmt.Errorf("search index %s: format %d, want %d", dir, ix.M.Format, FormatVersion)
	}
	return ix, nil
}

func (ix *Index) read(name string, v any) error {
	ix.Fetched = append(ix.Fetched, name)
	data, err := fs.ReadFile(ix.fsys, path.Join(ix.dir, name))
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index %s/%s: %w", ix.dir, name, err)
	}
	return nil
}

func (ix *Index) lexShard(i int) (*lexShard, error) {
	if s := ix.lex[i]; s != nil {
		return s, nil
	}
	s := &lexShard{}
	if err := ix.read(fmt.Sprintf("l/%d.json", i), s); err != nil {
		return nil, err
	}
	ix.lex[i] = s
	return s, nil
}

func (ix *Index) postings(stem string, df int) (string, error) {
	name := postingsFile(stem, df, ix.M.BigDF, max(ix.M.PostingShards, 1))
	s, ok := ix.post[name]
	if !ok {
		if err := ix.read(name, &s); err != nil {
			return "", err
		}
		ix.post[name] = s
	}
	return s[stem], nil
}

// Doc returns document n from the document store.
func (ix *Index) Doc(n int) (StoredDoc, error) {
	i := n / ix.M.DocsPerShard
	list, ok := ix.docs[i]
	if !ok {
		var raw [][]any
		if err := ix.read(fmt.Sprintf("d/%d.json", i), &raw); err != nil {
			return StoredDoc{}, err
		}
		for _, r := range raw {
			d := StoredDoc{}
			if len(r) == 6 {
				d.Title, _ = r[0].(string)
				d.URL, _ = r[1].(string)
				d.Date, _ = r[2].(string)
				if ts, ok := r[3].([]any); ok {
					for _, t := range ts {
						f, _ := t.(float64)
						d.Topics = append(d.Topics, int(f))
					}
				}
				d.Summary, _ = r[4].(string)
				d.Text, _ = r[5].(string)
			}
			list = append(list, d)
		}
		ix.docs[i] = list
	}
	k := n - i*ix.M.DocsPerShard
	if k < 0 || k >= len(list) {
		return StoredDoc{}, fmt.Errorf("search index %s: no document %d", ix.dir, n)
	}
	return list[k], nil
}

// Word is a query word as the ranker understood it.
type Word struct {
	Text  string     // folded
	Stop  bool       // a stop word: left out of the query
	Stems []WordStem // what it matches; none for an unknown word
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
}

// Result is the outcome of a query: the words and every matching
// document, best first. When some document contains every word, only such
// documents are listed (All is true); otherwise every document that
// contains any word, those with more words first.
type Result struct {
	Words []Word
	All   bool
	Hits  []Hit
}

// QueryWords splits a query into distinct folded words, at most
// MaxQueryWords, and tells whether the last one is being typed (the query
// does not end in a space or punctuation) and so is also a prefix.
func QueryWords(query string) (words []string, prefix string) {
	toks := Tokenize(query)
	seen := map[string]bool{}
	for _, t := range toks {
		w := Fold(t)
		if w == "" || seen[w] || len(words) == MaxQueryWords {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	if n := len(toks); n > 0 {
		r := []rune(query)
		if c := charClass(r[len(r)-1]); c != classOther {
			prefix = Fold(toks[n-1])
		}
	}
	return words, prefix
}

// Search runs a query.
func (ix *Index) Search(query string) (*Result, error) {
	texts, prefix := QueryWords(query)
	res := &Result{}
	for _, w := range texts {
		word, err := ix.lookup(w, w == prefix)
		if err != nil {
			return nil, err
		}
		res.Words = append(res.Words, word)
	}
	type acc struct {
		score   float64
		matched int
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
			a.matched++
		}
	}
	for d, a := range docs {
		if a.matched == counted {
			res.All = true
		}
		res.Hits = append(res.Hits, Hit{Doc: d, Score: a.score, Matched: a.matched})
	}
	if res.All {
		res.Hits = slices.DeleteFunc(res.Hits, func(h Hit) bool { return h.Matched < counted })
	}
	sort.Slice(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Matched != b.Matched {
			return a.Matched > b.Matched
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Doc < b.Doc
	})
	return res, nil
}

// lookup finds a folded query word in the lexicon; a word being typed
// also expands to the stems of the words it begins. A word the lexicon
// does not know (an inflected form that no page uses, say) falls back to
// the words that begin like it: it loses up to FallbackCut characters
// while at least FallbackMin remain, and the first shorter form that
// begins any word gives its stems, scored as expansions.
func (ix *Index) lookup(w string, typing bool) (Word, error) {
	word := Word{Text: w}
	entry, sh, i, err := ix.entry(w)
	if err != nil {
		return word, err
	}
	if entry != nil && len(entry) == 0 {
		// A stop word is left out, unless it is being typed and begins
		// other words ("raz" of "rażenia").
		word.Stop = true
		if typing && len16(w) >= ix.M.MinPrefix {
			for _, s := range ix.expand(w, sh, i) {
				word.Stems = append(word.Stems, WordStem{Stem: s.stem, DF: s.df, Factor: ix.M.PrefixFactor})
			}
			word.Stop = len(word.Stems) == 0
		}
		return word, nil
	}
	add := func(list []stemDF, factor float64) {
		for _, s := range list {
			if !slices.ContainsFunc(word.Stems, func(x WordStem) bool { return x.Stem == s.stem }) {
				word.Stems = append(word.Stems, WordStem{Stem: s.stem, DF: s.df, Factor: factor})
			}
		}
	}
	add(pairs(entry), 1)
	if typing && len16(w) >= ix.M.MinPrefix {
		add(ix.expand(w, sh, i), ix.M.PrefixFactor)
	}
	if len(word.Stems) > 0 {
		return word, nil
	}
	rs := []rune(w)
	for cut := 1; cut <= ix.M.FallbackCut && len(rs)-cut >= ix.M.FallbackMin; cut++ {
		p := string(rs[:len(rs)-cut])
		entry, sh, i, err := ix.entry(p)
		if err != nil {
			return word, err
		}
		add(pairs(entry), ix.M.PrefixFactor)
		add(ix.expand(p, sh, i), ix.M.PrefixFactor)
		if len(word.Stems) > 0 {
			break
		}
	}
	return word, nil
}

// entry reads the lexicon shard of w and w's entry in it (nil: unknown).
func (ix *Index) entry(w string) ([]any, *lexShard, int, error) {
	i := shardOf(ix.M.Lexicon, w)
	sh, err := ix.lexShard(i)
	if err != nil {
		return nil, nil, i, err
	}
	return sh.W[w], sh, i, nil
}

// expand lists the stems prefix p expands to, from shard i (sh) of the
// lexicon: precomputed there when p's words run on past the shard.
func (ix *Index) expand(p string, sh *lexShard, i int) []stemDF {
	if i+1 < len(ix.M.Lexicon) && hasPrefix(ix.M.Lexicon[i+1], p) {
		return pairs(sh.T[p])
	}
	var cands []stemDF
	seen := map[string]bool{}
	for k, v := range sh.W {
		if k == p || !hasPrefix(k, p) {
			continue
		}
		for _, s := range pairs(v) {
			if !seen[s.stem] {
				seen[s.stem] = true
				cands = append(cands, s)
			}
		}
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].df != cands[b].df {
			return cands[a].df > cands[b].df
		}
		return compare16(cands[a].stem, cands[b].stem) < 0
	})
	if len(cands) > ix.M.Expansions {
		cands = cands[:ix.M.Expansions]
	}
	return cands
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

type stemDF struct {
	stem string
	df   int
}

// pairs reads a lexicon value [stem, df, stem, df, …].
func pairs(v []any) []stemDF {
	var out []stemDF
	for i := 0; i+1 < len(v); i += 2 {
		s, _ := v[i].(string)
		n, _ := v[i+1].(float64)
		out = append(out, stemDF{s, int(n)})
	}
	return out
}

// scored is a posting read for scoring: the document and its BM25F
// pseudo-frequency Σ weight·tf / ((1-b) + b·length/average length), over
// the fields, in field order.
type scored struct {
	doc int
	tf  float64
}

// decode reads a list written by encodePostings.
func (ix *Index) decode(s string) ([]scored, error) {
	bad := fmt.Errorf("malformed postings")
	n, i := readVint(s, 0)
	if i < 0 || n > len(s) {
		return nil, bad
	}
	out := make([]scored, n)
	doc := 0
	for k := range out {
		var gap int
		if gap, i = readVint(s, i); i < 0 {
			return nil, bad
		}
		if k == 0 {
			doc = gap
		} else {
			doc += gap
		}
		out[k].doc = doc
	}
	fields := min(len(ix.M.Weights), len(ix.M.AvgLen), numFields)
	if i+n > len(s) {
		return nil, bad
	}
	masks := s[i : i+n]
	i += n
	var tfs [][numFields]int
	for k := 0; k < n; k++ {
		var tf [numFields]int
		m := digit(masks[k])
		for f := 0; f < fields; f++ {
			if m&(1<<f) != 0 {
				var v int
				if v, i = readVint(s, i); i < 0 {
					return nil, bad
				}
				tf[f] = v + 1
			}
		}
		tfs = append(tfs, tf)
	}
	lens := make([][numFields]int, n)
	for f := 0; f < fields; f++ {
		for k := 0; k < n; k++ {
			if tfs[k][f] > 0 {
				if i >= len(s) {
					return nil, bad
				}
				lens[k][f] = ix.norms[digit(s[i])&63]
				i++
			}
		}
	}
	b := ix.M.B
	for k := range out {
		t := 0.0
		for f := 0; f < fields; f++ {
			if tfs[k][f] > 0 {
				norm := (1 - b) + float64(b*float64(lens[k][f]))/ix.M.AvgLen[f]
				t = t + float64(ix.M.Weights[f]*tfs[k][f])/norm
			}
		}
		out[k].tf = t
	}
	return out, nil
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
