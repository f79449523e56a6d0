package search

import "strings"

// wordIDs numbers distinct words in the order they are first added: what
// a map[string]int32 would do, for the look-up of every word of every
// page. Words of up to 15 bytes (nearly all) are packed with their length
// into two machine words and kept in an open-addressing table, so that a
// look-up neither hashes a string nor follows a pointer to compare one;
// longer words go to a map.
type wordIDs struct {
	slots []packedWord // a power of two of them; the zero key marks a free slot
	ids   []int32      // by slot
	short int          // the words in slots
	long  map[string]int32
	words []string // by number: copies, which do not hold on to the pages' text
}

// packedWord is a word of 1 to 15 bytes: its bytes in order from the
// lowest of lo, and its length in the highest byte of hi.
type packedWord struct{ lo, hi uint64 }

// maxPacked is the length in bytes of the longest word wordIDs packs.
const maxPacked = 15

// pack packs w (1 to maxPacked bytes).
func pack(w string) packedWord {
	var k packedWord
	n := min(len(w), 8)
	for i := n - 1; i >= 0; i-- {
		k.lo = k.lo<<8 | uint64(w[i])
	}
	for i := len(w) - 1; i >= n; i-- {
		k.hi = k.hi<<8 | uint64(w[i])
	}
	k.hi |= uint64(len(w)) << 56
	return k
}

// slot is where k's search for a slot starts, given the table's mask.
func (k packedWord) slot(mask uint64) uint64 {
	x := k.lo ^ k.hi*0x9e3779b97f4a7c15
	x = (x ^ x>>32) * 0xd6e8feb86659fd93
	return (x ^ x>>32) & mask
}

// id returns w's number, numbering w if it is new (added).
func (t *wordIDs) id(w string) (id int32, added bool) {
	if len(w) == 0 || len(w) > maxPacked {
		return t.longID(w)
	}
	if 2*(t.short+1) > len(t.slots) {
		t.grow()
	}
	k := pack(w)
	mask := uint64(len(t.slots) - 1)
	for i := k.slot(mask); ; i = (i + 1) & mask {
		switch t.slots[i] {
		case k:
			return t.ids[i], false
		case packedWord{}:
			id = int32(len(t.words))
			t.slots[i], t.ids[i] = k, id
			t.short++
			t.words = append(t.words, strings.Clone(w))
			return id, true
		}
	}
}

// longID is id for the words that are not packed.
func (t *wordIDs) longID(w string) (id int32, added bool) {
	if id, ok := t.long[w]; ok {
		return id, false
	}
	if t.long == nil {
		t.long = map[string]int32{}
	}
	w = strings.Clone(w)
	id = int32(len(t.words))
	t.long[w] = id
	t.words = append(t.words, w)
	return id, true
}

// grow doubles the table (makes it, the first time) and places its words
// again.
func (t *wordIDs) grow() {
	slots, ids := t.slots, t.ids
	t.slots = make([]packedWord, max(1024, 2*len(slots)))
	t.ids = make([]int32, len(t.slots))
	mask := uint64(len(t.slots) - 1)
	for j, k := range slots {
		if k == (packedWord{}) {
			continue
		}
		i := k.slot(mask)
		for t.slots[i] != (packedWord{}) {
			i = (i + 1) & mask
		}
		t.slots[i], t.ids[i] = k, ids[j]
	}
}
