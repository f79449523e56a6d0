package search

import (
	"hash/maphash"
	"slices"
	"sync"

	"hubgen/generator/search/internal/format"
)

// Stems gives the stems of a language's words as the index has them (the
// word analysed, then folded), each distinct word analysed once, for the
// passages' filters, which render makes while it writes the pages. It is
// safe for concurrent use.
type Stems struct {
	lang   string
	a      *analyzer
	seed   maphash.Seed
	shards [64]stemShard
}

// stemShard is a part of the cache, by the word's hash.
type stemShard struct {
	mu sync.Mutex
	m  map[string]uint64 // word -> 1<<32 | hash of its folded stem; 0 for a stop word
}

// NewStems returns the stems of lang's words (AnalyzerName).
func NewStems(lang string) (*Stems, error) {
	a, err := newAnalyzer(lang)
	if err != nil {
		return nil, err
	}
	s := &Stems{lang: lang, a: a, seed: maphash.MakeSeed()}
	for i := range s.shards {
		s.shards[i].m = map[string]uint64{}
	}
	return s, nil
}

// stemHash returns format.Hash16 of the folded stem of word, false for a
// stop word.
func (s *Stems) stemHash(word string) (uint32, bool) {
	sh := &s.shards[maphash.String(s.seed, word)%uint64(len(s.shards))]
	sh.mu.Lock()
	v, ok := sh.m[word]
	sh.mu.Unlock()
	if !ok {
		if t, kept := s.a.term(word); kept {
			if stem := Fold(t); stem != "" {
				v = 1<<32 | uint64(format.Hash16(stem))
			}
		}
		sh.mu.Lock()
		sh.m[word] = v
		sh.mu.Unlock()
	}
	return uint32(v), v != 0
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
		if h, ok := s.stemHash(text[start:end]); ok {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
