package i18n

import (
	"bytes"
	"slices"

	"golang.org/x/text/collate"
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
	type item struct {
		key []byte
		val T
	}
	items := make([]item, len(s))
	c.buf.Reset()
	for i, v := range s {
		// Keys point into c.buf and stay valid until the next Reset.
		items[i] = item{key: c.c.KeyFromString(&c.buf, key(v)), val: v}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return bytes.Compare(a.key, b.key)
	})
	for i := range items {
		s[i] = items[i].val
	}
	c.buf.Reset()
}
