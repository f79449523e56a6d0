package search

import (
	"hash/maphash"
	"slices"
	"sync"

	"hubgen/generator/search/internal/format"
)

// Stems is the analysis of a language's words as the index has them (the
// word analysed, then folded), each distinct word analysed once a build:
// render asks for the stems of the pages' passages (their filters) as it
// writes them, and the index (Options.Stems) then finds every word of the
// pages analysed. It is safe for concurrent use.
type Stems struct {
	lang   string
	a      *analyzer
	seed   maphash.Seed
	shards [64]stemShard
}

// stemShard is a part of the cache, by the word's hash.
type stemShard struct {
	mu sync.Mutex
	m  map[string]stemOf
}

// stemOf is a word's folded stem ("" for a stop word) and its hash.
type stemOf struct {
	stem string
	hash uint32
}

// NewStems returns the analysis of lang's words (AnalyzerName).
func NewStems(lang string) (*Stems, error) {
	a, err := newAnalyzer(lang)
	if err != nil {
		return nil, err
	}
	s := &Stems{lang: lang, a: a, seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].m = map[string]stemOf{}
	}
	return s, nil
}

// of returns word's folded stem and its format.Hash16, analysing word the
// first time; the stem is "" for a stop word.
func (s *Stems) of(word string) stemOf {
	sh := &s.shards[maphash.String(s.seed, word)%uint64(len(s.shards))]
	sh.mu.Lock()
	v, ok := sh.m[word]
	sh.mu.Unlock()
	if !ok {
		if t, kept := s.a.term(word); kept {
			v.stem = Fold(t)
		}
		if v.stem != "" {
			v.hash = format.Hash16(v.stem)
		}
		sh.mu.Lock()
		sh.m[word] = v
		sh.mu.Unlock()
	}
	return v
}

// hashes appends to out the distinct stem hashes of text's words, stop
// words left out, sorted.
func (s *Stems) hashes(text string, out []uint32) []uint32 {
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		if v := s.of(text[start:end]); v.stem != "" {
			out = append(out, v.hash)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
