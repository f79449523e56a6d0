package search

import (
	"hash/maphash"
	"strings"
	"sync"

	"hubgen/generator/search/internal/format"
)

// Stems is the analysis of a language's words as the index has them (the
// word analysed, then folded), each distinct word analysed once a build:
// render asks for the stems of the pages' passages (their filters) as it
// writes them, and the index (Options.Stems) then finds every word of the
// pages analysed. It is safe for concurrent use.
//
// The words are kept in shards, each behind its own lock; in front of
// them, each goroutine that asks for a passage's stems (hashes) has a
// small cache of its own of the words it met last (a stemCache, lent by
// caches), which answers most words of a page without a lock and without
// a look-up in the large shared maps.
type Stems struct {
	lang   string
	a      *analyzer
	seed   maphash.Seed
	shards [64]stemShard
	caches sync.Pool // of *stemCache
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
	return s.ofHashed(word, maphash.String(s.seed, word))
}

// ofHashed is of, with h the word's maphash.String under s.seed.
func (s *Stems) ofHashed(word string, h uint64) stemOf {
	sh := &s.shards[h%uint64(len(s.shards))]
	sh.mu.Lock()
	v, ok := sh.m[word]
	sh.mu.Unlock()
	if ok {
		return v
	}
	// A copy, so that the map does not keep the whole text the word is
	// part of (nor does the stem, which may be the word itself).
	word = strings.Clone(word)
	if t, kept := s.a.term(word); kept {
		v.stem = Fold(t)
	}
	if v.stem != "" {
		v.hash = format.Hash16(v.stem)
	}
	sh.mu.Lock()
	sh.m[word] = v // or again, the same, if another goroutine was first
	sh.mu.Unlock()
	return v
}

// stemCacheSize is how many words a stemCache holds (a power of two):
// 8,192 entries of 32 bytes (256 KB). In a generated portal's pages it
// answered about 95 % of the words (4,096: 88 %, 16,384: 97 %), and the
// sizes were as fast as one another within the noise.
const stemCacheSize = 8192

// maxCachedWord is the longest word (bytes) a stemCache holds; a longer
// one, rare, is looked up in the shards each time.
const maxCachedWord = 26

// stemCache is one goroutine's cache in front of a Stems: direct mapped
// by the word's hash, an entry replaced by the next word with its index.
// It holds the words' bytes, not strings: no pointers, so that a look-up
// reads one cache line, and the garbage collector has nothing to scan.
type stemCache struct {
	entries [stemCacheSize]stemCacheEntry
	set     hashSet // scratch space of hashes
}

// stemCacheEntry is a word, word[:n] (n is 0 in an unused entry: no word
// is empty), and its stem's hash, stem false for a stop word.
type stemCacheEntry struct {
	word [maxCachedWord]byte
	n    uint8
	stem bool
	hash uint32
}

// lookup returns the hash of word's stem and whether it has one (a stop
// word has none), through c.
func (s *Stems) lookup(c *stemCache, word string) (uint32, bool) {
	h := maphash.String(s.seed, word)
	if len(word) > maxCachedWord {
		v := s.ofHashed(word, h)
		return v.hash, v.stem != ""
	}
	e := &c.entries[(h>>32)&(stemCacheSize-1)] // the shard uses the low bits
	if int(e.n) == len(word) && string(e.word[:len(word)]) == word {
		return e.hash, e.stem
	}
	v := s.ofHashed(word, h)
	e.n = uint8(copy(e.word[:], word))
	e.stem, e.hash = v.stem != "", v.hash
	return e.hash, e.stem
}

// hashSet is a set of stem hashes, reused from passage to passage: open
// addressing, a slot in use when its stamp is the set's generation. It
// grows when half full.
type hashSet struct {
	keys   []uint32
	stamps []uint32
	gen    uint32
	n      int // hashes in the set
}

// reset empties the set and makes room for n hashes.
func (hs *hashSet) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	hs.n = 0
	if size > len(hs.keys) {
		hs.keys = make([]uint32, size)
		hs.stamps = make([]uint32, size)
		hs.gen = 0
	}
	hs.gen++
	if hs.gen == 0 { // wrapped: forget the stamps of 2³² generations ago
		clear(hs.stamps)
		hs.gen = 1
	}
}

// add adds h and tells whether it was new.
func (hs *hashSet) add(h uint32) bool {
	mask := uint32(len(hs.keys) - 1)
	for i := (h * 0x9E3779B1) >> 7 & mask; ; i = (i + 1) & mask {
		if hs.stamps[i] != hs.gen {
			hs.stamps[i], hs.keys[i] = hs.gen, h
			if hs.n++; 2*hs.n > len(hs.keys) {
				hs.grow()
			}
			return true
		}
		if hs.keys[i] == h {
			return false
		}
	}
}

// grow doubles the set's room, keeping its hashes.
func (hs *hashSet) grow() {
	var old []uint32
	for i, st := range hs.stamps {
		if st == hs.gen {
			old = append(old, hs.keys[i])
		}
	}
	size := 2 * len(hs.keys)
	hs.keys, hs.stamps, hs.gen, hs.n = make([]uint32, size), make([]uint32, size), 1, 0
	for _, h := range old {
		hs.add(h)
	}
}

// cache lends the calling goroutine a stemCache, which it gives back
// with s.caches.Put when it is done with it.
func (s *Stems) cache() *stemCache {
	if c, _ := s.caches.Get().(*stemCache); c != nil {
		return c
	}
	return new(stemCache)
}

// hashes appends to out the distinct stem hashes of text's words, stop
// words left out, in no particular order (the order of a Bloom filter's
// bits does not matter), looking the words up through c.
func (s *Stems) hashes(c *stemCache, text string, out []uint32) []uint32 {
	// A word takes at least two bytes of text with the space after it.
	c.set.reset(len(text)/2 + 1)
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		if h, ok := s.lookup(c, text[start:end]); ok && c.set.add(h) {
			out = append(out, h)
		}
	}
	return out
}
