// Package linkcheck checks the links between the files of a built site:
// every internal link of every HTML file (the href, src and action
// attributes) leads to a file of the output, and every fragment to an
// element id of the page it names.
//
// A page is scanned once, as it is rendered, by a byte scanner rather than
// an HTML parser (Table.Scan): the output of a large site is hundreds of
// megabytes. What the check needs of a page is kept in a compact Page: the
// distinct links and ids of the page as references into a Table, which
// holds every distinct string once. Check then resolves the links as a
// browser would, from the page's own address: site paths under the base
// path, relative paths, directory addresses ("/news/" is news/index.html),
// fragments ("/acts/x/#art_3", "#fn:1"). Links with a scheme (https:,
// mailto:, tel:) or a host of their own ("//host/") are not checked.
package linkcheck

import (
	"hash/maphash"
	"slices"
	"sync"
)

// Ref stands for a string of a Table: a link or an id.
type Ref uint32

// shardBits is the number of low bits of a Ref that name its shard.
const shardBits = 6

const shardMask = 1<<shardBits - 1

// Table holds every distinct link and id of the pages scanned with it,
// once. It is safe for concurrent use.
type Table struct {
	seed   maphash.Seed
	shards [1 << shardBits]shard
	// scanners are the scanners' buffers and their own caches of the
	// table (*scanner).
	scanners sync.Pool
}

// shard is the part of a table whose strings hash to it.
type shard struct {
	mu   sync.RWMutex
	refs map[string]Ref
	strs []string // by Ref >> shardBits
}

// NewTable returns an empty table.
func NewTable() *Table {
	t := &Table{seed: maphash.MakeSeed()}
	for i := range t.shards {
		t.shards[i].refs = map[string]Ref{}
	}
	return t
}

// intern returns the Ref of b, adding it when it is new, and the string;
// h is maphash.Bytes(t.seed, b).
func (t *Table) intern(b []byte, h uint64) (Ref, string) {
	n := h & shardMask
	s := &t.shards[n]
	s.mu.RLock()
	r, ok := s.refs[string(b)]
	var str string
	if ok {
		str = s.strs[r>>shardBits]
	}
	s.mu.RUnlock()
	if ok {
		return r, str
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.refs[string(b)]; ok {
		return r, s.strs[r>>shardBits]
	}
	str = string(b)
	r = Ref(len(s.strs))<<shardBits | Ref(n)
	s.strs = append(s.strs, str)
	s.refs[str] = r
	return r, str
}

// lookup returns the Ref of str, if the table has it.
func (t *Table) lookup(str string) (Ref, bool) {
	s := &t.shards[maphash.String(t.seed, str)&shardMask]
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.refs[str]
	return r, ok
}

// String returns the string r stands for.
func (t *Table) String(r Ref) string {
	s := &t.shards[r&shardMask]
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.strs[r>>shardBits]
}

// size is one more than the largest Ref the table has given out.
func (t *Table) size() int {
	n := 0
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.RLock()
		n = max(n, len(s.strs))
		s.mu.RUnlock()
	}
	return n << shardBits
}

// Page is what an HTML file links to and the ids of its elements, as Scan
// found them: each distinct link and id once, as Refs of the Table that
// scanned it. Its zero value is a page with neither.
type Page struct {
	links []Ref // sorted
	ids   []Ref // sorted
}

// SameIDs reports whether p and q (scanned with one table) have the same
// ids: when a page is rendered again with the ids it had, the links of
// other pages to it lead where they did.
func (p Page) SameIDs(q Page) bool { return slices.Equal(p.ids, q.ids) }

// hasID reports whether the page has an element with the id r.
func (p Page) hasID(r Ref) bool {
	_, ok := slices.BinarySearch(p.ids, r)
	return ok
}
