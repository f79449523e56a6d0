package i18n

import (
	"bytes"
	"slices"
	"sync"

	"golang.org/x/text/collate"

	"hubgen/internal/parallel"
)

// Collator compares strings in a language's alphabetical order (golang.org/x/text/collate).
// Not safe for concurrent use; make one per goroutine.
type Collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// NewCollator returns a Collator for the BCP 47 tag lang ("pl", "en"). An unknown
// or unparsable tag gets the CLDR root order.
func NewCollator(lang string) *Collator {
	return &Collator{c: collate.New(parseTag(lang))}
}

// Compare returns -1, 0 or +1 as a sorts before, the same as, or after b.
func (c *Collator) Compare(a, b string) int {
	return c.c.CompareString(a, b)
}

// SortFunc sorts s stably by the strings key returns, in c's order, e.g. pages by
// title. Elements whose keys collate equal keep their input order. Each key is
// computed once.
func SortFunc[T any](c *Collator, s []T, key func(T) string) {
	if len(s) < 2 {
		return
	}
	c.buf.Reset()
	// Keys point into c.buf and stay valid until the next Reset.
	sortByKeys(s, func(v T) []byte { return c.c.KeyFromString(&c.buf, key(v)) })
	c.buf.Reset()
}

// sortByKeys sorts s stably by the byte keys key returns, each computed once.
func sortByKeys[T any](s []T, key func(T) []byte) {
	type item struct {
		key []byte
		val T
	}
	items := make([]item, len(s))
	for i, v := range s {
		items[i] = item{key(v), v}
	}
	slices.SortStableFunc(items, func(a, b item) int { return bytes.Compare(a.key, b.key) })
	for i := range items {
		s[i] = items[i].val
	}
}

// KeyCache remembers the collation keys of strings per language, so that
// sorting the same titles again (in every list of a build, and in every
// rebuild of a live preview, which keeps one cache) computes no key twice.
// It is safe for concurrent use.
type KeyCache struct {
	mu   sync.Mutex
	cols map[string]*Collator
	keys map[langString][]byte
}

// langString is a string of a language, as KeyCache keeps it.
type langString struct{ lang, s string }

// NewKeyCache returns an empty cache.
func NewKeyCache() *KeyCache {
	return &KeyCache{cols: map[string]*Collator{}, keys: map[langString][]byte{}}
}

// Key returns the collation key of s in lang. The key is the cache's: do
// not change it.
func (k *KeyCache) Key(lang, s string) []byte {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.keyLocked(lang, s)
}

// Put records key as the collation key of s in lang, as Key returned it
// earlier (in another process: a build keeps the keys of its titles for
// the next one). A key Key did not return for s orders s wrongly.
func (k *KeyCache) Put(lang, s string, key []byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys[langString{lang, s}] = key
}

func (k *KeyCache) keyLocked(lang, s string) []byte {
	id := langString{lang, s}
	if key, ok := k.keys[id]; ok {
		return key
	}
	c := k.cols[lang]
	if c == nil {
		c = NewCollator(lang)
		k.cols[lang] = c
	}
	var buf collate.Buffer
	key := append([]byte(nil), c.c.KeyFromString(&buf, s)...)
	k.keys[id] = key
	return key
}

// SortCached sorts s stably by the strings key returns, in lang's order,
// with keys from the cache. It orders as SortFunc does. The keys the cache
// lacks are computed on all cores, outside its lock (of the titles of a
// large site, that is most of the sort's time), and then kept.
func SortCached[T any](k *KeyCache, lang string, s []T, key func(T) string) {
	if len(s) < 2 {
		return
	}
	keys := make([][]byte, len(s))
	var missing []int
	k.mu.Lock()
	for i, v := range s {
		if kk, ok := k.keys[langString{lang, key(v)}]; ok {
			keys[i] = kk
		} else {
			missing = append(missing, i)
		}
	}
	k.mu.Unlock()
	if len(missing) > 0 {
		computeKeys(lang, missing, func(i int) string { return key(s[i]) }, keys)
		k.mu.Lock()
		for _, i := range missing {
			id := langString{lang, key(s[i])}
			if kk, ok := k.keys[id]; ok {
				keys[i] = kk // the same bytes, computed by another sort meanwhile
			} else {
				k.keys[id] = keys[i]
			}
		}
		k.mu.Unlock()
	}
	order := make([]int, len(s))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(s))
	for i, j := range order {
		sorted[i] = s[j]
	}
	copy(s, sorted)
}

// keysPerChunk is how many collation keys a goroutine of computeKeys
// computes with one collator.
const keysPerChunk = 256

// computeKeys sets keys[i] to the collation key of str(i) in lang for each
// i of which, in chunks on all cores, each with a collator of its own.
func computeKeys(lang string, which []int, str func(int) string, keys [][]byte) {
	chunks := (len(which) + keysPerChunk - 1) / keysPerChunk
	parallel.For(chunks, func(c int) {
		col := NewCollator(lang)
		for _, i := range which[c*keysPerChunk : min(len(which), (c+1)*keysPerChunk)] {
			col.buf.Reset()
			keys[i] = slices.Clone(col.c.KeyFromString(&col.buf, str(i)))
		}
	})
}
