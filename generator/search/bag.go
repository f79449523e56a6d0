package search

import (
	"slices"
	"sync"
)

// A page's body can come to the index counted instead of as text: a Bag,
// its distinct words with how often each occurs, made as soon as the page
// is converted. A build then need not hold every page's text until the
// index is written (at 100,000 translation pairs, over a gigabyte), and
// the build cache keeps the counts, which the next build indexes without
// splitting the text into words again. The index is the same bytes
// whether a body comes as text or as its bag (TestBagsIndexAsText).

// Words is a table of the distinct words of bodies, numbered in the order
// they are first added; the goroutines that count bodies share one.
type Words struct {
	mu    sync.Mutex
	ids   map[string]int32
	words []string
}

// NewWords returns an empty table.
func NewWords() *Words { return &Words{ids: map[string]int32{}} }

// WordsOf returns the table of list's words (distinct), numbered in its
// order; it keeps list.
func WordsOf(list []string) *Words { return &Words{words: list} }

// Add returns w's number, numbering it if it is new.
func (t *Words) Add(w string) int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ids == nil {
		t.ids = make(map[string]int32, len(t.words))
		for i, w := range t.words {
			t.ids[w] = int32(i)
		}
	}
	id, ok := t.ids[w]
	if !ok {
		id = int32(len(t.words))
		t.ids[w] = id
		t.words = append(t.words, w)
	}
	return id
}

// List returns the words numbered so far, by number.
func (t *Words) List() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.words[:len(t.words):len(t.words)]
}

// Bag is a body's distinct words, in the order they first occur, and how
// often each occurs (at most 0xffff): word IDs[i] of table Words, Counts[i]
// times. The zero Bag is no bag: the document's Body is its text.
type Bag struct {
	Words  *Words
	IDs    []int32
	Counts []uint16
}

// BagCounter counts bodies into bags on one goroutine, numbering their
// words in a shared table: each distinct word it meets takes the table's
// lock once.
type BagCounter struct {
	t      *Words
	local  wordIDs // the words met, numbered on this goroutine
	global []int32 // by local number: the word's number in t
	inDoc  []inDoc // by local number: where it is in the current bag
	doc    int32   // the current body, counted from 1
	ids    []int32
	counts []uint16
}

// Counter returns a counter of bodies into bags of t, for one goroutine.
func (t *Words) Counter() *BagCounter { return &BagCounter{t: t} }

// Count splits text into words as the index does (Tokenize) and counts
// them.
func (c *BagCounter) Count(text string) Bag {
	c.doc++
	c.ids, c.counts = c.ids[:0], c.counts[:0]
	for i := 0; ; {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		id, added := c.local.id(text[start:end])
		if added {
			c.global = append(c.global, c.t.Add(c.local.words[id]))
			c.inDoc = append(c.inDoc, inDoc{})
		}
		in := &c.inDoc[id]
		if in.doc != c.doc {
			in.doc, in.slot = c.doc, int32(len(c.ids))
			c.ids = append(c.ids, c.global[id])
			c.counts = append(c.counts, 0)
		}
		if n := &c.counts[in.slot]; *n < 0xffff {
			*n++
		}
	}
	if len(c.ids) == 0 {
		return Bag{Words: c.t}
	}
	return Bag{Words: c.t, IDs: slices.Clone(c.ids), Counts: slices.Clone(c.counts)}
}
